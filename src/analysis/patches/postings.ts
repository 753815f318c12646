// A message's own segments → its patch postings. A diffstat then the diff, or one diff broken by a short comment,
// is one posting; a new header block, a new run of trailers, a new `---`+diffstat or a long paragraph between
// two diffs starts another (two git format-patch blocks in one mail give two patches).
import type { Message, Segment } from '../../thread/types.ts';
import { isPatchHeader } from './in-body-headers.ts';
import { isDiffstatLine } from './parse-diffstat.ts';

export interface Posting {
  /** From the posting's start through its last diff segment, in order (headers, text, trailers, diff, …). */
  segments: Segment[];
  diffs: Segment[];
  /** Own segments after the last diff, kept when they hold trailers (a `Signed-off-by` under the diff). */
  trailing: Segment[];
}

/** A comment this short between two diffs is a remark inside one patch, not the preamble of another. */
const MAX_SPLIT_COMMENT_LINES = 3;
const FILE_OR_HUNK = /^(?:diff |Index: |@@|--- \S)/m;

function nonBlankLines(segments: Segment[]): number {
  let n = 0;
  for (const s of segments) for (const l of s.text.split('\n')) if (l.trim()) n++;
  return n;
}

function startsNewPosting(cur: Posting, pending: Segment[], seg: Segment): boolean {
  if (pending.some((s) => isPatchHeader(s) || s.kind === 'trailers')) return true;
  const lastDiff = cur.diffs[cur.diffs.length - 1]!;
  if (seg.attachment && seg.attachment !== lastDiff.attachment) return true;
  if (seg.text.startsWith('@@')) return false;
  // Until a file or hunk has been seen, the diff so far was a diffstat: this is its diff.
  if (!cur.diffs.some((d) => FILE_OR_HUNK.test(d.text))) return false;
  // `---` and a diffstat open a new patch's diff.
  const first = seg.text.split('\n', 1)[0]!;
  if (/^---\s*$/.test(first) || isDiffstatLine(first)) return true;
  if (pending.some((s) => /^Subject:\s*\S/m.test(s.text))) return true;
  return nonBlankLines(pending) > MAX_SPLIT_COMMENT_LINES;
}

function empty(): Posting {
  return { segments: [], diffs: [], trailing: [] };
}

export function splitPostings(m: Message): Posting[] {
  const out: Posting[] = [];
  let cur = empty();
  let pending: Segment[] = [];
  for (const seg of m.segments) {
    if (seg.kind === 'quote' || seg.kind === 'signature') continue;
    if (cur.diffs.length === 0) {
      // A second header block before any diff: the first introduced something else (a forwarded report).
      if (isPatchHeader(seg) && cur.segments.some(isPatchHeader)) cur = empty();
      cur.segments.push(seg);
      if (seg.kind === 'diff') cur.diffs.push(seg);
      continue;
    }
    if (seg.kind !== 'diff') {
      pending.push(seg);
      continue;
    }
    if (startsNewPosting(cur, pending, seg)) {
      out.push(cur);
      cur = empty();
    }
    cur.segments.push(...pending, seg);
    cur.diffs.push(seg);
    pending = [];
  }
  if (pending.length > 0) {
    const header = pending.findIndex(isPatchHeader);
    if (header >= 0) {
      // A patch whose diff the archive cut away: kept as its own posting, the caller decides.
      cur.trailing = pending.slice(0, header);
      out.push(cur);
      cur = { segments: pending.slice(header), diffs: [], trailing: [] };
    } else if (pending.some((s) => s.kind === 'trailers')) {
      cur.trailing = pending;
    }
  }
  out.push(cur);
  return out;
}
