// The website's configuration. CASEBOOK_SITE (absolute origin, e.g. https://example.org) and CASEBOOK_BASE
// (a sub-path, e.g. /docs/casebook/) let the built site live anywhere, also under a sub-path.
import { unified } from '@astrojs/markdown-remark';
import { defineConfig } from 'astro/config';
import remarkDirective from 'remark-directive';
import { CASEBOOK_LANGS, CASEBOOK_THEMES, CASEBOOK_TRANSFORMERS } from './src/highlight/index.ts';
import rehypeMarkLines from './src/markdown/rehype-mark-lines.ts';
import rehypeNoRaw from './src/markdown/rehype-no-raw.ts';
import remarkCaseDirectives from './src/markdown/remark-case-directives.ts';
import { astroCacheDir } from './src/site/cache.ts';

const base = process.env.CASEBOOK_BASE || '/';

export default defineConfig({
  site: process.env.CASEBOOK_SITE || 'http://127.0.0.1:4321',
  base: base.endsWith('/') ? base : `${base}/`,
  // Directory-style URLs ending in `/`, so dist/ can be mirrored with wget and served by any static host.
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'never' },
  // CASEBOOK_OUT lets tests build a second site (under a sub-path, say) without touching dist/.
  outDir: process.env.CASEBOOK_OUT || 'dist',
  // Astro's content store (each case's rendered Markdown, reused while the case file is unchanged) lives in
  // the project's cache folder, one per content folder: not in node_modules/.astro, which every project
  // sharing node_modules (the bench's, the tests') would share. scripts/build-site.ts clears it when the
  // rendering code changes.
  cacheDir: astroCacheDir(),
  srcDir: 'src',
  publicDir: 'public',
  server: { host: '127.0.0.1', port: 4321 },
  devToolbar: { enabled: false },
  markdown: {
    processor: unified({ remarkPlugins: [remarkDirective, remarkCaseDirectives], rehypePlugins: [rehypeMarkLines, rehypeNoRaw] }),
    shikiConfig: { themes: CASEBOOK_THEMES, langs: CASEBOOK_LANGS, transformers: CASEBOOK_TRANSFORMERS, defaultColor: 'light' },
  },
});
