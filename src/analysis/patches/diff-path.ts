// File names as diff headers write them → the path in the tree: `a/x`, `linux-2.6.orig/x`, `linux/x`,
// `2.6.22-rc5/x` lose their first component (what `patch -p1` does), `/dev/null` is no file, and a p0 copy's
// suffix (`at91_mci.c-2.6.22-rc5.orig`) is dropped.
//
//   resolvePaths('linux-2.6.25/include/linux/list.h', 'linux-2.6.25-rcu-list/include/linux/list.h')
//     → { oldPath: 'include/linux/list.h', newPath: 'include/linux/list.h' }

/** First components that name a tree copy rather than a directory in it. */
const TREE_NAME = /^(?:a|b|old|new|orig|original|tmp|linux|kernel-source|(?:linux|kernel)[-._][\w.+-]*|[\w.+-]*\.(?:orig|old|new)|[\w.+-]*\d+\.\d+[\w.+-]*)$/i;
/** A p0 diff's backup copy: `foo.c.orig`, `foo.c-2.6.22-rc5`, `foo.c~`. */
const COPY_SUFFIX = /^(.*\/)?([^/]*\.[A-Za-z][A-Za-z0-9]{0,5})(?:\.(?:orig|old|new|bak|rej)|~|-(?:v?\d|rc\d|orig|old|new)[\w.+-]*)+$/;
/** `2008-04-16 19:49:44.000000000 -0700` or `Thu Apr 24 11:03:33 2008` after the name. */
const TIMESTAMP = /\s+(?:\d{4}-\d\d-\d\d[ T]\d\d:\d\d|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),? |\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}).*$/;

const DEV_NULL = /^\/dev\/null$/;

/** The file name of a `--- `/`+++ `/`Index: ` line's rest; null for `/dev/null`. */
export function headerPath(rest: string): string | null {
  let p = rest.split('\t')[0]!.replace(TIMESTAMP, '').trim();
  // Archives turn the tab before a timestamp into spaces; a name does not hold two spaces in a row.
  const gap = p.search(/\s{2,}/);
  if (gap > 0) p = p.slice(0, gap);
  if (p.length >= 2 && p.startsWith('"') && p.endsWith('"')) p = p.slice(1, -1);
  // Control characters only appear in damaged mail: such a name is no name.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point
  if (!p || DEV_NULL.test(p) || /[\x00-\x1f]/.test(p)) return null;
  return p;
}

function firstComponent(p: string): string | null {
  const slash = p.indexOf('/');
  return slash > 0 ? p.slice(0, slash) : null;
}

function dropFirst(p: string): string {
  return p.slice(p.indexOf('/') + 1);
}

function dropCopySuffix(p: string): string {
  const m = COPY_SUFFIX.exec(p);
  return m ? (m[1] ?? '') + m[2] : p;
}

function tidy(p: string): string {
  return dropCopySuffix(p.replace(/^\.\//, '').replace(/\/{2,}/g, '/'));
}

export interface ResolvedPaths {
  oldPath: string | null;
  newPath: string | null;
}

/**
 * Strips the tree component from an old/new pair. Two different first components (`a`/`b`,
 * `linux.orig`/`linux`) are tree names; one shared first component is stripped only when it looks like a tree
 * name, so a p0 diff (`drivers/x.c.orig` → `drivers/x.c`) keeps `drivers`.
 */
export function resolvePaths(oldRaw: string | null, newRaw: string | null, git = false): ResolvedPaths {
  const a = oldRaw ? firstComponent(oldRaw) : null;
  const b = newRaw ? firstComponent(newRaw) : null;
  let strip: boolean;
  if (git) strip = (a !== null || b !== null) && [a, b].every((x) => x === null || x === 'a' || x === 'b');
  else if (a !== null && b !== null) strip = a !== b || TREE_NAME.test(a);
  else strip = (a ?? b) !== null && TREE_NAME.test((a ?? b)!);
  const fix = (p: string | null) => (p === null ? null : tidy(strip && firstComponent(p) !== null ? dropFirst(p) : p));
  return { oldPath: fix(oldRaw), newPath: fix(newRaw) };
}

/**
 * A quilt/CVS `Index:` name. CVS writes the full path there and only the tail on `---`/`+++`
 * (`Index: bfd/elf-bfd.h`, `+++ elf-bfd.h`): then the `Index:` path is the file. Otherwise it is stripped like
 * a lone `+++` name.
 */
export function resolveIndexPath(indexRaw: string, plusRaw: string | null): string | null {
  if (plusRaw && indexRaw !== plusRaw && indexRaw.endsWith(`/${plusRaw}`)) return tidy(indexRaw);
  if (plusRaw) return null;
  return resolvePaths(indexRaw, null).oldPath;
}

/** `diff --git a/x b/y` → the two names; null when the line cannot be split (names with ` b/` inside). */
export function gitDiffPaths(rest: string): { oldRaw: string; newRaw: string } | null {
  const same = /^(\S+?)\/(.+) (\S+?)\/\2$/.exec(rest);
  if (same) return { oldRaw: `${same[1]}/${same[2]}`, newRaw: `${same[3]}/${same[2]}` };
  const split = rest.lastIndexOf(' b/');
  if (rest.startsWith('a/') && split > 0) return { oldRaw: rest.slice(0, split), newRaw: rest.slice(split + 1) };
  const parts = rest.split(' ');
  return parts.length === 2 ? { oldRaw: parts[0]!, newRaw: parts[1]! } : null;
}

/** `diff -urpN -X dontdiff old/x new/x` → the two names (the last two words). */
export function diffCommandPaths(line: string): { oldRaw: string; newRaw: string } | null {
  const words = line.trim().split(/\s+/);
  if (words.length < 4) return null;
  const oldRaw = words[words.length - 2]!;
  const newRaw = words[words.length - 1]!;
  if (oldRaw.startsWith('-') || newRaw.startsWith('-')) return null;
  return { oldRaw, newRaw };
}
