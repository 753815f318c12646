// A new casebook, before its first source: the build succeeds (Pagefind refuses to write an empty index, so
// none is written) and the search page says there is no index instead of linking to missing files.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSite, type BuiltSite } from '../helpers/build-site.ts';

const work = mkdtempSync(join(tmpdir(), 'casebook-empty-'));
let site: BuiltSite | undefined;
afterAll(() => {
  site?.remove();
  rmSync(work, { recursive: true, force: true });
});

describe('a casebook with no cases yet', () => {
  it('builds, search index step included, into a site that says it has no index', async () => {
    mkdirSync(join(work, 'content', 'sources'), { recursive: true });
    site = await buildSite({ content: join(work, 'content'), search: true });
    expect(existsSync(join(site.dir, 'index.html'))).toBe(true);
    expect(existsSync(join(site.dir, 'pagefind'))).toBe(false);
    const search = readFileSync(join(site.dir, 'search', 'index.html'), 'utf8');
    // No static link to the missing bundle; the script adds it and reports its absence.
    expect(search).not.toMatch(/<link[^>]+pagefind-ui\.css/);
    expect(search).toContain('There is no search index');
  }, 300_000);
});
