// The same casebook gives a byte-identical site: no timestamps, no map-order or locale dependence, stable
// asset names and search index — so a rebuild changes only what changed, and mirrors stay in sync.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, type BuiltSite } from '../helpers/build-site.ts';

function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out;
}

describe('a rebuild', () => {
  let first: BuiltSite;
  let second: BuiltSite;
  let third: BuiltSite;
  const cache = mkdtempSync(join(tmpdir(), 'casebook-determinism-cache-'));
  let store = '';
  let sentinelAfterSecond = false;
  beforeAll(async () => {
    // The first build starts from an empty cache folder; the second reuses what the first cached (Astro's
    // content store, the highlighted blocks): the caches must not change a byte.
    first = await buildSite({ cache });
    store = join(cache, 'astro', readdirSync(join(cache, 'astro'))[0]!);
    writeFileSync(join(store, 'sentinel'), 'kept while the rendering code is unchanged');
    second = await buildSite({ cache });
    sentinelAfterSecond = existsSync(join(store, 'sentinel'));
    // As if the Markdown plugins or grammars had changed since the store was written: the third build must
    // throw the store away rather than serve renders made by other code.
    writeFileSync(join(store, 'casebook-renderer.sha256'), 'older rendering code\n');
    third = await buildSite({ cache });
  }, 600_000);
  afterAll(() => {
    for (const s of [first, second, third]) s?.remove();
    rmSync(cache, { recursive: true, force: true });
  });

  it('reuses the content store while the rendering code is unchanged, and discards it when it changed', () => {
    expect(readdirSync(join(cache, 'highlight')).length).toBeGreaterThan(0);
    expect(readdirSync(join(cache, 'astro'))).toHaveLength(1);
    expect(sentinelAfterSecond).toBe(true);
    expect(existsSync(join(store, 'sentinel'))).toBe(false);
    expect(readFileSync(join(store, 'casebook-renderer.sha256'), 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
  });

  it('writes byte-identical files, cold and from the caches', () => {
    const a = files(first.dir);
    expect(a.length).toBeGreaterThan(20);
    expect(files(second.dir)).toEqual(a);
    for (const other of [second, third]) {
      expect(files(other.dir)).toEqual(a);
      const differing = a.filter((f) => !readFileSync(join(first.dir, f)).equals(readFileSync(join(other.dir, f))));
      expect(differing).toEqual([]);
    }
  });
});
