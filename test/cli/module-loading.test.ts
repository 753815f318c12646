// `casebook --help` and `--version` print text and nothing else: they must not load the stages the commands
// drive, nor their heavy dependencies (astro and its Markdown, shiki and its WASM, mailparser, zod, yaml),
// which made `casebook --help` take 0.7 s; and a build with nothing to import must not load what importing
// needs. Each case runs the CLI in a fresh process and lists the modules it loaded; no timing is measured here
// (the figures are in the commits and bench/).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES, ROOT } from '../helpers/paths.ts';

/** The packages and the files of src/ (as `src/<path>`) that `casebook <args>` loads, run in `cwd`. */
function loaded(args: string[], cwd = ROOT, env: Record<string, string> = {}): string[] {
  const script = `
    import { registerHooks } from 'node:module';
    const urls = [];
    registerHooks({ load(url, context, next) { urls.push(url); return next(url, context); } });
    const { main } = await import(${JSON.stringify(new URL('src/cli/main.ts', `file://${ROOT}`).href)});
    const sink = { write() { return true; } };
    await main(${JSON.stringify(args)}, { stdout: sink, stderr: sink });
    process.stdout.write(JSON.stringify(urls));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, CASEBOOK_CACHE: join(cwd, '.cache'), ...env },
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const names = (JSON.parse(r.stdout) as string[]).map((u) => {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(u);
    if (pkg) return pkg[1]!;
    return u.startsWith(`file://${ROOT}src/`) ? u.slice(`file://${ROOT}`.length) : u;
  });
  return [...new Set(names)].sort();
}

describe('the casebook command loads only what it runs', () => {
  it.each([['--help'], ['--version'], ['build', '--help'], ['check', '--help'], ['inspect', '--help'], ['frob']])(
    '`casebook %s` loads no package and no stage',
    (...args) => {
      const modules = loaded(args);
      expect(modules.filter((m) => !m.startsWith('node:') && !m.startsWith('src/cli/'))).toEqual([]);
    },
  );
});

describe('a build with nothing to import, and check', () => {
  const dir = mkdtempSync(join(tmpdir(), 'casebook-modules-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'content', 'sources'), { recursive: true });
  cpSync(join(FIXTURES, 'ingest', 'mbox-mboxrd', 'input.mbox'), join(dir, 'content', 'sources', 'gpf.mbox'));

  it('a build with nothing to import loads neither the stages nor what writes a case (yaml, zod, remark, astro)', () => {
    // On the main thread (the hooks do not see a worker's modules): the first build loads the stages.
    const first = loaded(['build', '--import-only'], dir, { CASEBOOK_WORKERS: '1' });
    expect(first).toEqual(expect.arrayContaining(['src/ingest/parse-mail.ts', 'src/analysis/index.ts', 'yaml', 'zod']));
    // The second build of the same sources finds everything unchanged; the third knows it from the stat cache.
    loaded(['build', '--import-only'], dir);
    const modules = loaded(['build', '--import-only'], dir).filter((m) => !m.startsWith('node:'));
    expect(modules.filter((m) => !m.startsWith('src/'))).toEqual([]);
    expect(modules.filter((m) => /^src\/(ingest|thread|analysis)\//.test(m))).toEqual(['src/ingest/source-error.ts']);
    expect(modules).not.toContain('src/casefile/import-source.ts');
  });

  it("check loads neither ingest nor the site's Markdown pipeline (astro's Markdown, shiki, MDX)", () => {
    const modules = loaded(['check'], dir);
    expect(modules).toEqual(expect.arrayContaining(['zod', 'yaml', 'micromark']));
    expect(modules.filter((m) => /^(@astrojs\/markdown-remark|shiki|@shikijs\/.*|@mdx-js\/mdx|mailparser)$/.test(m))).toEqual([]);
    expect(modules.filter((m) => /^src\/(ingest|site|markdown|highlight)\//.test(m))).toEqual(['src/ingest/source-error.ts']);
  });
});
