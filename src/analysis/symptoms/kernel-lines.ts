// Tells kernel output from a person's prose, for mails where a pasted report has no timestamps to show
// where it ends: a paragraph with no frame, address, register or report keyword in it is the reporter
// talking again.
import { matchFrameLine } from './patterns.ts';

const KERNEL_MARKERS: RegExp[] = [
  /\+0x[0-9a-f]+/, // func+0x12/0x34
  /\[<?[0-9a-f]*>?\]/, // [<ffffffff81234567>], [] in web archives
  /\b[0-9a-f]{8,}\b/, // addresses, register values, hex dumps
  /^\s*[A-Za-z$][A-Za-z0-9 ]{0,4}\s*:\s*[0-9a-f]{4,}/, // register dumps: "RAX: …", "r10: …", "x29: …"
  /:\s*$/, // section headers: "Call Trace:", "other info that might help us debug this:"
  /^\s*(?:-> #\d|#\d+:|\*\*\*|\(?[&\w]+\)?\{[+.?-]{4,}|lock\(|<\/?(?:IRQ|EOI|TASK|NMI)>|---\[|-{6,}|={6,})/, // lockdep, markers
  /^\s*(?:CPU\d*\b|CPU:|Pid:|PID:|Comm:|Hardware name|Modules linked in|Code:|RIP|EIP|NIP|LR|PC is at|pc :|lr :|sp :|Process |Stack:|Call Trace|Call trace|Backtrace|Instruction dump|Kernel panic|Oops|BUG|WARNING|INFO:|kernel BUG|Unable to handle|Internal error|general protection|Tainted|Not tainted|Read of size|Write of size|Allocated by|Freed by|The buggy address|Memory state|page:|flags:|raw:|irq event stamp|hardirqs|softirqs|Workqueue|Mem-Info|Node \d|Free swap|Out of memory|Killed process|Sending NMI|NMI backtrace|Dumping ftrace|Exception stack|Fixing recursive fault|Disabling lock debugging|no locks held|\d+ locks? held|\s*\d+ lock held)/,
];

export function looksLikeKernelOutput(line: string): boolean {
  return matchFrameLine(line) !== null || KERNEL_MARKERS.some((re) => re.test(line));
}
