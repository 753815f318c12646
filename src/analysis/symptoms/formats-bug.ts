// Reports whose header line holds "BUG:": the sanitizers (KASAN, KMSAN, KCSAN, KFENCE), bad memory
// accesses, lockups, lock misuse and the other BUG() checks. Titles follow syzbot's naming so that a
// report reads the same here as on the syzbot dashboard.
import { STACK, type FrameWalk, type ReportFamily, type WalkStep } from './format-types.ts';
import { pickStallFrame } from './frame-pickers.ts';
import { CALL_TRACE, pattern, RIP_FRAME } from './patterns.ts';

/** The faulting instruction first, then the call trace: for oopses the RIP names the culprit. */
export const RIP_THEN_TRACE: FrameWalk = { steps: [RIP_FRAME, CALL_TRACE, STACK] };
export const TRACE_ONLY: FrameWalk = { steps: [CALL_TRACE, STACK] };
export const traceSkipping = (...skip: string[]): FrameWalk => ({ steps: [CALL_TRACE, STACK], skip });

// KMSAN prints the use stack right under the header and the origin stack after "created at". The marker
// captures nothing: its line is no frame (a use stack that came out empty must not be named after it).
const KMSAN_ORIGIN = /(?:Local variable .* created at:|Uninit was created at:)/;
// KMSAN before 5.x printed a "Call Trace:" line first (and "Uninit was stored to memory at:" chains after
// the use stack): there the use stack is read from under that line.
const KMSAN_WALK_FROM_TRACE: WalkStep[] = [CALL_TRACE, STACK, KMSAN_ORIGIN, STACK];

/** A leak is the allocating caller's: every allocator layer is skipped. */
export const LEAK_SKIPS = [
  'kmemleak',
  'mmap',
  'kmem',
  'slab',
  'alloc',
  'create_object',
  'idr_get',
  'list_lru_init',
  'kasprintf',
  'kvasprintf',
  'pcpu_create',
  'strdup',
  'strndup',
  'memdup',
];

export const BUG_FAMILY: ReportFamily = {
  header: 'BUG:',
  formats: [
    {
      title: /BUG: KASAN:/,
      detail: pattern(String.raw`BUG: KASAN: ([a-z\-]+) in {FUNC}(?:.*\n)+?.*(Read|Write) (?:of size|at addr) (?:[0-9a-f]+)`),
      // The header's function stands in when the stack is lost (syzbot says "corrupted").
      template: 'KASAN: {1} {3} in {4|2}',
      // The function in the header line is where the access happened; the HW-tags fault path is noise.
      frames: {
        steps: [pattern(String.raw`BUG: KASAN: (?:[a-z\-]+) in {FUNC}`), CALL_TRACE, STACK],
        skip: ['kernel_fault', 'tag_check', 'mem_abort', '^el1_', '^el1h_'],
      },
    },
    {
      title: /BUG: KASAN:/,
      detail: pattern(String.raw`BUG: KASAN: (?:double-free or invalid-free|double-free|invalid-free) in {FUNC}`),
      template: 'KASAN: invalid-free in {2|1}',
      frames: {
        steps: [pattern(String.raw`BUG: KASAN: (?:double-free or invalid-free|double-free|invalid-free) in {FUNC}`), CALL_TRACE, STACK],
        skip: ['slab_', 'kfree', 'vunmap', 'vfree'],
      },
    },
    { title: /BUG: KASAN: ([a-z-]+) on address(?:.*\n)+?.*(Read|Write) of size ([0-9]+)/, template: 'KASAN: {1} {2}' },
    { title: /BUG: KASAN: (.*)/, template: 'KASAN: {1}', corrupted: true },
    {
      title: /BUG: KMSAN: kernel-usb-infoleak/,
      detail: pattern(String.raw`BUG: KMSAN: kernel-usb-infoleak in {FUNC}`),
      template: 'KMSAN: kernel-usb-infoleak in {2}',
      frames: {
        steps: [STACK, KMSAN_ORIGIN, STACK],
        fallback: KMSAN_WALK_FROM_TRACE,
        skip: ['alloc_skb', 'usb_submit_urb', 'usb_start_wait_urb', 'usb_bulk_msg', 'usb_interrupt_msg', 'usb_control_msg'],
      },
    },
    {
      title: /BUG: KMSAN:/,
      detail: pattern(String.raw`BUG: KMSAN: ([a-z\-]+) in {FUNC}`),
      template: 'KMSAN: {1} in {3}',
      frames: {
        steps: [STACK, KMSAN_ORIGIN, STACK],
        fallback: KMSAN_WALK_FROM_TRACE,
        // Crypto and netlink plumbing is where uninit data is *used*, rarely where the bug is.
        skip: ['alloc_skb', 'netlink_ack', 'netlink_rcv_skb', '_encrypt$', '^(?:crypto|cipher|drbg|rng)_'],
      },
    },
    { title: /BUG: KCSAN: data-race/, detail: /BUG: KCSAN: (.*)/, template: 'KCSAN: {1}' },
    { title: /BUG: KCSAN:/, detail: /BUG: KCSAN: (.*)/, template: 'KCSAN: {1}' },
    {
      title: pattern(String.raw`BUG: KFENCE: (use-after-free|out-of-bounds) (read|write) in {FUNC}`),
      template: 'KFENCE: {1} {2} in {4|3}',
      frames: { steps: [pattern(String.raw`BUG: KFENCE: (?:[a-z\- ]+) in {FUNC}`), STACK] },
    },
    {
      title: pattern(String.raw`BUG: KFENCE: invalid free in {FUNC}`),
      template: 'KFENCE: invalid free in {2|1}',
      frames: { steps: [pattern(String.raw`BUG: KFENCE: (?:[a-z\- ]+) in {FUNC}`), STACK] },
    },
    {
      title: pattern(String.raw`BUG: KFENCE: invalid (read|write) in {FUNC}`),
      template: 'KFENCE: invalid {1} in {3|2}',
      frames: { steps: [pattern(String.raw`BUG: KFENCE: (?:[a-z\- ]+) in {FUNC}`), STACK] },
    },
    {
      title: pattern(String.raw`BUG: KFENCE: memory corruption in {FUNC}`),
      template: 'KFENCE: memory corruption in {2|1}',
      frames: { steps: [pattern(String.raw`BUG: KFENCE: (?:[a-z\- ]+) in {FUNC}`), STACK] },
    },
    {
      title: /BUG: (?:unable to handle kernel paging request|unable to handle page fault for address|Unable to handle kernel data access)/,
      template: 'BUG: unable to handle kernel paging request in {1}',
      frames: RIP_THEN_TRACE,
    },
    {
      title: /BUG: (?:unable to handle kernel NULL pointer dereference|kernel NULL pointer dereference|Kernel NULL pointer dereference)/,
      template: 'BUG: unable to handle kernel NULL pointer dereference in {1}',
      frames: RIP_THEN_TRACE,
    },
    // The kernel prints this header with two printk() calls; the second half is sometimes lost.
    { title: /BUG: (?:unable to handle kernel|Unable to handle kernel)/, template: 'BUG: unable to handle kernel', corrupted: true },
    {
      title:
        /BUG: (spinlock|rwlock) (lockup suspected|lockup(?= on CPU)|already unlocked|recursion|cpu recursion|bad magic|wrong owner|wrong CPU|trylock failure on UP)/,
      template: 'BUG: {1} {2} in {3}',
      frames: traceSkipping('spin_', '_lock', '_unlock'),
    },
    { title: /BUG: soft lockup/, template: 'BUG: soft lockup in {1}', frames: { ...RIP_THEN_TRACE, pick: pickStallFrame } },
    {
      title: /BUG: .*still has locks held!/,
      detail: pattern(String.raw`BUG: .*still has locks held!(?:.*\n)+?.*{PC} +{FUNC}`),
      template: 'BUG: still has locks held in {1}',
    },
    { title: /BUG: scheduling while atomic/, template: 'BUG: scheduling while atomic in {1}', frames: traceSkipping('schedule') },
    {
      title: /BUG: lock held when returning to user space/,
      detail: pattern(
        String.raw`BUG: lock held when returning to user space(?:.*\n)+?.*leaving the kernel with locks still held(?:.*\n)+?.*at: (?:{PC} +)?{FUNC}`,
      ),
      template: 'BUG: lock held when returning to user space in {1}',
    },
    {
      title: /BUG: bad unlock balance detected!/,
      template: 'BUG: bad unlock balance in {1}',
      frames: { steps: [pattern(String.raw`{PC} +{FUNC}`), CALL_TRACE, STACK] },
    },
    {
      title: /BUG: held lock freed!/,
      detail: pattern(String.raw`BUG: held lock freed!(?:.*\n)+?.*{PC} +{FUNC}`),
      template: 'BUG: held lock freed in {1}',
    },
    { title: /BUG: Bad rss-counter state/, template: 'BUG: Bad rss-counter state' },
    { title: /BUG: non-zero nr_ptes on freeing mm/, template: 'BUG: non-zero nr_ptes on freeing mm' },
    { title: /BUG: non-zero nr_pmds on freeing mm/, template: 'BUG: non-zero nr_pmds on freeing mm' },
    // The device and file-system names in this message only split one bug into many titles.
    {
      title: /BUG: Dentry .* still in use/,
      detail: /BUG: Dentry .* still in use \([0-9]+\) \[(unmount) of ([^\]]+)\]/,
      template: 'BUG: Dentry still in use in {1}',
    },
    {
      title: /BUG: Bad page (state|cache)/,
      template: 'BUG: Bad page {1} in {2}',
      frames: {
        steps: [/page last allocated/, STACK],
        skip: ['(free|put|get|update|release)_page', 'free_unref', '^_*folio', 'truncate_inode_pages', 'page_frag_free', 'alloc', 'vmap', 'page_owner'],
      },
    },
    { title: /BUG: Bad page map/, template: 'BUG: Bad page map' },
    { title: /BUG: workqueue lockup/, template: 'BUG: workqueue lockup' },
    {
      title: /BUG: sleeping function called from invalid context at (.*)/,
      template: 'BUG: sleeping function called from invalid context in {2}',
      frames: TRACE_ONLY,
    },
    {
      title: /BUG: using ([a-z_]+)\(\) in preemptible/,
      template: 'BUG: using {1}() in preemptible code in {2}',
      frames: traceSkipping('dump_stack', 'preemption', 'preempt', 'debug_', 'processor_id', 'this_cpu'),
    },
    {
      title: /BUG: workqueue leaked lock or atomic/,
      detail: /BUG: workqueue leaked lock or atomic(?:.*\n)+?.*last function: ([a-zA-Z0-9_]+)\n/,
      template: 'BUG: workqueue leaked lock or atomic in {1}',
    },
    // The same check's wording since 6.x ("… workfn=async_run_entry_fn"), titled as before so that one
    // bug keeps one title across releases.
    {
      title: /BUG: workqueue leaked atomic, lock or RCU/,
      detail: /BUG: workqueue leaked atomic, lock or RCU(?:.*\n){1,3}?.*workfn=([a-zA-Z0-9_]+)/,
      template: 'BUG: workqueue leaked lock or atomic in {1}',
    },
    { title: /BUG: memory leak/, template: 'memory leak in {1}', frames: { steps: [/backtrace(?: \(crc [0-9a-fA-F]*\))?:/, STACK], skip: LEAK_SKIPS } },
    {
      title: /BUG: .*stack guard page was hit at/,
      template: 'BUG: stack guard page was hit in {1}',
      frames: { ...RIP_THEN_TRACE, pick: pickStallFrame },
    },
    // arm reports this differently from x86; the title matches x86's so that both land on one bug.
    { title: /BUG: Invalid wait context/, template: 'WARNING: locking bug in {1}', frames: traceSkipping('lock_sock', 'release_sock') },
    { title: /BUG:\s*(?:\n|$)/, template: 'BUG: corrupted', corrupted: true },
  ],
  ignore: [/ODEBUG:/, /Boot_DEBUG:/, /xlog_status:/, /DEBUG:/, /BUG: no syscalls can create resource/],
};
