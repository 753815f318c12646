// A hijacked side thread kept out of the fix, the status and the timeline; the timeline's events and kinds;
// summaries that are whole sentences of the message's own words.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../helpers/mbox.ts';
import { conversation, gadgetPatch, KASAN_REPORT, SYZBOT } from '../../helpers/samples.ts';

const PAT = 'Pat Patcher <pat@example.org>';
const MAINT = 'Mia Maintainer <mia@example.org>';

describe('a hijacked side thread', () => {
  const mails = () => {
    const m = conversation([
      { from: SYZBOT, body: KASAN_REPORT },
      { from: PAT, body: `The buffer outlives the release.\n\n${gadgetPatch()}` },
      { from: MAINT, body: 'Applied, thanks.', re: 'm1@example.org' },
      // Two months later, someone new with a problem of their own.
      {
        from: 'Hank Hijacker <hank@example.org>',
        body: 'I have seen something like this on my server running 5.10: the gadget daemon hangs at boot.',
        re: 'm2@example.org',
      },
      { from: MAINT, body: 'That is a different problem, please try the patch from the stable tree and tell us. Still crashes?', re: 'm3@example.org' },
      { from: 'Hank Hijacker <hank@example.org>', body: 'Still crashes with it, same hang.', re: 'm4@example.org' },
    ]);
    for (const [i, date] of [
      [3, '10 May 2024 10:00:00 +0000'],
      [4, '11 May 2024 10:00:00 +0000'],
      [5, '12 May 2024 10:00:00 +0000'],
    ] as const)
      m[i].date = date;
    return m;
  };

  it('is left out of the fix, the status and the timeline', async () => {
    const t = await analyze(mails());
    expect(t.analysis.fix?.patchId).toBe('p1');
    expect(t.analysis.status).toBe('fixed');
    expect(t.analysis.timeline.map((e) => e.messageIndex).filter((i) => i >= 3)).toEqual([]);
  });

  it('a newcomer replying soon, or with a test of the patch, is not a side thread', async () => {
    const m = mails().slice(0, 4);
    m[3].date = '04 Mar 2024 10:00:00 +0000';
    const soon = await analyze(m);
    expect(soon.analysis.timeline.some((e) => e.messageIndex === 3)).toBe(true);
  });
});

describe('timeline', () => {
  it('gives each step its kind and a whole sentence of its own words', async () => {
    const t = await analyze(
      conversation([
        { from: SYZBOT, body: KASAN_REPORT },
        { from: MAINT, body: 'Looks like the release path frees the buffer while a reader still holds it. Can you try with CONFIG_GADGET_DEBUG=y?' },
        { from: PAT, body: `Does this help?\n\n${gadgetPatch()}`, re: 'm1@example.org' },
        { from: 'Tess Tester <tess@example.org>', body: 'That fixes it for me, thanks!', re: 'm2@example.org' },
        { from: MAINT, body: 'Applied, thanks.', re: 'm2@example.org' },
      ]),
    );
    expect(t.analysis.timeline.map((e) => [e.messageIndex, e.kind])).toEqual([
      [0, 'report'],
      [1, 'hypothesis'],
      [2, 'patch'],
      [3, 'test'],
      [4, 'applied'],
    ]);
    for (const e of t.analysis.timeline) {
      // Whole: the message's own words, never a word broken off where the summary ends.
      const flat = t.messages[e.messageIndex].segments.map((s) => s.text.replace(/\s+/g, ' ')).join(' ');
      const words = e.summary.replace(/ …$/, '');
      expect(flat).toContain(words);
      expect(flat.slice(flat.indexOf(words) + words.length)).toMatch(/^(?:\W|$)/);
    }
  });

  it('"Nope." and a greeting are not events of their own', async () => {
    const t = await analyze(
      conversation([
        { from: SYZBOT, body: KASAN_REPORT },
        { from: MAINT, body: 'Is CONFIG_GADGET_ASYNC set in the syzbot config?' },
        { from: 'Sam Someone <sam@example.org>', body: 'Nope.', re: 'm1@example.org' },
      ]),
    );
    expect(t.analysis.timeline.find((e) => e.messageIndex === 2)?.kind ?? 'other').toBe('other');
  });

  it('a result said in reply to a patch is a test, not a review of it', async () => {
    const t = await analyze(
      conversation([
        { from: SYZBOT, body: KASAN_REPORT },
        { from: PAT, body: `Maybe the reader holds the buffer across release?\n\n${gadgetPatch()}` },
        // Neither message names the patch it answers: only its words say a result.
        { from: 'Tess Tester <tess@example.org>', body: 'I can still hit the same crash, log below is from the patched kernel.', re: 'm2@example.org' },
        { from: 'Val Verifier <val@example.org>', body: 'Over the weekend we have been unable to reproduce the hang with it applied.', re: 'm2@example.org' },
      ]),
    );
    const kind = (i: number) => t.analysis.timeline.find((e) => e.messageIndex === i)?.kind;
    expect(kind(2)).toBe('test');
    expect(kind(3)).toBe('test');
  });

  it('the author sending a change on again is a patch event; the same diff under a #syz test is the test', async () => {
    const resend = gadgetPatch().replace('Signed-off-by:', 'Reviewed-by: Mia Maintainer <mia@example.org>\nSigned-off-by:');
    const t = await analyze(
      conversation([
        { from: SYZBOT, body: KASAN_REPORT },
        { from: PAT, body: `Does this help?\n\n${gadgetPatch()}`, re: 'm0@example.org' },
        { from: MAINT, body: 'Looks right to me.\n\nReviewed-by: Mia Maintainer <mia@example.org>', re: 'm1@example.org' },
        { from: PAT, body: `#syz test\n\n${gadgetPatch()}`, re: 'm0@example.org' },
        // Sent on with an in-body header line first, typed by hand (lower case, so no patch tool reads it).
        { from: PAT, body: `from: ${PAT}\n\n${resend}`, re: 'm1@example.org' },
      ]),
    );
    const kind = (i: number) => t.analysis.timeline.find((e) => e.messageIndex === i)?.kind;
    expect(kind(3)).toBe('test');
    expect(kind(4)).toBe('patch');
    expect(t.analysis.timeline.find((e) => e.messageIndex === 4)?.summary).toBe('The release path frees the buffer but leaves the pointer behind.');
  });

  it('a bisection is the step of whoever ran it; talk about it by others is reasoning', async () => {
    const t = await analyze(
      conversation([
        { from: 'Rita Reporter <rita@example.org>', body: `Since 6.8 closing the gadget crashes:\n\n${KASAN_REPORT}` },
        { from: 'Bob Bisector <bob@example.org>', body: 'I bisected it on my board to 0123456789ab ("gadget: free the buffer early").', re: 'm0@example.org' },
        {
          from: MAINT,
          body: 'While the bisection points at the early free, the reader still holding the buffer is older than that commit.',
          re: 'm1@example.org',
        },
      ]),
    );
    const kind = (i: number) => t.analysis.timeline.find((e) => e.messageIndex === i)?.kind;
    expect(kind(1)).toBe('bisect');
    expect(kind(2)).toBe('hypothesis');
  });

  it('a failed reproduction that ends in a question asks for what the hunt needs; a reproduction alone is a test', async () => {
    const t = await analyze(
      conversation([
        { from: 'Rita Reporter <rita@example.org>', body: `Reading /dev/gadget after closing it crashes:\n\n${KASAN_REPORT}` },
        {
          from: MAINT,
          body: 'I ran your reproducer in a loop on 6.8 for an hour and cannot reproduce it here. Can you send your .config and say which compiler you use?',
        },
        { from: PAT, body: 'We were able to reproduce it on arm64 with KASAN enabled, after about ten minutes.', re: 'm1@example.org' },
      ]),
    );
    const kind = (i: number) => t.analysis.timeline.find((e) => e.messageIndex === i)?.kind;
    expect(kind(1)).toBe('question');
    expect(kind(2)).toBe('test');
  });
});

describe('a side thread that brings its own crash', () => {
  it('a newcomer posting a different crash log after the thread went quiet is kept out, with the replies to it', async () => {
    const m = conversation([
      { from: SYZBOT, body: KASAN_REPORT },
      { from: 'Mia Maintainer <mia@example.org>', body: 'The release path frees the buffer while a reader holds it; I will send a fix.' },
      {
        from: 'Nora Newcomer <nora@example.org>',
        re: 'm1@example.org',
        body: 'Users of our distribution report a hang that may be related:\n\n[  120.000001] INFO: task gadgetd:512 blocked for more than 120 seconds.\n[  120.000002]       Not tainted 6.1.50 #1\n[  120.000003] task:gadgetd         state:D stack:0     pid:512   ppid:1      flags:0x00004000\n[  120.000004] Call Trace:\n[  120.000005]  <TASK>\n[  120.000006]  __schedule+0x3fc/0x1430\n[  120.000007]  schedule+0x5e/0xe0\n[  120.000008]  gadget_wait_idle+0x61/0xf0\n[  120.000009]  gadget_ioctl+0x1a2/0x300\n[  120.000010]  __x64_sys_ioctl+0x8f/0xd0\n[  120.000011]  </TASK>\n\nAny idea?',
      },
      { from: 'Mia Maintainer <mia@example.org>', re: 'm2@example.org', body: 'Please bisect it, that looks like a different problem.' },
    ]);
    m[2].date = '20 Apr 2024 10:00:00 +0000';
    m[3].date = '21 Apr 2024 10:00:00 +0000';
    const t = await analyze(m);
    expect(t.analysis.timeline.map((e) => e.messageIndex)).toEqual([0, 1]);
  });
});

describe('the report', () => {
  it('is the first message when its subject names the crash, though the crash log comes later', async () => {
    const t = await analyze(
      conversation([
        {
          from: 'Mia Maintainer <mia@example.org>',
          body: 'Looks like the release path again; adding Pat.',
          subject: 'Re: [syzbot] KASAN: slab-use-after-free Read in gadget_release',
        },
        { from: PAT, body: 'I will look at it.', re: 'm0@example.org', subject: 'Re: [syzbot] KASAN: slab-use-after-free Read in gadget_release' },
        {
          from: 'Sam Someone <sam@example.org>',
          body: 'Agreed.',
          re: 'm1@example.org',
          subject: 'Re: [syzbot] KASAN: slab-use-after-free Read in gadget_release',
        },
        {
          from: 'Tess Tester <tess@example.org>',
          body: 'Seen again.',
          re: 'm2@example.org',
          subject: 'Re: [syzbot] KASAN: slab-use-after-free Read in gadget_release',
        },
        {
          from: SYZBOT,
          body: KASAN_REPORT.replace('syzbot found the following issue on:', 'syzbot has found a reproducer for the following issue on:'),
          re: null,
          subject: '[syzbot] KASAN: slab-use-after-free Read in gadget_release',
        },
      ]),
    );
    expect(t.analysis.reportIndex).toBe(0);
    expect(t.analysis.timeline[0]).toMatchObject({ messageIndex: 0, kind: 'report' });
  });
});
