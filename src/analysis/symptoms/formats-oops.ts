// Faults, panics and BUG() checks that are not "BUG:"/"WARNING:"/"INFO:" lines: x86 exceptions
// (general protection fault, divide error, invalid opcode), arm/arm64/powerpc faults, "kernel BUG at",
// "Kernel panic - not syncing", UBSAN, and the messages syzkaller's own tools print.
import { STACK, type ReportFamily } from './format-types.ts';
import { RIP_THEN_TRACE, TRACE_ONLY, traceSkipping } from './formats-bug.ts';
import { pickStallFrame } from './frame-pickers.ts';
import { CALL_TRACE, pattern, RIP_FRAME } from './patterns.ts';

const ripOnly = { steps: [RIP_FRAME] };
const family = (header: string, title: RegExp, template: string, frames = RIP_THEN_TRACE): ReportFamily => ({
  header,
  formats: [{ title, template, frames }],
});

export const OOPS_FAMILIES: ReportFamily[] = [
  // arm, arm64 and powerpc word a bad access this way; the title matches x86's "BUG: unable to handle".
  family(
    'Unable to handle kernel',
    /Unable to handle kernel (paging request|NULL pointer dereference|access to user memory)/,
    'BUG: unable to handle kernel {1} in {2}',
  ),
  {
    header: 'general protection fault',
    formats: [{ title: /general protection fault.*:/, template: 'general protection fault in {1}', frames: RIP_THEN_TRACE }],
    // A user-space segfault line ("general protection fault ip:… sp:… error:0 in libc.so").
    ignore: [/general protection fault .* error:\d+ in /],
  },
  family('stack segment: ', /stack segment: /, 'stack segment fault in {1}'),
  {
    header: 'Kernel panic',
    formats: [
      // For stack corruption the kernel may fail to print a symbol or to unwind.
      {
        title: /Kernel panic - not syncing: stack-protector:/,
        detail: pattern('Kernel panic - not syncing: stack-protector: Kernel stack is corrupted in: {FUNC}'),
        template: 'kernel panic: stack is corrupted in {1}',
      },
      {
        title: /Kernel panic - not syncing: stack-protector:/,
        detail: /Kernel panic - not syncing: stack-protector: Kernel stack is corrupted in: [a-f0-9]+/,
        template: 'kernel panic: stack is corrupted in {1}',
        frames: traceSkipping('stack_chk'),
      },
      {
        title: /Kernel panic - not syncing: corrupted stack end/,
        detail: /Kernel panic - not syncing: corrupted stack end detected inside scheduler/,
        template: 'kernel panic: corrupted stack end in {1}',
        frames: { steps: [CALL_TRACE, STACK], skip: ['schedule', 'retint_kernel'], pick: pickStallFrame },
      },
      {
        title: /Kernel panic - not syncing: kernel stack overflow/,
        template: 'kernel stack overflow in {1}',
        frames: { steps: [CALL_TRACE, STACK], skip: ['bad_stack'], pick: pickStallFrame },
      },
      { title: /Kernel panic - not syncing: Attempted to kill init!/, template: 'kernel panic: Attempted to kill init!' },
      {
        title: /Kernel panic - not syncing: Couldn't open N_TTY ldisc for [^ ]+ --- error -[0-9]+/,
        template: "kernel panic: Couldn't open N_TTY ldisc",
      },
      // These follow another report (an oops, a WARN with panic_on_warn, a hung task): seen first, the
      // real header was lost.
      { title: /Kernel panic - not syncing: Fatal exception/, template: 'kernel panic: Fatal exception', corrupted: true },
      { title: /Kernel panic - not syncing: panic_on_warn set/, template: 'kernel panic: panic_on_warn set', corrupted: true },
      { title: /Kernel panic - not syncing: hung_task: blocked tasks/, template: 'kernel panic: hung_task: blocked tasks', corrupted: true },
      // `panic("%pS: …", _RET_IP_)` puts the panicking function first: `kasan_populate_pmd+0x142/0x1d2: Failed to …`.
      { title: /Kernel panic - not syncing: ((?:([a-zA-Z0-9_]+)\+0x[0-9a-f]+\/0x[0-9a-f]+)?.*)/, template: 'kernel panic: {1}', names: 2 },
    ],
  },
  family('PANIC: double fault', /PANIC: double fault/, 'PANIC: double fault in {1}', ripOnly),
  {
    header: 'rust_kernel: panicked',
    kind: 'panic',
    formats: [
      {
        title: /rust_kernel: panicked/,
        detail: /rust_kernel: panicked at [^\n]*?\n(.+?)\n/,
        template: '{1} in {2}',
        frames: { steps: [CALL_TRACE, STACK], skip: [String.raw`__rustc::rust_begin_unwind`] },
      },
    ],
  },
  {
    header: 'kernel BUG',
    formats: [
      { title: /kernel BUG at mm\/usercopy.c/, template: 'BUG: bad usercopy in {1}', frames: traceSkipping('usercopy', '__check') },
      { title: /kernel BUG at lib\/list_debug.c/, template: 'BUG: corrupted list in {1}', frames: TRACE_ONLY },
      // skb helpers are full of BUG_ON()s whose bug is the caller's.
      { title: /kernel BUG at (.*)/, template: 'kernel BUG in {2}', frames: { ...RIP_THEN_TRACE, skip: ['^skb_'] } },
    ],
  },
  { header: 'Kernel BUG', formats: [{ title: /Kernel BUG (.*)/, template: 'kernel BUG {1}' }] },
  {
    header: 'BUG kmalloc-',
    formats: [
      { title: /BUG kmalloc-.*: Object already free/, template: 'BUG: Object already free' },
      // SLUB debugging's other findings ("Poison overwritten", "Redzone overwritten", …), as in formats-mail.ts.
      { title: /BUG kmalloc-[\w-]*(?: \([^)]*\))?: (?!kasan)(.+)/, template: 'BUG: {1}' },
    ],
  },
  family('divide error:', /divide error: /, 'divide error in {1}', ripOnly),
  // A misspelling that shipped in 5.9 ("x86/entry: Convert Divide Error to IDTENTRY").
  family('divide_error:', /divide_error: /, 'divide error in {1}', ripOnly),
  family('invalid opcode:', /invalid opcode: /, 'invalid opcode in {1}', ripOnly),
  {
    header: 'UBSAN:',
    formats: [
      { title: /UBSAN:/, detail: /UBSAN: Undefined behaviour in/, template: 'UBSAN: undefined-behaviour in {1}', frames: traceSkipping('ubsan', 'overflow') },
      { title: /UBSAN: array-index-out-of-bounds in/, template: 'UBSAN: array-index-out-of-bounds in {1}', frames: traceSkipping('ubsan', 'overflow') },
      { title: /UBSAN:/, detail: /UBSAN: (.*?) in/, template: 'UBSAN: {1} in {2}', frames: traceSkipping('ubsan', 'overflow') },
    ],
  },
  {
    header: 'Booting the kernel.',
    formats: [{ title: /^Booting the kernel/, template: 'unexpected kernel reboot' }],
    // The fuzzer sometimes feeds boot messages back to the kernel as mount options.
    ignore: [/Parsing ELF|Decompressing Linux|Unknown parameter '/],
  },
  {
    header: 'unregister_netdevice: waiting for',
    formats: [{ title: /unregister_netdevice: waiting for (?:.*) to become free/, template: 'unregister_netdevice: waiting for DEV to become free' }],
  },
  { header: 'VFS: Close: file count is 0', formats: [{ title: /VFS: Close: file count is 0/, template: 'VFS: Close: file count is zero (use-after-free)' }] },
  {
    header: 'VFS: Busy inodes after unmount',
    formats: [{ title: /VFS: Busy inodes after unmount/, template: 'VFS: Busy inodes after unmount (use-after-free)' }],
  },
  family('Internal error:', /Internal error:/, 'Internal error in {1}'),
  family('Unhandled fault:', /Unhandled fault:/, 'Unhandled fault in {1}'),
  family('Alignment trap:', /Alignment trap:/, 'Alignment trap in {1}'),
  {
    header: 'trusty: panic',
    formats: [
      {
        title: /trusty: panic.* ASSERT FAILED/,
        detail: /trusty: panic \(.*?\):(?: DEBUG)? ASSERT FAILED at \(.*?\): (.+)/,
        template: 'trusty: ASSERT FAILED: {1}',
      },
      { title: /trusty: panic.* ASSERT FAILED.*: *(.*)/, template: 'trusty: ASSERT FAILED: {1}', corrupted: true },
      { title: /trusty: panic/, detail: /trusty: panic \(.*?\): (.+)/, template: 'trusty: panic: {1}' },
    ],
  },
  {
    header: 'fatal error:',
    formats: [{ title: /fatal error:/, template: 'go runtime error' }],
    ignore: [/ALSA/, /fatal error: cannot create timer/],
  },
  // Printed by syzkaller's executor and tools.
  { header: 'SYZFAIL:', formats: [{ title: /SYZFAIL:(.*)/, template: 'SYZFAIL:{1}' }] },
  { header: 'SYZFATAL:', formats: [{ title: /SYZFATAL:(.*)()/, template: 'SYZFATAL:{1}' }] },
  {
    header: 'panic:',
    formats: [
      { title: /panic: Sentry detected .* stuck task/, template: 'panic: Sentry detected stuck tasks' },
      { title: /panic:(.*)/, template: 'panic:{1}' },
    ],
    // Kernel functions such as skb_over_panic() print "…_panic:".
    ignore: [/_panic:/, /xlog_status:/, /ddb\.onpanic:/, /evtlog_status:/],
  },
];
