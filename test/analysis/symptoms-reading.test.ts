// Reading reports the way people paste them (src/analysis/symptoms/): stacks decoded by
// decode_stacktrace.sh, console lines wrapped by a mail client, syslog lines cut down to their `kernel:`
// tag, KMSAN's older layout, a hung-task header wrapped in two, and the kinds titles are given.
import { describe, expect, it } from 'vitest';
import { findCrashReports, titleKind } from '../../src/analysis/symptoms/index.ts';
import { parseConsoleLine } from '../../src/analysis/symptoms/console-line.ts';
import { matchFrameLine } from '../../src/analysis/symptoms/patterns.ts';
import { rejoinWrapped } from '../../src/analysis/symptoms/rejoin-wrapped.ts';
import { first, log } from '../helpers/crash-log.ts';

describe('stacks decoded by decode_stacktrace.sh', () => {
  it('a frame is the name before its source position; the RIP line too', () => {
    const r = first(`
      [  201.100001] Oops: general protection fault, probably for non-canonical address 0xdffffc0000000011: 0000 [#1] SMP KASAN
      [  201.100002] CPU: 3 UID: 0 PID: 77 Comm: kworker/3:1 Not tainted 6.15.0 #4
      [  201.100003] RIP: 0010:widget_release (drivers/misc/widget.c:88 drivers/misc/widget.c:120)
      [  201.100004] Call Trace:
      [  201.100005]  <TASK>
      [  201.100006] ? die_addr (arch/x86/kernel/dumpstack.c:421)
      [  201.100007] widget_put (drivers/misc/widget.c:140 (discriminator 1))
      [  201.100008] widget_work (drivers/misc/widget.c:301)
      [  201.100009] start_kernel (??:?)
    `);
    expect(r).toMatchObject({ title: 'general protection fault in widget_release', kind: 'gpf', function: 'widget_release' });
    expect(r.frames).toEqual(['widget_put', 'widget_work', 'start_kernel']);
  });

  it("arm64's pc line with a module name after the position", () => {
    const r = first(`
      [  42.000001] Unable to handle kernel NULL pointer dereference at virtual address 0000000000000008
      [  42.000002] Internal error: Oops: 0000000096000004 [#1] SMP
      [  42.000003] pc : gadget_unbind (/build/linux/drivers/usb/gadget/gadget.c:77) gadget_mod
      [  42.000004] lr : gadget_unbind (/build/linux/drivers/usb/gadget/gadget.c:70) gadget_mod
      [  42.000005] Call trace:
      [  42.000006] gadget_unbind (/build/linux/drivers/usb/gadget/gadget.c:77) gadget_mod
      [  42.000007] gadget_remove (/build/linux/drivers/usb/gadget/gadget.c:190) gadget_mod
    `);
    expect(r).toMatchObject({ title: 'BUG: unable to handle kernel NULL pointer dereference in gadget_unbind', kind: 'oops', function: 'gadget_unbind' });
  });

  it('prose with a file in parentheses is no frame', () => {
    expect(matchFrameLine('  widget_put (see drivers/misc/widget.c:140)')).toBeNull();
    expect(matchFrameLine('  widget_put (drivers/misc/widget.c:140)')?.[1]).toBe('widget_put');
  });
});

describe('console lines wrapped by a mail client', () => {
  it('a WARNING header cut before its function is read whole', () => {
    const r = first(`
      [  301.123456] ------------[ cut here ]------------
      [  301.123457] WARNING: CPU: 2 PID: 1234 at drivers/net/ethernet/acme/acme_main.c:912
      acme_open+0x4c/0x210
      [  301.123459] Modules linked in:
      [  301.123460] Call Trace:
      [  301.123461]  acme_open+0x4c/0x210
      [  301.123462]  dev_open+0x10/0x20
    `);
    expect(r).toMatchObject({ title: 'WARNING in acme_open', function: 'acme_open' });
  });

  it('only where a wrap could have been: a line near the wrap width, between console lines', () => {
    const join = (text: string) => {
      const raws = log(text).split('\n');
      const lines = raws.map(parseConsoleLine);
      rejoinWrapped(raws, lines);
      return lines.map((l) => l.text);
    };
    // 45 columns and a short word: a mail client would not have broken the line there.
    expect(
      join(`
      [  10.000001] frob: probing port 3 of 8
      done
      [  10.000002] frob: ready
    `),
    ).toEqual(['frob: probing port 3 of 8', 'done', 'frob: ready']);
    // The bare line ends the log: it is the reporter's.
    expect(
      join(`
      [  10.000001] frob: the controller reported an unrecoverable error on port
      three and we went on
    `),
    ).toEqual(['frob: the controller reported an unrecoverable error on port', 'three and we went on']);
    expect(
      join(`
      [  10.000001] frob: the controller reported an unrecoverable error on port
      three
      [  10.000002] frob: resetting
    `),
    ).toEqual(['frob: the controller reported an unrecoverable error on port three', '', 'frob: resetting']);
  });

  it('an empty console line (no space after its stamp) is a line of its own', () => {
    const reports = findCrashReports(
      log(`
      [   67.061656][ T4926] BUG: KCSAN: assert: race in frobnicate_entities+0x6df/0x760
      [   67.068875][ T4926]
      [   67.071200][ T4926] race at unknown origin, with assert no writes to 0xffff8881001cb1e8 of 4 bytes by task 4926 on cpu 0:
      [   67.082412][ T4926]  frobnicate_entities+0x6df/0x760
    `),
    );
    expect(reports[0].title).toBe('KCSAN: assert: race in frobnicate_entities');
  });
});

describe('other ways reports are pasted', () => {
  it('double-spaced (a mail turned from HTML): the inline header lines are still one header', () => {
    const reports = findCrashReports(
      [
        '    BUG: KASAN: slab-use-after-free in frob_owner include/linux/frob.h:120 [inline]',
        '',
        '    BUG: KASAN: slab-use-after-free in frob_lock_slowpath+0x5c/0x300 kernel/frob.c:88',
        '',
        '    Read of size 4 at addr ffff888012345678 by task frobd/12',
        '',
        '    Call Trace:',
        '',
        '     frob_lock_slowpath+0x5c/0x300 kernel/frob.c:88',
      ].join('\n'),
    );
    expect(reports.map((r) => r.title)).toEqual(['KASAN: slab-use-after-free Read in frob_lock_slowpath']);
  });

  it('syslog lines cut down to their `kernel:` tag; a task name with a space', () => {
    const r = first(`
      kernel: INFO: task gcc worker:8123 blocked for more than 122 seconds.
      kernel:       Not tainted 6.1.40 #1
      kernel: Call Trace:
      kernel:  <TASK>
      kernel:  __schedule+0x3fc/0x1430
      kernel:  ? update_load_avg+0x5/0x50
      kernel:  schedule+0x5e/0xe0
      kernel:  __mutex_lock.constprop.0+0x3a2/0x6b0
      kernel:  frob_ctx_detach+0x61/0xf0
      kernel:  frob_release+0x5c/0xc0
    `);
    expect(r).toMatchObject({ title: 'INFO: task hung in frob_ctx_detach', kind: 'hang', function: 'frob_ctx_detach', kernelVersion: '6.1.40' });
  });

  it('a hung-task header wrapped in two still reads as a hung task', () => {
    const r = first(`
      INFO: task kworker/u16:3:4711 blocked
      for more than 120 seconds.
      Call Trace:
       __schedule+0x1/0x2
       schedule+0x1/0x2
       io_schedule+0x1/0x2
       frob_wait_idle+0x1/0x2
       frob_ioctl+0x1/0x2
    `);
    expect(r).toMatchObject({ title: 'INFO: task hung in frob_ioctl', kind: 'hang' });
  });

  it('KMSAN before 5.x: "Call Trace:" under the header and "Uninit was stored" chains after the use stack', () => {
    const r = first(`
      BUG: KMSAN: uninit-value in kmsan_check_memory+0xd/0x10 mm/kmsan/kmsan_hooks.c:413
      CPU: 0 PID: 901 Comm: repro Not tainted 5.5.0-rc5 #0
      Call Trace:
       dump_stack+0x1c9/0x220 lib/dump_stack.c:118
       kmsan_report+0xf7/0x1e0 mm/kmsan/kmsan_report.c:118
       kmsan_check_memory+0xd/0x10 mm/kmsan/kmsan_hooks.c:413
       gizmo_ioctl+0x559/0x650 drivers/misc/gizmo.c:222
       __se_sys_ioctl+0x57c/0xed0 fs/ioctl.c:808
      Uninit was stored to memory at:
       kmsan_internal_chain_origin+0xad/0x130 mm/kmsan/kmsan.c:310
       gizmo_ioctl+0x5e0/0x650 drivers/misc/gizmo.c:222
      Local variable ----arg@gizmo_ioctl created at:
       gizmo_ioctl+0x324/0x650 drivers/misc/gizmo.c:218
    `);
    expect(r).toMatchObject({ title: 'KMSAN: uninit-value in gizmo_ioctl', kind: 'kmsan', function: 'gizmo_ioctl' });
  });

  it('a modern KMSAN report cut before its origin is still named after its use stack', () => {
    const r = first(`
      BUG: KMSAN: uninit-value in gizmo_parse+0x1a/0x80
       gizmo_parse+0x1a/0x80
       gizmo_ioctl+0x3c/0x100
       __x64_sys_ioctl+0x1/0x2
    `);
    expect(r).toMatchObject({ title: 'KMSAN: uninit-value in gizmo_parse', function: 'gizmo_parse' });
  });

  it('a report whose header carries a console timestamp says so', () => {
    expect(first('[  1.5] BUG: Bad rss-counter state mm:0000000012345678 type:MM_FILEPAGES val:2\n').timestamped).toBe(true);
    expect(first('BUG: unable to handle kernel NULL pointer dereference at 0000000000000110\nIP: [<ffffffff802a8b88>] d_free+0x18/0x80\n').timestamped).toBe(
      false,
    );
  });
});

describe('kinds', () => {
  it('sanitizers, general protection faults, lockdep running out of room, unread hung-task headers', () => {
    expect(titleKind('KMSAN: uninit-value in foo')).toBe('kmsan');
    expect(titleKind('UBSAN: shift-out-of-bounds in foo')).toBe('ubsan');
    expect(titleKind('KCSAN: data-race in foo / bar')).toBe('kasan');
    expect(titleKind('general protection fault in foo')).toBe('gpf');
    expect(titleKind('BUG: MAX_LOCKDEP_CHAIN_HLOCKS too low!')).toBe('lockdep');
    expect(titleKind('BUG: MAX_LOCKDEP_ENTRIES too low!')).toBe('lockdep');
    expect(titleKind('INFO: task kworker/u8:NUM:NUM blocked')).toBe('hang');
  });

  it("a panic that names the report it ends is of that report's kind; others are panics", () => {
    expect(titleKind('kernel panic: Fatal exception')).toBe('oops');
    expect(titleKind('kernel panic: Oops: Fatal exception in interrupt')).toBe('oops');
    expect(titleKind('kernel panic: panic_on_warn set')).toBe('warning');
    expect(titleKind('kernel panic: hung_task: blocked tasks')).toBe('hang');
    expect(titleKind('kernel panic: VFS: Unable to mount root fs on unknown-block')).toBe('panic');
  });

  it('a lockdep table running out is titled as printed, with no function', () => {
    const r = first(`
      [  55.1] BUG: MAX_LOCKDEP_KEYS too low!
      [  55.1] turning off the locking correctness validator.
    `);
    expect(r).toMatchObject({ title: 'BUG: MAX_LOCKDEP_KEYS too low!', kind: 'lockdep', function: null });
  });
});
