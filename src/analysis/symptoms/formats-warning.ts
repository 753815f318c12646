// Reports whose header line holds "WARNING:": WARN_ON() splats and the lock validator's findings. A
// WARN in a generic checker (debugobjects, refcount, usercopy, kobject) is titled after the checker and
// the first caller outside it, so that one misuse is one bug whatever checker line fired.
import { STACK, type FrameWalk, type ReportFamily } from './format-types.ts';
import { CALL_TRACE, pattern, RIP_FRAME } from './patterns.ts';

/**
 * Newer kernels trap on WARN and print the stack after the RIP line (powerpc after `--- interrupt:`);
 * older ones print only a Call Trace.
 */
export function warningWalk(...skip: string[]): FrameWalk {
  return {
    steps: [new RegExp(`(?:${RIP_FRAME.source}|${pattern('--- interrupt: [0-9]+ at {FUNC}').source})`), STACK],
    fallback: [CALL_TRACE, STACK],
    skip,
  };
}

// `… at: [<ffffffff81234567>] func+0x…`: the lock validator's "this lock was taken at" lines.
const LOCK_SITE = pattern('at: (?:{PC} +)?{FUNC}');

export const WARNING_FAMILY: ReportFamily = {
  header: 'WARNING:',
  formats: [
    {
      title: /WARNING: .*lib\/debugobjects\.c.* (?:debug_print|debug_check|at)/,
      template: 'WARNING: ODEBUG bug in {1}',
      // The objects' own helpers (timers, work, rcu, free paths) are users of debugobjects, not culprits.
      frames: warningWalk('debug_', 'rcu', 'hrtimer_', 'timer_', 'work_', 'percpu_', 'vunmap', 'vfree', '__free_', 'debug_check', 'kobject_'),
    },
    { title: /WARNING: .*mm\/usercopy\.c.* (?:usercopy_warn|at)/, template: 'WARNING: bad usercopy in {1}', frames: warningWalk('usercopy', '__check') },
    { title: /WARNING: .*lib\/kobject\.c.* (?:kobject_|at)/, template: 'WARNING: kobject bug in {1}', frames: warningWalk('kobject_') },
    { title: /WARNING: .*fs\/proc\/generic\.c.* (?:proc_register|at)/, template: 'WARNING: proc registration bug in {1}', frames: warningWalk('proc_') },
    { title: /WARNING: .*lib\/refcount\.c.* (?:refcount_|at)/, template: 'WARNING: refcount bug in {1}', frames: warningWalk('refcount', 'kobject_') },
    { title: /WARNING: .*kernel\/locking\/lockdep\.c.*lock_/, template: 'WARNING: locking bug in {1}', frames: warningWalk('lock_sock', 'release_sock') },
    {
      title: /WARNING: .*still has locks held!/,
      detail: pattern(String.raw`WARNING: .*still has locks held!(?:.*\n)+?.*at: {FUNC}`),
      template: 'WARNING: still has locks held in {1}',
    },
    { title: /WARNING: Nested lock was not taken/, template: 'WARNING: nested lock was not taken in {1}', frames: warningWalk() },
    {
      title: /WARNING: lock held when returning to user space/,
      detail: pattern(
        String.raw`WARNING: lock held when returning to user space(?:.*\n)+?.*leaving the kernel with locks still held(?:.*\n)+?.*at: (?:{PC} +)?{FUNC}`,
      ),
      template: 'WARNING: lock held when returning to user space in {1}',
    },
    { title: /WARNING: .*mm\/.*\.c.* k?.?malloc/, template: 'WARNING: kmalloc bug in {1}', frames: warningWalk('kmalloc', 'krealloc', 'slab', 'kmem') },
    { title: /WARNING: .*mm\/vmalloc.c.*__vmalloc_node/, template: 'WARNING: zero-size vmalloc in {1}', frames: warningWalk() },
    // A WARN inside usb_submit_urb() is the submitting driver's bug: name the driver and keep the place.
    {
      title: /WARNING: .* usb_submit_urb/,
      template: 'WARNING in {1}/usb_submit_urb',
      frames: warningWalk('usb_submit_urb', 'usb_start_wait_urb', 'usb_bulk_msg', 'usb_interrupt_msg', 'usb_control_msg'),
    },
    // `WARNING: fs/ext4/inode.c:123 at 0x…, CPU#0: …` (the format since 6.19).
    { title: pattern(String.raw`WARNING: {SRC} at 0x\d+, CPU#\d+`), template: 'WARNING in {2}', frames: warningWalk() },
    // `WARNING: CPU: 0 PID: 1 at fs/ext4/inode.c:123 ext4_write_inode+0x…`.
    // Where the stack is lost, the function the WARNING line names stands in for syzbot's "corrupted".
    { title: pattern(String.raw`WARNING: .* at {SRC} {FUNC}`), template: 'WARNING in {3|2}', frames: warningWalk() },
    { title: pattern(String.raw`WARNING: {SRC} at {FUNC}`), template: 'WARNING in {3|2}', frames: warningWalk() },
    { title: pattern(String.raw`WARNING: \[.*\] {SRC} at {FUNC}.*`), template: 'WARNING in {3|2}', frames: warningWalk() },
    // Before 3.x: `WARNING: at drivers/base/power/main.c:78 device_pm_add+0x6c/0x10c()`, later just
    // `WARNING: at file:line`. Titled like the newer format, from the stack; the function on the line
    // stands in when no stack was pasted.
    {
      title: pattern(String.raw`WARNING: at {SRC}(?: (?::[a-zA-Z0-9_]+:)?([a-zA-Z0-9_]+))?`),
      template: 'WARNING in {3|2}',
      frames: warningWalk(),
    },
    // A pasted WARNING line cut after the source position: `WARNING: CPU: 1 PID: 336 at fs/iomap/buffered-io.c:1534`.
    { title: pattern(String.raw`WARNING: .* at {SRC}\s*$`, 'm'), template: 'WARNING in {2}', frames: warningWalk() },
    {
      title: /WARNING: possible circular locking dependency detected/,
      detail: /WARNING: possible circular locking dependency detected(?:.*\n)+?.*is trying to acquire lock/,
      template: 'possible deadlock in {1}',
      // Workqueue flushing takes the work item's pseudo-lock: such deadlocks belong to the work's owner.
      frames: { steps: [LOCK_SITE, LOCK_SITE, STACK], skip: ['process_one_work', 'flush_workqueue', 'drain_workqueue', 'destroy_workqueue'] },
    },
    {
      title: /WARNING: possible irq lock inversion dependency detected/,
      detail: pattern(
        String.raw`WARNING: possible irq lock inversion dependency detected(?:.*\n)+?.*just changed the state of lock(?:.*\n)+?.*at: (?:{PC} +)?{FUNC}`,
      ),
      template: 'possible deadlock in {1}',
    },
    { title: /WARNING: .*-safe -> .*-unsafe lock order detected/, template: 'possible deadlock in {1}', frames: { steps: [/which became (?:.*) at:/, STACK] } },
    {
      title: /WARNING: possible recursive locking detected/,
      detail: pattern(String.raw`WARNING: possible recursive locking detected(?:.*\n)+?.*is trying to acquire lock(?:.*\n)+?.*at: (?:{PC} +)?{FUNC}`),
      template: 'possible deadlock in {1}',
    },
    {
      title: /WARNING: inconsistent lock state/,
      detail: pattern(String.raw`WARNING: inconsistent lock state(?:.*\n)+?.*takes(?:.*\n)+?.*at: (?:{PC} +)?{FUNC}`),
      template: 'inconsistent lock state in {2}',
      frames: { steps: [CALL_TRACE, STACK] },
    },
    {
      title: /WARNING: suspicious RCU usage/,
      detail: pattern(String.raw`WARNING: suspicious RCU usage(?:.*\n)+?.*?{SRC}`),
      template: 'WARNING: suspicious RCU usage in {2}',
      frames: { steps: [CALL_TRACE, STACK], skip: ['rcu', 'kmem', 'slab'] },
    },
    { title: /WARNING: kernel stack regs at [0-9a-f]+ in [^ ]* has bad '([^']+)' value/, template: "WARNING: kernel stack regs has bad '{1}' value" },
    { title: /WARNING: kernel stack frame pointer at [0-9a-f]+ in [^ ]* has bad value/, template: 'WARNING: kernel stack frame pointer has bad value' },
    {
      title: /WARNING: bad unlock balance detected!/,
      template: 'WARNING: bad unlock balance in {1}',
      frames: { steps: [pattern('{PC} +{FUNC}'), CALL_TRACE, STACK] },
    },
    {
      title: /WARNING: held lock freed!/,
      detail: pattern(String.raw`WARNING: held lock freed!(?:.*\n)+?.*at:(?: {PC})? +{FUNC}`),
      template: 'WARNING: held lock freed in {1}',
    },
    { title: /WARNING: kernel stack regs .* has bad 'bp' value/, template: 'WARNING: kernel stack regs has bad value' },
    { title: /WARNING: kernel stack frame pointer .* has bad value/, template: 'WARNING: kernel stack regs has bad value' },
    { title: /WARNING:\s*(?:\n|$)/, template: 'WARNING: corrupted', corrupted: true },
  ],
  // Messages that say "WARNING:" but report no kernel bug.
  ignore: [
    /WARNING: \/etc\/ssh\/moduli does not exist, using fixed modulus/,
    /WARNING: workqueue cpumask: online intersect > possible intersect/,
    /WARNING: [Tt]he mand mount option/,
    /WARNING: Unsupported flag value\(s\) of 0x%x in DT_FLAGS_1/,
    /WARNING: Unprivileged eBPF is enabled with eIBRS/,
    /WARNING: fbcon: Driver '(.*)' missed to adjust virtual screen size (\((?:\d+)x(?:\d+) vs\. (?:\d+)x(?:\d+)\))/,
    /WARNING: See https.* for mitigation options./,
    /WARNING: kernel not compiled with CPU_SRSO/,
    /EXT4-[Ff][Ss](?: \(.*\))?:/,
    /warning: .* uses (deprecated v2 capabilities|wireless extensions)/i,
    /XFS \(\w+\): WARNING/,
  ],
};
