// `casebook build` reads changed sources on worker threads (one per core): what it writes must be what a
// sequential build writes, byte for byte, including the slugs that depend on the order of imports, and a
// source that cannot be read is still reported by name.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CORPUS, hasShared, ROOT, SEEDS } from '../helpers/paths.ts';

const dir = mkdtempSync(join(tmpdir(), 'casebook-parallel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function build(workers: number) {
  for (const d of ['threads', 'cases']) rmSync(join(dir, 'content', d), { recursive: true, force: true });
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/casebook.mjs'), 'build', '--import-only'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, CASEBOOK_WORKERS: String(workers) },
  });
  const files: Record<string, string> = {};
  for (const d of ['threads', 'cases'])
    for (const f of readdirSync(join(dir, 'content', d)).sort()) files[`${d}/${f}`] = readFileSync(join(dir, 'content', d, f), 'utf8');
  return { code: r.status, stderr: r.stderr, files };
}

describe.skipIf(!hasShared)('a parallel build', () => {
  it('writes exactly what a sequential build writes, and names an unreadable source', () => {
    const sources = join(dir, 'content', 'sources');
    mkdirSync(sources, { recursive: true });
    const lore = join(CORPUS, 'linux-mailinglist-archives');
    for (const list of readdirSync(lore).filter((d) => d.endsWith('.0'))) {
      for (const f of readdirSync(join(lore, list, 'threads')).filter((n) => n.endsWith('.mbox')))
        cpSync(join(lore, list, 'threads', f), join(sources, `${list}-${f}`));
    }
    for (const f of readdirSync(SEEDS)) cpSync(join(SEEDS, f), join(sources, f));
    // Two copies of one thread: the second one's slug depends on the first being imported before it.
    const first = readdirSync(sources).sort()[0]!;
    cpSync(join(sources, first), join(sources, `zz-copy-${first}`));
    writeFileSync(join(sources, 'zz-empty.mbox'), '');

    const sequential = build(1);
    const parallel = build(3);
    expect(sequential.code).toBe(0);
    expect(Object.keys(sequential.files).length).toBeGreaterThan(50);
    expect(Object.keys(parallel.files)).toEqual(Object.keys(sequential.files));
    const differing = Object.keys(sequential.files).filter((f) => parallel.files[f] !== sequential.files[f]);
    expect(differing).toEqual([]);
    for (const r of [sequential, parallel]) {
      expect(r.stderr).toMatch(/zz-empty\.mbox.*empty/);
      expect(r.stderr).toMatch(/thread\(s\) imported, 0 unchanged, 0 removed, 1 source\(s\) unreadable/);
    }
    expect(parallel.stderr.replace(/\n.*\bwarning\b.*/g, '')).toBe(sequential.stderr.replace(/\n.*\bwarning\b.*/g, ''));
  }, 240_000);
});
