// Report starts that syzbot's console reader does not need but mailed reports do: DEPT's circular
// dependencies, a bare "Oops:" line (when the BUG line above it was not pasted), a kmemleak "unreferenced
// object" record pasted from /sys/kernel/debug/kmemleak, SLUB's debug reports ("BUG kmalloc-64: Poison
// overwritten"), and the one-line lead-ins that the real header follows (refcount_t saturation, list
// corruption), which a reporter may paste without the header.
import { STACK, type ReportFamily } from './format-types.ts';
import { LEAK_SKIPS, RIP_THEN_TRACE } from './formats-bug.ts';
import { warningWalk } from './formats-warning.ts';
import { CALL_TRACE } from './patterns.ts';

export const MAIL_FAMILIES: ReportFamily[] = [
  {
    // DEPT, the dependency tracker proposed as lockdep's successor: a lock-order cycle is a possible
    // deadlock, named like lockdep's after the first context's wait ("[W] lock(&vn->busy.lock:0):").
    header: 'DEPT: Circular dependency has been detected',
    formats: [
      {
        title: /DEPT: Circular dependency has been detected/,
        template: 'possible deadlock in {1}',
        frames: { steps: [/^\[W\] .*:\s*$/, STACK] },
      },
    ],
  },
  {
    // x86 `Oops: 0000 [#1] SMP`, mips `Oops[#1]:`, powerpc `Oops: Kernel access of bad area, sig: 11 [#1]`.
    header: /\bOops(?:\[#\d+\])?: /,
    formats: [{ title: /Oops(?:\[#\d+\])?: /, template: 'Oops in {1}', frames: RIP_THEN_TRACE }],
  },
  {
    header: /^\s*unreferenced object 0x[0-9a-f]+ \(size \d+\):/,
    formats: [
      {
        title: /unreferenced object/,
        template: 'memory leak in {1}',
        frames: { steps: [/backtrace(?: \(crc [0-9a-fA-F]*\))?:/, STACK], skip: LEAK_SKIPS },
      },
    ],
  },
  {
    // `BUG vm_area_struct: NULL anon_vma`, `BUG kmalloc-64 (Not tainted): Poison overwritten`: the cache
    // name changes with the object size, the problem is the bug; the title names the problem only, since
    // the stack is the allocator's check, wherever it happened to run.
    // (Early KASAN borrowed this header — "BUG kmalloc-64 (Tainted: G B): kasan: bad access detected" —
    // and its lines below it; syzbot reads those by their "INFO:" lines, and so do we.)
    header: /^\s*BUG [\w.:-]+(?: \([^)]*\))?: (?!kasan)\S/,
    formats: [
      {
        title: /BUG [\w.:-]+(?: \([^)]*\))?: (.+)/,
        template: 'BUG: {1}',
        frames: {
          steps: [CALL_TRACE, STACK],
          skip: ['print_trailer', 'object_err', 'slab_err', 'check_', 'free_debug_processing', 'alloc_debug_processing', 'on_freelist', 'validate_slab'],
        },
      },
    ],
  },
  {
    header: /\blist_(?:add|del) corruption\b/,
    leadIn: true,
    formats: [{ title: /list_(?:add|del) corruption/, template: 'BUG: corrupted list in {1}', frames: { steps: [CALL_TRACE, STACK] } }],
  },
  {
    header: /\brefcount_t: [a-z]/,
    leadIn: true,
    formats: [{ title: /refcount_t: /, template: 'WARNING: refcount bug in {1}', frames: warningWalk('refcount', 'kobject_') }],
  },
];
