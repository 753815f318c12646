// Which report a thread is about (src/analysis/symptoms/main-symptom.ts): the one its subject names, else
// the first message that shows one; in that message a sanitizer's report or the first full report, not the
// panic, the one-line complaint or the file system message around it; replies' words between equals.
import { describe, expect, it } from 'vitest';
import { findSymptoms, mainSymptomFirst } from '../../src/analysis/symptoms/index.ts';
import { analyze, numberedMail as mail, type Mail } from '../helpers/mbox.ts';

const ordered = async (mails: Mail[]) => {
  const t = await analyze(mails);
  const symptoms = findSymptoms(t);
  return { symptoms, main: mainSymptomFirst(t, symptoms) };
};
const lines = (...l: string[]) => `${l.join('\n')}\n`;

const KASAN = lines(
  '[  20.000001] ==================================================================',
  '[  20.000002] BUG: KASAN: slab-use-after-free in frob_put+0x44/0x90',
  '[  20.000003] Read of size 4 at addr ffff888011112222 by task frobd/42',
  '[  20.000004] CPU: 1 PID: 42 Comm: frobd Not tainted 6.9.0 #1',
  '[  20.000005] Call Trace:',
  '[  20.000006]  <TASK>',
  '[  20.000007]  dump_stack_lvl+0x1/0x2',
  '[  20.000008]  kasan_report+0x1/0x2',
  '[  20.000009]  frob_put+0x44/0x90',
  '[  20.000010]  frob_release+0x10/0x40',
  '[  20.000011]  </TASK>',
  '[  20.000012] ==================================================================',
);
const PANIC_AFTER = lines(
  '[  20.000013] Kernel panic - not syncing: panic_on_warn set ...',
  '[  20.000014] CPU: 1 PID: 42 Comm: frobd Tainted: G    B              6.9.0 #1',
  '[  20.000015] Call Trace:',
  '[  20.000016]  panic+0x1/0x2',
  '[  20.000017]  frob_put+0x44/0x90',
);
const WARN = (fn: string) =>
  lines(
    '[  19.000001] ------------[ cut here ]------------',
    `[  19.000002] WARNING: CPU: 1 PID: 42 at drivers/misc/frob.c:120 ${fn}+0x10/0x80`,
    '[  19.000003] CPU: 1 PID: 42 Comm: frobd Not tainted 6.9.0 #1',
    `[  19.000004] RIP: 0010:${fn}+0x10/0x80`,
    '[  19.000005] Call Trace:',
    `[  19.000006]  ${fn}+0x10/0x80`,
    '[  19.000007]  frob_ioctl+0x1/0x2',
    '[  19.000008] ---[ end trace 0000000000000000 ]---',
  );

describe('mainSymptomFirst', () => {
  it('a sanitizer report, not the panic_on_warn panic printed after it', async () => {
    const { main } = await ordered([mail(0, 'frob crash on close', `Got this:\n\n${KASAN}\nand right after it:\n\n${PANIC_AFTER}`)]);
    expect(main[0]).toMatchObject({ kind: 'kasan', function: 'frob_put' });
    expect(main.map((s) => s.title)).toContain('kernel panic: panic_on_warn set');
  });

  it('the report behind a panic, though the reporter pasted the panic first', async () => {
    const { symptoms, main } = await ordered([mail(0, 'frob dies', `The console ends with:\n\n${PANIC_AFTER}\nThe full log:\n\n${WARN('frob_check')}`)]);
    expect(symptoms[0].title).toBe('kernel panic: panic_on_warn set');
    expect(main[0]).toMatchObject({ title: 'WARNING in frob_check', function: 'frob_check' });
  });

  it('a sanitizer report over a WARNING printed before it in the same message', async () => {
    const { symptoms, main } = await ordered([mail(0, 'frob trouble', `Two splats:\n\n${WARN('frob_check')}${KASAN}`)]);
    expect(symptoms[0].kind).toBe('warning');
    expect(main[0]).toMatchObject({ kind: 'kasan', function: 'frob_put' });
  });

  it('the full report, not a one-line complaint without a stack printed before it', async () => {
    const complaint = lines('[  18.000001] BUG: Bad rss-counter state mm:00000000cafe0001 type:MM_FILEPAGES val:7');
    const { symptoms, main } = await ordered([mail(0, 'frob splat', `Log:\n\n${complaint}${WARN('frob_unmap')}`)]);
    expect(symptoms[0].title).toBe('BUG: Bad rss-counter state');
    expect(main[0]).toMatchObject({ title: 'WARNING in frob_unmap' });
  });

  it('the report the subject names, though another message shows one first', async () => {
    const { main } = await ordered([
      mail(0, 'frob: hang in frob_flush', `While testing I also hit this unrelated one:\n\n${WARN('frob_other')}`),
      mail(1, 'Re: frob: hang in frob_flush', `And the one I meant:\n\n${WARN('frob_flush')}`, 0),
    ]);
    expect(main[0]).toMatchObject({ function: 'frob_flush', messageIndex: 1 });
  });

  it('the subject names a report by whole words: frob_sync is not frob_sync_all', async () => {
    const { main } = await ordered([
      mail(0, 'WARNING in frob_sync', `First this:\n\n${WARN('frob_sync_all')}`),
      mail(1, 'Re: WARNING in frob_sync', `And this:\n\n${WARN('frob_sync')}`, 0),
    ]);
    expect(main[0]).toMatchObject({ function: 'frob_sync', messageIndex: 1 });
  });

  it('without a subject to go by, the first message that shows a report', async () => {
    const { main } = await ordered([
      mail(0, 'frob stopped working', 'Since yesterday frob does not work; I will send the log.\n'),
      mail(1, 'Re: frob stopped working', 'Do you have a log?\n', 0),
      mail(2, 'Re: frob stopped working', `Here:\n\n${WARN('frob_start')}`, 1),
      mail(3, 'Re: frob stopped working', `I see a different one:\n\n${KASAN}`, 2),
    ]);
    expect(main[0]).toMatchObject({ function: 'frob_start', messageIndex: 2 });
  });

  it('between two full reports of the same standing, the one replies talk about', async () => {
    const { main } = await ordered([
      mail(0, 'two warnings on suspend', `Both appear on every suspend:\n\n${WARN('frob_suspend')}${WARN('frob_irq_off')}`),
      mail(1, 'Re: two warnings on suspend', 'frob_irq_off runs with interrupts enabled here, which is the real problem.\n', 0),
    ]);
    expect(main[0]).toMatchObject({ function: 'frob_irq_off' });
    const { main: quiet } = await ordered([
      mail(0, 'two warnings on suspend', `Both appear on every suspend:\n\n${WARN('frob_suspend')}${WARN('frob_irq_off')}`),
    ]);
    expect(quiet[0]).toMatchObject({ function: 'frob_suspend' });
  });

  it('the rest keep their order after the main one', async () => {
    const { symptoms, main } = await ordered([mail(0, 'frob splats', `Log:\n\n${WARN('frob_a')}${WARN('frob_b')}${KASAN}`)]);
    expect(main.map((s) => s.function)).toEqual(['frob_put', ...symptoms.filter((s) => s.function !== 'frob_put').map((s) => s.function)]);
  });
});
