// The site build highlights on worker threads (HighlightPool): whichever worker, or the calling thread,
// highlights a block, the HTML is the same; a worker that dies fails the blocks it held, loudly.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { HighlightPool } from '../../src/highlight/highlight-pool.ts';
import { renderBlock, renderFence } from '../../src/highlight/render-block.ts';

const WORKER = fileURLToPath(new URL('../../src/highlight/highlight-worker.ts', import.meta.url));

const blocks: { code: string; lang: string; lineNumbers: boolean }[] = [
  { code: 'Plain text, <b>not</b> markup & not a trace.\n'.repeat(40), lang: 'text', lineNumbers: false },
  {
    code: '[12844.066757] BUG: unable to handle kernel paging request at ffffffffffffffff\n[12844.066765] IP: [<ffffffff802a7b3c>] __d_lookup+0xf1/0x117\nCall Trace:\n ? kasan_report+0x10/0x20 [ext4]\n',
    lang: 'kernel-log',
    lineNumbers: true,
  },
  {
    code: '--- a/mm/rmap.c\n+++ b/mm/rmap.c\n@@ -1,2 +1,2 @@\n-\tspin_lock(&anon_vma->lock);\n+\tanon_vma_lock(anon_vma);\n',
    lang: 'diff',
    lineNumbers: false,
  },
  { code: 'static int f(void)\n{\n\treturn 0; /* <script>alert(1)</script> */\n}\n', lang: 'c', lineNumbers: true },
];

const pools: HighlightPool[] = [];
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

describe('the highlighting pool', () => {
  it('gives the HTML the calling thread gives, for blocks sent together to two workers', async () => {
    const pool = new HighlightPool(WORKER, 2);
    pools.push(pool);
    // Each block several times over, all in flight at once, so both workers take some.
    const many = [...blocks, ...blocks, ...blocks];
    const fromPool = await Promise.all(many.map((b) => pool.render(b.code, b.lang, b.lineNumbers)));
    const here = await Promise.all(many.map((b) => renderBlock(b.code, b.lang, b.lineNumbers)));
    expect(fromPool).toEqual(here);
    expect(fromPool[3]).toContain('&#x3C;script>');
    expect(fromPool[1]).toContain('data-line="1"');
  });

  it('gives the HAST the calling thread gives for a case file’s fences', async () => {
    const pool = new HighlightPool(WORKER, 2);
    pools.push(pool);
    const fences = [
      ...blocks.map((b) => ({ code: b.code, lang: b.lang === 'text' ? 'plaintext' : b.lang, meta: undefined })),
      { code: 'ls -l\n', lang: 'sh', meta: 'title="shell"' },
    ];
    const fromPool = await Promise.all(fences.map((f) => pool.fence(f.code, f.lang, f.meta)));
    const here = await Promise.all(fences.map((f) => renderFence(f.code, f.lang, f.meta)));
    expect(fromPool).toEqual(here);
    expect((fromPool[2]!.children[0] as { properties: Record<string, unknown> }).properties.dataLanguage).toBe('diff');
  });

  it('fails the blocks of a worker that dies, and every later block, with a clear error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casebook-pool-'));
    try {
      const dying = join(dir, 'dying-worker.mjs');
      writeFileSync(dying, "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => process.exit(3));\n");
      const pool = new HighlightPool(dying, 1);
      pools.push(pool);
      await expect(pool.render('x', 'text', false)).rejects.toThrow(/highlighting worker stopped: exit code 3/);
      await expect(pool.render('y', 'text', false)).rejects.toThrow(/highlighting worker stopped/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
