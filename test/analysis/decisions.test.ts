// The judgement calls on small threads written for the test: which patch is the fix, what a statement is
// about, when a thread is fixed, proposed, not a bug, and what the culprit is.
import { describe, expect, it } from 'vitest';
import { analyze, type Mail } from '../helpers/mbox.ts';

const OOPS = `[   42.000001] BUG: unable to handle kernel NULL pointer dereference at 0000000000000010
[   42.000002] IP: [<ffffffff81234567>] widget_release+0x2a/0x90 [widget]
[   42.000003] Oops: 0000 [#1] SMP
[   42.000004] CPU: 1 PID: 777 Comm: cat Not tainted 4.9.0-rc3 #12
[   42.000005] RIP: 0010:[<ffffffff81234567>]  [<ffffffff81234567>] widget_release+0x2a/0x90 [widget]
[   42.000006] Call Trace:
[   42.000007]  [<ffffffff811c1234>] __fput+0xd4/0x1f0
[   42.000008]  [<ffffffff811c13ee>] ____fput+0xe/0x10`;

const fixDiff = (line: string) => `---
 drivers/misc/widget.c | 3 ++-
 1 file changed, 2 insertions(+), 1 deletion(-)

diff --git a/drivers/misc/widget.c b/drivers/misc/widget.c
index 1111111..2222222 100644
--- a/drivers/misc/widget.c
+++ b/drivers/misc/widget.c
@@ -40,7 +40,8 @@ static int widget_release(struct inode *inode, struct file *f)
 \tstruct widget *w = f->private_data;
-\tkfree(w->buf);
+\t${line}
+\tw->buf = NULL;
 \treturn 0;
 }`;

const debugDiff = `diff --git a/drivers/misc/widget.c b/drivers/misc/widget.c
--- a/drivers/misc/widget.c
+++ b/drivers/misc/widget.c
@@ -40,6 +40,8 @@ static int widget_release(struct inode *inode, struct file *f)
 \tstruct widget *w = f->private_data;
+\tprintk(KERN_ERR "widget: release %p buf %p\\n", w, w->buf);
+\tdump_stack();
 \tkfree(w->buf);
 \treturn 0;
 }`;

function thread(extra: Mail[]): Mail[] {
  return [
    {
      from: 'Rita Reporter <rita@example.org>',
      date: 'Mon, 7 Nov 2016 09:00:00 +0100',
      subject: '[BUG] 4.9-rc3: oops in widget_release',
      id: 'r1@x',
      body: `Closing /dev/widget twice oopses:\n\n${OOPS}\n\nRita`,
    },
    ...extra,
  ];
}

describe('which patch is the fix', () => {
  it('prefers the patch a tester confirms over a debug patch and a patch the author doubts', async () => {
    const t = await analyze(
      thread([
        {
          from: 'Dan Debug <dan@example.org>',
          date: 'Mon, 7 Nov 2016 10:00:00 +0100',
          subject: 'Re: [BUG] 4.9-rc3: oops in widget_release',
          id: 'd1@x',
          replyTo: 'r1@x',
          body: `Can you run with this debug patch to gather more info?\n\n${debugDiff}`,
        },
        {
          from: 'Guy Guess <guy@example.org>',
          date: 'Mon, 7 Nov 2016 11:00:00 +0100',
          subject: 'Re: [BUG] 4.9-rc3: oops in widget_release',
          id: 'g1@x',
          replyTo: 'r1@x',
          body: `Totally untested, and I do not expect this patch to matter for this oops:\n\n${fixDiff('kfree_sensitive(w->buf);')}`,
        },
        {
          from: 'Rita Reporter <rita@example.org>',
          date: 'Mon, 7 Nov 2016 12:00:00 +0100',
          subject: 'Re: [BUG] 4.9-rc3: oops in widget_release',
          id: 'r2@x',
          replyTo: 'g1@x',
          body: 'Still oopses with that one, same trace.',
        },
        {
          from: 'Mia Maintainer <mia@example.org>',
          date: 'Tue, 8 Nov 2016 09:00:00 +0100',
          subject: '[PATCH] widget: clear the buffer pointer on release',
          id: 'm1@x',
          replyTo: 'r1@x',
          body: `The buffer is freed twice when the device is closed twice: widget_release() frees w->buf but leaves the pointer behind.\n\nFixes: 0123456789ab ("widget: add release hook")\nSigned-off-by: Mia Maintainer <mia@example.org>\n${fixDiff('kfree(w->buf);')}`,
        },
        {
          from: 'Rita Reporter <rita@example.org>',
          date: 'Tue, 8 Nov 2016 10:00:00 +0100',
          subject: 'Re: [PATCH] widget: clear the buffer pointer on release',
          id: 'r3@x',
          replyTo: 'm1@x',
          body: 'That fixes it for me, thanks!\n\nTested-by: Rita Reporter <rita@example.org>',
        },
        {
          from: 'Greg Gatekeeper <greg@example.org>',
          date: 'Wed, 9 Nov 2016 09:00:00 +0100',
          subject: 'Re: [PATCH] widget: clear the buffer pointer on release',
          id: 'k1@x',
          replyTo: 'm1@x',
          body: 'Applied to char-misc-linus, thanks.',
        },
      ]),
    );
    const a = t.analysis;
    expect(a.symptoms[0]).toMatchObject({ title: 'BUG: unable to handle kernel NULL pointer dereference in widget_release', kernelVersion: '4.9.0-rc3' });
    const role = (author: string) => a.patches.find((p) => p.author === author)?.role;
    expect(role('Dan Debug')).toBe('debug');
    expect(role('Guy Guess')).not.toBe('fix');
    expect(role('Mia Maintainer')).toBe('fix');
    expect(a.fix?.subject).toBe('widget: clear the buffer pointer on release');
    expect(a.fix?.evidence.map((e) => e.quote)).toEqual(expect.arrayContaining(['That fixes it for me, thanks!', 'Applied to char-misc-linus, thanks.']));
    expect(a.culprit).toMatchObject({ commit: '0123456789ab', subject: 'widget: add release hook' });
    expect(a.status).toBe('fixed');
    expect(a.rootCause?.citations[0].quote).toMatch(/^The buffer is freed twice/);
    const roles = Object.fromEntries(a.participants.map((p) => [p.name, p.roles]));
    expect(roles['Rita Reporter']).toEqual(expect.arrayContaining(['reporter', 'tester']));
    expect(roles['Mia Maintainer']).toContain('fixer');
    expect(roles['Greg Gatekeeper']).toContain('maintainer');
    expect(a.timeline.map((e) => e.kind)).toEqual(expect.arrayContaining(['report', 'patch', 'test', 'applied']));
    // The debugging patch probes a theory; the timeline does not count it among the fixes tried.
    expect(a.timeline.find((e) => e.actor === 'Dan Debug')?.kind).toBe('hypothesis');
  });

  it('calls an unconfirmed patch a proposal', async () => {
    const t = await analyze(
      thread([
        {
          from: 'Mia Maintainer <mia@example.org>',
          date: 'Tue, 8 Nov 2016 09:00:00 +0100',
          subject: '[PATCH] widget: clear the buffer pointer on release',
          id: 'm1@x',
          replyTo: 'r1@x',
          body: `Signed-off-by: Mia Maintainer <mia@example.org>\n${fixDiff('kfree(w->buf);')}`,
        },
      ]),
    );
    // Named as the fix on the table, with low confidence and nothing confirming it.
    expect(t.analysis.fix?.patchId).toBe('p1');
    expect(t.analysis.status).toBe('fix-proposed');
    expect(t.analysis.decisions?.fix.confidence).toBe('low');
    expect(t.analysis.decisions?.status.confidence).toBe('low');
  });

  it('takes a bisection as the culprit and a reporter who finds bad RAM as not a bug', async () => {
    const t = await analyze(
      thread([
        {
          from: 'Rita Reporter <rita@example.org>',
          date: 'Tue, 8 Nov 2016 09:00:00 +0100',
          subject: 'Re: [BUG] 4.9-rc3: oops in widget_release',
          id: 'r2@x',
          replyTo: 'r1@x',
          body: 'I bisected it:\n\n5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a is the first bad commit\ncommit 5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a\nAuthor: Someone <s@example.org>\nDate:   Mon Oct 3 10:00:00 2016 +0200\n\n    widget: rework release\n',
        },
        {
          from: 'Rita Reporter <rita@example.org>',
          date: 'Wed, 9 Nov 2016 09:00:00 +0100',
          subject: 'Re: [BUG] 4.9-rc3: oops in widget_release',
          id: 'r3@x',
          replyTo: 'r2@x',
          body: 'Sorry for the noise: memtest86 found errors, it was faulty RAM all along.',
        },
      ]),
    );
    expect(t.analysis.culprit).toMatchObject({ commit: '5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a', subject: 'widget: rework release' });
    expect(t.analysis.status).toBe('not-a-bug');
    expect(t.analysis.participants.find((p) => p.name === 'Rita Reporter')?.roles).toEqual(['reporter', 'bisector']);
  });

  it('ignores what only quoted text says', async () => {
    const t = await analyze(
      thread([
        {
          from: 'Mia Maintainer <mia@example.org>',
          date: 'Tue, 8 Nov 2016 09:00:00 +0100',
          subject: '[PATCH] widget: clear the buffer pointer on release',
          id: 'm1@x',
          replyTo: 'r1@x',
          body: `Signed-off-by: Mia Maintainer <mia@example.org>\n${fixDiff('kfree(w->buf);')}`,
        },
        {
          from: 'Otto Other <otto@example.org>',
          date: 'Tue, 8 Nov 2016 10:00:00 +0100',
          subject: 'Re: [PATCH] widget: clear the buffer pointer on release',
          id: 'o1@x',
          replyTo: 'm1@x',
          body: '> That fixes it for me, thanks!\n> Applied, thanks.\n\nWhy would the pointer survive the free?',
        },
      ]),
    );
    // The quoted "fixes it" and "Applied" confirm nothing: the patch stays a proposal.
    expect(t.analysis.decisions?.fix.reasons).toEqual([]);
    expect(t.analysis.status).toBe('fix-proposed');
    expect(t.analysis.timeline.every((e) => !e.summary.includes('That fixes it'))).toBe(true);
  });
});
