// A diff's text → its hunks as new-file line ranges per file, so a note on `line=N` of a patch can be
// checked against the lines the patch shows. Hunk counts are followed so that a removed line that looks
// like a header (`--- foo`) is not read as one.

export interface Hunk {
  /** The path as the diff header names it (`b/arch/x86/kernel/alternative.c`); null before any header. */
  path: string | null;
  /** First line in the new file, and how many new-file lines the hunk spans. */
  start: number;
  count: number;
}

const HUNK = /^@@+ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/;
const DIFF_GIT = /^diff --git \S+ (\S+)/;
const INDEX = /^Index: (\S.*?)\s*$/;
const MINUS = /^--- (\S[^\t]*)/;
const PLUS = /^\+\+\+ (\S[^\t]*)/;
const COUNTED = /^@@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@/;

export function diffHunks(text: string): Hunk[] {
  const hunks: Hunk[] = [];
  let path: string | null = null;
  let minus: string | null = null;
  let oldLeft = 0;
  let newLeft = 0;
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if ((oldLeft > 0 || newLeft > 0) && !line.startsWith('@@') && !line.startsWith('diff ')) {
      if (line[0] === '+') newLeft--;
      else if (line[0] === '-') oldLeft--;
      else if (line[0] !== '\\') {
        oldLeft--;
        newLeft--;
      }
      continue;
    }
    oldLeft = newLeft = 0;
    const h = HUNK.exec(line);
    if (h) {
      const counted = COUNTED.exec(line);
      oldLeft = Number(counted?.[1] ?? 1);
      newLeft = Number(counted?.[2] ?? 1);
      hunks.push({ path, start: Number(h[1]), count: h[2] === undefined ? 1 : Number(h[2]) });
      continue;
    }
    let m: RegExpExecArray | null;
    if ((m = DIFF_GIT.exec(line)) || (m = INDEX.exec(line))) path = m[1]!.trim();
    else if ((m = MINUS.exec(line))) minus = m[1]!.trim();
    // A deleted file's `+++` is /dev/null: it is still the file its `---` names.
    else if ((m = PLUS.exec(line))) path = m[1]!.trim() === '/dev/null' ? minus : m[1]!.trim();
  }
  return hunks;
}

/** A header path names a patch's file when it is the file or ends with `/file` (`b/…`, `linux-2.6/…`). */
export function namesFile(path: string | null, file: string): boolean {
  return path !== null && (path === file || path.endsWith(`/${file}`));
}

/** `631–644, 700–705` */
export function describeHunks(hunks: Hunk[]): string {
  // A hunk that only removes lines spans no new-file line.
  const spans = hunks.filter((h) => h.count > 0).map((h) => (h.count === 1 ? `${h.start}` : `${h.start}–${h.start + h.count - 1}`));
  return spans.length ? `lines ${spans.join(', ')}` : 'no new-file lines';
}
