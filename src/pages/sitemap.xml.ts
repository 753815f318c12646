// sitemap.xml: every page of the casebook, absolute URLs under the base path. Our own rather than
// @astrojs/sitemap: one file at the address the contract names (/sitemap.xml, not sitemap-index.xml), listing the
// pages the casebook has (drafts left out when they are), with no dependency. A sitemap's addresses must be
// absolute: without the casebook's site URL it lists none (and the build says so).
import type { APIRoute } from 'astro';
import { allCases, FACETS, facetSlug, url } from '../site/load.ts';

export const GET: APIRoute = async ({ site }) => {
  const abs = (p: string) => new URL(url(p), site).href;
  const cases = site ? await allCases() : [];
  const paths = new Set<string>(site ? ['', 'browse/', 'search/'] : []);
  for (const c of cases) {
    paths.add(`cases/${c.id}/`);
    paths.add(`cases/${c.id}/thread/`);
    for (const [name, f] of Object.entries(FACETS)) for (const v of f.values(c)) paths.add(`browse/${name}/${facetSlug(v)}/`);
  }
  const body = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${[...paths]
  .sort()
  .map((p) => `  <url><loc>${abs(p)}</loc></url>`)
  .join('\n')}
</urlset>
`;
  return new Response(body, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
};
