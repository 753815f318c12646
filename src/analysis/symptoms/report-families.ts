// All report families in the order a line is tried against them (the first family whose header the line
// holds wins, so "BUG: KASAN:" is a BUG: report and "Internal error: Oops:" an Internal error), and the
// lines that belong to a report rather than start one.
import type { ConsoleLine } from './console-line.ts';
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
 * The longest run of literal characters that every match of `re` contains, or null when the pattern has none
 * that can be read off safely (an alternation at the top, flags). Read conservatively: groups, classes,
 * escapes other than escaped punctuation, anchors and quantified atoms all end a run.
 */
export function literalNeedle(re: RegExp): string | null {
  if (re.flags.replace(/[dgmsy]/g, '') !== '') return null;
  const src = re.source;
  const runs: string[] = [];
  let run = '';
  const end = () => {
    if (run) runs.push(run);
    run = '';
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '|') return null;
    if (c === '\\') {
      const next = src[i + 1] ?? '';
      i++;
      if (/[^\w\s]/.test(next) && next !== '') {
        run += next;
        continue;
      }
      // \x41, \u…, \cJ, \p{…}, \k<…>, \1: escapes with a payload are not worth reading.
      if (/[xucpPk0-9]/.test(next)) return null;
      end();
      continue;
    }
    if (c === '[') {
      i = classEnd(src, i);
      end();
      continue;
    }
    if (c === '(') {
      // Skip the whole group, nested groups and classes included: it is not a literal.
      for (let depth = 0; i < src.length; i++) {
        const d = src[i];
        if (d === '\\') i++;
        else if (d === '[') i = classEnd(src, i);
        else if (d === '(') depth++;
        else if (d === ')' && --depth === 0) break;
      }
      end();
      continue;
    }
    if (c === '?' || c === '*' || c === '+' || c === '{') {
      // The atom before is optional or repeated: drop it from the run.
      run = run.slice(0, -1);
      end();
      if (c === '{') while (i < src.length && src[i] !== '}') i++;
      continue;
    }
    if (c === '^' || c === '$' || c === '.' || c === ')' || c === ']' || c === '}') {
      end();
      continue;
    }
    run += c;
  }
  end();
  return runs.reduce<string | null>((best, r) => (best === null || r.length > best.length ? r : best), null);
}

/** Index of the `]` that closes the class opened at `open` (JavaScript syntax: `[]` is an empty class). */
function classEnd(src: string, open: number): number {
  let i = open + 1;
  for (; i < src.length; i++) {
    if (src[i] === '\\') i++;
    else if (src[i] === ']') break;
  }
  return i;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A literal that every line starting a report of some family contains: most lines start no report, and one
 * scan for these literals rejects them (the families are tried in turn only on the few lines left). Null
 * when a family's header has no literal to require: then every line is tried.
 */
const NEEDLES: string[] | null = (() => {
  const out: string[] = [];
  for (const f of REPORT_FAMILIES) {
    const needle = typeof f.header === 'string' ? f.header : literalNeedle(f.header);
    if (!needle) return null;
    out.push(needle);
  }
  return [...new Set(out)];
})();
const ANY_NEEDLE = NEEDLES && !NEEDLES.some((n) => /[\r\n]/.test(n)) ? new RegExp(NEEDLES.map(escapeRegExp).join('|')) : null;
const EVERY_NEEDLE = ANY_NEEDLE ? new RegExp(ANY_NEEDLE.source, 'g') : null;

/**
 * For each of the first `count` lines of `text`, 1 when the line holds a header literal: one scan of the
 * text instead of a test per line. Null when there is no quick reject (some header has no literal).
 */
export function linesWithNeedles(text: string, count: number): Uint8Array | null {
  if (!EVERY_NEEDLE) return null;
  const flags = new Uint8Array(count);
  let line = 0;
  let lineStart = 0;
  EVERY_NEEDLE.lastIndex = 0;
  for (let m = EVERY_NEEDLE.exec(text); m; m = EVERY_NEEDLE.exec(text)) {
    for (let nl = text.indexOf('\n', lineStart); nl !== -1 && nl < m.index; nl = text.indexOf('\n', lineStart)) {
      line++;
      lineStart = nl + 1;
    }
    if (line >= count) break;
    flags[line] = 1;
    // One literal is enough: go on from the next line.
    const next = text.indexOf('\n', m.index);
    if (next === -1) break;
    EVERY_NEEDLE.lastIndex = next;
  }
  return flags;
}

/** familyOf(line.text), computed once per line (findCrashReports marks the lines without a literal first). */
export function lineFamily(line: ConsoleLine): ReportFamily | null {
  if (line.family === undefined) line.family = familyOf(line.text);
  return line.family;
}

/**
 * False when no line of `text` can start a report. A report's header is matched on a console line with
 * its prefixes removed (a substring of the raw line), so a needle in that line is in the text too.
 */
export function mayHoldReport(text: string): boolean {
  return ANY_NEEDLE === null || ANY_NEEDLE.test(text);
}

/** The family whose report this line starts, or null. */
export function familyOf(line: string): ReportFamily | null {
  if (ANY_NEEDLE !== null && !ANY_NEEDLE.test(line)) return null;
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
