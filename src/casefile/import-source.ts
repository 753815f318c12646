// One source → content/threads/<slug>.json (machine-owned, rewritten) and content/cases/<slug>.md (merged
// with an editor's work). A source outside content/sources is copied in, so the casebook can rebuild it.
import { createHash } from 'node:crypto';
import { copyFile, cp, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, join, relative, resolve, sep } from 'node:path';
import YAML from 'yaml';
import { caseSchema } from './case-schema.ts';
import { inspectSource, SCHEMA_VERSION, type AnalyzedThread, type InspectOptions } from '../casebook.ts';
import { generateCase } from './generate-case.ts';
import { batched, jsonFileChunks } from './json-chunks.ts';
import { mergeCaseFile, newCaseFile, type MergeWarning } from './merge-case.ts';
import { CaseFileError } from './split-case.ts';
import { sourcesNamed, storedThreads, type StoredThread } from './stored-threads.ts';
import { toContractThread } from './thread-json.ts';
import { writeFileAtomic } from './write-atomic.ts';

export interface ImportOptions extends InspectOptions {
  /** The content folder. */
  content: string;
  /** Identifies the code that parsed a thread (see generatorId); recorded in the thread JSON. */
  generator: string;
  /** The source already read and analysed (by a build's worker): it is not read again. */
  inspected?: AnalyzedThread;
}

export { storedThreads, threadSummary, type StoredThread } from './stored-threads.ts';

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
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/**
 * The thread already in the casebook that this import continues: the one read from the same path, else
 * the one whose first message is in the new thread (the same thread, grown since it was imported).
 */
function sameThread(thread: AnalyzedThread, path: string, stored: Map<string, StoredThread & { file: string }>): (StoredThread & { file: string }) | null {
  const byPath = stored.get(relative(process.cwd(), resolve(path)));
  if (byPath) return byPath;
  const ids = new Set(thread.messages.filter((m) => !m.ghost).map((m) => m.id));
  for (const t of stored.values()) if (t.ids?.length && ids.has(t.ids[0])) return t;
  return null;
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
  let target = join(sources, basename(abs));
  for (let n = 2; await exists(target); n++) {
    // The same file imported again is the same source.
    const same = (await stat(abs)).isFile() && (await stat(target)).isFile() && (await readFile(abs)).equals(await readFile(target));
    if (same) return relative(process.cwd(), target);
    target = join(sources, `${n}-${basename(abs)}`);
  }
  if ((await stat(abs)).isDirectory()) await cp(abs, target, { recursive: true, verbatimSymlinks: true });
  else await copyFile(abs, target);
  return relative(process.cwd(), target);
}

async function chooseSlug(thread: AnalyzedThread, sourcePath: string, content: string, stored: Map<string, StoredThread & { file: string }>): Promise<string> {
  const prior = stored.get(sourcePath);
  // A thread keeps the slug it was first given, so its URL never moves.
  if (prior) return prior.slug;
  const taken = new Set([...stored.values()].map((t) => t.slug));
  let slug = thread.slug;
  for (let n = 2; taken.has(slug) || (await exists(join(content, 'cases', `${slug}.md`))); n++) slug = `${thread.slug}-${n}`;
  return slug;
}

export async function importSource(path: string, opts: ImportOptions, stored?: Map<string, StoredThread & { file: string }>): Promise<ImportResult> {
  const stdinBytes = path === '-' && opts.stdin ? await opts.stdin() : null;
  const readOpts: InspectOptions = { ...opts, stdin: stdinBytes ? async () => stdinBytes : opts.stdin };
  const parsed = opts.inspected ?? (await inspectSource(path, readOpts));
  const known = stored ?? (await storedThreads(opts.content));
  const prior = sameThread(parsed, path, known);
  const sourcePath = await adoptSource(path, opts.content, stdinBytes, prior?.source.path ?? null);
  const slug = prior?.slug ?? (await chooseSlug(parsed, sourcePath, opts.content, known));
  const thread: AnalyzedThread = { ...parsed, slug, source: { ...parsed.source, path: sourcePath } };

  const threadFile = join(opts.content, 'threads', `${slug}.json`);
  const json = { schemaVersion: SCHEMA_VERSION, generator: opts.generator, ...toContractThread(thread) };
  await writeFileAtomic(threadFile, batched(jsonFileChunks(json)));
  known.set(sourcePath, {
    slug,
    source: { path: sourcePath, sha256: thread.source.sha256 },
    ids: thread.messages.filter((m) => !m.ghost).map((m) => m.id),
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
      return { slug, caseFile, threadFile, created, caseError: err, mergeWarnings, schemaProblems: [], caseSources: null, thread };
    }
  }
  if (text !== existing) await writeFileAtomic(caseFile, text);
  const { problems: schemaProblems, frontmatter } = validateFrontmatter(text);
  return { slug, caseFile, threadFile, created, caseError, mergeWarnings, schemaProblems, caseSources: sourcesNamed(frontmatter), thread };
}

/** A case file's frontmatter, parsed, and its schema problems as `key: message` lines. */
export function validateFrontmatter(text: string): { problems: string[]; frontmatter: unknown } {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (!match) return { problems: ['the file has no frontmatter'], frontmatter: null };
  const doc = YAML.parse(match[1]) as unknown;
  const r = caseSchema.safeParse(doc);
  return { problems: r.success ? [] : r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`), frontmatter: doc };
}
