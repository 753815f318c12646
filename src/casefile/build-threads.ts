// Reads every thread source under content/sources and writes content/threads/<slug>.json for each:
// only new or changed sources are parsed again (the JSON records the source's sha256).
import { createHash } from 'node:crypto';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { inspectSource, SCHEMA_VERSION } from '../casebook.ts';
import { SourceError } from '../ingest/index.ts';
import type { Warning } from '../ingest/types.ts';
import { toContractThread } from './thread-json.ts';
import { writeFileAtomic } from './write-atomic.ts';

export interface BuildThreadsOptions {
  /** The content folder (default `content`). */
  content: string;
  onWarning?: (w: Warning, source: string) => void;
  onError?: (err: SourceError) => void;
}

export interface BuildThreadsResult {
  written: string[];
  unchanged: string[];
  removed: string[];
  failed: string[];
}

interface StoredThread {
  schemaVersion: number;
  generator: string;
  slug: string;
  source: { path: string; sha256: string };
}

/**
 * Changes whenever the parser's output may change — a hash of the code of the stages that make a thread —
 * so stored threads are parsed again after an upgrade.
 */
async function generatorId(): Promise<string> {
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

async function sha256File(path: string): Promise<string> {
  const s = await stat(path);
  if (s.isDirectory()) return '';
  return createHash('sha256').update(await readFile(path)).digest('hex');
}

async function readStored(dir: string): Promise<Map<string, StoredThread & { file: string }>> {
  const bySource = new Map<string, StoredThread & { file: string }>();
  let names: string[] = [];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  } catch {
    return bySource;
  }
  for (const name of names) {
    try {
      const t = JSON.parse(await readFile(join(dir, name), 'utf8')) as StoredThread;
      if (t?.source?.path) bySource.set(t.source.path, { ...t, file: name });
    } catch {
      // An unreadable thread file is rebuilt from its source.
    }
  }
  return bySource;
}

export async function buildThreads(opts: BuildThreadsOptions): Promise<BuildThreadsResult> {
  const sourcesDir = join(opts.content, 'sources');
  const threadsDir = join(opts.content, 'threads');
  const generator = await generatorId();
  const stored = await readStored(threadsDir);
  const result: BuildThreadsResult = { written: [], unchanged: [], removed: [], failed: [] };
  let names: string[];
  try {
    names = (await readdir(sourcesDir)).filter((n) => !n.startsWith('.')).sort();
  } catch {
    throw new SourceError(sourcesDir, `Cannot read \`${sourcesDir}\`: no such folder`, 'Run this from the casebook\'s root, or give --content DIR with the thread sources in DIR/sources.');
  }
  const slugs = new Set<string>();
  const keep = new Set<string>();
  for (const name of names) {
    const path = join(sourcesDir, name);
    // Paths are relative to the working folder (the project root), so output does not depend on where
    // the project lives.
    const rel = relative(process.cwd(), path);
    const prior = stored.get(rel);
    const sha = await sha256File(path);
    if (prior && sha && prior.source.sha256 === sha && prior.schemaVersion === SCHEMA_VERSION && prior.generator === generator && !slugs.has(prior.slug)) {
      slugs.add(prior.slug);
      keep.add(prior.file);
      result.unchanged.push(prior.file);
      continue;
    }
    let thread;
    try {
      thread = await inspectSource(rel);
    } catch (err) {
      if (!(err instanceof SourceError)) throw err;
      opts.onError?.(err);
      result.failed.push(rel);
      if (prior) keep.add(prior.file);
      continue;
    }
    for (const w of thread.warnings) opts.onWarning?.(w, rel);
    // A thread keeps the slug it was first given, so its URL never moves.
    let slug = prior?.slug ?? thread.slug;
    for (let n = 2; slugs.has(slug); n++) slug = `${thread.slug}-${n}`;
    slugs.add(slug);
    const json = { schemaVersion: SCHEMA_VERSION, generator, ...toContractThread({ ...thread, slug, source: { ...thread.source, path: rel } }) };
    const file = `${slug}.json`;
    await writeFileAtomic(join(threadsDir, file), JSON.stringify(json, null, 2) + '\n');
    if (prior && prior.file !== file) await rm(join(threadsDir, prior.file), { force: true });
    keep.add(file);
    result.written.push(file);
  }
  // Threads whose source is gone are machine-owned and go too.
  for (const [, t] of stored) {
    if (!keep.has(t.file)) {
      await rm(join(threadsDir, t.file), { force: true });
      result.removed.push(t.file);
    }
  }
  return result;
}
