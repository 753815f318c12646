// The build's caches, all under one folder that is safe to delete (`rm -rf .cache` costs one slow build,
// nothing else): Astro's content store (each case's validated frontmatter, keyed by the case file's digest),
// each case's rendered text and the highlighted blocks of the thread pages (keyed by a hash of their input and
// of the rendering code), and what `casebook build` learned from unchanged files (casefile/stat-cache.ts).
// CASEBOOK_CACHE moves the folder; each content folder (CASEBOOK_CONTENT) gets a store of
// its own, so building another casebook never reuses this one's renders.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The project folder: builds run from it (`npm run build`, the tests, the bench). Not import.meta.url, which
 * inside Astro's build names the bundled chunk in dist/, not this file.
 */
const PROJECT = `${process.cwd()}/`;

/** The cache folder: CASEBOOK_CACHE, or `.cache/casebook` in the project. */
export function cacheRoot(): string {
  return resolve(process.env.CASEBOOK_CACHE || join(PROJECT, '.cache', 'casebook'));
}

/** Astro's cacheDir (its content store) for the content folder being built. */
export function astroCacheDir(contentDir = process.env.CASEBOOK_CONTENT || './content'): string {
  const key = createHash('sha256').update(resolve(contentDir)).digest('hex').slice(0, 12);
  return join(cacheRoot(), 'astro', key);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

let fingerprint: string | undefined;

/**
 * A hash of the code that shapes what the caches hold, which their keys do not see (Astro's store keys an
 * entry by the case file only): the Markdown plugins, the grammars and transformers, the loader and renderer of
 * the cases, the site configuration and the locked dependency versions. When it changes, every cached render
 * is stale. Computed once per process.
 */
export function rendererFingerprint(): string {
  if (fingerprint) return fingerprint;
  const hash = createHash('sha256');
  const files = [
    ...filesUnder(join(PROJECT, 'src', 'markdown')),
    ...filesUnder(join(PROJECT, 'src', 'highlight')),
    join(PROJECT, 'src', 'site', 'case-loader.ts'),
    join(PROJECT, 'src', 'site', 'render-case.ts'),
    join(PROJECT, 'astro.config.mjs'),
    join(PROJECT, 'src', 'content.config.ts'),
    join(PROJECT, 'src', 'casefile', 'case-schema.ts'),
    join(PROJECT, 'package-lock.json'),
  ];
  for (const f of files) {
    hash.update(f.slice(PROJECT.length)).update('\0');
    try {
      hash.update(readFileSync(f)).update('\0');
    } catch {
      hash.update('(missing)\0');
    }
  }
  fingerprint = hash.digest('hex');
  return fingerprint;
}

/** A text cache in `<cacheRoot>/<name>/`, one file per key; unreadable entries count as misses. */
export class DiskCache {
  readonly dir: string;
  constructor(name: string, root: string = cacheRoot()) {
    this.dir = join(root, name);
  }

  private path(key: string): string {
    return join(this.dir, key.slice(0, 2), key);
  }

  get(key: string): string | null {
    try {
      return readFileSync(this.path(key), 'utf8');
    } catch {
      return null;
    }
  }

  /** Written to a temporary name and renamed, so a killed build leaves no half-written entry. */
  set(key: string, value: string): void {
    const file = this.path(key);
    try {
      mkdirSync(dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, value);
      renameSync(tmp, file);
    } catch {
      // A cache that cannot be written (read-only checkout, full disk) only costs speed.
    }
  }
}
