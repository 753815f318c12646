// A diffstat: ` mm/rmap.c |   15 +++++++++++++--` lines and the ` 1 files changed, 13 insertions(+), 2 deletions(-)`
// summary. It states a patch's size even when the archive cut the diff below it.

export interface DiffstatFile {
  /** As written; `{a => b}` and `a => b` renames give the new name. */
  path: string;
  /** The changed-line count, null for `Bin` lines. */
  changes: number | null;
  /** git shortens long names to `.../tail`: such a path is not a full one. */
  abbreviated: boolean;
}

export interface Diffstat {
  files: DiffstatFile[];
  filesChanged: number | null;
  /** From the summary line; null when there is none or it was cut before that count. */
  insertions: number | null;
  deletions: number | null;
}

const FILE_LINE = /^\s*(\S.*?)\s+\|\s+(?:(\d+)\s*\+*-*|Bin\b.*)\s*$/;
const SUMMARY = /^\s*(\d+) files? changed(.*)$/;
const RENAME_BRACES = /^(.*)\{(.*?) => (.*?)\}(.*)$/;

function newName(path: string): string {
  const braces = RENAME_BRACES.exec(path);
  if (braces) return (braces[1] + braces[3] + braces[4]).replace(/\/{2,}/g, '/');
  const arrow = path.lastIndexOf(' => ');
  return arrow >= 0 ? path.slice(arrow + 4) : path;
}

/** A diffstat line is short; longer lines are not tested (the lazy patterns would backtrack over them). */
const MAX_LINE_CHARS = 512;

export function isDiffstatLine(line: string): boolean {
  return line.length <= MAX_LINE_CHARS && (FILE_LINE.test(line) || SUMMARY.test(line));
}

/** Reads the diffstat lines among `lines`; null when there are none. */
export function parseDiffstat(lines: readonly string[]): Diffstat | null {
  const stat: Diffstat = { files: [], filesChanged: null, insertions: null, deletions: null };
  let seen = false;
  for (const line of lines) {
    if (line.length > MAX_LINE_CHARS) continue;
    const summary = SUMMARY.exec(line);
    if (summary) {
      seen = true;
      stat.filesChanged = Number(summary[1]);
      const rest = summary[2]!;
      const ins = /(\d+) insertions?\(\+\)/.exec(rest);
      const del = /(\d+) deletions?\(-\)/.exec(rest);
      // A summary cut by the archive (`62 insertions(+), 24 ...`) leaves the later count unknown.
      const cut = /\.\.\.\s*$|…\s*$/.test(rest);
      stat.insertions = ins ? Number(ins[1]) : cut ? null : 0;
      stat.deletions = del ? Number(del[1]) : cut ? null : 0;
      continue;
    }
    const file = FILE_LINE.exec(line);
    if (!file) continue;
    seen = true;
    const path = newName(file[1]!.trim());
    stat.files.push({
      path,
      changes: file[2] === undefined ? null : Number(file[2]),
      abbreviated: path.startsWith('...'),
    });
  }
  // A cut summary keeps one count; one file line sums both when every file is counted.
  const sum = stat.files.every((f) => f.changes !== null) ? stat.files.reduce((n, f) => n + f.changes!, 0) : null;
  if (sum !== null && stat.filesChanged === stat.files.length) {
    if (stat.insertions !== null && stat.deletions === null && sum >= stat.insertions) stat.deletions = sum - stat.insertions;
    if (stat.deletions !== null && stat.insertions === null && sum >= stat.deletions) stat.insertions = sum - stat.deletions;
  }
  return seen ? stat : null;
}
