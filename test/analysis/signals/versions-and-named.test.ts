// Versions of one change and fixes named rather than shown: a later version supersedes an earlier one unless
// the earlier one was the one taken; a sketch and its reworked, reviewed successor are one line of work; a fix
// named by commit id and title, by a git.kernel.org URL or by a lore link; a debug patch is never the fix.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../helpers/mbox.ts';
import { conversation, gadgetPatch, KASAN_REPORT, SYZBOT } from '../../helpers/samples.ts';

const PAT = 'Pat Patcher <pat@example.org>';
const MAINT = 'Mia Maintainer <mia@example.org>';
const TESS = 'Tess Tester <tess@example.org>';
const SUBJECT = 'gadget: clear the buffer pointer on release';

describe('versions', () => {
  it('the reviewed and applied v3 is the fix, not the v1 that was tested first', async () => {
    const t = await analyze(
      conversation([
        { from: SYZBOT, body: KASAN_REPORT },
        { from: PAT, body: gadgetPatch('gadget->buf = NULL;', SUBJECT), subject: `[PATCH] ${SUBJECT}` },
        { from: TESS, body: 'Works for me.', re: 'm1@example.org' },
        { from: PAT, body: gadgetPatch('gadget->buf = NULL; gadget->len = 0;', SUBJECT), subject: `[PATCH v2] ${SUBJECT}`, re: 'm1@example.org' },
        { from: PAT, body: gadgetPatch('WRITE_ONCE(gadget->buf, NULL);', SUBJECT), subject: `[PATCH v3] ${SUBJECT}`, re: 'm3@example.org' },
        { from: 'Rex Reviewer <rex@example.org>', body: 'Reviewed-by: Rex Reviewer <rex@example.org>', re: 'm4@example.org' },
        { from: MAINT, body: 'Applied v3, thanks.', re: 'm4@example.org' },
      ]),
    );
    expect(t.analysis.fix?.patchId).toBe('p3');
    expect(t.analysis.patches.find((p) => p.id === 'p1')?.role).toBe('candidate');
    expect(t.analysis.status).toBe('fixed');
  });

  it('with nothing taken, the last version stands for the change', async () => {
    const t = await analyze(
      conversation([
        { from: SYZBOT, body: KASAN_REPORT },
        { from: PAT, body: gadgetPatch('gadget->buf = NULL;', SUBJECT), subject: `[PATCH] ${SUBJECT}` },
        { from: PAT, body: gadgetPatch('WRITE_ONCE(gadget->buf, NULL);', SUBJECT), subject: `[PATCH v2] ${SUBJECT}`, re: 'm1@example.org' },
      ]),
    );
    expect(t.analysis.fix?.patchId).toBe('p2');
    expect(t.analysis.status).toBe('fix-proposed');
  });

  it("an untitled sketch and the same author's titled rework of the same file are one change", async () => {
    const t = await analyze(
      conversation([
        { from: SYZBOT, body: KASAN_REPORT },
        { from: PAT, body: `Something like this, untested:\n\n${gadgetPatch('gadget->buf = NULL;')}` },
        { from: TESS, body: 'That fixes it for me.', re: 'm1@example.org' },
        { from: PAT, body: gadgetPatch('WRITE_ONCE(gadget->buf, NULL);', SUBJECT), subject: `[PATCH] ${SUBJECT}`, re: null },
        { from: MAINT, body: 'Applied, thanks.', re: 'm3@example.org' },
      ]),
    );
    expect(t.analysis.fix?.patchId).toBe('p2');
    expect(t.analysis.fix?.subject).toBe(SUBJECT);
  });

  it("a copy of the patch an Outlook reply quotes (no `>`, a 'From: … [mailto:…]' header) does not stand for the author's posting", async () => {
    const outlookQuote = [
      'We will try it tonight.',
      '',
      '-----Original Message-----',
      'From: Pat Patcher [mailto:pat@example.org]',
      'Sent: Tuesday, March 5, 2024 11:08 AM',
      'Subject: Re: gadget: hang on second close',
      '',
      gadgetPatch(),
    ].join('\n');
    const t = await analyze(
      conversation([
        { from: TESS, body: KASAN_REPORT },
        { from: PAT, body: gadgetPatch() },
        { from: TESS, body: outlookQuote, re: 'm1@example.org' },
      ]),
    );
    const fix = t.analysis.patches.find((p) => p.id === t.analysis.fix?.patchId);
    expect(fix?.messageIndex).toBe(1);
  });

  it('a debug patch that only adds printks is never the fix, however it is thanked', async () => {
    const debug = gadgetPatch('pr_info("gadget release %p\\n", gadget->buf);');
    const t = await analyze(
      conversation([
        { from: SYZBOT, body: KASAN_REPORT },
        { from: PAT, body: `Please run with this debug patch:\n\n${debug}` },
        { from: TESS, body: 'Thanks, here is the output with it.', re: 'm1@example.org' },
      ]),
    );
    expect(t.analysis.patches[0].role).toBe('debug');
    expect(t.analysis.fix).toBeNull();
  });
});

describe('a fix named, not shown', () => {
  it('by commit id and title, with the words that make it the fix', async () => {
    const t = await analyze(
      conversation([
        { from: SYZBOT, body: KASAN_REPORT },
        { from: MAINT, body: 'This is fixed by 0123456789ab ("gadget: clear the buffer pointer on release"), which is in -rc2.' },
      ]),
    );
    expect(t.analysis.fix).toMatchObject({ patchId: null, commit: '0123456789ab', subject: SUBJECT });
    expect(t.analysis.status).toBe('fixed');
    expect(t.analysis.decisions.fix.reasons[0]).toMatchObject({ signal: 'fixed-by', messageIndex: 1 });
  });

  it('by a git.kernel.org URL followed by the words about it', async () => {
    const t = await analyze(
      conversation([
        { from: SYZBOT, body: KASAN_REPORT },
        {
          from: MAINT,
          body: 'This:\n\nhttps://git.kernel.org/pub/scm/linux/kernel/git/mia/misc.git/commit/?h=fixes&id=0123456789abcdef0123456789abcdef01234567\n\nis in the fixes branch. We think it addresses this crash.',
        },
      ]),
    );
    expect(t.analysis.fix?.commit).toBe('0123456789abcdef0123456789abcdef01234567');
    expect(t.analysis.status).toBe('fixed');
  });

  it('by a lore link to a posting: a proposal, not yet a fix', async () => {
    const t = await analyze(
      conversation([
        { from: SYZBOT, body: KASAN_REPORT },
        { from: PAT, body: 'https://lore.kernel.org/lkml/20240305-gadget-v1-1@example.org/\n\nI think this will fix it.' },
      ]),
    );
    expect(t.analysis.fix?.link).toBe('https://lore.kernel.org/lkml/20240305-gadget-v1-1@example.org/');
    expect(t.analysis.status).toBe('fix-proposed');
  });

  it('a commit named as the cause is not the fix', async () => {
    const t = await analyze(
      conversation([
        { from: SYZBOT, body: KASAN_REPORT },
        { from: MAINT, body: 'This was introduced by 0123456789ab ("gadget: free the buffer early"), and it fixes nothing.' },
      ]),
    );
    expect(t.analysis.fix).toBeNull();
    expect(t.analysis.culprit?.commit).toBe('0123456789ab');
  });

  it('a commit id of digits alone, named for stable, takes its title from where the thread gave it', async () => {
    const t = await analyze(
      conversation([
        { from: 'Rita Reporter <rita@example.org>', body: 'Since 6.6.20 the gadget driver crashes on close.' },
        {
          from: MAINT,
          body: '> Since 6.6.20 the gadget driver crashes on close.\n\nThe backport needs 123456789012 ("gadget: keep the buffer until release") as well.',
          re: 'm0@example.org',
        },
        { from: MAINT, body: 'So we can apply 123456789012 to 6.6.y, or revert the backport.', re: 'm1@example.org' },
      ]),
    );
    expect(t.analysis.fix).toMatchObject({ commit: '123456789012', subject: 'gadget: keep the buffer until release' });
  });

  it('a message that names the fix and reports a result is a test in the timeline', async () => {
    const t = await analyze(
      conversation([
        { from: 'Rita Reporter <rita@example.org>', body: `Since 6.6.20 closing the gadget crashes:\n\n${KASAN_REPORT}` },
        { from: MAINT, body: 'That looks like what 123456789012 ("gadget: keep the buffer until release") addressed upstream.', re: 'm0@example.org' },
        { from: MAINT, body: 'I can no longer reproduce the crash on the fixed kernel. So we can apply 123456789012 to 6.6.y.', re: 'm1@example.org' },
      ]),
    );
    expect(t.analysis.timeline.find((e) => e.messageIndex === 2)?.kind).toBe('test');
  });
});

describe('what is not the fix', () => {
  it('a Closes: trailer links the report, never the fix', async () => {
    const t = await analyze(
      conversation([
        { from: 'Rita Reporter <rita@example.org>', body: 'Since 6.9 closing /dev/gadget twice crashes.' },
        {
          from: PAT,
          body: gadgetPatch().replace('Signed-off-by:', 'Closes: https://lore.kernel.org/all/m0@example.org/\nSigned-off-by:'),
          re: 'm0@example.org',
        },
      ]),
    );
    expect(t.analysis.fix?.patchId).toBe('p1');
    expect(t.analysis.fix?.link ?? null).toBeNull();
  });

  it("a diff someone else sends in a reply is a suggestion, not the patch's next version", async () => {
    const t = await analyze(
      conversation([
        { from: SYZBOT, body: KASAN_REPORT },
        { from: PAT, body: gadgetPatch('gadget->buf = NULL;', SUBJECT), subject: `[PATCH] ${SUBJECT}` },
        { from: MAINT, body: 'Thanks, added it to my fixes tree.', re: 'm1@example.org', subject: `Re: [PATCH] ${SUBJECT}` },
        {
          from: 'Rex Reviewer <rex@example.org>',
          body: `Can we hide this behind a helper, something like:\n\n${gadgetPatch('gadget_forget_buf(gadget);', undefined, 'Rex Reviewer <rex@example.org>')}`,
          re: 'm1@example.org',
          subject: `Re: [PATCH] ${SUBJECT}`,
        },
      ]),
    );
    expect(t.analysis.patches.find((p) => p.id === t.analysis.fix?.patchId)?.author).toBe('Pat Patcher');
    expect(t.analysis.status).toBe('fixed');
  });
});

describe('debug patches and counter-proposals', () => {
  it('a diff of printks split over lines, mangled by a mail client, with a flag for them, is a debug patch', async () => {
    const debug = [
      'diff --git a/drivers/misc/gadget.c b/drivers/misc/gadget.c',
      '--- a/drivers/misc/gadget.c',
      '+++ b/drivers/misc/gadget.c',
      '@@ -85,6 +85,10 @@ static int gadget_release(struct inode *inode, struct file *f)',
      ' \tstruct gadget *gadget = f->private_data;',
      ' +\tdev_err(gadget->dev, "GADGETDBG release\\n");',
      '+\tbool waited;',
      '+\tdev_err(gadget->dev, "GADGETDBG %pS waits\\n",',
      '+\t\t__builtin_return_address(0));',
      '+\twaited = flush_delayed_work(&gadget->work);',
      ' \tkfree(gadget->buf);',
    ].join('\n');
    const t = await analyze(
      conversation([
        { from: 'Rita Reporter <rita@example.org>', body: 'Since 6.9 closing /dev/gadget twice hangs.' },
        { from: MAINT, body: `Please add the following to the driver and send the log:\n\n${debug}`, re: 'm0@example.org' },
      ]),
    );
    expect(t.analysis.patches[0].role).toBe('debug');
    expect(t.analysis.fix).toBeNull();
  });

  it("a maintainer's own diff in answer to a submitted patch is the proposal on the table", async () => {
    const t = await analyze(
      conversation([
        { from: SYZBOT, body: KASAN_REPORT },
        { from: PAT, body: gadgetPatch('gadget->len = 0;', SUBJECT), subject: `[PATCH] ${SUBJECT}` },
        {
          from: MAINT,
          body: `Hmm, I'd rather do it in the release path itself, something like below:\n\n${gadgetPatch('gadget_forget_buf(gadget);', undefined, MAINT)}`,
          re: 'm1@example.org',
          subject: `Re: [PATCH] ${SUBJECT}`,
        },
      ]),
    );
    expect(t.analysis.patches.find((p) => p.id === t.analysis.fix?.patchId)?.author).toBe('Mia Maintainer');
    expect(t.analysis.status).toBe('fix-proposed');
  });
});

describe('a fix posted elsewhere and tested here', () => {
  it('a "works" under "the fix is submitted here: <link>" confirms that fix, not an older patch of the thread', async () => {
    const t = await analyze(
      conversation([
        { from: 'Rita Reporter <rita@example.org>', body: 'Since 6.9 the gadget driver warns on every close.' },
        { from: PAT, body: `Maybe this helps:\n\n${gadgetPatch('gadget->len = 0;')}`, re: 'm0@example.org' },
        {
          from: MAINT,
          body: 'The real fix is submitted here, please feel free to test:\n\nhttps://lore.kernel.org/all/20240310-gadget-fix-v1-1@example.org/',
          re: 'm0@example.org',
        },
        {
          from: 'Rita Reporter <rita@example.org>',
          body: 'No warnings after 20 hours with it.\n\nTested-by: Rita Reporter <rita@example.org>',
          re: 'm2@example.org',
        },
      ]),
    );
    expect(t.analysis.fix).toMatchObject({ patchId: null, link: 'https://lore.kernel.org/all/20240310-gadget-fix-v1-1@example.org/' });
    expect(t.analysis.status).toBe('fixed');
    expect(t.analysis.decisions.fix.reasons.map((r) => r.signal)).toEqual(expect.arrayContaining(['fixed-by', 'tested']));
  });
});
