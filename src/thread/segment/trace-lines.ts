// Line tests for kernel crash and lock reports. Every test takes a console line already stripped of its
// timestamp/syslog prefix and left-trimmed (body.ts `strippedText`). Patterns are anchored alternations or
// literal searches with at most one bounded wildcard and no overlapping nested quantifiers, so a line costs
// O(its classified prefix) and no input can make a regex backtrack catastrophically.

/** Lines that open a report: they may start a trace on their own. */
const START =
  /^(?:BUG: |BUG \S+ \((?:Not t|T)ainted\)|kernel BUG at |Kernel BUG at |[Uu]nable to handle kernel |general protection fault|Internal error: |Kernel panic - not syncing|-+\[ cut here \]-+|Call [Tt]race:|Backtrace:|Modules linked in:|UBSAN: |(?:rcu: )?INFO: (?:task \S+ blocked|rcu_\w+ (?:self-)?detected|trying to register non-static key|lockdep is turned off|suspicious RCU usage|possible \w+ locking|NMI handler|Slab 0x|Object 0x|Allocated in|Freed in)|\[ (?:INFO|BUG|WARNING): |(?:NMI )?watchdog: (?:BUG|Watchdog)|divide error: |invalid opcode: |stack segment: |double fault: |kernel tried to execute |Kernel stack overflow|list_(?:add|del) corruption|Unhandled (?:fault|kernel unaligned)|SError Interrupt|NMI backtrace for cpu|(?:Read|Write) of size \d+ at addr |Memory state around the buggy address|sysrq: Show|task:\S+\s+state:[A-Z]|Instruction dump:|ODEBUG: |refcount_t: |WARNING: (?:at |CPU: |ODEBUG|[a-z_/.(])|Oops(?:: (?:[0-9a-f]{4}|general|invalid|Kernel|Exception|.{0,160}\[#\d)|\[#\d| - ))/;

/** Lines that on their own strongly suggest a report (two in a row start one). */
const FRAME_ADDR = /\[<[0-9a-f]{4,}>\]/;
const FRAME_OFFSET = /\+0x[0-9a-f]+\/0x[0-9a-f]+/;
const STRONG_REGISTER =
  /^(?:RIP|RSP|RAX|RBX|RCX|RDX|RSI|RDI|RBP|R(?:[89]|1[0-5])|EIP|ESP|EAX|EBX|ECX|EDX|ESI|EDI|EBP|EFLAGS|CR[0-4]|DR[0-7]|pc|lr|sp|psr|pstate|x\d{1,2}|r\d{1,2}|GPR\d\d|NIP|MSR|CTR|XER|DAR|DSISR|epc|ra|Krnl (?:PSW|GPRS))\s*:\s*(?:\[<|\(|0x)?[0-9a-f]{4,}/;
const STRONG_OTHER =
  /^(?:Code: (?:[<(]?[0-9a-f]{2,8}[>)]? |Bad RIP|Unable to access)|CPU: \d+ (?:UID: \d+ )?PID: \d+|Pid: \d+, comm: |Hardware name: |Stack:\s*(?:$|\()|Process \S+ \(pid: \d+|PC is at |LR is at |<\/?(?:IRQ|TASK|NMI|EOI|SOFTIRQ)>|[>#]?[0-9a-f]{8,16}: (?:[0-9a-f]{2,16} ){2}|---\[ end )/;

/** Further lines seen inside reports; only continue a trace that has started. */
const CONTINUE_PREFIX =
  /^(?:IP: |PGD |P4D |PUD |PMD |PTE |#PF: |CPU \d|Workqueue: |task: |task:\S*\s+state:|Stack:|Code: |Process |RIP |RSP <|Kernel Offset:|Dumping ftrace buffer|\(ftrace buffer empty\)|Read of size|Write of size|(?:Allocated|Freed) by task|(?:Last|Second to last) potentially related|The buggy address|Memory state around|which belongs to the cache|page dumped because|page_owner|page last |other info that might help|Possible (?:interrupt )?unsafe locking scenario|\*\*\* DEADLOCK \*\*\*|stack backtrace:|irq event stamp:|(?:hard|soft)irqs last|Chain exists of:|the existing dependency chain|which lock already depends|but task is already holding|May be due to missing lock|no locks held by|Showing (?:all locks held|busy workqueues)|Sending NMI from CPU|rcu: |\(detected by |"echo 0 > \/proc\/sys\/kernel\/hung_task_timeout_secs"|Flags: [nN][zZ][cC][vV]|Function entered at|Exception stack\(|pgd = |Mem abort info:|Data abort info:|(?:ESR|EC|IL|SET|FAR|FnV|EA|S1PTW|ISV|ISS|CM|WnR) = |(?:user|swapper) pgtable:|Last Breaking-Event-Address:|Krnl |User (?:PSW|GPRS|Code)|[>#]?[0-9a-f]{8,16}:\s|Faulting instruction address:|\.\.\. (?:key|acquired|which became)|inconsistent \{|\{[\w-]+\} state was registered|<Interrupt>|<<EOE>>|-> #\d+ |#\d+: |\d+ locks? (?:held|on stack) by |lock\(|rlock\(|wlock\(|unlock\(|Tainted: |Not tainted|Rebooting in |rcu_scheduler_active = |RCU used illegally|Shutting down cpus|CPU \d+ will stop|\? \S)/;
const CONTINUE_SEARCH =
  /\{[-+.?]{4,6}\}| --> |\[HC\d\[\d\]:SC\d| is trying to (?:acquire|release) lock| is leaving the kernel with locks| no more locks to release| used illegally| blocked for more than | (?:Not tainted|Tainted: [A-Z ]*)|-byte region \[/;
/** `R13: ffff…`, `raw: 00ff…`, `Control: 10c5387d`, `sp : ef85be80`, `Krnl PSW : 0704…`. */
const REGISTER = /^[A-Za-z][\w.]{0,14}(?: [A-Z]{2,5})? ?\s*:\s*(?:\[<|\(0x|\(|0x)?[0-9a-f]{4,}\b/;
/** Stack or code dump words: `ffff8801243fb9a8 ffffffffa0522544`, `45 d0 48 8b <48> 8b`. */
const HEX_ROW = /^(?:[<(]?[0-9a-f]{2,16}[>)]?[ \t]+){2,}[<(]?[0-9a-f]{2,16}[>)]?\s*$/;
/** syzbot-style frames without offsets: `__dump_stack lib/dump_stack.c:88 [inline]`. */
const INLINE_FRAME = /^[\w/.-]+\.[ch]:\d+ \S|^[\w.$]+ [\w/.+-]+\.[chSs]:\d+(?::\d+)?(?: \[inline\])?$|^\S+ \[inline\]$/;
/** powerpc frames `[c000000010f930b0] [c000000008068df8] …` and ARM page-table lines `[00000000] *pgd=…`. */
const BRACKET_ADDR = /^\(?\[[0-9a-f]{8,16}\] (?:\[|\*pgd)/;
/** Section rules and lockdep/KASAN banners: `=====…`, `-----…`, lockdep's `CPU0 CPU1` / `---- ----`, KASAN's `^`. */
const RULE = /^(?:={5,}|-{5,}|CPU\d+(?:\s+CPU\d+)*|-{4}(?:\s+-{4})*|\^)\s*$/;

/** Start lines that open with a task name, found by a plain substring test first. */
const START_AFTER_TASK = /^\S+(?: invoked oom-killer: |: page allocation failure: )/;

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

export function isTraceStart(t: string): boolean {
  const c = t.charCodeAt(0);
  // Every fixed opener begins with a letter, `-` (cut here) or `[` (old lockdep banners).
  if ((isLetter(c) || c === 45 || c === 91) && START.test(t)) return true;
  return (t.includes(' invoked oom-killer: ') || t.includes(': page allocation failure: ')) && START_AFTER_TASK.test(t);
}

/**
 * A syzbot-style title (`BUG: unable to handle kernel paging request in __d_lookup`) names a report without
 * being one: people list them in prose. A start line shaped like that opens a trace only above trace lines.
 */
export function isTitleLike(t: string): boolean {
  return / in [\w.]+\s*$/.test(t);
}

export function isStrongTraceLine(t: string): boolean {
  return (
    (t.includes('[<') && FRAME_ADDR.test(t)) ||
    (t.includes('+0x') && FRAME_OFFSET.test(t)) ||
    (isLetter(t.charCodeAt(0)) && STRONG_REGISTER.test(t)) ||
    STRONG_OTHER.test(t)
  );
}

/** Any line that looks like part of a report (start, strong or continuation line). */
export function isTraceLine(t: string): boolean {
  return (
    isStrongTraceLine(t) ||
    isTraceStart(t) ||
    CONTINUE_PREFIX.test(t) ||
    REGISTER.test(t) ||
    HEX_ROW.test(t) ||
    INLINE_FRAME.test(t) ||
    BRACKET_ADDR.test(t) ||
    RULE.test(t) ||
    CONTINUE_SEARCH.test(t)
  );
}

/** `=====…` banner that opens lockdep, KASAN and UBSAN reports when the next line is a start line. */
export function isBannerRule(t: string): boolean {
  return /^={10,}\s*$/.test(t);
}

/** A wrapped `Modules linked in:` continuation: identifier-like tokens, one with `_` or a digit. */
export function isModuleListLine(t: string): boolean {
  return /^[\w-]+(?:\([A-Z+-]+\))?(?:\s+[\w-]+(?:\([A-Z+-]+\))?)*(?:\s+\[last unloaded: [\w-]+\])?\s*$/.test(t) && /[_\d]/.test(t);
}
