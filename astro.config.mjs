// The website's configuration. CASEBOOK_SITE (absolute origin, e.g. https://example.org) and CASEBOOK_BASE
// (a sub-path, e.g. /docs/casebook/) let the built site live anywhere, also under a sub-path.
import { defineConfig } from 'astro/config';

const base = process.env.CASEBOOK_BASE || '/';

export default defineConfig({
  site: process.env.CASEBOOK_SITE || 'http://127.0.0.1:4321',
  base: base.endsWith('/') ? base : `${base}/`,
  // Directory-style URLs ending in `/`, so dist/ can be mirrored with wget and served by any static host.
  trailingSlash: 'always',
  build: { format: 'directory' },
  outDir: 'dist',
  srcDir: 'src',
  publicDir: 'public',
  server: { host: '127.0.0.1', port: 4321 },
});
