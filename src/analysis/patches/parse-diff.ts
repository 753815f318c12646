// One patch's diff text → its files and line counts: a small state machine in the spirit of Patchwork's parser.
// It reads git (`diff --git`, `index`, modes, renames, copies, binary), `diff -urpN`/`diff -u`, quilt and CVS
// (`Index:` + `=====` + `---`/`+++`) and bare `---`/`+++` diffs, and survives archive damage: context lines
// whose leading space was stripped, hunks cut short by a `...`, wrapped lines.
import { diffCommandPaths, gitDiffPaths, headerPath, resolveIndexPath, resolvePaths } from './diff-path.ts';
import { type Diffstat, isDiffstatLine, parseDiffstat } from './parse-diffstat.ts';

export type FileStatus = 'modified' | 'added' | 'deleted' | 'renamed' | 'copied';

export interface DiffFile {
  /** The path in the tree (the new name; the old one for a deletion); null when the diff names no file. */
  path: string | null;
  oldPath: string | null;
  status: FileStatus;
  binary: boolean;
  insertions: number;
  deletions: number;
}

export interface ParsedDiff {
  files: DiffFile[];
  insertions: number;
  deletions: number;
  hunks: number;
  /** The last hunk ended before its `@@` counts were met: the diff was cut. */
  unmet: boolean;
  /** An earlier hunk broke its counts (wrapped, hand-edited or damaged in transit). */
  damaged: boolean;
  /** The last line ends with `...`, an archive's cut mark. */
  endsWithEllipsis: boolean;
  diffstat: Diffstat | null;
  /** The identity input: `F path`, `+line`, `-line` (whitespace collapsed), `B` for binary, `R old => new`. */
  changes: string[];
}

interface RawFile {
  git: boolean;
  cmd: boolean;
  gitOld: string | null;
  gitNew: string | null;
  /** undefined: no `---` line; null: `/dev/null`. */
  minus: string | null | undefined;
  plus: string | null | undefined;
  index: string | null;
  renameFrom: string | null;
  renameTo: string | null;
  copy: boolean;
  added: boolean;
  deleted: boolean;
  binary: boolean;
  hunks: number;
  insertions: number;
  deletions: number;
  changes: string[];
}

const DIFF_GIT = /^diff --git (.+)$/;
const DIFF_CMD = /^diff (?:-{1,2}[\w=-]+ )+/;
const INDEX = /^Index: (\S.*?)\s*$/;
const MINUS = /^--- (\S.*)$/;
const PLUS = /^\+\+\+ (\S.*)$/;
const HUNK = /^@@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@/;
const BINARY_DIFFER = /^Binary files (.+?) and (.+?) differ\s*$/;
const BINARY_DATA = /^(?:(?:literal|delta) \d+|[A-Za-z][!-~]*)\s*$/;
/** Blank context lines an archive trimmed from the end of the last hunk: not a cut. */
const MAX_LOST_TRAILING_CONTEXT = 3;
/**
 * Header lines are classified on this many leading characters: a multi-megabyte line (a pasted blob) then costs
 * no more than a short one, and no regex backtracks over it.
 */
const MAX_HEADER_CHARS = 1024;

function emptyFile(): RawFile {
  return {
    git: false,
    cmd: false,
    gitOld: null,
    gitNew: null,
    minus: undefined,
    plus: undefined,
    index: null,
    renameFrom: null,
    renameTo: null,
    copy: false,
    added: false,
    deleted: false,
    binary: false,
    hunks: 0,
    insertions: 0,
    deletions: 0,
    changes: [],
  };
}

function isFresh(f: RawFile): boolean {
  return f.hunks === 0 && f.minus === undefined && f.plus === undefined && !f.binary;
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

export function parseDiff(text: string): ParsedDiff {
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  const files: RawFile[] = [];
  const statLines: string[] = [];
  // `as`: closures below reassign it, which flow analysis does not see.
  let cur = null as RawFile | null;
  let hunk: 'none' | 'counted' | 'uncounted' = 'none';
  let oldLeft = 0;
  let newLeft = 0;
  let binaryData = false;
  let damaged = false;

  const open = (reuse: (f: RawFile) => boolean): RawFile => {
    if (cur && isFresh(cur) && reuse(cur)) return cur;
    cur = emptyFile();
    files.push(cur);
    return cur;
  };
  const head = (i: number): string => (lines[i] ?? '').slice(0, MAX_HEADER_CHARS);
  const startsFile = (i: number): boolean => {
    const l = head(i);
    return DIFF_GIT.test(l) || DIFF_CMD.test(l) || INDEX.test(l) || (MINUS.test(l) && PLUS.test(head(i + 1)));
  };
  const change = (f: RawFile, line: string) => {
    if (line[0] === '+') f.insertions++;
    else f.deletions++;
    f.changes.push(line[0] + collapse(line.slice(1)));
  };

  for (let i = 0; i < lines.length; i++) {
    const full = lines[i]!;
    const line = full.length > MAX_HEADER_CHARS ? full.slice(0, MAX_HEADER_CHARS) : full;
    const c = line[0];
    if (hunk !== 'none' && cur) {
      const f: RawFile = cur;
      const countsLeft = hunk === 'counted' && (oldLeft > 0 || newLeft > 0);
      if (!startsFile(i) && c !== '@') {
        if (countsLeft) {
          if (c === '+') newLeft--;
          else if (c === '-') oldLeft--;
          else if (c !== '\\') {
            // A context line, or one whose leading space an archive stripped (blank or unprefixed).
            oldLeft--;
            newLeft--;
          }
          if (c === '+' || c === '-') change(f, full);
          continue;
        }
        if (c === '\\' || c === ' ' || c === '\t') continue;
        if (c === '+' || c === '-') {
          // Past the counts (hand-edited hunks) or in a hunk without counts (`@@@`, damaged header).
          if (hunk === 'counted') damaged = true;
          change(f, full);
          continue;
        }
        if (!line.trim()) continue;
      } else if (countsLeft) {
        damaged = true;
      }
      hunk = 'none';
    }

    if (binaryData) {
      if (!line.trim() || BINARY_DATA.test(line)) continue;
      binaryData = false;
    }
    const h = HUNK.exec(line);
    if (h || line.startsWith('@@')) {
      const f = cur ?? open(() => false);
      f.hunks++;
      hunk = h ? 'counted' : 'uncounted';
      oldLeft = h ? Number(h[1] ?? 1) : 0;
      newLeft = h ? Number(h[2] ?? 1) : 0;
      continue;
    }
    const git = DIFF_GIT.exec(line);
    if (git) {
      const f = open((x) => !x.git && !x.cmd);
      f.git = true;
      const paths = gitDiffPaths(git[1]!.trimEnd());
      f.gitOld = paths?.oldRaw ?? null;
      f.gitNew = paths?.newRaw ?? null;
      continue;
    }
    if (DIFF_CMD.test(line)) {
      const f = open((x) => !x.git && !x.cmd);
      f.cmd = true;
      const paths = diffCommandPaths(line);
      if (paths) {
        f.gitOld = paths.oldRaw;
        f.gitNew = paths.newRaw;
      }
      continue;
    }
    const index = INDEX.exec(line);
    if (index) {
      open(() => false).index = index[1]!;
      continue;
    }
    const minus = MINUS.exec(line);
    const plus = minus ? PLUS.exec(head(i + 1)) : null;
    if (minus && plus) {
      const f = open(() => true);
      f.minus = headerPath(minus[1]!);
      f.plus = headerPath(plus[1]!);
      i++;
      continue;
    }
    const bin = BINARY_DIFFER.exec(line);
    if (bin || line.startsWith('GIT binary patch')) {
      const f = cur ?? open(() => false);
      if (bin && f.minus === undefined && !f.gitOld) {
        f.minus = headerPath(bin[1]!);
        f.plus = headerPath(bin[2]!);
      }
      f.binary = true;
      binaryData = !bin;
      continue;
    }
    if (cur) {
      const f: RawFile = cur;
      let m: RegExpExecArray | null;
      if (/^new file mode /.test(line)) f.added = true;
      else if (/^deleted file mode /.test(line)) f.deleted = true;
      else if ((m = /^(rename|copy) from (.+)$/.exec(line))) {
        f.renameFrom = m[2]!;
        f.copy = m[1] === 'copy';
      } else if ((m = /^(?:rename|copy) to (.+)$/.exec(line))) f.renameTo = m[1]!;
      continue;
    }
    if (isDiffstatLine(line)) statLines.push(line);
  }

  const last = [...lines].reverse().find((l) => l.trim()) ?? '';
  const lostContext = oldLeft === newLeft && oldLeft <= MAX_LOST_TRAILING_CONTEXT;
  const finished = files.map(finishFile);
  return {
    files: finished,
    insertions: finished.reduce((n, f) => n + f.insertions, 0),
    deletions: finished.reduce((n, f) => n + f.deletions, 0),
    hunks: files.reduce((n, f) => n + f.hunks, 0),
    unmet: hunk === 'counted' && (oldLeft > 0 || newLeft > 0) && !lostContext,
    damaged,
    endsWithEllipsis: /(?:\.\.\.|…)\s*$/.test(last),
    diffstat: parseDiffstat(statLines),
    changes: files.flatMap((f, k) => identityLines(f, finished[k]!)),
  };
}

/** A name the archive cut (`diff --git a/mm/rmap.c ...`) is no name. */
const CUT = /(?:\.\.\.|…)$/;

function finishFile(f: RawFile): DiffFile {
  let oldRaw: string | null;
  let newRaw: string | null;
  if (f.minus !== undefined || f.plus !== undefined) {
    oldRaw = f.minus ?? null;
    newRaw = f.plus ?? null;
  } else {
    oldRaw = f.gitOld;
    newRaw = f.gitNew;
  }
  if (oldRaw && CUT.test(oldRaw)) oldRaw = null;
  if (newRaw && CUT.test(newRaw)) newRaw = oldRaw;
  if (f.index && CUT.test(f.index)) f.index = null;
  let { oldPath, newPath } = resolvePaths(oldRaw, newRaw, f.git);
  if (f.git && f.renameFrom && f.renameTo) {
    // `rename from`/`rename to` carry no a/ b/ prefix.
    oldPath = f.renameFrom;
    newPath = f.renameTo;
  }
  if (f.index) {
    const indexPath = resolveIndexPath(f.index, f.plus ?? null);
    if (indexPath) {
      newPath = indexPath;
      if (oldPath !== null || f.minus === undefined) oldPath = indexPath;
    }
  }
  const added = f.added || (f.minus === null && f.plus !== null);
  const deleted = f.deleted || (f.plus === null && f.minus !== null && f.minus !== undefined);
  const status: FileStatus = added ? 'added' : deleted ? 'deleted' : f.renameFrom && f.renameTo ? (f.copy ? 'copied' : 'renamed') : 'modified';
  return {
    path: deleted ? (oldPath ?? newPath) : (newPath ?? oldPath),
    oldPath: added ? null : oldPath,
    status,
    binary: f.binary,
    insertions: f.insertions,
    deletions: f.deletions,
  };
}

function identityLines(raw: RawFile, f: DiffFile): string[] {
  const out = [`F ${f.path ?? '?'}`];
  if (f.status === 'renamed' || f.status === 'copied') out.push(`R ${f.oldPath} => ${f.path}`);
  if (f.status === 'added' || f.status === 'deleted') out.push(`S ${f.status}`);
  if (f.binary) out.push('B');
  return out.concat(raw.changes);
}
