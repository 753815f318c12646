// syzbot's protocol, each rule on a short hand-written thread: `#syz test` and the answer it got, tied to the
// patch tested; `#syz fix:`, `#syz dup:`, `#syz invalid`; the footer's placeholder commands are not commands;
// a Reported-and-tested-by the author copied into their own patch is not a test.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../helpers/mbox.ts';
import { conversation, gadgetPatch, KASAN_REPORT, SYZBOT } from '../../helpers/samples.ts';

const PAT = 'Pat Patcher <pat@example.org>';
const MAINT = 'Mia Maintainer <mia@example.org>';

const syzbotSays = (line: string) =>
  `Hello,\n\n${line}\n\nTested on:\n\ncommit:         1111111111aa Merge tag 'gadget-fixes'\ngit tree:       upstream\n\nNote: testing is done by a robot and is best-effort only.\n`;
const OK = syzbotSays(
  'syzbot has tested the proposed patch and the reproducer did not trigger any issue:\n\nReported-and-tested-by: syzbot+0123456789abcdef0123@syzkaller.appspotmail.com',
);
const CRASH = syzbotSays(
  'syzbot has tested the proposed patch but the reproducer is still triggering an issue:\nKASAN: slab-use-after-free Read in gadget_release',
);
const BROKEN = syzbotSays(
  'syzbot tried to test the proposed patch but the build/boot failed:\n\nfailed to apply patch:\nchecking file drivers/misc/gadget.c\npatch: **** unexpected end of file in patch',
);

describe('syzbot test results', () => {
  it('a test that did not trigger confirms the patch it was asked about', async () => {
    const t = await analyze(
      conversation([
        { from: SYZBOT, body: KASAN_REPORT },
        { from: PAT, body: `#syz test\n\n${gadgetPatch()}` },
        { from: SYZBOT, body: OK, re: 'm1@example.org' },
      ]),
    );
    expect(t.analysis.fix?.patchId).toBe('p1');
    expect(t.analysis.status).toBe('fixed');
    expect(t.analysis.decisions.fix.confidence).toBe('high');
    expect(t.analysis.decisions.fix.reasons[0]).toMatchObject({ signal: 'syz-test-ok', messageIndex: 2 });
    expect(t.analysis.timeline.find((e) => e.messageIndex === 2)?.kind).toBe('test');
  });

  it('a test that still crashed counts against the patch, and the next version that passed is the fix', async () => {
    const t = await analyze(
      conversation([
        { from: SYZBOT, body: KASAN_REPORT },
        { from: PAT, body: `#syz test\n\n${gadgetPatch('gadget->len = 0;')}` },
        { from: SYZBOT, body: CRASH, re: 'm1@example.org' },
        {
          from: 'Other Dev <other@example.org>',
          body: `Try this instead:\n\n#syz test\n\n${gadgetPatch('gadget->buf = NULL;', undefined, 'Other Dev <other@example.org>')}`,
          re: 'm2@example.org',
        },
        { from: SYZBOT, body: OK, re: 'm3@example.org' },
      ]),
    );
    const fix = t.analysis.patches.find((p) => p.id === t.analysis.fix?.patchId);
    expect(fix?.author).toBe('Other Dev');
    expect(t.analysis.patches.find((p) => p.author === 'Pat Patcher')?.role).not.toBe('fix');
  });

  it('a test that never ran (the patch did not apply) says nothing about the patch', async () => {
    const t = await analyze(
      conversation([
        { from: SYZBOT, body: KASAN_REPORT },
        { from: PAT, body: `#syz test\n\n${gadgetPatch()}` },
        { from: SYZBOT, body: BROKEN, re: 'm1@example.org' },
      ]),
    );
    expect(t.analysis.status).toBe('fix-proposed');
    expect(t.analysis.decisions.fix.reasons.map((r) => r.signal)).not.toContain('syz-test-ok');
  });

  it("a test of the requester's own tree is a test of their latest patch", async () => {
    const t = await analyze(
      conversation([
        { from: SYZBOT, body: KASAN_REPORT },
        { from: PAT, body: `How about this?\n\n${gadgetPatch()}` },
        { from: PAT, body: '#syz test: git://git.example.org/pat/linux.git gadget-fix', re: 'm1@example.org' },
        { from: SYZBOT, body: OK, re: 'm2@example.org' },
      ]),
    );
    expect(t.analysis.fix?.patchId).toBe('p1');
    expect(t.analysis.status).toBe('fixed');
  });

  it("the author's own Reported-and-tested-by: syzbot line in a patch is not a test", async () => {
    const t = await analyze(
      conversation([
        { from: SYZBOT, body: KASAN_REPORT },
        {
          from: PAT,
          body: gadgetPatch().replace('Signed-off-by:', 'Reported-and-tested-by: syzbot+0123456789abcdef0123@syzkaller.appspotmail.com\nSigned-off-by:'),
        },
      ]),
    );
    expect(t.analysis.status).toBe('fix-proposed');
    expect(t.analysis.decisions.fix.confidence).toBe('low');
  });
});

describe('syzbot commands', () => {
  it('#syz fix: names the fix by title when no patch is in the thread', async () => {
    const t = await analyze(
      conversation([
        { from: SYZBOT, body: KASAN_REPORT },
        { from: MAINT, body: 'This was fixed upstream last week.\n\n#syz fix: gadget: clear the buffer pointer on release' },
      ]),
    );
    expect(t.analysis.fix).toMatchObject({ patchId: null, subject: 'gadget: clear the buffer pointer on release' });
    expect(t.analysis.status).toBe('fixed');
    expect(t.analysis.decisions.status.confidence).toBe('high');
    expect(t.analysis.timeline.find((e) => e.messageIndex === 1)?.kind).toBe('resolution');
  });

  it('#syz fix: picks the patch in the thread with that title', async () => {
    const t = await analyze(
      conversation([
        { from: SYZBOT, body: KASAN_REPORT },
        { from: PAT, body: gadgetPatch('gadget->len = 0;', 'gadget: reset the length on release'), subject: '[PATCH] gadget: reset the length on release' },
        {
          from: PAT,
          body: gadgetPatch('gadget->buf = NULL;', 'gadget: clear the buffer pointer on release'),
          subject: '[PATCH] gadget: clear the buffer pointer on release',
        },
        { from: MAINT, body: '#syz fix: gadget: clear the buffer pointer on release' },
      ]),
    );
    expect(t.analysis.fix?.patchId).toBe('p2');
    expect(t.analysis.status).toBe('fixed');
  });

  it('#syz dup: closes the report as a duplicate, and a tested patch is still named', async () => {
    const t = await analyze(
      conversation([
        { from: SYZBOT, body: KASAN_REPORT },
        { from: PAT, body: `#syz test\n\n${gadgetPatch()}` },
        { from: SYZBOT, body: OK, re: 'm1@example.org' },
        { from: MAINT, body: '#syz dup: KASAN: use-after-free Read in gadget_open' },
      ]),
    );
    expect(t.analysis.status).toBe('duplicate');
    expect(t.analysis.duplicateOf).toEqual({ title: 'KASAN: use-after-free Read in gadget_open', messageIndex: 3 });
    expect(t.analysis.fix?.patchId).toBe('p1');
  });

  it("#syz invalid closes it as not a bug; the commands in syzbot's own footer are not commands", async () => {
    const t = await analyze(
      conversation([
        { from: SYZBOT, body: KASAN_REPORT },
        { from: MAINT, body: 'The reproducer loads a corrupted module on purpose.\n\n#syz invalid' },
      ]),
    );
    expect(t.analysis.status).toBe('not-a-bug');
    const footerOnly = await analyze(conversation([{ from: SYZBOT, body: KASAN_REPORT }]));
    expect(footerOnly.analysis.status).toBe('unresolved');
    expect(footerOnly.analysis.fix).toBeNull();
  });

  it("a quoted #syz command is the quoted person's, not the replier's", async () => {
    const t = await analyze(
      conversation([
        { from: SYZBOT, body: KASAN_REPORT },
        { from: MAINT, body: '> #syz invalid\n\nWhy invalid? The reproducer is fine.' },
      ]),
    );
    expect(t.analysis.status).not.toBe('not-a-bug');
  });
});

describe('a passed test overruled', () => {
  it('a reviewer who says the patch only passes the reproducer without fixing the real problem keeps it from being the fix', async () => {
    const t = await analyze(
      conversation([
        { from: SYZBOT, body: KASAN_REPORT },
        { from: PAT, body: `#syz test\n\n${gadgetPatch('if (!gadget->buf) return 0;')}` },
        { from: SYZBOT, body: OK, re: 'm1@example.org' },
        {
          from: 'Rex Reviewer <rex@example.org>',
          body: 'This change just passes the reproducer without fixing the real problem: the buffer is freed twice.',
          re: 'm1@example.org',
        },
      ]),
    );
    expect(t.analysis.status).not.toBe('fixed');
  });
});
