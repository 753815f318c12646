// Titles as people read them (src/analysis/symptoms/plain-title.ts): syzbot's placeholders give way to
// words, and a hung-task header no format could read is titled like every hung task.
import { describe, expect, it } from 'vitest';
import { findSymptoms, symptomTitle } from '../../src/analysis/symptoms/index.ts';
import { plainTitle } from '../../src/analysis/symptoms/plain-title.ts';
import { analyze } from '../helpers/mbox.ts';

const report = (title: string, fn: string | null = null, frames: string[] = []) => ({ title, function: fn, frames });

describe('plainTitle', () => {
  it('"in corrupted" says the function is unknown', () => {
    expect(plainTitle(report('general protection fault in corrupted'))).toEqual({ title: 'general protection fault in an unknown function', function: null });
    expect(symptomTitle(report('WARNING in corrupted/usb_submit_urb'))).toBe('WARNING in usb_submit_urb (caller unknown)');
  });

  it('a title is cut before its first NUM or ADDR, with the words left dangling', () => {
    expect(symptomTitle(report('KASAN: slab-out-of-bounds in frob_map at addr ADDR', 'frob_map'))).toBe('KASAN: slab-out-of-bounds in frob_map');
    expect(symptomTitle(report('INFO: Freed in frob_free_rcu age=NUM cpu=NUM pid=NUM'))).toBe('INFO: Freed in frob_free_rcu');
    expect(symptomTitle(report('BUG: Bad page state in process frobd pfn:ADDR'))).toBe('BUG: Bad page state in process frobd');
    // LINE is how people quote such a BUG too.
    expect(symptomTitle(report('kernel BUG at lib/frob.c:LINE!'))).toBe('kernel BUG at lib/frob.c:LINE!');
    expect(symptomTitle(report('NUM ADDR'))).toBe('');
  });

  it('a hung-task header no format read is titled from the waiting frame', () => {
    const frames = ['__schedule', 'schedule', 'rwsem_down_read_slowpath', 'frob_lookup', 'frob_ioctl'];
    expect(plainTitle(report('INFO: task kworker/u8:NUM:NUM blocked', null, frames))).toEqual({
      title: 'INFO: task hung in frob_lookup',
      function: 'frob_lookup',
    });
    expect(plainTitle(report('INFO: task frobd:NUM blocked on a semaphore likely owned by task frobd:NUM', null, []))).toEqual({
      title: 'INFO: task hung in an unknown function',
      function: null,
    });
  });
});

describe('symptoms carry the plain title', () => {
  it('a report without a readable stack is "in an unknown function", never "in corrupted"', async () => {
    const t = await analyze([
      {
        from: 'Reporter <r@example.org>',
        date: 'Mon, 1 Jan 2024 10:00:00 +0000',
        subject: 'oops on boot',
        id: 'r1@example.org',
        body: [
          'Seen on every boot:',
          '',
          '[    2.000001] BUG: kernel NULL pointer dereference, address: 0000000000000010',
          '[    2.000002] #PF: supervisor read access in kernel mode',
          '[    2.000003] Oops: 0000 [#1] PREEMPT SMP',
          '[    2.000004] CPU: 0 PID: 1 Comm: swapper/0 Not tainted 6.8.0 #1',
          '[    2.000005] RIP: 0010:0x0',
          '',
        ].join('\n'),
      },
    ]);
    expect(findSymptoms(t).map((s) => [s.title, s.function])).toEqual([['BUG: unable to handle kernel NULL pointer dereference in an unknown function', null]]);
  });
});
