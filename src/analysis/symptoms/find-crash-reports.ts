// Text → crash reports: every kernel crash report in a console log or a mail body, each titled the way
// syzbot titles it ("KASAN: use-after-free Read in xhci_trb_virt_to_dma"), with the guilty function, the
// stack it was chosen from, and what the report says about the kernel (release, taint, arch).
//
//   findCrashReports('[ 12.3] BUG: unable to handle kernel paging request at ffff…\n[ 12.3] IP: [<…>] __d_lookup+0xf1/0x117 …')
//   → [{ title: 'BUG: unable to handle kernel paging request in __d_lookup', kind: 'oops', function: '__d_lookup', … }]
import type { SymptomKind } from '../types.ts';
import { cleanTitle } from './clean-title.ts';
import { collectReport, LEAD_IN_WINDOW } from './collect-report.ts';
import { parseConsoleLine, type ConsoleLine } from './console-line.ts';
import { demangleRust } from './demangle-rust.ts';
import { describeReport, type Description } from './describe-report.ts';
import type { ReportFamily } from './format-types.ts';
import { CALL_TRACE, matchesAny, matchFrameLine, PRINTED_FRAME, STACK_STARTS } from './patterns.ts';
import { readArch, readTaint } from './report-facts.ts';
import { rejoinWrapped } from './rejoin-wrapped.ts';
import { lineFamily, linesWithNeedles, mayHoldReport } from './report-families.ts';
import { titleKind } from './title-family.ts';

export interface CrashReport {
  /** syzbot-style title: addresses, numbers and offsets normalised away. */
  title: string;
  kind: SymptomKind;
  /**
   * The guilty function: the one the title names; for titles that name none ("BUG: Poison overwritten"),
   * the first non-generic frame of the stack, if any.
   */
  function: string | null;
  kernelVersion: string | null;
  arch: string | null;
  /** Taint flags (`G M`), null when not tainted or not stated. */
  tainted: string | null;
  /** First and last line of the report in the input, 1-based. */
  startLine: number;
  endLine: number;
  /** The guilty frame as printed (`ext4_write_inode+0x1c/0x80 fs/ext4/inode.c:123`), without addresses. */
  guiltyFrame: string | null;
  /** The report's call trace, function names from the top (the unwinder's `?` guesses left out). */
  frames: string[];
  /** The header line carries a console timestamp: it is kernel output, not a person quoting a title. */
  timestamped: boolean;
}

// A stack longer than this is recursion or a corrupted log; the top is what matters.
const MAX_FRAMES = 64;
// Bounds on the work done for hostile or degenerate input (a log of thousands of repeated headers):
// a mail body is rarely this long, a console log can be;
const MAX_LINES = 200_000;
// no log is read for more reports than this (syzbot itself titles only the first);
const MAX_REPORTS = 100;
// and a title is read from the first lines of its report only — syzbot's test data needs under 300.
const MAX_TITLE_LINES = 600;
// and no console line is read past this many characters: printk never prints a longer one (LOG_LINE_MAX is
// 1024 bytes), and a pasted megabyte "line" of `BUG: BUG: …` made the title patterns (`BUG: .*still has locks
// held!`) rescan the rest of the line from every match start, quadratic in its length.
const MAX_LINE_CHARS = 1024;

/**
 * Descriptions by report text and family. A message's report is read twice — from its trace segment and
 * from the message's whole pasted text — and titling it (formats, frame walks) is most of the work: the
 * caller may share one memo between such reads.
 */
export type DescriptionMemo = Map<string, { family: ReportFamily; description: Description }[]>;

function describeOnce(text: string, family: ReportFamily, memo: DescriptionMemo | undefined): Description {
  const known = memo?.get(text);
  const hit = known?.find((k) => k.family === family);
  if (hit) return hit.description;
  const description = describeReport(text, family);
  if (memo) {
    if (known) known.push({ family, description });
    else memo.set(text, [{ family, description }]);
  }
  return description;
}

export function findCrashReports(text: string, memo?: DescriptionMemo): CrashReport[] {
  // Most texts a thread holds start no report: one scan for the families' header literals says so.
  if (!mayHoldReport(text)) return [];
  const raws = text.split('\n', MAX_LINES).map((l) => (l.length > MAX_LINE_CHARS ? l.slice(0, MAX_LINE_CHARS) : l));
  const lines = raws.map(parseConsoleLine);
  // A line without a header literal starts no report: its family is known without a look.
  const flagged = linesWithNeedles(text, lines.length);
  if (flagged) for (let i = 0; i < lines.length; i++) if (flagged[i] === 0) lines[i].family = null;
  // After the quick reject: a rejoined line is looked at again.
  rejoinWrapped(raws, lines);
  const reports: CrashReport[] = [];
  let from = 0;
  while (from < lines.length && reports.length < MAX_REPORTS) {
    const start = findReportStart(lines, from);
    if (!start) break;
    const collected = collectReport(lines, start.header);
    const description = describeOnce(firstLines(collected.text, MAX_TITLE_LINES), start.family, memo);
    const title = cleanTitle(description.title);
    const last = Math.max(collected.last, start.header);
    const region = lines.slice(start.first, last + 1).filter((l) => l.context === lines[start.header].context);
    const regionText = region.map((l) => l.text);
    const taint = readTaint(regionText);
    reports.push({
      title,
      kind: kindOf(title, start.family),
      function: description.guilty?.name ?? description.named ?? functionInTitle(title),
      kernelVersion: taint.kernelVersion,
      arch: readArch(regionText.join('\n'), taint.kernelVersion),
      tainted: taint.tainted,
      startLine: start.first + 1,
      endLine: last + 1,
      guiltyFrame: description.guilty ? printedFrame(description.guilty.line, description.guilty.raw) : null,
      frames: stackOf(region),
      timestamped: lines[start.header].context !== '',
    });
    from = collected.next;
  }
  return reports;
}

interface ReportStart {
  /** The report's first line (a lead-in line, or the header). */
  first: number;
  /** The header line the title is read from. */
  header: number;
  family: ReportFamily;
}

function findReportStart(lines: readonly ConsoleLine[], from: number): ReportStart | null {
  for (let i = from; i < lines.length; i++) {
    const family = lineFamily(lines[i]);
    if (!family) continue;
    if (family.leadIn) {
      // A lead-in is titled from the real header when one follows (as syzbot sees it: from that header).
      const limit = Math.min(lines.length, i + 1 + LEAD_IN_WINDOW);
      for (let j = i + 1; j < limit; j++) {
        const real = lineFamily(lines[j]);
        if (real && !real.leadIn) return { first: i, header: j, family: real };
      }
    }
    return { first: i, header: i, family };
  }
  return null;
}

function kindOf(title: string, family: ReportFamily): SymptomKind {
  const kind = titleKind(title);
  return kind === 'other' && family.kind ? family.kind : kind;
}

function firstLines(text: string, count: number): string {
  let at = -1;
  for (let i = 0; i < count; i++) {
    at = text.indexOf('\n', at + 1);
    if (at < 0) return text;
  }
  return text.slice(0, at + 1);
}

/** For formats that name a function without walking a stack ("WARNING in foo" from the header line). */
function functionInTitle(title: string): string | null {
  const m = / in ([A-Za-z_][A-Za-z0-9_.]*)$/.exec(title);
  return m && m[1] !== 'corrupted' ? m[1] : null;
}

/** `[<ffffffff81234567>] ext4_write_inode+0x1c/0x80 fs/ext4/inode.c:123` → from the name on. */
function printedFrame(line: string, name: string): string {
  // Printed addresses go first: `[<ffffffff81234567>]`, `[device_pm_add+108/240]`, `[c0000000fe4b3b60]`.
  const text = line.replace(/^\s*\(?(?:\[[^\]]*\]\s*)*/, '');
  const at = text.indexOf(name);
  const from = at < 0 ? text : text.slice(at);
  return from
    .replace(/[)\s]+$/, '')
    .replace(/\) from \[.*$/, '')
    .trim();
}

/**
 * The stack the report is about: the one under its Call Trace line (or, without one, the first stack
 * printed), up to the next stack header — an "Allocated by task" stack is another story.
 */
function stackOf(region: readonly ConsoleLine[]): string[] {
  const frames: string[] = [];
  const trace = region.findIndex((l) => CALL_TRACE.test(l.text));
  for (const line of region.slice(trace < 0 ? 0 : trace + 1)) {
    if (frames.length > 0 && matchesAny(line.text, STACK_STARTS)) break;
    if (line.questionable || !PRINTED_FRAME.test(line.text)) continue;
    const m = matchFrameLine(line.text);
    if (!m) continue;
    const found = m.slice(1).find((g) => g !== undefined);
    const name = found === undefined ? undefined : demangleRust(found);
    if (name && frames[frames.length - 1] !== name) frames.push(name);
    if (frames.length >= MAX_FRAMES) break;
  }
  return frames;
}
