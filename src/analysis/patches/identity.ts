// A patch's identity: a hash of what it changes, not of how it was mailed. Only file names and `+`/`-` lines
// count, whitespace collapsed; context, hunk headers and `index` lines are dropped, so a repost, a quilt copy of
// a git diff or a re-indented copy hashes the same. Archive cuts are handled by comparing prefixes.
import { createHash } from 'node:crypto';
import type { Diffstat } from './parse-diffstat.ts';

/** What identity matching needs to know about one patch. */
export interface ChangeSummary {
  /** parseDiff().changes. */
  changes: string[];
  truncated: boolean;
  /** Real totals: counted from a whole diff, or from the diffstat of a cut one; null when unknown. */
  insertions: number | null;
  deletions: number | null;
  diffstat: Diffstat | null;
}

/** A cut copy must share at least this many changed lines with the whole one to be called the same patch… */
const MIN_PREFIX_CHANGES = 3;
/** …unless both diffstats say the same thing, file for file: then one visible line is enough. */
const MIN_PREFIX_CHANGES_SAME_STAT = 1;

export function hashIdentity(lines: readonly string[]): string {
  return createHash('sha1').update(lines.join('\n')).digest('hex').slice(0, 12);
}

export const isChange = (l: string) => l[0] === '+' || l[0] === '-';

type Verdict = 'same' | 'differ' | 'unknown';

function samePath(a: string, b: string): boolean {
  return a === b || a.endsWith(`/${b}`) || b.endsWith(`/${a}`);
}

/** Two diffstats: the same files with the same counts, or not. */
function compareStats(a: Diffstat | null, b: Diffstat | null): Verdict {
  if (!a || !b || a.files.length === 0 || b.files.length === 0) return 'unknown';
  if (a.files.length !== b.files.length) return 'differ';
  for (const f of b.files) {
    // A diffstat made inside a subdirectory names `list.h` for `include/linux/list.h`.
    const twin = a.files.find((g) => samePath(g.path, f.path));
    if (!twin || twin.changes !== f.changes) return 'differ';
  }
  const clash = (x: number | null, y: number | null) => x !== null && y !== null && x !== y;
  return clash(a.insertions, b.insertions) || clash(a.deletions, b.deletions) ? 'differ' : 'same';
}

function compareTotals(a: ChangeSummary, b: ChangeSummary): Verdict {
  if (a.insertions === null || a.deletions === null || b.insertions === null || b.deletions === null) return 'unknown';
  return a.insertions === b.insertions && a.deletions === b.deletions ? 'same' : 'differ';
}

/**
 * Whether two postings carry the same change: their normalised diffs are equal, or the shorter one was cut by
 * the archive and its changed lines (all but the possibly cut last one) open the longer one. Sizes, where both
 * are known (a whole diff, or the diffstat above a cut one), must agree: two copies cut at the same early point
 * look alike even when the patches differ further down.
 */
export function sameChange(a: ChangeSummary, b: ChangeSummary): boolean {
  const [s, l] = a.changes.length <= b.changes.length ? [a, b] : [b, a];
  const stats = compareStats(s.diffstat, l.diffstat);
  if (stats === 'differ' || compareTotals(s, l) === 'differ') return false;
  if (!s.truncated) return s.changes.length === l.changes.length && s.changes.every((c, i) => c === l.changes[i]);
  if (!s.changes.some(isChange)) return stats === 'same';
  let k = s.changes.length;
  if (isChange(s.changes[k - 1]!)) k--;
  const min = stats === 'same' && compareTotals(s, l) === 'same' ? MIN_PREFIX_CHANGES_SAME_STAT : MIN_PREFIX_CHANGES;
  if (s.changes.slice(0, k).filter(isChange).length < min) return false;
  for (let i = 0; i < k; i++) if (s.changes[i] !== l.changes[i]) return false;
  return true;
}

/** The share of the smaller patch's changed lines that the other one also has (0 when either has none). */
export function changeOverlap(a: ChangeSummary, b: ChangeSummary): number {
  const x = new Set(a.changes.filter(isChange));
  const y = new Set(b.changes.filter(isChange));
  const [small, large] = x.size <= y.size ? [x, y] : [y, x];
  if (small.size === 0) return 0;
  let n = 0;
  for (const line of small) if (large.has(line)) n++;
  return n / small.size;
}
