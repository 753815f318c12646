// Reads one report back out of a console log or a mail: from its header line on, the lines printed by
// the same caller (the rest is other tasks' output interleaved with it), without the "? func" guesses
// of the unwinder, and — for logs without caller ids — only up to the next report's header.
import { isCpuContext, type ConsoleLine } from './console-line.ts';
import { isContinuation, lineFamily, printsInfoStack } from './report-families.ts';
import { looksLikeKernelOutput } from './kernel-lines.ts';

export interface CollectedReport {
  /** The report's lines without console prefixes, one per line, each ending in '\n': what titles read. */
  text: string;
  /** Index of the report's last line in the input. */
  last: number;
  /** Where the search for the next report resumes. */
  next: number;
}

// After this many lines of a report, a panic or a lockdep splat is the consequence of the report (a
// panic_on_warn panic; oops printing taking locks), not part of its identity. KMSAN reports are shorter.
const MIN_REPORT_LINES = 22;
const MIN_KMSAN_REPORT_LINES = 16;
// A lead-in line (refcount_t: …) belongs to the report whose header follows it this closely.
export const LEAD_IN_WINDOW = 15;
// No report runs longer than this many lines; the bound keeps a long log with many reports linear.
const MAX_REPORT_SPAN = 5000;

export function collectReport(lines: readonly ConsoleLine[], start: number): CollectedReport {
  const context = lines[start].context;
  const byCaller = context !== '' && context !== 'console';
  const minLines = lines[start].text.includes('BUG: KMSAN:') ? MIN_KMSAN_REPORT_LINES : MIN_REPORT_LINES;
  let second = -1;
  let textLines = 0;
  let skipRest = false;
  let cpuTraceback = false;
  const kept: string[] = [];
  let keptBeforeSecond = 0;
  const end = Math.min(lines.length, start + MAX_REPORT_SPAN);
  for (let i = start; i < end; i++) {
    const line = lines[i];
    const isStart = i === start;
    // Past the next report nothing more is read, unless caller ids keep the reports apart.
    if (second >= 0 && !byCaller) break;
    if (!isStart && second < 0 && !expandsHeader(lines, i)) {
      const family = lineFamily(line);
      if (family ? !family.leadIn && !isContinuation(line.text) : printsInfoStack(line.text)) second = i;
    }
    const sameCaller = line.context === context || (cpuTraceback && isCpuContext(line.context));
    if (!isStart && (line.questionable || !sameCaller)) continue;
    textLines++;
    let skip = skipRest;
    if (line.text.includes('Disabling lock debugging due to kernel taint')) skip = true;
    else if (line.text.includes('Sending NMI from CPU')) {
      // An all-CPU backtrace follows: keep the other CPUs' lines too.
      cpuTraceback = true;
    } else if (
      textLines > minLines &&
      (line.text.includes('Kernel panic - not syncing') || line.text.includes('WARNING: possible circular locking dependency detected'))
    ) {
      skipRest = true;
      skip = true;
    }
    if (!isStart && skip) continue;
    kept.push(`${line.text}\n`);
    if (second < 0 || byCaller) keptBeforeSecond = kept.length;
  }
  const regionEnd = second < 0 ? end - 1 : second - 1;
  const last = lastReportLine(lines, start, regionEnd, context);
  let next = second < 0 ? last + 1 : second;
  // The next report may begin with a lead-in line just above its header.
  if (second >= 0) {
    for (let i = Math.max(last + 1, second - LEAD_IN_WINDOW); i < second; i++) {
      if (lineFamily(lines[i])?.leadIn) {
        next = i;
        break;
      }
    }
  }
  return { text: kept.slice(0, keptBeforeSecond).join(''), last, next: Math.max(next, start + 1) };
}

/**
 * A symbolizer turns a header naming an inlined function into several header lines, one per inline
 * level (`BUG: KASAN: … in stack_not_used kernel/exit.c:862 [inline]` … `in do_exit+0x1b1a/0x2610`):
 * those lines are one header, not several reports. (A mail turned from HTML may double-space them.)
 */
function expandsHeader(lines: readonly ConsoleLine[], i: number): boolean {
  if (isInline(lines[i].text)) return true;
  let above = i - 1;
  if (above > 0 && lines[above].text.trim() === '') above--;
  return above >= 0 && isInline(lines[above].text) && lineFamily(lines[above]) !== null;
}
const INLINE = / \[inline\]\s*$/;
/** INLINE.test(text), without a scan of the line when its last character can end no match (most lines). */
function isInline(text: string): boolean {
  const c = text.charCodeAt(text.length - 1);
  // `]`, or a character \s might be.
  return (c === 0x5d || c <= 0x20 || c === 0xa0 || c >= 0x1680) && INLINE.test(text);
}

/**
 * The last line of the report. With console prefixes, the caller's last line; in a mail, the report ends
 * before the first paragraph that has nothing of kernel output in it (the reporter's prose after it).
 */
function lastReportLine(lines: readonly ConsoleLine[], start: number, regionEnd: number, context: string): number {
  if (context !== '') {
    for (let i = regionEnd; i > start; i--) if (lines[i].context === context && lines[i].text.trim() !== '') return i;
    return start;
  }
  let last = start;
  let i = start + 1;
  while (i <= regionEnd) {
    if (lines[i].text.trim() === '') {
      i++;
      continue;
    }
    let end = i;
    let kernel = false;
    while (end <= regionEnd && lines[end].text.trim() !== '') {
      if (looksLikeKernelOutput(lines[end].text)) kernel = true;
      end++;
    }
    // A paragraph that follows the header line directly is part of it whatever it holds.
    if (!kernel && i > start + 1) break;
    last = end - 1;
    i = end;
  }
  return last;
}
