// Kernel crash and lock reports (oops, BUG, WARNING, lockdep, KASAN/UBSAN, hung task, RCU stall, panic).
import { type Block, type Body, head, isBlank, isStamped, strippedText } from './body.ts';
import { depthAt } from './quote.ts';
import { isBannerRule, isModuleListLine, isStrongTraceLine, isTitleLike, isTraceLine, isTraceStart } from './trace-lines.ts';

/** Archives wrap long console lines; this many unrecognised lines may sit between two trace lines. */
const MAX_WRAPPED_LINES = 2;
/** A wrapped remainder is short; a longer unrecognised line is prose and ends the trace. */
const MAX_WRAPPED_CHARS = 200;
/** A report's own lower-case section heading: `but task is already holding lock:`. */
const SECTION_HEADING = /^\s*[a-z][^:]{0,80}:\s*$/;
/** Lines that open another structure are never taken as a wrapped trace line. */
const OTHER_STRUCTURE = /^(?:--\s*$|diff |--- |\+\+\+ |@@ |Index: |From: |Subject: |Date: |[A-Z][\w-]*-by: |On .{0,200} wrote:\s*$)/;

/**
 * A trace starts at a report's opening line (`BUG: …`, `Call Trace:`, `------------[ cut here ]------------`),
 * at a `=====` banner directly above one, or at two consecutive frame/register lines (a pasted call trace).
 */
export function startsTrace(b: Body, i: number): boolean {
  const t = strippedText(b, i);
  if (isTraceStart(t)) return !isTitleLike(t) || isTraceLine(nextText(b, i));
  if (isBannerRule(t)) return isTraceStart(nextText(b, i));
  return isStrongTraceLine(t) && isTraceLine(nextText(b, i));
}

/** The next line's console text, or '' when it is blank, quoted or past the end. */
function nextText(b: Body, i: number): string {
  return i + 1 < b.lines.length && !isBlank(b, i + 1) && depthAt(b, i + 1) === 0 ? strippedText(b, i + 1) : '';
}

export function traceBlock(b: Body, i: number): Block | null {
  if (!startsTrace(b, i)) return null;
  return { kind: 'trace', start: i, end: traceEnd(b, i) };
}

/** Exclusive end of the trace that starts at i; it always ends on a non-blank line. */
function traceEnd(b: Body, i: number): number {
  const n = b.lines.length;
  // A report that began with printk timestamps claims every later timestamped line: oops output interleaves
  // with other console messages, and the reader wants them together.
  const stampedTrace = isStamped(b, i);
  const isTraceAt = (k: number): boolean => {
    if (k >= n || isBlank(b, k) || depthAt(b, k) > 0) return false;
    return (stampedTrace && isStamped(b, k)) || isTraceLine(strippedText(b, k));
  };
  let modules = strippedText(b, i).startsWith('Modules linked in:');
  let end = i + 1;
  let j = i + 1;
  while (j < n) {
    if (isBlank(b, j)) {
      // Reports hold blank lines (KASAN's "Allocated by task" sections, lockdep's paragraphs): go on only when
      // a trace line follows; a blank line followed by prose ends the trace.
      let k = j;
      while (k < n && isBlank(b, k)) k++;
      if (isTraceAt(k)) {
        j = k;
        continue;
      }
      // A section heading of the report itself ("page last free stack trace:") has trace lines under it;
      // a person's "I also got this:" is capitalised and ends the trace.
      if (k < n && depthAt(b, k) === 0 && SECTION_HEADING.test(head(b, k)) && isTraceAt(k + 1)) {
        end = k + 1;
        j = k + 1;
        continue;
      }
      break;
    }
    if (depthAt(b, j) > 0) break;
    const t = strippedText(b, j);
    if (isTraceAt(j) || (modules && isModuleListLine(t))) {
      modules = t.startsWith('Modules linked in:') || (modules && isModuleListLine(t));
      end = ++j;
      continue;
    }
    modules = false;
    // An archive that cuts a long message marks the cut with ` ...`; the cut line stays in the trace.
    if (b.lines[j]!.trimEnd().endsWith(' ...') && isBlank(b, j + 1)) {
      end = ++j;
      break;
    }
    let wrapped = 0;
    while (wrapped < MAX_WRAPPED_LINES && isWrappedCandidate(b, j + wrapped)) {
      wrapped++;
      if (isTraceAt(j + wrapped)) break;
    }
    if (wrapped === 0 || !isTraceAt(j + wrapped)) break;
    j += wrapped;
    end = j;
  }
  return end;
}

function isWrappedCandidate(b: Body, k: number): boolean {
  if (k >= b.lines.length || isBlank(b, k) || depthAt(b, k) > 0) return false;
  if (b.lines[k]!.length > MAX_WRAPPED_CHARS) return false;
  return !OTHER_STRUCTURE.test(head(b, k));
}
