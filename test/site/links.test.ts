// A link checker over the site built under a sub-path (/docs/casebook/ on https://example.org), as it would
// be deployed there: every internal href/src of every page stays under the base path, reaches a file, and
// every #fragment names an id of the target page; the feed and the sitemap give absolute URLs under the base;
// each case page and thread page carries an #m-<id> anchor for every message of its thread. Also the weight of
// the case pages: HTML + CSS under 200 KB and JavaScript (Pagefind aside) under 30 KB.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, shippedSlugs, type BuiltSite } from '../helpers/build-site.ts';
import { ROOT } from '../helpers/paths.ts';
import { filesUnder, idsOf, linksOf, read, tagsOf } from '../helpers/site-files.ts';

const SITE = 'https://example.org';
const BASE = '/docs/casebook/';
const ROOT_URL = `${SITE}${BASE}`;
const HTML_CSS_BUDGET = 200 * 1024;
const JS_BUDGET = 30 * 1024;

let site: BuiltSite;
let pages: string[];

beforeAll(async () => {
  site = await buildSite({ base: BASE, site: SITE });
  pages = filesUnder(site.dir, '.html');
}, 180_000);

afterAll(() => site?.remove());

/** The URL a page file is served at: `cases/x/index.html` → https://example.org/docs/casebook/cases/x/. */
function urlOfPage(rel: string): URL {
  return new URL(rel.replace(/(^|\/)index\.html$/, '$1'), ROOT_URL);
}

type Target = { file: string } | { problem: string };

/** The file an internal URL reaches on a static host (directory URLs → index.html). */
function fileOf(url: URL): Target {
  const path = decodeURIComponent(url.pathname);
  if (!path.startsWith(BASE)) return { problem: `outside the base path ${BASE}` };
  const rel = path.slice(BASE.length);
  if (rel === '' || rel.endsWith('/')) {
    const index = `${rel}index.html`;
    return existsSync(join(site.dir, index)) ? { file: index } : { problem: `no ${index} in the build` };
  }
  const full = join(site.dir, rel);
  if (!existsSync(full)) return { problem: `no ${rel} in the build` };
  if (statSync(full).isDirectory()) return { problem: `a folder linked without its trailing slash` };
  return { file: rel };
}

const idCache = new Map<string, Map<string, number>>();
function idsOfFile(rel: string): Map<string, number> {
  let ids = idCache.get(rel);
  if (!ids) idCache.set(rel, (ids = idsOf(read(site.dir, rel))));
  return ids;
}

/** What is wrong with a link from the page at `from` (null: fine, or not ours to check). */
function problemOf(value: string, from: URL, fromFile: string): string | null {
  const v = value.trim();
  if (v === '') return 'empty link';
  if (/^(mailto|tel|data|javascript):/i.test(v)) return null;
  let url: URL;
  try {
    url = new URL(v, from);
  } catch {
    return 'not a URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (/^(localhost|127\.0\.0\.1|\[::1\])$/.test(url.hostname)) return 'points at a local server (site not set?)';
  if (url.origin !== SITE) return null; // external
  // The 404 page is served at any missing URL, so its links must not depend on where it is.
  if (fromFile === '404.html' && !/^([a-z]+:|\/)/i.test(v) && !v.startsWith('#')) return 'relative link on the 404 page';
  const target = fileOf(url);
  if ('problem' in target) return target.problem;
  const fragment = decodeURIComponent(url.hash.slice(1));
  if (fragment) {
    if (!target.file.endsWith('.html')) return `#${fragment} on a file that is not a page`;
    if (!idsOfFile(target.file).has(fragment)) return `no id="${fragment}" in ${target.file}`;
  }
  return null;
}

describe(`the site built under ${BASE}`, () => {
  it('builds every page of every case', () => {
    for (const slug of shippedSlugs()) {
      expect(pages).toContain(`cases/${slug}/index.html`);
      expect(pages).toContain(`cases/${slug}/thread/index.html`);
    }
    for (const p of ['index.html', '404.html', 'browse/index.html', 'search/index.html']) expect(pages).toContain(p);
  });

  it('has no broken internal link, asset or #fragment on any page', () => {
    const broken: string[] = [];
    let checked = 0;
    for (const rel of pages) {
      const from = urlOfPage(rel);
      for (const link of linksOf(read(site.dir, rel))) {
        checked++;
        const problem = problemOf(link.value, from, rel);
        if (problem) broken.push(`${rel}: <${link.tag} ${link.attr}="${link.value}"> → ${problem}`);
      }
    }
    console.log(`links: ${checked} href/src attributes checked on ${pages.length} pages`);
    expect(checked).toBeGreaterThan(100);
    expect(broken.length, `${broken.length} broken link(s):\n${broken.join('\n')}`).toBe(0);
  });

  it('has no duplicate id on any page (a #fragment must name one element)', () => {
    const dupes: string[] = [];
    for (const rel of pages) {
      for (const [id, n] of idsOfFile(rel)) if (n > 1) dupes.push(`${rel}: id="${id}" ×${n}`);
    }
    expect(dupes.length, dupes.join('\n')).toBe(0);
  });

  it('anchors every message of the thread as #m-<id> on the case page and on the thread page', () => {
    const missing: string[] = [];
    for (const slug of shippedSlugs()) {
      const thread = JSON.parse(readFileSync(join(ROOT, 'content', 'threads', `${slug}.json`), 'utf8')) as { messages: { id: string }[] };
      expect(thread.messages.length).toBeGreaterThan(0);
      for (const page of [`cases/${slug}/index.html`, `cases/${slug}/thread/index.html`]) {
        const ids = idsOfFile(page);
        for (const m of thread.messages) if (!ids.has(`m-${m.id}`)) missing.push(`${page}: no id="m-${m.id}"`);
      }
      // The case page's outline links each message to the same anchor on the thread page.
      const caseLinks = new Set(linksOf(read(site.dir, `cases/${slug}/index.html`)).map((l) => l.value));
      for (const m of thread.messages) {
        if (!caseLinks.has(`${BASE}cases/${slug}/thread/#m-${m.id}`)) missing.push(`cases/${slug}/index.html: no link to the thread page's #m-${m.id}`);
      }
    }
    expect(missing.length, `${missing.length} missing:\n${missing.join('\n')}`).toBe(0);
  });

  it('gives each message on the thread page a permalink, a lore link when it has a Message-ID, nesting and linked URLs', () => {
    const problems: string[] = [];
    let nested = 0;
    let linked = 0;
    for (const slug of shippedSlugs()) {
      const thread = JSON.parse(readFileSync(join(ROOT, 'content', 'threads', `${slug}.json`), 'utf8')) as {
        messages: { id: string; messageId: string | null; parentIndex: number | null }[];
      };
      const html = read(site.dir, `cases/${slug}/thread/index.html`);
      for (const m of thread.messages) {
        const article = new RegExp(`<article[^>]*id="m-${m.id}"[^>]*>([\\s\\S]*?)</header>`).exec(html)?.[1] ?? '';
        if (!article.includes(`class="permalink" href="#m-${m.id}"`)) problems.push(`${slug}: no permalink for m-${m.id}`);
        const lore = /class="lore" href="([^"]+)" rel="nofollow noopener"/.exec(article)?.[1];
        if (m.messageId && lore !== `https://lore.kernel.org/r/${encodeURIComponent(m.messageId).replace(/%40/g, '@')}/`)
          problems.push(`${slug}: m-${m.id} lore link ${lore}`);
        if (!m.messageId && lore) problems.push(`${slug}: m-${m.id} has no Message-ID but a lore link`);
      }
      nested += (html.match(/<article[^>]*style="--depth: [1-9]"/g) ?? []).length;
      for (const a of html.matchAll(/<div class="text">[\s\S]*?<\/div>/g)) {
        for (const l of a[0].matchAll(/<a href="([^"]*)"([^>]*)>/g)) {
          linked++;
          if (!/^https?:\/\//.test(l[1]!) || !l[2]!.includes('rel="nofollow noopener"')) problems.push(`${slug}: text link ${l[0]}`);
        }
      }
    }
    expect(problems, problems.join('\n')).toEqual([]);
    // Some shipped replies are nested under their parents, and some mail URLs are links.
    expect(nested).toBeGreaterThan(0);
    expect(linked).toBeGreaterThan(0);
  });

  it('gives absolute links under the base in feed.xml and sitemap.xml, to pages that exist', () => {
    const broken: string[] = [];
    const check = (file: string, urls: string[]) => {
      expect(urls.length, `${file} has links`).toBeGreaterThan(0);
      for (const u of urls) {
        if (!u.startsWith(ROOT_URL)) {
          broken.push(`${file}: ${u} → not an absolute URL under ${ROOT_URL}`);
          continue;
        }
        const problem = problemOf(u, new URL(ROOT_URL), file);
        if (problem) broken.push(`${file}: ${u} → ${problem}`);
      }
    };
    const feed = read(site.dir, 'feed.xml');
    const feedLinks = [...tagsOf(feed)].filter((t) => t.tag === 'link').map((t) => t.attrs.get('href') ?? '');
    const feedIds = [...feed.matchAll(/<id>([^<]*)<\/id>/g)].map((m) => m[1]);
    check('feed.xml', [...feedLinks, ...feedIds]);
    for (const slug of shippedSlugs()) expect(feedLinks, `feed links to ${slug}`).toContain(`${ROOT_URL}cases/${slug}/`);

    const sitemap = read(site.dir, 'sitemap.xml');
    const locs = [...sitemap.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1].trim());
    check('sitemap.xml', locs);
    // Every page but the 404 page is in the sitemap.
    for (const rel of pages.filter((p) => p !== '404.html')) {
      if (!locs.includes(urlOfPage(rel).href)) broken.push(`sitemap.xml: misses ${urlOfPage(rel).href}`);
    }
    expect(broken.length, `${broken.length} problem(s):\n${broken.join('\n')}`).toBe(0);
  });

  it('keeps every case page light: HTML + CSS under 200 KB, JavaScript (Pagefind aside) under 30 KB', () => {
    const rows: { slug: string; messages: number; html: number; css: number; js: number }[] = [];
    for (const slug of shippedSlugs()) {
      const rel = `cases/${slug}/index.html`;
      const html = read(site.dir, rel);
      const from = urlOfPage(rel);
      let css = 0;
      let js = 0;
      const fileSize = (value: string) => {
        const url = new URL(value, from);
        const target = url.origin === SITE ? fileOf(url) : { problem: 'external' };
        if ('problem' in target) throw new Error(`${rel}: cannot measure ${value}: ${target.problem}`);
        return statSync(join(site.dir, target.file)).size;
      };
      for (const { tag, attrs } of tagsOf(html)) {
        const href = attrs.get('href');
        if (tag === 'link' && href && (attrs.get('rel') ?? '').split(/\s+/).includes('stylesheet')) css += fileSize(href);
        const src = attrs.get('src');
        if (tag === 'script' && src && !new URL(src, from).pathname.startsWith(`${BASE}pagefind/`)) js += fileSize(src);
      }
      for (const m of html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script\s*>/gi)) js += Buffer.byteLength(m[1]);
      const messages = (JSON.parse(readFileSync(join(ROOT, 'content', 'threads', `${slug}.json`), 'utf8')) as { messages: unknown[] }).messages.length;
      rows.push({ slug, messages, html: Buffer.byteLength(html), css, js });
    }
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    console.log(
      ['case page sizes (HTML + linked CSS; JavaScript without /pagefind/):']
        .concat(rows.map((r) => `  ${r.slug} (${r.messages} messages): HTML ${kb(r.html)} + CSS ${kb(r.css)} = ${kb(r.html + r.css)}; JS ${kb(r.js)}`))
        .join('\n'),
    );
    const over = rows.flatMap((r) => [
      ...(r.html + r.css >= HTML_CSS_BUDGET ? [`${r.slug}: HTML + CSS ${kb(r.html + r.css)} ≥ ${kb(HTML_CSS_BUDGET)}`] : []),
      ...(r.js >= JS_BUDGET ? [`${r.slug}: JS ${kb(r.js)} ≥ ${kb(JS_BUDGET)}`] : []),
    ]);
    expect(rows).toHaveLength(shippedSlugs().length);
    expect(
      rows.every((r) => r.css > 0),
      'every case page links its stylesheet',
    ).toBe(true);
    expect(over.length, over.join('\n')).toBe(0);
  });
});
