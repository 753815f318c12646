// What a build learned from a file, remembered while the file is unchanged (same size, modification time
// and inode): the slug and first message of each thread file, the sources named by each case, the SHA-256 of
// each source. A no-change build of 5,000 cases spent 14 s re-reading 914 MB of thread JSON, 1.3 GB of
// sources and 5,000 frontmatters for these few facts. Kept in the cache folder, one file per content folder;
// deleting it (or a damaged one) only costs the next build the full reading.
import { createHash } from 'node:crypto';
import { readFileSync, type Stats } from 'node:fs';
import { join, resolve } from 'node:path';
import { cacheRoot } from '../cache/index.ts';
import { writeFileAtomic } from './write-atomic.ts';

interface Entry {
  size: number;
  mtimeMs: number;
  ino: number;
  value: unknown;
}

const VERSION = 1;

export class StatCache {
  private readonly file: string;
  private entries: Record<string, Entry> = {};
  private changed = false;
  private readonly used = new Set<string>();

  constructor(content: string) {
    const key = createHash('sha256').update(resolve(content)).digest('hex').slice(0, 12);
    this.file = join(cacheRoot(), 'import', `${key}.json`);
    try {
      const data = JSON.parse(readFileSync(this.file, 'utf8')) as { version?: number; entries?: Record<string, Entry> };
      if (data.version === VERSION && data.entries && typeof data.entries === 'object') this.entries = data.entries;
    } catch {
      // No cache yet, or a damaged one: start empty.
    }
  }

  /** What was remembered for `kind` of the file at `path`, if the file is unchanged since. */
  get<T>(kind: string, path: string, st: Stats): T | undefined {
    const key = `${kind}\0${resolve(path)}`;
    this.used.add(key);
    const e = this.entries[key];
    return e && e.size === st.size && e.mtimeMs === st.mtimeMs && e.ino === st.ino ? (e.value as T) : undefined;
  }

  set(kind: string, path: string, st: Stats, value: unknown): void {
    const key = `${kind}\0${resolve(path)}`;
    this.used.add(key);
    this.entries[key] = { size: st.size, mtimeMs: st.mtimeMs, ino: st.ino, value };
    this.changed = true;
  }

  /** Writes the cache; `prune` drops what this run did not look at (files gone since). */
  async save({ prune = false } = {}): Promise<void> {
    if (prune) {
      for (const key of Object.keys(this.entries)) {
        if (!this.used.has(key)) {
          delete this.entries[key];
          this.changed = true;
        }
      }
    }
    if (!this.changed) return;
    try {
      await writeFileAtomic(this.file, JSON.stringify({ version: VERSION, entries: this.entries }));
    } catch {
      // A cache that cannot be written only costs speed.
    }
    this.changed = false;
  }
}
