// All report families in the order a line is tried against them (the first family whose header the line
// holds wins, so "BUG: KASAN:" is a BUG: report and "Internal error: Oops:" an Internal error), and the
// lines that belong to a report rather than start one.
import type { ReportFamily } from './format-types.ts';
import { BUG_FAMILY } from './formats-bug.ts';
import { INFO_FAMILY } from './formats-info.ts';
import { MAIL_FAMILIES } from './formats-mail.ts';
import { OOPS_FAMILIES } from './formats-oops.ts';
import { WARNING_FAMILY } from './formats-warning.ts';

export const REPORT_FAMILIES: readonly ReportFamily[] = [BUG_FAMILY, WARNING_FAMILY, INFO_FAMILY, ...OOPS_FAMILIES, ...MAIL_FAMILIES];

/**
 * Headers printed inside or right after another report: the panic that follows an oops, the `invalid
 * opcode` of a BUG() trap, a double fault while handling a fault, arm's "Internal error: Oops" after
 * "Unable to handle kernel…", the "Oops:" line after x86's BUG line, kmemleak's records after the
 * "BUG: memory leak" line, SLUB's "INFO:" details and the BUG() a Rust panic ends in. They only start a
 * report when none is open.
 */
const CONTINUATION_LINES: RegExp[] = [
  /invalid opcode: 0000/,
  /Kernel panic - not syncing/,
  /unregister_netdevice: waiting for/,
  /PANIC: double fault/,
  /Internal error:/,
  /\bOops(?:\[#\d+\])?: /,
  /unreferenced object 0x/,
  // SLUB debugging's detail lines under its "BUG <cache>: …" header.
  /INFO: (?:Allocated|Freed) in .* age=\d+/,
  /INFO: (?:Slab|Object) 0x[0-9a-f]+ /,
  /INFO: 0x[0-9a-f]+-0x[0-9a-f]+\. First byte/,
  // A Rust panic ends in BUG() from this helper.
  /kernel BUG at rust\/helpers\/bug\.c/,
];

// Not bugs themselves but printed with a stack trace: a report that runs into one is cut there.
const STACK_PRINTING_INFO = ['vmalloc: allocation failure:', 'FAULT_INJECTION: forcing a failure', 'FAULT_FLAG_ALLOW_RETRY missing'];

/**
 * One pattern that matches wherever some family's header does: most lines start no report, and testing this
 * once costs a fifth of trying each family in turn. Headers with flags or backreferences could not be
 * combined; with one of those the quick test always passes.
 */
const ANY_HEADER = REPORT_FAMILIES.every((f) => typeof f.header === 'string' || (f.header.flags === '' && !/\\[1-9k]/.test(f.header.source)))
  ? new RegExp(REPORT_FAMILIES.map((f) => `(?:${typeof f.header === 'string' ? f.header.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : f.header.source})`).join('|'))
  : /(?:)/;

/** The family whose report this line starts, or null. */
export function familyOf(line: string): ReportFamily | null {
  if (!ANY_HEADER.test(line)) return null;
  for (const family of REPORT_FAMILIES) {
    const has = typeof family.header === 'string' ? line.includes(family.header) : family.header.test(line);
    if (!has) continue;
    if (family.ignore?.some((re) => re.test(line))) continue;
    return family;
  }
  return null;
}

export function isContinuation(line: string): boolean {
  return CONTINUATION_LINES.some((re) => re.test(line));
}

export function printsInfoStack(line: string): boolean {
  return STACK_PRINTING_INFO.some((s) => line.includes(s));
}

/** The header's position in the line (for a title cut from the header line itself). */
export function headerIndex(family: ReportFamily, text: string): number {
  if (typeof family.header === 'string') return text.indexOf(family.header);
  const m = family.header.exec(text);
  return m ? m.index : -1;
}
