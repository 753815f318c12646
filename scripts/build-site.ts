// The site half of `npm run build`: `astro build` reusing Astro's content store (the validated frontmatter of
// unchanged cases) and the rendered case text and highlighted blocks cached in the cache folder, then
// Pagefind's index. Astro keys a stored entry by the case file alone; when the code behind it (loader, schema,
// site configuration, dependency versions: rendererFingerprint) has changed since the store was written, the
// store is deleted first. The other caches have the fingerprint in their keys.
//
//   node scripts/build-site.ts [--no-search | --search-only]
//
// Pagefind reads only the case pages (`--glob`): they are the only pages marked data-pagefind-body, so the
// index is the same, and not parsing every thread page cuts its time and memory severalfold.
//
// Environment: CASEBOOK_CONTENT, CASEBOOK_OUT, CASEBOOK_BASE, CASEBOOK_SITE (see astro.config.mjs),
// CASEBOOK_CACHE (the cache folder, default .cache/casebook; safe to delete), CASEBOOK_SITE_HEAP_MB and
// CASEBOOK_WORKERS (threads: the main one and highlighting workers; default one per core), CASEBOOK_DRAFTS
// (`publish`, the default: machine drafts are published and marked as drafts; `omit`: they get no page and are
// left out of every listing, the search index, the feed and the sitemap — src/site/settings.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { astroCacheDir, rendererFingerprint } from '../src/cache/index.ts';
import { ConfigError } from '../src/config/index.ts';

const args = process.argv.slice(2);
const USAGE = 'Usage: node scripts/build-site.ts [--no-search | --search-only] [--strict]';
for (const a of args) {
  if (a !== '--no-search' && a !== '--search-only' && a !== '--strict') {
    console.error(`Unknown option \`${a}\`.\n${USAGE}`);
    process.exit(2);
  }
}
if (args.includes('--no-search') && args.includes('--search-only')) {
  console.error(`--no-search and --search-only exclude each other.\n${USAGE}`);
  process.exit(2);
}

// A setting the build does not know, or a configuration it cannot read, stops it here, named, before Astro starts.
let settings: typeof import('../src/site/settings.ts');
try {
  settings = await import('../src/site/settings.ts');
  settings.draftsSetting();
} catch (err) {
  if (!(err instanceof ConfigError) && !(err instanceof Error && err.name === 'SettingError')) throw err;
  console.error(`build-site: error: ${err.message}\n  hint: ${(err as Error & { hint: string }).hint}`);
  process.exit(2);
}
const OUT = process.env.CASEBOOK_OUT || join(settings.CASEBOOK.dir, 'dist');

// Without a site URL the pages get relative canonical links, the feed relative links and the sitemap no entries:
// a warning, and an error where a published site is expected (--strict, or CI=true).
if (!args.includes('--search-only') && !(process.env.CASEBOOK_SITE || settings.CASEBOOK.config.site)) {
  const strict = args.includes('--strict') || process.env.CI === 'true';
  console.error(
    `build-site: ${strict ? 'error' : 'warning'}: no site URL: canonical links are relative and the sitemap is empty [site-url-missing]\n` +
      `  hint: set "site" in ${settings.CASEBOOK.file ?? `${settings.CASEBOOK.dir}/casebook.config.json`} (https://you.github.io, say), or CASEBOOK_SITE.`,
  );
  if (strict) process.exit(2);
}

const modules = fileURLToPath(new URL('../node_modules/', import.meta.url));
const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };
/**
 * The JavaScript heap Astro may grow to, in MB. V8 otherwise lets garbage pile up to a quarter of the
 * machine's memory before it collects in earnest: a 200-case build peaked at 1.1 GB of RSS by default and at
 * 0.7 GB with a 384 MB heap, so the memory a build holds is far below what it touches. The default leaves a
 * 5,000-case casebook room; raise it with CASEBOOK_SITE_HEAP_MB if a build stops with "heap out of memory".
 */
const HEAP_MB = Number(process.env.CASEBOOK_SITE_HEAP_MB) > 0 ? Number(process.env.CASEBOOK_SITE_HEAP_MB) : 2048;

/**
 * V8's young generation, in MB. Rendering allocates short-lived objects at a high rate (tokens, HAST
 * nodes, strings); with the default semi-space a cold corpus build spent 11 % of its CPU time collecting them,
 * with 64 MB 8 % (the profile's garbage-collector share), for about 90 MB more peak memory.
 */
const SEMI_SPACE_MB = 64;

const run = (what: string, cmd: string[]) => {
  const r = spawnSync(process.execPath, cmd, { stdio: 'inherit', env });
  if (r.status !== 0) {
    console.error(`${what} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
};

if (!args.includes('--search-only')) {
  const store = astroCacheDir();
  const stamp = join(store, 'casebook-renderer.sha256');
  const fingerprint = rendererFingerprint();
  const previous = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : null;
  if (previous !== fingerprint) {
    // Also the first build: a store without a stamp was written by code we cannot vouch for.
    rmSync(store, { recursive: true, force: true });
  }
  run('astro build', [`--max-old-space-size=${HEAP_MB}`, `--max-semi-space-size=${SEMI_SPACE_MB}`, join(modules, 'astro/bin/astro.mjs'), 'build']);
  // GitHub Pages runs Jekyll unless told not to, and Jekyll drops folders starting with `_` (Astro's `_astro/`).
  writeFileSync(join(OUT, '.nojekyll'), '');
  mkdirSync(store, { recursive: true });
  writeFileSync(stamp, `${fingerprint}\n`);
}
if (!args.includes('--no-search')) {
  const out = OUT;
  const cases = join(out, 'cases');
  if (!existsSync(cases) || !readdirSync(cases).some((slug) => existsSync(join(cases, slug, 'index.html')))) {
    // Pagefind refuses to write an empty index; a casebook with no cases yet is not an error. The search page
    // says there is no index.
    console.log('No case pages: no search index written.');
    process.exit(0);
  }
  run('pagefind', [join(modules, 'pagefind/lib/runner/bin.cjs'), '--site', out, '--glob', 'cases/*/index.html', '--quiet']);
}
