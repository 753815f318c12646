// The website's configuration, from the casebook's casebook.config.json (CASEBOOK_DIR, else the current folder:
// src/config/): its site URL and base path, which CASEBOOK_SITE (absolute origin, e.g. https://example.org) and
// CASEBOOK_BASE (a sub-path, e.g. /docs/casebook/) override, so the built site can live anywhere, also under a
// sub-path. The output goes to the casebook's dist/ (CASEBOOK_OUT overrides it).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import { casebookDir, loadCasebook } from './src/config/index.ts';
import { warmUpHighlighting } from './src/highlight/highlight.ts';
import { CASEBOOK_MARKDOWN } from './src/markdown/config.ts';
import { astroCacheDir } from './src/cache/index.ts';

const casebook = loadCasebook(casebookDir());
const base = process.env.CASEBOOK_BASE || casebook.config.base;

// The thread pages' blocks are highlighted on worker threads (src/highlight/highlight-pool.ts); bundled into
// the site, the highlighting code cannot locate the worker's file itself, so the configuration names it.
process.env.CASEBOOK_HIGHLIGHT_WORKER ??= fileURLToPath(new URL('./src/highlight/highlight-worker.ts', import.meta.url));

export default defineConfig({
  // No site URL, no invented one: the pages' canonical links are then relative (scripts/build-site.ts warns).
  site: process.env.CASEBOOK_SITE || casebook.config.site || undefined,
  base: base.endsWith('/') ? base : `${base}/`,
  // Directory-style URLs ending in `/`, so dist/ can be mirrored with wget and served by any static host.
  trailingSlash: 'always',
  // Pages are rendered four at a time: a thread page waiting for its blocks from the highlighting worker
  // (src/highlight/highlight-pool.ts) leaves the main thread to render others meanwhile.
  build: { format: 'directory', inlineStylesheets: 'never', concurrency: 4 },
  // CASEBOOK_OUT lets tests build a second site (under a sub-path, say) without touching dist/.
  outDir: process.env.CASEBOOK_OUT || join(casebook.dir, 'dist'),
  // Astro's content store (each case's validated frontmatter, reused while the case file is unchanged) lives in
  // the project's cache folder, one per content folder: not in node_modules/.astro, which every project
  // sharing node_modules (the bench's, the tests') would share. scripts/build-site.ts clears it when the
  // rendering code changes.
  cacheDir: astroCacheDir(),
  srcDir: 'src',
  publicDir: 'public',
  server: { host: '127.0.0.1', port: 4321 },
  devToolbar: { enabled: false },
  // The case pages render their Markdown themselves with this pipeline (src/site/render-case.ts); Astro gets
  // it too, for any other Markdown.
  markdown: CASEBOOK_MARKDOWN,
  integrations: [{ name: 'casebook:highlighting', hooks: { 'astro:build:start': () => warmUpHighlighting() } }],
  // A case page or thread page whose case file and thread file are unchanged (its cacheKey, pageKey() in
  // src/site/load.ts) is copied from the previous build rather than rendered again; Astro also compares the
  // page's code, the configuration and the lockfile. The copies live in the cache folder with the content
  // store.
  experimental: { incrementalBuild: true },
});
