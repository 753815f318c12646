// What the casebook already holds, by slug and by source path: each thread's slug, source and the code that wrote it, from
// content/threads and from the cases' frontmatter. Apart from import-source.ts so that a build with nothing
// to import reads this much and loads none of what an import needs (the case writer, zod, the stages).
import { readFile, readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { StatCache } from './stat-cache.ts';

export interface StoredThread {
  slug: string;
  /**
   * Where it was read from. `thread` is the stable id of its first message, which tells apart the threads of one
   * source (a list mbox gives many); `whole` says the source was read as one thread (`--one-thread`).
   */
  source: { path: string; sha256: string; thread?: string | null; whole?: boolean; url?: string };
  generator?: string;
  schemaVersion?: number;
}

/** A thread the casebook holds, with the name of its thread file. */
export type KnownThread = StoredThread & { file: string };

/**
 * The threads a casebook holds, by slug (a slug names one case and one thread file) and by the source they were
 * read from (a source may give many).
 */
export class StoredThreads {
  private readonly bySlug = new Map<string, KnownThread>();

  /** Adds or updates what is known of a slug's thread: a thread file's record completes a case's. */
  set(t: KnownThread): void {
    const prior = this.bySlug.get(t.slug);
    const thread = t.source.thread ?? prior?.source.thread ?? null;
    const whole = t.source.whole ?? prior?.source.whole;
    const url = t.source.url ?? prior?.source.url;
    this.bySlug.set(t.slug, { ...prior, ...t, source: { ...t.source, thread, ...(whole ? { whole } : {}), ...(url ? { url } : {}) } });
  }

  /** The threads read from a source path, in slug order. */
  ofSource(path: string): KnownThread[] {
    return this.all().filter((t) => t.source.path === path);
  }

  /** Every thread, in slug order. */
  all(): KnownThread[] {
    return [...this.bySlug.values()].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  }

  has(slug: string): boolean {
    return this.bySlug.has(slug);
  }
}

/**
 * Threads already in the casebook: from content/threads, and from the case files' `sources`, which are committed
 * while thread files are regenerated (a fresh clone has none).
 */
export async function storedThreads(content: string, cache?: StatCache): Promise<StoredThreads> {
  const out = new StoredThreads();
  const add = (t: KnownThread) => {
    const path = relocate(t.source.path, content);
    out.set({ ...t, source: { ...t.source, path } });
  };
  for (const t of await threadsOfCases(content, cache)) add(t);
  for (const t of await threadFiles(content, cache)) add(t);
  return out;
}

/**
 * A recorded source path (`content/sources/x.mbox`, relative to where the casebook was built) as a path to the
 * same source in this content folder, relative to the working folder: a casebook built from elsewhere
 * (`--content`, CASEBOOK_CONTENT, a moved checkout) still finds its threads' slugs instead of importing every
 * thread again as `<slug>-2`.
 */
function relocate(path: string, content: string): string {
  const posix = path.split(sep).join('/');
  const at = posix.startsWith('sources/') ? 0 : posix.lastIndexOf('/sources/') + 1;
  if (at === 0 && !posix.startsWith('sources/')) return path;
  return relative(process.cwd(), join(content, posix.slice(at)));
}

type CaseSource = { path: string; sha256: string; thread?: string | null; whole?: boolean; url?: string };
type CaseSources = { sources?: Partial<CaseSource>[] };

async function threadsOfCases(content: string, cache?: StatCache): Promise<KnownThread[]> {
  const dir = join(content, 'cases');
  const out: KnownThread[] = [];
  let names: string[] = [];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.md')).sort();
  } catch {
    return out;
  }
  for (const name of names) {
    const path = join(dir, name);
    const st = cache ? await stat(path) : null;
    // yaml is loaded only when a case is not in the stat cache.
    let sources = st ? cache!.get<CaseSource[]>('case-sources', path, st) : undefined;
    if (!sources) {
      sources = caseSources(await readFile(path, 'utf8'), (await import('yaml')).default);
      if (st) cache!.set('case-sources', path, st, sources);
    }
    const slug = name.replace(/\.md$/, '');
    // A case names the source of its thread first; more are an editor's.
    const [src] = sources;
    if (src) out.push({ slug, source: src, file: `${slug}.json` });
  }
  return out;
}

/** The sources a case file names in its frontmatter; none when it has no readable frontmatter. */
function caseSources(text: string, YAML: { parse(text: string): unknown }): CaseSource[] {
  const fm = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (!fm) return [];
  let data: CaseSources | null = null;
  try {
    data = YAML.parse(fm[1]) as CaseSources | null;
  } catch {
    return []; // a damaged case is reported when it is merged
  }
  return sourcesNamed(data);
}

/** The sources named by a case's parsed frontmatter (what the stat cache keeps as `case-sources`). */
export function sourcesNamed(frontmatter: unknown): CaseSource[] {
  const data = frontmatter as CaseSources | null;
  return (data?.sources ?? [])
    .filter((src) => !!src?.path)
    .map((src) => ({
      path: src.path!,
      sha256: src.sha256 ?? '',
      thread: typeof src.thread === 'string' ? src.thread : null,
      ...(src.whole === true ? { whole: true } : {}),
      ...(typeof src.url === 'string' ? { url: src.url } : {}),
    }));
}

async function threadFiles(content: string, cache?: StatCache): Promise<KnownThread[]> {
  const dir = join(content, 'threads');
  const out: KnownThread[] = [];
  let names: string[] = [];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  } catch {
    return out;
  }
  for (const name of names) {
    const path = join(dir, name);
    try {
      const st = cache ? await stat(path) : null;
      let summary = st ? cache!.get<StoredThread | null>(SUMMARY, path, st) : undefined;
      if (summary === undefined) {
        const t = JSON.parse(await readFile(path, 'utf8')) as StoredThread & { messages?: { id: string; ghost: boolean }[] };
        summary = t?.source?.path && t.slug ? threadSummary(t, t.messages ?? []) : null;
        if (st) cache!.set(SUMMARY, path, st, summary);
      }
      if (summary) out.push({ ...summary, file: name });
    } catch {
      // An unreadable thread file is rebuilt from its source.
    }
  }
  return out;
}

/** The stat cache's kind for a thread file's summary (named anew when the summary's shape changed). */
export const SUMMARY = 'thread-summary';

/**
 * What a build needs of a stored thread: its slug, source (with its first message's id, which the prior matcher
 * compares) and the code that wrote it, not the thread.
 */
export function threadSummary(t: StoredThread, messages: readonly { id: string; ghost: boolean }[]): StoredThread {
  const first = messages.find((m) => !m.ghost)?.id;
  const { whole, url } = t.source;
  return {
    slug: t.slug,
    source: { path: t.source.path, sha256: t.source.sha256, thread: first ?? null, ...(whole ? { whole } : {}), ...(url ? { url } : {}) },
    generator: t.generator,
    schemaVersion: t.schemaVersion,
  };
}
