// Quoted text: lines opened (after up to 3 spaces) by a run of `>` markers. Quotes win over every other kind:
// a quoted diff or oops stays a quote, its text the raw quoted lines.
import { type Block, type Body, head, isBlank } from './body.ts';

// A KASAN shadow-memory row marks the faulting row with a leading `>` (`>ffff888075f5c080: 00 fc fc`). That
// `>` is not a quote marker, so a quoted report keeps one depth and a pasted one stays a trace.
const SHADOW_ROW = /^[0-9a-f]{8,16}:/;

/** Number of `>` markers opening the line (`> > >` and `>>>` are both 3); 0 when it is not quoted. */
export function quoteDepth(line: string): number {
  let k = 0;
  while (k < 3 && line.charCodeAt(k) === 32) k++;
  let depth = 0;
  while (line.charCodeAt(k) === 62 /* > */) {
    const next = line.charCodeAt(k + 1);
    // A shadow row starts with a hex digit: only then is the pattern worth a slice.
    if (((next >= 48 && next <= 57) || (next >= 97 && next <= 102)) && SHADOW_ROW.test(line.slice(k + 1, k + 18))) break;
    depth++;
    k++;
    while (line.charCodeAt(k) === 32 || line.charCodeAt(k) === 9) k++;
  }
  return depth;
}

/** True when a quoted line carries nothing after its markers (`>` or `> >` alone). */
function isEmptyQuote(line: string): boolean {
  return /^[\s>]*$/.test(line);
}

/** quoteDepth of line i's head, computed once per line (several detectors ask for it); 0 past the ends. */
export function depthAt(b: Body, i: number): number {
  if (i < 0 || i >= b.lines.length) return 0;
  const known = b.depths[i]!;
  if (known !== 0) return known - 1;
  const depth = quoteDepth(head(b, i));
  b.depths[i] = depth + 1;
  return depth;
}

/**
 * A run of quoted lines of one depth starting at i. Blank lines stay inside when the same depth resumes after
 * them. An empty quoted line of a shallower depth between two lines of this depth (`> > a` / `>` / `> > b`,
 * as clients re-wrap) stays too, instead of splitting the run into three segments.
 */
export function quoteBlock(b: Body, i: number): Block | null {
  const depth = depthAt(b, i);
  if (depth === 0) return null;
  const n = b.lines.length;
  let end = i + 1;
  let j = i + 1;
  while (j < n) {
    if (isBlank(b, j)) {
      let k = j;
      while (k < n && isBlank(b, k)) k++;
      if (k < n && depthAt(b, k) === depth) {
        j = k;
        continue;
      }
      break;
    }
    const d = depthAt(b, j);
    if (d === depth) {
      end = ++j;
      continue;
    }
    if (d > 0 && d < depth && isEmptyQuote(head(b, j)) && depthAt(b, j + 1) === depth) {
      end = ++j;
      continue;
    }
    break;
  }
  return { kind: 'quote', start: i, end, quoteDepth: depth };
}
