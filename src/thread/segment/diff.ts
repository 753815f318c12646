// Patches: git, `diff -u`/`-urpN`, quilt (`Index:` + `=====`) and bare `---`/`+++`/`@@` diffs, together with
// the `---` separator and diffstat that announce them.
import { type Block, type Body, head, isBlank } from './body.ts';
import { isShortTailDash } from './signature-line.ts';

const DIFF_GIT = /^diff --git /;
const DIFF_CMD = /^diff (?:-[\w-]+ )+/;
const INDEX = /^Index: \S/;
const EQ_RULE = /^={20,}\s*$/;
const MINUS_FILE = /^--- \S/;
const PLUS_FILE = /^\+\+\+ \S/;
const HUNK = /^@@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@/;
/** Combined diffs (`@@@`) and damaged hunk headers: the line counts are unknown. */
const ANY_HUNK = /^@@/;
const GIT_META =
  /^(?:index [0-9a-f]+\.\.[0-9a-f]+|(?:new|deleted) file mode |old mode |new mode |(?:dis)?similarity index |rename (?:from|to) |copy (?:from|to) |Binary files .{0,400} differ|GIT binary patch|Only in |RCS file: |retrieving revision |\\ No newline)/;
const BINARY_CHUNK = /^(?:literal|delta) \d+\s*$/;
/** base85 data of a `GIT binary patch`: one length letter, then printable characters without spaces. */
const BINARY_DATA = /^[A-Za-z][!-~]*$/;
const SEPARATOR = /^---\s*$/;
const DIFFSTAT_FILE = /^\s*\S[^|]*\|\s+(?:\d+ ?\+*-*|Bin\b.*)\s*$/;
const DIFFSTAT_SUMMARY = /^\s*\d+ files? changed(?:,|\s*$)/;
const DIFFSTAT_MODE = /^ (?:(?:create|delete) mode \d+ |mode change \d+ => \d+ |(?:rename|copy) \S.*\(\d+%\)\s*$)/;

function isDiffstat(line: string): boolean {
  return DIFFSTAT_FILE.test(line) || DIFFSTAT_SUMMARY.test(line) || DIFFSTAT_MODE.test(line);
}

/** A file's header begins at i: `diff --git`, `diff -u …`, quilt `Index:`, `---`+`+++`, or a hunk. */
function startsFile(b: Body, i: number): boolean {
  const line = head(b, i);
  switch (line.charCodeAt(0)) {
    case 64 /* @ */:
      return ANY_HUNK.test(line);
    case 100 /* d */:
      if (DIFF_GIT.test(line)) return true;
      if (!DIFF_CMD.test(line)) return false;
      return MINUS_FILE.test(head(b, i + 1)) || MINUS_FILE.test(head(b, i + 2)) || GIT_META.test(head(b, i + 1));
    case 73 /* I */:
      return INDEX.test(line) && (EQ_RULE.test(head(b, i + 1)) || MINUS_FILE.test(head(b, i + 1)));
    case 45 /* - */:
      return MINUS_FILE.test(line) && PLUS_FILE.test(head(b, i + 1));
    default:
      return false;
  }
}

/** Index of the first non-blank line at or after i (b.lines.length if none). */
function skipBlank(b: Body, i: number): number {
  while (i < b.lines.length && isBlank(b, i)) i++;
  return i;
}

export function startsDiff(b: Body, i: number): boolean {
  if (startsFile(b, i)) return true;
  const line = head(b, i);
  if (SEPARATOR.test(line)) {
    const k = skipBlank(b, i + 1);
    return k <= i + 2 && (isDiffstat(head(b, k)) || startsFile(b, k));
  }
  // A diffstat on its own (a cover letter's, or one whose `---` was eaten) still says what a patch touches.
  if (line.includes('|') && DIFFSTAT_FILE.test(line)) return isDiffstat(head(b, i + 1));
  return line.includes(' changed') && DIFFSTAT_SUMMARY.test(line) && /\d+ (?:insertion|deletion)/.test(line);
}

export function diffBlock(b: Body, i: number): Block | null {
  if (!startsDiff(b, i)) return null;
  return { kind: 'diff', start: i, end: diffEnd(b, i) };
}

function diffEnd(b: Body, i: number): number {
  const n = b.lines.length;
  let j = i;
  let end = i + 1;
  if (SEPARATOR.test(head(b, j))) {
    j = skipBlank(b, j + 1);
  }
  while (j < n && !isBlank(b, j) && isDiffstat(head(b, j))) end = ++j;
  let inHeader = false;
  let binary = false;
  while (j < n) {
    if (isBlank(b, j)) {
      // Between files (or after the diffstat) blank lines are kept only when another file follows.
      const k = skipBlank(b, j);
      if (k < n && (startsFile(b, k) || (binary && BINARY_CHUNK.test(head(b, k))))) {
        j = k;
        continue;
      }
      break;
    }
    const line = head(b, j);
    const hunk = HUNK.exec(line);
    if (hunk || ANY_HUNK.test(line)) {
      const oldCount = hunk ? Number(hunk[1] ?? 1) : Infinity;
      const newCount = hunk ? Number(hunk[2] ?? 1) : Infinity;
      const r = hunkEnd(b, j + 1, oldCount, newCount);
      end = r.end;
      j = r.next;
      inHeader = false;
      binary = false;
      continue;
    }
    if (binary && (BINARY_CHUNK.test(line) || BINARY_DATA.test(line))) {
      end = ++j;
      continue;
    }
    if (
      DIFF_GIT.test(line) ||
      DIFF_CMD.test(line) ||
      INDEX.test(line) ||
      GIT_META.test(line) ||
      (inHeader && (EQ_RULE.test(line) || MINUS_FILE.test(line) || PLUS_FILE.test(line))) ||
      (MINUS_FILE.test(line) && PLUS_FILE.test(head(b, j + 1)))
    ) {
      inHeader = true;
      binary = binary || line.startsWith('GIT binary patch');
      end = ++j;
      continue;
    }
    break;
  }
  return end;
}

/** Unrecognised lines (wrapped or whitespace-damaged) tolerated inside a hunk whose counts are unmet. */
const MAX_DAMAGED_LINES = 3;

/**
 * Reads hunk body lines from j. The `@@` counts say where the hunk ends, so a trailing `-- ` signature, a `--`
 * line or the next paragraph is not taken for a removed or context line. Archives damage patches: an empty
 * line while counts remain is a context line whose space was stripped, and a few unprefixed lines followed by
 * hunk lines are wrapped pieces. Returns the next line to read and the end after the last non-blank line.
 */
function hunkEnd(b: Body, j: number, oldLeft: number, newLeft: number): { next: number; end: number } {
  const n = b.lines.length;
  const counted = Number.isFinite(oldLeft);
  let end = j;
  while (j < n) {
    const line = head(b, j);
    if (counted && oldLeft <= 0 && newLeft <= 0) {
      if (line.startsWith('\\ ')) {
        end = ++j;
        continue;
      }
      break;
    }
    if (isShortTailDash(b, j)) break;
    const c = line.charCodeAt(0);
    if (isBlank(b, j)) {
      if (!counted && !isHunkLine(b, skipBlank(b, j))) break;
      oldLeft--;
      newLeft--;
      j++;
      continue;
    }
    if (c === 32 /* ' ' */ || c === 9) {
      oldLeft--;
      newLeft--;
    } else if (c === 45 /* - */) {
      if (oldLeft <= 0) break;
      oldLeft--;
    } else if (c === 43 /* + */) {
      if (newLeft <= 0) break;
      newLeft--;
    } else if (c === 92 /* \ */) {
      // "\ No newline at end of file": no count.
    } else if (c === 64 /* @ */ && line.startsWith('@@')) {
      break;
    } else {
      if (!counted) break;
      let k = j;
      while (k < n && k - j < MAX_DAMAGED_LINES && !isBlank(b, k) && !isHunkLine(b, k)) k++;
      if (k === j || k === n || isBlank(b, k) || !isHunkLine(b, k)) break;
      j = k;
      end = k;
      continue;
    }
    end = ++j;
  }
  return { next: j, end };
}

/** A line that can only belong to a hunk: prefixed with ` `, `+`, `-`, `@@` or `\`, and no signature dash. */
function isHunkLine(b: Body, k: number): boolean {
  if (k >= b.lines.length || isBlank(b, k) || isShortTailDash(b, k)) return false;
  const c = head(b, k).charCodeAt(0);
  return c === 32 || c === 43 || c === 45 || c === 64 || c === 92;
}
