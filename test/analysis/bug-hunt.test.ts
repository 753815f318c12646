// Which threads are bug hunts (`--bugs-only`), on small hand-written threads.
import { describe, expect, it } from 'vitest';
import { bugEvidence } from '../../src/analysis/index.ts';
import { analyze, numberedMail } from '../helpers/mbox.ts';

const patch = (subject: string, trailers: string[] = []) =>
  numberedMail(
    1,
    subject,
    [
      'The widget needs a new setting.',
      '',
      ...trailers,
      'Signed-off-by: Person 1 <p1@example.org>',
      '---',
      ' drivers/misc/widget.c | 1 +',
      '',
      'diff --git a/drivers/misc/widget.c b/drivers/misc/widget.c',
      '--- a/drivers/misc/widget.c',
      '+++ b/drivers/misc/widget.c',
      '@@ -10,3 +10,4 @@ static int widget_probe(struct device *dev)',
      ' \tint err;',
      '+\twidget->knob = 1;',
      ' \treturn 0;',
      ' }',
    ].join('\n'),
  );

async function evidence(mails: Parameters<typeof analyze>[0]) {
  const t = await analyze(mails);
  return bugEvidence(t, t.analysis);
}

describe('bug hunts', () => {
  it('a crash report', async () => {
    const kasan = [
      'Hello, running my tests I hit this:',
      '',
      '==================================================================',
      'BUG: KASAN: slab-use-after-free in widget_release+0x21/0x90',
      'Read of size 8 at addr ffff888012345678 by task widgetd/123',
      '',
      'Call Trace:',
      ' <TASK>',
      ' dump_stack_lvl+0x56/0x80',
      ' kasan_report+0xb9/0xf0',
      ' widget_release+0x21/0x90',
      ' __fput+0x1a2/0x4d0',
      ' </TASK>',
    ].join('\n');
    expect(await evidence([numberedMail(1, 'use-after-free when closing the widget', kasan)])).toBe('crash report');
  });

  it('a regression report, by its subject', async () => {
    expect(await evidence([numberedMail(1, '[REGRESSION] 6.1: the widget stays off after resume', 'Since 6.1 it stays off.')])).toBe('regression report');
  });

  it('a report in words of something broken', async () => {
    expect(await evidence([numberedMail(1, 'filesystem corruption after unplugging the widget', 'The files are garbage afterwards.')])).toBe('bug report');
  });

  it('a bug-fix patch: by its Fixes: trailer, or its subject', async () => {
    expect(await evidence([patch('[PATCH] widget: set the knob at probe', ['Fixes: 0123456789ab ("widget: add probe")'])])).toBe('bug-fix patch');
    expect(await evidence([patch('[PATCH net] widget: fix a refcount leak in probe')])).toBe('bug-fix patch');
    expect(await evidence([patch('[PATCH] Revert "widget: add probe"')])).toBe('bug-fix patch');
  });

  it('not a feature series, a cleanup or an announcement', async () => {
    expect(await evidence([patch('[PATCH v2 1/3] widget: add a sysfs knob')])).toBeNull();
    expect(await evidence([patch('[PATCH] widget: use the common prefix for messages')])).toBeNull();
    expect(await evidence([numberedMail(1, '[ANNOUNCE] widget-tools 2.0 released', 'New version out.')])).toBeNull();
    // A report's words in a patch posting's subject do not make it a report.
    expect(await evidence([patch('[PATCH] widget: document the error codes')])).toBeNull();
  });
});
