// Imports every thread source under content/sources that is new or changed since it was last read (the
// thread JSON records the source's sha256 and the parser's code hash), into content/threads and
// content/cases, a case per thread of each source. Thread files whose source (or whose thread in it) is gone are
// removed; case files never are.
import { createHash } from 'node:crypto';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { inspectStream, SCHEMA_VERSION } from '../casebook.ts';
import { SourceError } from '../ingest/source-error.ts';
import type { ImportResult } from './import-source.ts';
import { StatCache } from './stat-cache.ts';
import { type KnownThread, type StoredThreads, SUMMARY, storedThreads, threadSummary } from './stored-threads.ts';

export interface BuildOptions {
  /** The content folder (default `content`). */
  content: string;
  onImported?: (r: ImportResult) => void;
  onError?: (err: SourceError) => void;
}

export interface BuildResult {
  written: string[];
  unchanged: string[];
  removed: string[];
  failed: string[];
  /** Case files that could not be merged (damaged) and were left as they were. */
  damaged: string[];
}

/**
 * Changes whenever the parser's output may change — a hash of the code of the stages that make a thread and
 * its case — so stored threads are parsed again after an upgrade.
 */
export async function generatorId(): Promise<string> {
  const src = new URL('../', import.meta.url);
  const hash = createHash('sha256');
  for (const stage of ['ingest', 'thread', 'analysis', 'casefile']) {
    const dir = new URL(`${stage}/`, src);
    const files = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.ts')).sort();
    for (const f of files) hash.update(`${stage}/${f}\0`).update(await readFile(new URL(f, dir)));
  }
  const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return `casebook ${pkg.version} ${hash.digest('hex').slice(0, 16)}`;
}

/** A source file's SHA-256 and size; a folder source has neither (it is always read again). */
async function sha256File(path: string, cache: StatCache): Promise<{ sha: string; bytes: number }> {
  const st = await stat(path);
  if (st.isDirectory()) return { sha: '', bytes: 0 };
  const known = cache.get<string>('sha256', path, st);
  if (known) return { sha: known, bytes: st.size };
  const sha = createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
  cache.set('sha256', path, st, sha);
  return { sha, bytes: st.size };
}

/** A source to read again: its path, its size, and the threads the casebook held of it before. */
interface ChangedSource {
  rel: string;
  bytes: number;
  priors: KnownThread[];
  /** It was imported as one thread (`--one-thread`) and is read so again. */
  oneThread: boolean;
}

interface BuildState {
  generator: string;
  cache: StatCache;
  stored: StoredThreads;
  keep: Set<string>;
  result: BuildResult;
}

/**
 * Reads and analyses the changed sources in parallel (inspect-pool.ts) and imports them one by one in name
 * order: slugs and files come out as they would from a sequential run.
 */
async function importChanged(changed: ChangedSource[], opts: BuildOptions, { generator, cache, stored, keep, result }: BuildState): Promise<void> {
  const { inspectAll } = await import('./inspect-pool.ts');
  // The workers start here and load the stages while this thread loads the case writer.
  const inspected = inspectAll(
    changed.map((c) => ({ path: c.rel, oneThread: c.oneThread })),
    changed.reduce((n, c) => n + c.bytes, 0),
    (job) => inspectStream(job.path, { oneThread: job.oneThread }),
  );
  try {
    const { importStream } = await import('./import-source.ts');
    let k = 0;
    for await (const one of inspected) {
      const { rel, priors } = changed[k++]!;
      try {
        if (one.error) throw one.error;
        for await (const r of importStream(rel, one.threads, { content: opts.content, generator }, stored)) {
          keep.add(`${r.slug}.json`);
          // What the next build needs from the thread and case files just written, so it does not parse them again.
          cache.set(
            SUMMARY,
            r.threadFile,
            await stat(r.threadFile),
            threadSummary({ slug: r.slug, source: r.thread.source, generator, schemaVersion: SCHEMA_VERSION }, r.thread.messages),
          );
          if (r.caseSources) cache.set('case-sources', r.caseFile, await stat(r.caseFile), r.caseSources);
          if (r.prior && r.prior.file !== `${r.slug}.json`) await rm(join(opts.content, 'threads', r.prior.file), { force: true });
          result.written.push(`${r.slug}.json`);
          if (r.caseError) result.damaged.push(r.caseFile);
          opts.onImported?.(r);
        }
      } catch (err) {
        if (!(err instanceof SourceError)) throw err;
        opts.onError?.(err);
        result.failed.push(rel);
        for (const p of priors) keep.add(p.file);
      }
    }
  } finally {
    await inspected.return?.();
  }
}

export async function buildCasebook(opts: BuildOptions): Promise<BuildResult> {
  const sourcesDir = join(opts.content, 'sources');
  let names: string[];
  try {
    names = (await readdir(sourcesDir)).filter((n) => !n.startsWith('.')).sort();
  } catch {
    throw new SourceError(
      sourcesDir,
      `Cannot read \`${sourcesDir}\`: no such folder`,
      "Run this from the casebook's root, or give --content DIR with the thread sources in DIR/sources.",
    );
  }
  const generator = await generatorId();
  const cache = new StatCache(opts.content);
  const stored = await storedThreads(opts.content, cache);
  const result: BuildResult = { written: [], unchanged: [], removed: [], failed: [], damaged: [] };
  const keep = new Set<string>();
  const changed: ChangedSource[] = [];
  for (const name of names) {
    // Paths are relative to the working folder (the project root): output does not depend on where the project lives.
    const rel = relative(process.cwd(), join(sourcesDir, name));
    const priors = stored.ofSource(rel);
    const { sha, bytes } = await sha256File(join(sourcesDir, name), cache);
    let current = priors.length > 0 && !!sha;
    for (const p of priors) {
      if (!current) break;
      current =
        p.source.sha256 === sha &&
        p.schemaVersion === SCHEMA_VERSION &&
        p.generator === generator &&
        (await stat(join(opts.content, 'cases', `${p.slug}.md`)).then(
          () => true,
          () => false,
        ));
    }
    if (current) {
      for (const p of priors) {
        keep.add(p.file);
        result.unchanged.push(p.file);
      }
      continue;
    }
    changed.push({ rel, bytes, priors, oneThread: priors.some((p) => p.source.whole === true) });
  }
  // What importing needs (the case writer, the stages, zod) is loaded only when there is something to import.
  if (changed.length > 0) await importChanged(changed, opts, { generator, cache, stored, keep, result });
  for (const t of stored.all()) {
    if (!keep.has(t.file)) {
      await rm(join(opts.content, 'threads', t.file), { force: true });
      result.removed.push(t.file);
    }
  }
  await cache.save({ prune: true });
  return result;
}
