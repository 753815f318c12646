// `casebook init`: a casebook of your own, outside the tool, that the two commands its README names build into a
// site titled from its configuration — with no file of the tool edited — and that works from a GitHub Pages
// project path (served under a sub-path by `casebook preview`), with a valid Atom feed and no localhost in it.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { atomProblems } from '../helpers/atom.ts';
import { ROOT } from '../helpers/paths.ts';
import { runCli } from '../helpers/run-cli.ts';

const THREAD = join(ROOT, 'test/fixtures/analysis-holdout/threads');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

/** The tool's own tracked files that a casebook's build might touch, with their sizes and times. */
function toolState(): string {
  return ['astro.config.mjs', 'package.json', 'src/pages/index.astro', 'src/site/settings.ts', 'casebook.config.json']
    .map((f) => `${f}:${statSync(join(ROOT, f)).mtimeMs}:${readFileSync(join(ROOT, f), 'utf8').length}`)
    .join('\n');
}

describe('casebook init', () => {
  it('writes the casebook: configuration, content folders, package, README, workflow; never into a non-empty folder', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'casebook-init-')), 'widgets');
    const r = await runCli(['init', dir, '--title', 'Widget bugs', '--base', 'widgets']);
    expect(r.code).toBe(0);
    const files = filesUnder(dir)
      .map((f) => f.slice(dir.length + 1))
      .sort();
    expect(files).toEqual([
      '.github/workflows/pages.yml',
      '.gitignore',
      'README.md',
      'casebook.config.json',
      'content/cases/.gitkeep',
      'content/sources/.gitkeep',
      'package.json',
    ]);
    const config = JSON.parse(readFileSync(join(dir, 'casebook.config.json'), 'utf8'));
    expect(config).toMatchObject({ title: 'Widget bugs', base: '/widgets/', site: null });
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    expect(readme).toContain('npm install && npm run build');
    // The workflow runs the README's steps.
    const workflow = readFileSync(join(dir, '.github/workflows/pages.yml'), 'utf8');
    expect(workflow).toMatch(/run: npm install/);
    expect(workflow).toMatch(/run: npm run build/);
    expect(workflow).toMatch(/path: dist/);

    const again = await runCli(['init', dir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/is not empty/);
    const bad = await runCli(['init', join(dir, '..', 'other'), '--site', 'example.org']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/site: expected an http\(s\) URL/);
  });

  describe('its two commands, on a fresh casebook outside the tool', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'casebook-own-')), 'widgets');
    let preview: ChildProcess | null = null;
    afterAll(() => preview?.kill());

    it('npm install && npm run build give a site titled from the configuration, under its base path', async () => {
      const before = toolState();
      expect((await runCli(['init', dir, '--title', 'Widget bugs', '--site', 'https://example.org', '--base', '/widgets/'])).code).toBe(0);
      writeFileSync(join(dir, 'content/sources/thread.mbox'), readFileSync(join(THREAD, readdirSync(THREAD).sort()[0]!)));
      const env = { ...process.env, CI: '', npm_config_audit: 'false', npm_config_fund: 'false' };
      const install = spawnSync('npm', ['install', '--prefer-offline'], { cwd: dir, env, encoding: 'utf8' });
      expect(install.status, install.stderr).toBe(0);
      const build = spawnSync('npm', ['run', 'build'], { cwd: dir, env, encoding: 'utf8' });
      expect(build.status, build.stderr).toBe(0);

      const dist = join(dir, 'dist');
      const index = readFileSync(join(dist, 'index.html'), 'utf8');
      expect(index).toContain('<title>Widget bugs</title>');
      expect(index).toContain('<link rel="canonical" href="https://example.org/widgets/">');
      expect(readdirSync(join(dist, 'cases'))).toHaveLength(1);
      expect(existsSync(join(dist, '.nojekyll'))).toBe(true);
      expect(existsSync(join(dist, 'pagefind'))).toBe(true);
      expect(readFileSync(join(dist, 'robots.txt'), 'utf8')).toContain('Sitemap: https://example.org/widgets/sitemap.xml');
      expect(readFileSync(join(dist, 'sitemap.xml'), 'utf8')).toContain('<loc>https://example.org/widgets/cases/');
      const feed = readFileSync(join(dist, 'feed.xml'), 'utf8');
      expect(atomProblems(feed)).toEqual([]);
      expect(feed).toContain('<link rel="self" href="https://example.org/widgets/feed.xml"/>');
      // No localhost anywhere: nothing asked for it.
      for (const f of filesUnder(dist).filter((p) => /\.(html|xml|txt|json|js|css)$/.test(p))) {
        expect(readFileSync(f, 'utf8'), f).not.toMatch(/127\.0\.0\.1|localhost/);
      }
      // The casebook's content and caches are its own; no file of the tool changed.
      expect(existsSync(join(dir, 'content/threads'))).toBe(true);
      expect(toolState()).toBe(before);
    });

    it('casebook preview serves it under the sub-path, as GitHub Pages serves a project site', async () => {
      preview = spawn(process.execPath, [join(dir, 'node_modules/casebook/bin/casebook.mjs'), 'preview', '--port', '0'], {
        cwd: dir,
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      const address = await new Promise<string>((ok, fail) => {
        let err = '';
        preview!.stderr!.on('data', (d) => {
          err += d;
          const m = /serving .* at (http:\/\/127\.0\.0\.1:\d+\/widgets\/)/.exec(err);
          if (m) ok(m[1]!);
        });
        preview!.once('exit', (code) => fail(new Error(`preview exited ${code}: ${err}`)));
      });
      const home = await fetch(address);
      expect(home.status).toBe(200);
      const html = await home.text();
      // Every stylesheet and page the home links to is there, under the base path.
      const hrefs = [...html.matchAll(/(?:href|src)="(\/widgets\/[^"#]*)"/g)].map((m) => m[1]!);
      expect(hrefs.length).toBeGreaterThan(3);
      for (const h of new Set(hrefs)) expect((await fetch(new URL(h, address))).status, h).toBe(200);
      const missing = await fetch(new URL('no-such-page/', address));
      expect(missing.status).toBe(404);
      expect(await missing.text()).toContain('Widget bugs');
      // Nothing outside dist/ is served, however the path is spelled (sent raw: fetch would normalise it).
      for (const raw of ['/widgets/../package.json', '/widgets/%2e%2e/package.json', '/widgets/..%2fpackage.json']) {
        const answer = await new Promise<{ status: number; body: string }>((ok, fail) => {
          const req = request(new URL(address), { path: raw }, (res) => {
            let body = '';
            res.on('data', (d) => (body += d));
            res.on('end', () => ok({ status: res.statusCode ?? 0, body }));
          });
          req.on('error', fail);
          req.end();
        });
        expect(answer.status, raw).not.toBe(200);
        expect(answer.body, raw).not.toContain('"dependencies"');
      }
    });
  });

  it('without a site URL: relative canonical links, a valid feed, no sitemap entries and a warning; in CI an error', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'casebook-nosite-')), 'cb');
    expect((await runCli(['init', dir])).code).toBe(0);
    writeFileSync(join(dir, 'content/sources/thread.mbox'), readFileSync(join(THREAD, readdirSync(THREAD).sort()[0]!)));
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'CASEBOOK_SITE'));
    const cli = (extra: Record<string, string>) =>
      spawnSync(process.execPath, [join(ROOT, 'bin/casebook.mjs'), 'build', '--casebook', dir], { env: { ...env, ...extra }, encoding: 'utf8' });
    const inCi = cli({ CI: 'true' });
    expect(inCi.status).toBe(2);
    expect(inCi.stderr).toMatch(/error: no site URL.*\[site-url-missing\]/);
    const r = cli({ CI: '' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning: no site URL.*\[site-url-missing\]/);
    const index = readFileSync(join(dir, 'dist/index.html'), 'utf8');
    expect(index).toContain('<link rel="canonical" href="/">');
    expect(index).not.toContain('og:url');
    const feed = readFileSync(join(dir, 'dist/feed.xml'), 'utf8');
    expect(atomProblems(feed)).toEqual([]);
    expect(feed).toMatch(/<id>urn:uuid:[0-9a-f-]{36}<\/id>/);
    expect(readFileSync(join(dir, 'dist/sitemap.xml'), 'utf8')).not.toContain('<loc>');
    expect(readFileSync(join(dir, 'dist/robots.txt'), 'utf8')).not.toContain('Sitemap:');
    for (const f of filesUnder(join(dir, 'dist')).filter((p) => /\.(html|xml|txt)$/.test(p)))
      expect(readFileSync(f, 'utf8'), f).not.toMatch(/127\.0\.0\.1|localhost/);
  });
});
