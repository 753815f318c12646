// robots.txt: everything may be crawled; the sitemap's absolute address when the casebook has a site URL (a
// Sitemap: line must be absolute, so without one there is none rather than an invented host).
import type { APIRoute } from 'astro';
import { url } from '../site/load.ts';

export const GET: APIRoute = ({ site }) => {
  const lines = ['User-agent: *', 'Allow: /'];
  if (site) lines.push(`Sitemap: ${new URL(url('sitemap.xml'), site).href}`);
  return new Response(`${lines.join('\n')}\n`, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
