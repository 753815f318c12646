// How a report ends without a fix — not a bug, a duplicate, a workaround, a promise — and what overturns a
// verdict; and the culprit: a bisection's first bad commit, syzbot's bisection, a maintainer's "caused by my
// commit", a revert that cures it, regzbot's `introduced`, a report that blames a commit by name, and a
// bisection the thread rejects.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../helpers/mbox.ts';
import { conversation, gadgetPatch, KASAN_REPORT, SYZBOT } from '../../helpers/samples.ts';

const RITA = 'Rita Reporter <rita@example.org>';
const MAINT = 'Mia Maintainer <mia@example.org>';
const REPORT = 'Since 6.8 closing /dev/gadget twice hangs the machine; nothing in dmesg.';

const thread = (...replies: { from: string; body: string }[]) =>
  analyze(conversation([{ from: RITA, body: REPORT, subject: 'gadget: hang on second close' }, ...replies.map((r, i) => ({ ...r, re: `m${i}@example.org` }))]));

describe('verdicts', () => {
  it.each([
    'This is expected behaviour: the second close waits for the first by design.',
    'It was faulty RAM all along, memtest86 found errors.',
    'Not a kernel bug: the userspace tool closes the fd twice.',
    'I think this is a false positive.',
  ])('"%s" closes it as not a bug', async (says) => {
    const t = await thread({ from: MAINT, body: says });
    expect(t.analysis.status).toBe('not-a-bug');
    expect(t.analysis.decisions.status.reasons[0]?.quote).toBe(says);
    expect(t.analysis.timeline.at(-1)?.kind).toBe('resolution');
  });

  it.each(['Is this a hardware problem?', "I don't think this is a hardware problem.", 'If this is expected behaviour it should be documented.'])(
    '"%s" is no verdict',
    async (says) => {
      const t = await thread({ from: MAINT, body: says });
      expect(t.analysis.status).not.toBe('not-a-bug');
    },
  );

  it('a duplicate said by a developer, with nothing fixed here', async () => {
    const t = await thread({ from: MAINT, body: 'This is a duplicate of the hang reported last week by Dan.' });
    expect(t.analysis.status).toBe('duplicate');
    expect(t.analysis.duplicateOf?.messageIndex).toBe(1);
  });

  it('#regzbot invalid closes a regression as not a bug', async () => {
    const t = await thread({ from: MAINT, body: 'The application relies on an undocumented ordering.\n\n#regzbot invalid: userspace bug' });
    expect(t.analysis.status).toBe('not-a-bug');
    expect(t.analysis.decisions.status.confidence).toBe('high');
  });

  it('a promise of a fix is a proposal; a workaround is a workaround', async () => {
    expect((await thread({ from: MAINT, body: 'I see the problem, I will send a patch tomorrow.' })).analysis.status).toBe('fix-proposed');
    expect((await thread({ from: MAINT, body: 'As a workaround, booting with gadget.async=0 avoids the hang.' })).analysis.status).toBe('workaround');
  });
});

describe('culprit', () => {
  it("syzbot's bisection in the report", async () => {
    const report = KASAN_REPORT.replace(
      '==================',
      'The issue was bisected to:\n\ncommit 5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a\nAuthor: Sam Someone <sam@example.org>\nDate:   Mon Jan 1 00:00:00 2024 +0000\n\n    gadget: free the buffer early\n\nbisection log:  https://syzkaller.appspot.com/x/bisect.txt?x=1\n\n==================',
    );
    const t = await analyze(conversation([{ from: SYZBOT, body: report }]));
    expect(t.analysis.culprit).toMatchObject({ commit: '5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a', subject: 'gadget: free the buffer early' });
  });

  it('a bisection the thread rejects names no culprit, and a maintainer\'s "caused by my commit" does', async () => {
    const t = await thread(
      { from: RITA, body: 'I bisected it:\n\n5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a is the first bad commit' },
      {
        from: MAINT,
        body: 'That bisection is bogus, the commit only touches documentation. The hang may be caused by my commit 7b7b7b7b7b7b ("gadget: wait for pending I/O on close").',
      },
    );
    expect(t.analysis.culprit).toMatchObject({ commit: '7b7b7b7b7b7b', subject: 'gadget: wait for pending I/O on close' });
  });

  it("a revert that cures it, and regzbot's introduced", async () => {
    const byRevert = await thread({ from: RITA, body: 'Results:\n- 6.7: works\n- 6.8: hangs\n- 6.8 with 9c9c9c9c9c9c reverted: works' });
    expect(byRevert.analysis.culprit?.commit).toBe('9c9c9c9c9c9c');
    const byRegzbot = await thread({ from: 'Thor Tracker <thor@example.org>', body: '#regzbot introduced: 9c9c9c9c9c9c' });
    expect(byRegzbot.analysis.culprit?.commit).toBe('9c9c9c9c9c9c');
  });

  it("a bisection's result pasted as git prints it, below the sentence that tells of it", async () => {
    const gitShow = await thread({
      from: RITA,
      body: 'A bisect between 6.7 and 6.8 seems to indicate the following commit is the source:\n\n  commit 3e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3e\n  Author: Sam Someone <sam@example.org>\n  Date:   Mon Jan 1 00:00:00 2024 +0000\n\n      gadget: free the buffer early\n\n      Long description.\n',
    });
    expect(gitShow.analysis.culprit).toMatchObject({ commit: '3e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3e', subject: 'gadget: free the buffer early' });
    const gitBisect = await thread({
      from: RITA,
      body: 'After bisecting from v6.7 to v6.8, I isolated the problem to:\n\n[3e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3e] gadget: free the buffer early\n\nReverting it on top of 6.8 did not apply cleanly.',
    });
    expect(gitBisect.analysis.culprit).toMatchObject({ commit: '3e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3e', subject: 'gadget: free the buffer early' });
    // A request to bisect, followed by a commit someone wonders about, names no culprit.
    const asked = await thread({
      from: MAINT,
      body: 'Could you bisect this between 6.7 and 6.8?\n\n[3e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3e] gadget: free the buffer early\n\nlooks suspicious to me.',
    });
    expect(asked.analysis.culprit).toBeNull();
  });

  it("the fix's Fixes: tag", async () => {
    const t = await thread({
      from: MAINT,
      body: gadgetPatch().replace('Signed-off-by:', 'Fixes: 1a2b3c4d5e6f ("gadget: release the buffer on close")\nSigned-off-by:'),
    });
    expect(t.analysis.culprit).toMatchObject({ commit: '1a2b3c4d5e6f', subject: 'gadget: release the buffer on close' });
  });
});
