// Reports as mails carry them (src/analysis/symptoms/): a mail client's no-break spaces in the printk
// prefix, the reporter's prose and signature right after the stack, a report cut to its frames with "…",
// and powerpc's wording of a bad access read the way syzbot reads it.
import { describe, expect, it } from 'vitest';
import { findCrashReports } from '../../src/analysis/symptoms/index.ts';
import { parseConsoleLine } from '../../src/analysis/symptoms/console-line.ts';

const NBSP = '\u00a0';

describe('no-break spaces a mail client wrote into the console prefix', () => {
  it('are the kernel padding: the line keeps its timestamp and its frame', () => {
    expect(parseConsoleLine(`[${NBSP} 101.000001] BUG: frob`)).toMatchObject({ text: 'BUG: frob', context: 'console' });
    expect(parseConsoleLine(`[${NBSP}  12.5][${NBSP} T42]${NBSP} frob_read+0x1/0x2`)).toMatchObject({ text: ' frob_read+0x1/0x2', context: '[  T42]' });
    // Only the prefix and the indent: a no-break space in the message is the mail's, not the kernel's.
    expect(parseConsoleLine(`[ 1.0] frob:${NBSP}gone`).text).toBe(`frob:${NBSP}gone`);
  });

  it('a powerpc report pasted so is read whole, its "(unreliable)" frame left out', () => {
    const stamp = (t: string) => `[${NBSP} 101.${t}]`;
    const [report] = findCrashReports(
      [
        'Seen on our test box:',
        '',
        `${stamp('000001')} BUG: Unable to handle kernel data access on read at 0x5a5a5a5a5a5a5a5a`,
        `${stamp('000002')} Faulting instruction address: 0xc000000000123456`,
        `${stamp('000003')} Oops: Kernel access of bad area, sig: 11 [#1]`,
        `${stamp('000004')} CPU: 3 UID: 0 PID: 77 Comm: frobd Not tainted 6.99.0-rc1 #1`,
        `${stamp('000005')} NIP:  c000000000123456 LR: c000000000123400 CTR: 0000000000000000`,
        `${stamp('000006')} NIP [c000000000123456] kmem_cache_alloc_noprof+0x4ac/0x708`,
        `${stamp('000007')} LR [c000000000123400] kmem_cache_alloc_noprof+0x370/0x708`,
        `${stamp('000008')} Call Trace:`,
        `${stamp('000009')} [c00000000fdb7bb0] [c000000000123400] kmem_cache_alloc_noprof+0x370/0x708 (unreliable)`,
        `${stamp('000010')} [c00000000fdb7c30] [c000000000234500] frob_new_entry.part.0+0x54/0x30c`,
        `${stamp('000011')} [c00000000fdb7c80] [c000000000234600] frob_ioctl+0x7c/0xe4`,
        '',
        'Thanks,',
        'Frobby.',
      ].join('\n'),
    );
    // syzbot's title for powerpc's "Unable to handle kernel data access"; the allocator is generic, so its
    // caller is named.
    expect(report).toMatchObject({
      title: 'BUG: unable to handle kernel paging request in frob_new_entry',
      function: 'frob_new_entry',
      arch: 'powerpc',
      timestamped: true,
    });
    expect(report.frames).toEqual(['frob_new_entry', 'frob_ioctl']);
  });
});

describe('nothing but a printed frame names the guilty function', () => {
  it('a stack of generic frames only, then the signature: the function is unknown, not the signer', () => {
    const [report] = findCrashReports(
      [
        'BUG: unable to handle page fault for address: ffff888012345678',
        'RIP: 0010:memcpy+0x12/0x40',
        'Call Trace:',
        ' <TASK>',
        ' kmalloc_trace+0x1/0x2',
        ' mutex_lock+0x1/0x2',
        ' </TASK>',
        '',
        'Regards,',
        'Frobby.',
      ].join('\n'),
    );
    expect(report.title).toBe('BUG: unable to handle kernel paging request in corrupted');
    expect(report.function).toBeNull();
  });
});

describe('a report cut to its frames', () => {
  it('with neither the RIP line nor "Call Trace:" pasted, its frames still name the caller', () => {
    const [report] = findCrashReports(
      [
        '[   22.900001] strnlen: detected buffer overflow: 17 byte read of buffer size 16',
        '[   22.900002] kernel BUG at lib/string_helpers.c:1043!',
        '[   22.900003] Oops: invalid opcode: 0000 [#1] SMP KASAN NOPTI',
        '...',
        '[   22.900010]  frob_load_patch.cold+0x180/0x1ea [frob]',
        '[   22.900011]  frob_load_firmware+0x85/0x420 [frob]',
        '[   22.900012]  frob_probe+0xba/0x18d [frob]',
        '...',
      ].join('\n'),
    );
    expect(report).toMatchObject({ title: 'kernel BUG in frob_load_patch', function: 'frob_load_patch' });
  });

  it("fortify helpers and string functions are generic: a fortify BUG is the caller's", () => {
    const [report] = findCrashReports(
      [
        '[   10.000001] detected buffer overflow in strscpy',
        '[   10.000002] kernel BUG at lib/string.c:1149!',
        '[   10.000003] invalid opcode: 0000 [#1] PREEMPT SMP',
        '[   10.000004] RIP: 0010:fortify_panic+0xf/0x20',
        '[   10.000005] Call Trace:',
        '[   10.000006]  __fortify_panic+0x1/0x2',
        '[   10.000007]  sized_strscpy.cold+0x1/0x2',
        '[   10.000008]  frob_copy_name+0x1/0x2',
        '[   10.000009]  frob_open+0x1/0x2',
      ].join('\n'),
    );
    expect(report).toMatchObject({ title: 'kernel BUG in frob_copy_name', function: 'frob_copy_name' });
  });

  it('a stack that is there but all generic is still "corrupted": only missing lines are passed over', () => {
    const [report] = findCrashReports(['kernel BUG at fs/frob.c:12!', 'invalid opcode: 0000 [#1] SMP', ' kfree+0x1/0x2', ' mutex_lock+0x1/0x2'].join('\n'));
    expect(report.title).toBe('kernel BUG in corrupted');
  });
});
