// Highlighted blocks are cached by content hash in the cache folder (CASEBOOK_CACHE): a block seen before,
// in this build or an earlier one, is not highlighted again, and what comes from the cache is what
// highlighting gives.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgetHighlighted, highlight } from '../../src/highlight/index.ts';

const cache = mkdtempSync(join(tmpdir(), 'casebook-highlight-cache-'));
const entries = () =>
  readdirSync(join(cache, 'highlight'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));

beforeAll(() => {
  process.env.CASEBOOK_CACHE = cache;
});
afterAll(() => {
  delete process.env.CASEBOOK_CACHE;
  rmSync(cache, { recursive: true, force: true });
});

describe('the highlight cache', () => {
  const diff = '--- a/mm/rmap.c\n+++ b/mm/rmap.c\n@@ -1,2 +1,2 @@\n-\tspin_lock(&anon_vma->lock);\n+\tanon_vma_lock(anon_vma);\n';

  it('stores each highlighted block once, under its content hash, as the HTML highlighting gave', async () => {
    const html = await highlight(diff, 'diff');
    expect(html).toContain('<pre class="shiki');
    const [entry, ...more] = entries();
    expect(more).toEqual([]);
    expect(entry!.split('/').pop()).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(entry!, 'utf8')).toBe(html);
    // Same block again (a patch quoted in another reply): no new entry, same HTML.
    expect(await highlight(diff, 'diff')).toBe(html);
    expect(entries()).toHaveLength(1);
  });

  it('keys by language and options too, not only by the text', async () => {
    await highlight(diff, 'text');
    await highlight(diff, 'diff', { lineNumbers: true });
    expect(entries()).toHaveLength(3);
  });

  it('reads a block cached by an earlier build from the disk', async () => {
    const code = 'BUG: unable to handle kernel NULL pointer dereference at 0000000000000008\n';
    const fresh = await highlight(code, 'kernel-log');
    const file = entries().find((f) => readFileSync(f, 'utf8') === fresh)!;
    // A marked entry, and a process that has not seen the block: the HTML comes from the disk.
    writeFileSync(file, fresh.replace('<pre ', '<pre data-from-cache="" '));
    forgetHighlighted();
    expect(await highlight(code, 'kernel-log')).toContain('data-from-cache');
  });
});
