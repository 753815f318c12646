// A diff's text → its hunks as new-file line ranges per file, so a note on `line=N` of a patch can be
// checked against the lines the patch shows. Hunk counts are followed so that a removed line that looks
// like a header (`--- foo`) is not read as one; each file's path is resolved by the analysis's own diff
// parser, so it is spelt exactly as the patch's `files` spell it (`a/`, `linux-2.6/`, `.orig` removed).
import { parseDiff } from '../../analysis/find-patches.ts';

export interface Hunk {
  /** The file's path in the tree; null when the diff names none. */
  path: string | null;
  /** First line in the new file, and how many new-file lines the hunk spans. */
  start: number;
  count: number;
}

const HUNK = /^@@+ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;
const DIFF_LINE = /^diff (?:-{1,2}[\w=-]+ )+/;
const INDEX = /^Index: \S/;
const MINUS = /^--- \S/;
const PLUS = /^\+\+\+ \S/;

interface FileBlock {
  lines: string[];
  hunks: { start: number; count: number }[];
}

export function diffHunks(text: string): Hunk[] {
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  const blocks: FileBlock[] = [];
  let block: FileBlock | null = null;
  let oldLeft = 0;
  let newLeft = 0;
  lines.forEach((line, i) => {
    if ((oldLeft > 0 || newLeft > 0) && block && !line.startsWith('@@') && !DIFF_LINE.test(line)) {
      block.lines.push(line);
      if (line[0] === '+') newLeft--;
      else if (line[0] === '-') oldLeft--;
      else if (line[0] !== '\\') {
        // Context, or a context line whose leading space the archive stripped.
        oldLeft--;
        newLeft--;
      }
      return;
    }
    oldLeft = newLeft = 0;
    const startsFile = DIFF_LINE.test(line) || INDEX.test(line) || (MINUS.test(line) && PLUS.test(lines[i + 1] ?? ''));
    // `diff --git`, `index`, `---` and `+++` open one file together: a new block only after a hunk.
    if (!block || (startsFile && block.hunks.length > 0)) {
      block = { lines: [], hunks: [] };
      blocks.push(block);
    }
    block.lines.push(line);
    const h = HUNK.exec(line);
    if (h) {
      oldLeft = Number(h[1] ?? 1);
      newLeft = Number(h[3] ?? 1);
      block.hunks.push({ start: Number(h[2]), count: newLeft });
    }
  });
  return blocks.flatMap((b) => {
    if (b.hunks.length === 0) return [];
    const path = parseDiff(b.lines.join('\n')).files[0]?.path ?? null;
    return b.hunks.map((h) => ({ path, ...h }));
  });
}

/** Whether a hunk's path is a patch's file (the suffix test covers a tree prefix the parser kept). */
export function namesFile(path: string | null, file: string): boolean {
  return path !== null && (path === file || path.endsWith(`/${file}`));
}

/** `lines 631–644, 700–705` */
export function describeHunks(hunks: Hunk[]): string {
  // A hunk that only removes lines spans no new-file line.
  const spans = hunks.filter((h) => h.count > 0).map((h) => (h.count === 1 ? `${h.start}` : `${h.start}–${h.start + h.count - 1}`));
  return spans.length ? `lines ${spans.join(', ')}` : 'no new-file lines';
}
