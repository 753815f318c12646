// `casebook build`: one thread JSON and one case per source, only changed sources re-read, output
// independent of where the project lives, byte-identical across runs, slugs that do not move, and a case
// file is never deleted with its source.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../helpers/paths.ts';
import { spawnCli } from '../helpers/run-cli.ts';
import { ROOT } from '../helpers/paths.ts';
import { spawnSync } from 'node:child_process';

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'casebook-build-'));
  mkdirSync(join(dir, 'content', 'sources'), { recursive: true });
  cpSync(join(FIXTURES, 'ingest', 'mbox-mboxrd', 'input.mbox'), join(dir, 'content', 'sources', 'gpf.mbox'));
  cpSync(join(FIXTURES, 'ingest', 'archive-text', 'input.txt'), join(dir, 'content', 'sources', 'foo.txt'));
  return dir;
}

function build(cwd: string) {
  const r = spawnSync(process.execPath, [`${ROOT}bin/casebook.mjs`, 'build', '--import-only'], { cwd, encoding: 'utf8' });
  return { code: r.status, stderr: r.stderr };
}

describe('casebook build', () => {
  it('writes one thread per source, then re-reads only what changed', () => {
    const dir = project();
    const first = build(dir);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/2 thread\(s\) imported, 0 unchanged/);
    expect(readdirSync(join(dir, 'content', 'cases')).sort()).toEqual([
      '2009-foo-fix-use-after-free-foo-release.md',
      '2022-general-protection-fault-list-del.md',
    ]);
    const files = readdirSync(join(dir, 'content', 'threads')).sort();
    expect(files).toEqual(['2009-foo-fix-use-after-free-foo-release.json', '2022-general-protection-fault-list-del.json']);
    const json = JSON.parse(readFileSync(join(dir, 'content', 'threads', files[1]), 'utf8'));
    expect(json.schemaVersion).toBe(1);
    expect(json.source.path).toBe('content/sources/gpf.mbox');
    expect(json.messages).toHaveLength(3);

    expect(build(dir).stderr).toMatch(/0 thread\(s\) imported, 2 unchanged/);
    writeFileSync(
      join(dir, 'content', 'sources', 'gpf.mbox'),
      readFileSync(join(dir, 'content', 'sources', 'gpf.mbox'), 'utf8').replace('It does, thanks.', 'It does, thanks!'),
    );
    expect(build(dir).stderr).toMatch(/1 thread\(s\) imported, 1 unchanged/);
    rmSync(join(dir, 'content', 'sources', 'foo.txt'));
    expect(build(dir).stderr).toMatch(/0 thread\(s\) imported, 1 unchanged, 1 removed/);
    expect(readdirSync(join(dir, 'content', 'threads'))).toEqual(['2022-general-protection-fault-list-del.json']);
    // The case file is an editor's: it stays.
    expect(readdirSync(join(dir, 'content', 'cases'))).toContain('2009-foo-fix-use-after-free-foo-release.md');
  });

  it('remembers what it read from unchanged files in .cache, and survives that cache damaged or deleted', () => {
    const dir = project();
    build(dir);
    expect(build(dir).stderr).toMatch(/0 thread\(s\) imported, 2 unchanged/);
    const cacheDir = join(dir, '.cache', 'casebook', 'import');
    const [cacheFile] = readdirSync(cacheDir);
    const cached = JSON.parse(readFileSync(join(cacheDir, cacheFile!), 'utf8'));
    // Sources' hashes, thread summaries (only the first message id) and the cases' sources.
    const kinds = Object.keys(cached.entries)
      .map((k) => k.split('\0')[0])
      .sort();
    expect(new Set(kinds)).toEqual(new Set(['sha256', 'thread-summary', 'case-sources']));
    expect(build(dir).stderr).toMatch(/0 thread\(s\) imported, 2 unchanged/);
    writeFileSync(join(cacheDir, cacheFile!), '{ damaged');
    expect(build(dir).stderr).toMatch(/0 thread\(s\) imported, 2 unchanged/);
    rmSync(join(dir, '.cache'), { recursive: true });
    expect(build(dir).stderr).toMatch(/0 thread\(s\) imported, 2 unchanged/);
    // A thread file changed behind the cache's back (another size, another time) is read again: here it no
    // longer names its source, so the source is imported anew.
    const thread = join(dir, 'content', 'threads', '2022-general-protection-fault-list-del.json');
    writeFileSync(thread, readFileSync(thread, 'utf8').replace('"path": "content/sources/gpf.mbox"', '"path": "elsewhere.mbox"'));
    expect(build(dir).stderr).toMatch(/1 thread\(s\) imported, 1 unchanged/);
  });

  it('gives byte-identical files wherever the project lives', () => {
    const a = project();
    const b = project();
    build(a);
    build(b);
    for (const sub of ['threads', 'cases']) {
      for (const f of readdirSync(join(a, 'content', sub))) {
        expect(readFileSync(join(b, 'content', sub, f), 'utf8')).toBe(readFileSync(join(a, 'content', sub, f), 'utf8'));
      }
    }
  });

  it("keeps a thread's slug when its title changes, and leaves no temporary files", () => {
    const dir = project();
    build(dir);
    const src = join(dir, 'content', 'sources', 'foo.txt');
    writeFileSync(src, readFileSync(src, 'utf8').replace('Re: [PATCH] foo: fix use-after-free in foo_release', 'Re: [PATCH] foo: a different title now'));
    build(dir);
    const files = readdirSync(join(dir, 'content', 'threads'));
    expect(files).toContain('2009-foo-fix-use-after-free-foo-release.json');
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('keeps the slugs of committed cases in a fresh clone, which has no thread files yet', () => {
    const dir = project();
    build(dir);
    rmSync(join(dir, 'content', 'threads'), { recursive: true });
    expect(build(dir).stderr).toMatch(/2 thread\(s\) imported/);
    expect(readdirSync(join(dir, 'content', 'cases')).sort()).toEqual([
      '2009-foo-fix-use-after-free-foo-release.md',
      '2022-general-protection-fault-list-del.md',
    ]);
    expect(readdirSync(join(dir, 'content', 'threads')).sort()).toEqual([
      '2009-foo-fix-use-after-free-foo-release.json',
      '2022-general-protection-fault-list-del.json',
    ]);
  });

  it('keeps the slugs of committed cases when the casebook is built from another folder (--content): was every thread again as <slug>-2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'casebook-elsewhere-'));
    cpSync(join(ROOT, 'content', 'cases'), join(dir, 'content', 'cases'), { recursive: true });
    cpSync(join(ROOT, 'content', 'sources'), join(dir, 'content', 'sources'), { recursive: true });
    const shipped = readdirSync(join(dir, 'content', 'cases')).sort();
    // Built from the project root, not from the casebook's own folder: recorded paths differ from the new ones.
    const r = spawnSync(process.execPath, [`${ROOT}bin/casebook.mjs`, 'build', '--import-only', '--content', join(dir, 'content')], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/5 thread\(s\) imported, 0 unchanged, 0 removed/);
    expect(readdirSync(join(dir, 'content', 'cases')).sort()).toEqual(shipped);
    expect(readdirSync(join(dir, 'content', 'threads')).sort()).toEqual(shipped.map((f) => f.replace(/\.md$/, '.json')));
    rmSync(dir, { recursive: true, force: true });
  });

  it('names an unreadable source and still builds the others', () => {
    const dir = project();
    writeFileSync(join(dir, 'content', 'sources', 'notes.bin'), Buffer.alloc(64, 0));
    const r = build(dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/notes\.bin.*binary data/);
    expect(r.stderr).toMatch(/2 thread\(s\) imported, 0 unchanged, 0 removed, 1 source\(s\) unreadable/);
  });

  it('explains a missing content folder', () => {
    const r = spawnCli(['build', '--import-only', '--content', join(tmpdir(), 'no-such-casebook')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no-such-casebook/);
  });
});
