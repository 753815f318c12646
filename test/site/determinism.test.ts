// The same casebook gives a byte-identical site: no timestamps, no map-order or locale dependence, stable
// asset names and search index — so a rebuild changes only what changed, and mirrors stay in sync.
import { readdirSync, readFileSync, statSync } from 'node:fs';
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
  beforeAll(async () => {
    first = await buildSite();
    second = await buildSite();
  }, 400_000);
  afterAll(() => {
    first?.remove();
    second?.remove();
  });

  it('writes byte-identical files', () => {
    const a = files(first.dir);
    expect(a.length).toBeGreaterThan(20);
    expect(files(second.dir)).toEqual(a);
    const differing = a.filter((f) => !readFileSync(join(first.dir, f)).equals(readFileSync(join(second.dir, f))));
    expect(differing).toEqual([]);
  });
});
