// One source → for each of its threads, content/threads/<slug>.json (machine-owned, rewritten) and
// content/cases/<slug>.md (merged with an editor's work). A source outside content/sources is copied in (or the
// threads taken from it, cut out), so the casebook can rebuild it.
import { createHash } from 'node:crypto';
import { copyFile, cp, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, join, relative, resolve, sep } from 'node:path';
import YAML from 'yaml';
import { caseSchema } from './case-schema.ts';
import { inspectThreads, SCHEMA_VERSION, type AnalyzedThread, type InspectOptions } from '../casebook.ts';
import { extractThread, type SourceLines } from './extract-thread.ts';
import { type PickOptions, pickThreads } from './pick-threads.ts';
import { generateCase } from './generate-case.ts';
import { batched, jsonFileChunks } from './json-chunks.ts';
import { mergeCaseFile, newCaseFile, type MergeWarning } from './merge-case.ts';
import { CaseFileError } from './split-case.ts';
import { type KnownThread, type StoredThreads, sourcesNamed, storedThreads } from './stored-threads.ts';
import { toContractThread } from './thread-json.ts';
import { writeFileAtomic } from './write-atomic.ts';

export interface ImportOptions extends InspectOptions {
  /** The content folder. */
  content: string;
  /** Identifies the code that parsed a thread (see generatorId); recorded in the thread JSON. */
  generator: string;
  /** Which of the source's threads to take (`--thread`, `--bugs-only`); all of them by default. */
  pick?: PickOptions;
  /**
   * The source (given as `-`, its bytes as `stdin`) was fetched from an archive: it is kept as
   * content/sources/<name> (a fetch of the grown thread replaces it) and the case records the link.
   */
  fetched?: { name: string; url: string };
}

export { StoredThreads, storedThreads, threadSummary, type KnownThread, type StoredThread } from './stored-threads.ts';

export interface ImportResult {
  slug: string;
  caseFile: string;
  threadFile: string;
  created: boolean;
  /** The case file could not be merged and was left as it was. */
  caseError: CaseFileError | null;
  mergeWarnings: MergeWarning[];
  schemaProblems: string[];
  /** The sources the case file names, as written; null when the case was left alone. */
  caseSources: { path: string; sha256: string }[] | null;
  thread: AnalyzedThread;
  /** What the casebook held of this thread before (its thread file may have had another name), if anything. */
  prior: KnownThread | null;
}

/** What importing one source did: a result per thread taken, and how many of its threads were left out. */
export interface SourceImport {
  results: ImportResult[];
  /** Threads of the source not taken (`--thread`, `--bugs-only`). */
  leftOut: number;
  /** All the source's threads, taken or not. */
  threads: number;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/**
 * What the casebook already holds of each thread, matched by the id of its first message: among the threads read
 * from the same path first, then anywhere (the same thread grown, imported from a newer file). A casebook written
 * before sources were split records no id; its one thread of a path goes to the source's first thread. Threads
 * are matched one at a time, as they are analysed; each prior goes to one thread at most.
 */
export function priorMatcher(path: string, stored: StoredThreads): (thread: AnalyzedThread) => KnownThread | null {
  const claimed = new Set<string>();
  const ofPath = stored.ofSource(relative(process.cwd(), resolve(path)));
  const byId = (list: KnownThread[]) => {
    const m = new Map<string, KnownThread[]>();
    for (const p of list) if (p.source.thread) m.set(p.source.thread, [...(m.get(p.source.thread) ?? []), p]);
    return m;
  };
  const here = byId(ofPath);
  const anywhere = byId(stored.all());
  const legacy = ofPath.length === 1 && !ofPath[0].source.thread ? ofPath[0] : null;
  let first = true;
  return (thread) => {
    const find = (m: Map<string, KnownThread[]>) => {
      for (const msg of thread.messages) {
        if (msg.ghost) continue;
        const p = m.get(msg.id)?.find((k) => !claimed.has(k.slug));
        if (p) return p;
      }
      return null;
    };
    let prior = find(here) ?? find(anywhere);
    if (!prior && first && legacy && !claimed.has(legacy.slug)) prior = legacy;
    first = false;
    if (prior) claimed.add(prior.slug);
    return prior;
  };
}

/** A target path in content/sources not taken yet: `name`, else `2-name`, `3-name` … */
async function freeTarget(sources: string, name: string, same: (target: string) => Promise<boolean>): Promise<string> {
  let target = join(sources, name);
  for (let n = 2; await exists(target); n++) {
    if (await same(target)) return target;
    target = join(sources, `${n}-${name}`);
  }
  return target;
}

/**
 * Copies a source into content/sources unless it is there already; returns its path relative to the working
 * folder. The grown version of a thread replaces its older copy.
 */
async function adoptSource(path: string, content: string, stdin: Buffer | null, replaces: string | null): Promise<string> {
  const sources = resolve(content, 'sources');
  await mkdir(sources, { recursive: true });
  if (replaces && resolve(replaces).startsWith(sources + sep) && resolve(replaces) !== resolve(path)) {
    if (stdin) await writeFile(resolve(replaces), stdin);
    else if ((await stat(path)).isDirectory()) await cp(path, resolve(replaces), { recursive: true, verbatimSymlinks: true });
    else await copyFile(path, resolve(replaces));
    return relative(process.cwd(), resolve(replaces));
  }
  if (stdin) {
    const target = join(sources, `stdin-${createHash('sha256').update(stdin).digest('hex').slice(0, 12)}.src`);
    if (!(await exists(target))) await writeFile(target, stdin);
    return relative(process.cwd(), target);
  }
  const abs = resolve(path);
  if (abs.startsWith(sources + sep)) return relative(process.cwd(), abs);
  // The same file imported again is the same source.
  const target = await freeTarget(
    sources,
    basename(abs),
    async (t) => (await stat(abs)).isFile() && (await stat(t)).isFile() && (await readFile(abs)).equals(await readFile(t)),
  );
  if ((await stat(abs)).isDirectory()) await cp(abs, target, { recursive: true, verbatimSymlinks: true });
  else if (!(await exists(target))) await copyFile(abs, target);
  return relative(process.cwd(), target);
}

/**
 * Keeps one thread of a source that holds others too (`--thread`, `--bugs-only`): its messages, cut from the
 * source by their lines, become an mbox of their own in content/sources, so a later build imports what was
 * chosen and not the rest.
 */
async function adoptThread(
  thread: AnalyzedThread,
  slug: string,
  path: string,
  content: string,
  stdin: Buffer | null,
  replaces: string | null,
  lines: SourceLines,
): Promise<string> {
  const sources = resolve(content, 'sources');
  await mkdir(sources, { recursive: true });
  const bytes = await extractThread(thread, path, stdin, lines);
  const target =
    replaces && resolve(replaces).startsWith(sources + sep)
      ? resolve(replaces)
      : await freeTarget(sources, `${slug}.mbox`, async (t) => (await readFile(t)).equals(bytes));
  await writeFileAtomic(target, bytes);
  return relative(process.cwd(), target);
}

/** A fetched thread's mbox, kept under the name made from its Message-ID; fetched again, the newer copy replaces it. */
async function adoptFetched(name: string, content: string, bytes: Buffer): Promise<string> {
  const target = join(resolve(content, 'sources'), name);
  await writeFileAtomic(target, bytes);
  return relative(process.cwd(), target);
}

async function chooseSlug(thread: AnalyzedThread, content: string, stored: StoredThreads): Promise<string> {
  let slug = thread.slug;
  for (let n = 2; stored.has(slug) || (await exists(join(content, 'cases', `${slug}.md`))); n++) slug = `${thread.slug}-${n}`;
  return slug;
}

/**
 * Imports the threads of one source: each becomes content/threads/<slug>.json and content/cases/<slug>.md.
 * The source is kept in content/sources: whole when every thread of it was taken, else each taken thread cut
 * out of it.
 */
export async function importSource(path: string, opts: ImportOptions, stored?: StoredThreads): Promise<SourceImport> {
  const stdinBytes = path === '-' && opts.stdin ? await opts.stdin() : null;
  const readOpts: InspectOptions = { ...opts, stdin: stdinBytes ? async () => stdinBytes : opts.stdin };
  const all = await inspectThreads(path, readOpts);
  const { threads } = opts.pick ? pickThreads(all, opts.pick) : { threads: all };
  const known = stored ?? (await storedThreads(opts.content));
  const match = priorMatcher(path, known);
  const priors = threads.map(match);
  const results: ImportResult[] = [];
  // Every thread of the source is kept: the source itself is, once. It replaces the copy its threads were read
  // from before when every thread was, or when that copy has its name (a list mbox grown by new threads); a thread
  // cut out of another source stays where it is.
  let wholeSource: string | null = null;
  if (threads.length > 0 && threads.length === all.length) {
    const paths = new Set(priors.filter((p) => p !== null).map((p) => p.source.path));
    const [only] = paths;
    const shared = paths.size === 1 && (priors.every((p) => p !== null) || basename(only).replace(/^\d+-/, '') === basename(path)) ? only : null;
    wholeSource =
      opts.fetched && stdinBytes ? await adoptFetched(opts.fetched.name, opts.content, stdinBytes) : await adoptSource(path, opts.content, stdinBytes, shared);
  }
  // The source's lines, read once for all the threads cut out of it.
  const lines: SourceLines = new Map();
  for (const [i, parsed] of threads.entries()) {
    const prior = priors[i];
    const slug = prior?.slug ?? (await chooseSlug(parsed, opts.content, known));
    const sourcePath = wholeSource ?? (await adoptThread(parsed, slug, path, opts.content, stdinBytes, prior?.source.path ?? null, lines));
    const sha256 = sourcePath === wholeSource ? parsed.source.sha256 : await sha256Of(sourcePath);
    // A fetched source keeps its link through later builds, which read it as a file.
    const url = opts.fetched?.url ?? prior?.source.url;
    const source = { ...parsed.source, path: sourcePath, sha256, ...(url ? { url } : {}) };
    results.push(await writeThread({ ...parsed, slug, source }, prior, opts, known));
  }
  return { results, leftOut: all.length - threads.length, threads: all.length };
}

async function sha256Of(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

/**
 * Imports the threads of a source already in content/sources as they are analysed (a build's worker streams them):
 * no copy, no cut, a case per thread, with memory for one thread at a time.
 */
export async function* importStream(
  path: string,
  threads: AsyncIterable<AnalyzedThread>,
  opts: ImportOptions,
  stored: StoredThreads,
): AsyncGenerator<ImportResult> {
  const match = priorMatcher(path, stored);
  const sourcePath = relative(process.cwd(), resolve(path));
  for await (const parsed of threads) {
    const prior = match(parsed);
    const slug = prior?.slug ?? (await chooseSlug(parsed, opts.content, stored));
    const url = prior?.source.url;
    yield await writeThread({ ...parsed, slug, source: { ...parsed.source, path: sourcePath, ...(url ? { url } : {}) } }, prior, opts, stored);
  }
}

/** Writes one thread's JSON and merges its case file. */
async function writeThread(thread: AnalyzedThread, prior: KnownThread | null, opts: ImportOptions, known: StoredThreads): Promise<ImportResult> {
  const { slug } = thread;
  const threadFile = join(opts.content, 'threads', `${slug}.json`);
  const json = { schemaVersion: SCHEMA_VERSION, generator: opts.generator, ...toContractThread(thread) };
  await writeFileAtomic(threadFile, batched(jsonFileChunks(json)));
  known.set({
    slug,
    source: { path: thread.source.path, sha256: thread.source.sha256, thread: thread.messages.find((m) => !m.ghost)?.id ?? null, whole: thread.source.whole },
    file: `${slug}.json`,
  });

  const caseFile = join(opts.content, 'cases', `${slug}.md`);
  const generated = generateCase(thread);
  let text: string;
  let created = false;
  let mergeWarnings: MergeWarning[] = [];
  const caseError: CaseFileError | null = null;
  const existing = await readFile(caseFile, 'utf8').catch(() => null);
  if (existing === null) {
    text = newCaseFile(generated);
    created = true;
  } else {
    try {
      const merged = mergeCaseFile(existing, generated);
      text = merged.text;
      mergeWarnings = merged.warnings;
    } catch (err) {
      if (!(err instanceof CaseFileError)) throw err;
      // A damaged or half-written case is reported and left alone: never overwritten.
      return { slug, caseFile, threadFile, created, caseError: err, mergeWarnings, schemaProblems: [], caseSources: null, thread, prior };
    }
  }
  if (text !== existing) await writeFileAtomic(caseFile, text);
  const { problems: schemaProblems, frontmatter } = validateFrontmatter(text);
  return { slug, caseFile, threadFile, created, caseError, mergeWarnings, schemaProblems, caseSources: sourcesNamed(frontmatter), thread, prior };
}

/** A case file's frontmatter, parsed, and its schema problems as `key: message` lines. */
export function validateFrontmatter(text: string): { problems: string[]; frontmatter: unknown } {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (!match) return { problems: ['the file has no frontmatter'], frontmatter: null };
  const doc = YAML.parse(match[1]) as unknown;
  const r = caseSchema.safeParse(doc);
  return { problems: r.success ? [] : r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`), frontmatter: doc };
}
