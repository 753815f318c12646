// Builds the shipped casebook into a temporary folder, as `npm run build` does but without touching dist/:
// `casebook build` (content/sources → content/threads, content/cases), `astro build` with CASEBOOK_OUT,
// CASEBOOK_BASE and CASEBOOK_SITE (scripts/build-site.ts, with a fresh cache folder unless one is given), then
// Pagefind's index. Builds from several test files are serialized with a lock folder, since every Astro build
// of the project shares .astro/.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ROOT } from './paths.ts';

export interface BuiltSite {
  /** The output folder (what a static host would serve). */
  dir: string;
  /** The base path the site was built for, with leading and trailing `/`. */
  base: string;
  /** The absolute origin it was built for. */
  site: string;
  /** What the site build printed (astro build's output and the build script's own lines). */
  log: string;
  remove: () => void;
}

export interface BuildOptions {
  base?: string;
  site?: string;
  /** Also run Pagefind (default true). */
  search?: boolean;
  /** Build another casebook's content folder instead of the project's. */
  content?: string;
  /** The cache folder (CASEBOOK_CACHE) to build with and keep; by default a fresh one, deleted after: a cold build. */
  cache?: string;
  /** Build the site from the content as it is, without `casebook build` first. */
  siteOnly?: boolean;
  /** More environment for the build (site settings such as CASEBOOK_DRAFTS). */
  env?: Record<string, string>;
}

const VITEST_ENV = new Set(['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'NODE_ENV', 'TEST']);
const LOCK = join(tmpdir(), 'casebook-site-build.lock');
const STALE_MS = 5 * 60_000;

async function withLock<T>(fn: () => T): Promise<T> {
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      try {
        if (Date.now() - statSync(LOCK).mtimeMs > STALE_MS) rmSync(LOCK, { recursive: true, force: true });
      } catch {}
      await sleep(250);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

function run(what: string, args: string[], env: NodeJS.ProcessEnv): string {
  // process.execPath is the project's Node 22 when vitest runs through npx or npm.
  const r = spawnSync(process.execPath, args, { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) {
    throw new Error(`${what} failed (exit ${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  }
  return `${r.stdout}${r.stderr}`;
}

export async function buildSite(options: BuildOptions = {}): Promise<BuiltSite> {
  const base = `/${(options.base ?? '/').replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
  const site = options.site ?? 'https://example.org';
  const dir = mkdtempSync(join(tmpdir(), 'casebook-site-'));
  const cache = options.cache ?? mkdtempSync(join(tmpdir(), 'casebook-cache-'));
  // Vitest puts import.meta.env's keys (BASE_URL, MODE, …) into process.env; a child Astro would take
  // BASE_URL for its own import.meta.env.BASE_URL, so the build gets the environment `npm run build` has.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !VITEST_ENV.has(k) && !k.startsWith('VITEST')));
  const env = {
    ...inherited,
    ASTRO_TELEMETRY_DISABLED: '1',
    CASEBOOK_OUT: dir,
    CASEBOOK_BASE: base,
    CASEBOOK_SITE: site,
    CASEBOOK_CACHE: cache,
    ...(options.content ? { CASEBOOK_CONTENT: options.content } : {}),
    ...options.env,
  };
  let log = '';
  try {
    await withLock(() => {
      if (!options.siteOnly)
        run('casebook build', [join(ROOT, 'bin/casebook.mjs'), 'build', '--import-only', ...(options.content ? ['--content', options.content] : [])], env);
      log += run('astro build', [join(ROOT, 'scripts/build-site.ts'), '--no-search'], env);
    });
  } finally {
    if (!options.cache) rmSync(cache, { recursive: true, force: true });
  }
  if (options.search !== false) {
    log += run('pagefind', [join(ROOT, 'scripts/build-site.ts'), '--search-only'], env);
  }
  if (!readdirSync(dir).includes('index.html')) throw new Error(`astro build wrote no index.html into ${dir}`);
  return { dir, base, site, log, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The slugs of the shipped cases: the file names in content/cases. */
export function shippedSlugs(): string[] {
  return readdirSync(join(ROOT, 'content', 'cases'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => f.slice(0, -3))
    .sort();
}
