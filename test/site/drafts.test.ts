// Machine drafts and the analysis's confidence on the website, on a small casebook of three threads whose case
// files an "editor" then changed: one reviewed case with its confidence and a fix posted elsewhere, one draft
// closed as a duplicate whose "Why we think so" section was cut, one draft from before confidence was
// recorded. Built twice — drafts published (the default) and CASEBOOK_DRAFTS=omit —
// and read as files; one browser test searches with Pagefind's review filter.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser.ts';
import { buildSite, type BuiltSite } from '../helpers/build-site.ts';
import { mbox } from '../helpers/mbox.ts';
import { ROOT } from '../helpers/paths.ts';
import { spawnCli } from '../helpers/run-cli.ts';
import { serve, type Served } from '../helpers/serve.ts';
import { read, tagsOf } from '../helpers/site-files.ts';

const OOPS = (fn: string) => `BUG: KASAN: use-after-free in ${fn}+0x2a/0x90
Read of size 8 at addr ffff888012345678 by task repro/4242

Call Trace:
 ${fn}+0x2a/0x90
 __fput+0xd4/0x1f0
 task_work_run+0x8c/0xe0`;

const PATCH = (fn: string) => `diff --git a/drivers/misc/${fn}.c b/drivers/misc/${fn}.c
--- a/drivers/misc/${fn}.c
+++ b/drivers/misc/${fn}.c
@@ -10,3 +10,4 @@ static int ${fn}(struct inode *inode)
 {
+\tif (!inode) return 0;
 \tkfree(inode->i_private);
 }
`;

/** Three threads: a fixed use-after-free, a report closed as a duplicate, a hang nobody answered. */
const THREADS: Record<string, string> = {
  'reviewed.mbox': mbox([
    {
      from: 'Rita Reporter <rita@example.org>',
      date: 'Mon, 6 Mar 2023 09:00:00 +0100',
      subject: 'KASAN: use-after-free in quux_release',
      id: 'r1@x',
      body: `Hi,\n\nmy box crashes when closing the quux device:\n\n${OOPS('quux_release')}\n\nRita`,
    },
    {
      from: 'Fred Fixer <fred@example.org>',
      date: 'Mon, 6 Mar 2023 12:00:00 +0100',
      subject: '[PATCH] quux: check the inode in quux_release',
      id: 'r2@x',
      replyTo: 'r1@x',
      body: `quux_release() frees the private data of an inode that may be gone.\n\nReported-by: Rita Reporter <rita@example.org>\nSigned-off-by: Fred Fixer <fred@example.org>\n---\n${PATCH('quux_release')}`,
    },
    {
      from: 'Rita Reporter <rita@example.org>',
      date: 'Tue, 7 Mar 2023 08:00:00 +0100',
      subject: 'Re: [PATCH] quux: check the inode in quux_release',
      id: 'r3@x',
      replyTo: 'r2@x',
      body: 'This fixes it for me, thanks.\n\nTested-by: Rita Reporter <rita@example.org>',
    },
  ]),
  'duplicate.mbox': mbox([
    {
      from: 'Dan Dup <dan@example.org>',
      date: 'Wed, 8 Mar 2023 09:00:00 +0100',
      subject: 'KASAN: use-after-free in corge_open',
      id: 'd1@x',
      body: `Hello,\n\n${OOPS('corge_open')}\n\nDan`,
    },
    {
      from: 'Mia Maintainer <mia@example.org>',
      date: 'Wed, 8 Mar 2023 10:00:00 +0100',
      subject: 'Re: KASAN: use-after-free in corge_open',
      id: 'd2@x',
      replyTo: 'd1@x',
      body: 'This is the same as the report from last week, a duplicate of it.',
    },
  ]),
  'hang.mbox': mbox([
    {
      from: 'Hal Hang <hal@example.org>',
      date: 'Thu, 9 Mar 2023 09:00:00 +0100',
      subject: 'grault hangs at boot since 6.3-rc1',
      id: 'h1@x',
      body: 'Hi,\n\nsince 6.3-rc1 the machine hangs at boot in grault_init.\n\nHal',
    },
  ]),
};

const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');
const DUPLICATE_OF = 'KASAN: use-after-free in corge_open <b>(the first report)</b>';
const FIX_LINK = 'https://lore.kernel.org/r/fix"onmouseover="alert(1)@example.org';

const work = mkdtempSync(join(tmpdir(), 'casebook-drafts-'));
const content = join(work, 'content');
const slugs = { reviewed: '', duplicate: '', hang: '' };
let published: BuiltSite;
let omitted: BuiltSite;

type Frontmatter = Record<string, unknown> & { review: string; confidence?: Record<string, string> };

/** Rewrites a case file's frontmatter and body as an editor would. */
function editCase(slug: string, edit: (fm: Frontmatter, body: string) => string | undefined): void {
  const file = join(content, 'cases', `${slug}.md`);
  const m = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(readFileSync(file, 'utf8'))!;
  const fm = parseYaml(m[1]!) as Frontmatter;
  const body = edit(fm, m[2]!) ?? m[2]!;
  writeFileSync(file, `---\n${stringifyYaml(fm)}---\n${body}`);
}

function frontmatterOf(slug: string): Frontmatter {
  return parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(readFileSync(join(content, 'cases', `${slug}.md`), 'utf8'))![1]!) as Frontmatter;
}

/** The `<li class="card …">` of a case on a listing page, or null when the page does not list it. */
function cardOf(html: string, slug: string): string | null {
  for (const m of html.matchAll(/<li class="card[^"]*"[\s\S]*?<\/li>/g)) if (m[0].includes(`/cases/${slug}/"`)) return m[0];
  return null;
}

function feedEntryOf(feed: string, slug: string): string | null {
  return [...feed.matchAll(/<entry>[\s\S]*?<\/entry>/g)].map((m) => m[0]).find((e) => e.includes(`/cases/${slug}/<`)) ?? null;
}

/** The pages Pagefind indexed. */
function indexedPages(dir: string): number {
  const entry = JSON.parse(read(dir, 'pagefind/pagefind-entry.json')) as { languages: Record<string, { page_count: number }> };
  return Object.values(entry.languages).reduce((n, l) => n + l.page_count, 0);
}

/** The facts card of a case page: the `<dl class="header-card">`. */
function factsCard(html: string): string {
  return /<dl class="header-card"[\s\S]*?<\/dl>/.exec(html)![0];
}

beforeAll(async () => {
  mkdirSync(join(content, 'sources'), { recursive: true });
  for (const [name, text] of Object.entries(THREADS)) writeFileSync(join(content, 'sources', name), text);
  const imported = spawnCli(['build', '--import-only', '--content', content]);
  expect(imported.code, imported.stderr).toBe(0);
  for (const file of readdirSync(join(content, 'cases'))) {
    const text = readFileSync(join(content, 'cases', file), 'utf8');
    const slug = file.replace(/\.md$/, '');
    if (text.includes('reviewed.mbox')) slugs.reviewed = slug;
    else if (text.includes('duplicate.mbox')) slugs.duplicate = slug;
    else if (text.includes('hang.mbox')) slugs.hang = slug;
  }
  expect(Object.values(slugs).every(Boolean), JSON.stringify(slugs)).toBe(true);

  editCase(slugs.reviewed, (fm) => {
    fm.review = 'reviewed';
    fm.confidence = { symptom: 'high', fix: 'medium', status: 'high', culprit: 'low' };
    fm.fix = { commit: null, subject: null, patch: null, link: FIX_LINK };
    fm.culprit = null;
  });
  editCase(slugs.duplicate, (fm, body) => {
    expect(fm.review).toBe('draft');
    fm.status = 'duplicate';
    fm.duplicateOf = DUPLICATE_OF;
    fm.confidence = { symptom: 'medium', fix: 'low', status: 'high', culprit: 'low' };
    // The editor cut the evidence section: the confidences stay, without a link to nowhere.
    return body.replace(/\n## Why we think so\n[\s\S]*?(?=\n## |$)/, '\n');
  });
  editCase(slugs.hang, (fm) => {
    expect(fm.review).toBe('draft');
    // A case file from before the analysis recorded its confidence.
    delete fm.confidence;
  });

  published = await buildSite({ content, siteOnly: true });
  omitted = await buildSite({ content, siteOnly: true, env: { CASEBOOK_DRAFTS: 'omit' } });
}, 600_000);

afterAll(() => {
  published?.remove();
  omitted?.remove();
  rmSync(work, { recursive: true, force: true });
});

describe('drafts published (the default), marked as drafts', () => {
  it('gives a draft card and a reviewed card that differ, on home and on the browse pages', () => {
    for (const page of ['index.html', 'browse/year/2023/index.html']) {
      const html = read(published.dir, page);
      const reviewed = cardOf(html, slugs.reviewed)!;
      const draft = cardOf(html, slugs.hang)!;
      expect(reviewed, page).toBeTruthy();
      expect(draft, page).toBeTruthy();
      expect(draft).toMatch(/^<li class="card card-draft"/);
      expect(draft).toContain('class="review review-draft"');
      expect(draft).toContain('Machine draft');
      expect(reviewed).toMatch(/^<li class="card"/);
      expect(reviewed).toContain('class="review review-reviewed"');
      expect(reviewed).not.toContain('Machine draft');
    }
    // Browsing by review state: the reviewed cases alone.
    const onlyReviewed = read(published.dir, 'browse/review/reviewed/index.html');
    expect(cardOf(onlyReviewed, slugs.reviewed)).toBeTruthy();
    expect(cardOf(onlyReviewed, slugs.hang)).toBeNull();
    expect(cardOf(read(published.dir, 'browse/review/draft/index.html'), slugs.duplicate)).toBeTruthy();
  });

  it('marks a draft case page at its top and in its facts card; a reviewed one reads as reviewed', () => {
    const draft = read(published.dir, `cases/${slugs.hang}/index.html`);
    expect(draft).toMatch(/<p class="draft-note"[^>]*><span class="review review-draft"/);
    expect(factsCard(draft)).toMatch(/<dt>Review<\/dt><dd><span class="review review-draft"[^>]*>Machine draft<\/span>/);
    const reviewed = read(published.dir, `cases/${slugs.reviewed}/index.html`);
    expect(reviewed).not.toContain('draft-note');
    expect(factsCard(reviewed)).toMatch(/<dt>Review<\/dt><dd><span class="review review-reviewed"/);
    // Pagefind's review filter and metadata, for searching reviewed cases only.
    expect(draft).toMatch(/data-pagefind-filter="review">machine draft</);
    expect(reviewed).toMatch(/data-pagefind-filter="review">reviewed</);
  });

  it('marks drafts in the feed: a category and a summary that says so', () => {
    const feed = read(published.dir, 'feed.xml');
    const draft = feedEntryOf(feed, slugs.duplicate)!;
    const reviewed = feedEntryOf(feed, slugs.reviewed)!;
    expect(draft).toMatch(/<category scheme="[^"]+" term="draft" label="Machine draft"\/>/);
    expect(draft).toMatch(/<summary>Machine draft, not yet checked by an editor\. /);
    expect(reviewed).toMatch(/<category scheme="[^"]+" term="reviewed" label="Reviewed"\/>/);
    expect(reviewed).not.toContain('Machine draft');
  });

  it('shows each decision’s confidence in the facts card, linked to “Why we think so”', () => {
    const html = read(published.dir, `cases/${slugs.reviewed}/index.html`);
    expect(html).toContain('<h2 id="why-we-think-so">');
    const marks = [...tagsOf(factsCard(html))].filter((t) => t.tag === 'a' && (t.attrs.get('class') ?? '').split(' ').includes('confidence'));
    expect(marks.map((t) => t.attrs.get('data-level'))).toEqual(['high', 'high', 'low', 'medium']); // status, symptom, culprit, fix
    for (const t of marks) expect(t.attrs.get('href')).toBe('#why-we-think-so');
    // Each decision's row says its level in words next to the value.
    const card = factsCard(html);
    expect(card).toMatch(
      /<dt>Status<\/dt><dd><span class="status status-[a-z-]+">[^<]+<\/span> <a class="confidence" data-level="high"[^>]*>[\s\S]*?high confidence/,
    );
    expect(card).toMatch(/<dt>Culprit<\/dt><dd>[\s\S]*?none named[\s\S]*?low confidence/);
  });

  it('shows confidence without a link when the case text has no “Why we think so”, and none when the file records none', () => {
    const duplicate = factsCard(read(published.dir, `cases/${slugs.duplicate}/index.html`));
    const spans = [...tagsOf(duplicate)].filter((t) => (t.attrs.get('class') ?? '').split(' ').includes('confidence'));
    expect(spans.map((t) => `${t.tag}:${t.attrs.get('data-level')}`)).toEqual(['span:high', 'span:medium', 'span:low', 'span:low']);
    const hang = read(published.dir, `cases/${slugs.hang}/index.html`);
    expect(hang).not.toMatch(/class="confidence"/);
    expect(frontmatterOf(slugs.hang).confidence).toBeUndefined();
  });

  it('gives the duplicate status its own badge and says what it duplicates, escaped', () => {
    const card = factsCard(read(published.dir, `cases/${slugs.duplicate}/index.html`));
    expect(card).toContain('<span class="status status-duplicate">Duplicate</span>');
    expect(card).toContain('<dt>Duplicate of</dt><dd><code>KASAN: use-after-free in corge_open &lt;b&gt;(the first report)&lt;/b&gt;</code></dd>');
    expect(card).not.toContain('<b>');
    expect(cardOf(read(published.dir, 'index.html'), slugs.duplicate)).toContain('status-duplicate');
    expect(read(published.dir, `_astro/${readdirSync(join(published.dir, '_astro')).find((f) => f.endsWith('.css'))!}`)).toMatch(/\.status-duplicate\s*\{/);
  });

  it('links a fix posted elsewhere only when it is http(s), with rel="nofollow noopener"', () => {
    const links = [...tagsOf(factsCard(read(published.dir, `cases/${slugs.reviewed}/index.html`)))].filter((t) => t.tag === 'a' && t.attrs.get('rel'));
    expect(links).toHaveLength(1);
    expect(links[0]!.attrs.get('href')).toBe(new URL(FIX_LINK).href);
    expect(links[0]!.attrs.get('href')).toMatch(/^https:\/\/lore\.kernel\.org\//);
    expect(links[0]!.attrs.get('rel')).toBe('nofollow noopener');
    expect(links[0]!.attrs.has('onmouseover')).toBe(false);
    // A link that is not http(s) never reaches a page: the case schema refuses it (test/casefile/check.test.ts),
    // and the facts card would show it as text (test/site/safe-links.test.ts).
  });

  it('indexes every case for search', () => {
    expect(indexedPages(published.dir)).toBe(3);
  });
});

describe('CASEBOOK_DRAFTS=omit', () => {
  it('leaves draft cases out of pages, listings, feed, sitemap and search index, and says how many', () => {
    const draftSlugs = [slugs.duplicate, slugs.hang];
    expect(existsSync(join(omitted.dir, 'cases', slugs.reviewed, 'index.html'))).toBe(true);
    for (const slug of draftSlugs) {
      expect(existsSync(join(omitted.dir, 'cases', slug)), slug).toBe(false);
      for (const file of ['index.html', 'browse/index.html', 'browse/year/2023/index.html', 'feed.xml', 'sitemap.xml']) {
        expect(read(omitted.dir, file), `${file} names ${slug}`).not.toContain(slug);
      }
    }
    expect(existsSync(join(omitted.dir, 'browse', 'review', 'draft'))).toBe(false);
    expect(read(omitted.dir, 'sitemap.xml')).toContain(`/cases/${slugs.reviewed}/`);
    expect(read(omitted.dir, 'feed.xml').match(/<entry>/g)).toHaveLength(1);
    expect(indexedPages(omitted.dir)).toBe(1);
    expect(omitted.log).toContain('CASEBOOK_DRAFTS=omit: 2 draft cases left out of the site, 1 published');
    expect(published.log).not.toContain('left out');
  });

  it('refuses a value it does not know, naming it, before Astro starts', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts/build-site.ts'), '--no-search'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, CASEBOOK_CONTENT: content, CASEBOOK_OUT: join(work, 'never'), CASEBOOK_DRAFTS: 'hide' },
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/CASEBOOK_DRAFTS="hide" is not a drafts setting\n\s+hint: Use CASEBOOK_DRAFTS=omit/);
    expect(existsSync(join(work, 'never'))).toBe(false);
  });
});

describe('search in Chromium', () => {
  let server: Served;
  let browser: Browser;
  beforeAll(async () => {
    server = await serve(published.dir, '/');
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('tags a draft’s result, finds reviewed cases only with the review filter, and reads in the dark theme', async () => {
    const context = await browser.newContext({ colorScheme: 'dark' });
    try {
      const page = await context.newPage();
      await page.goto(`${server.origin}/search/?q=kasan`);
      const results = page.locator('.pagefind-ui__result');
      await results.first().waitFor({ timeout: 20_000 });
      await expect.poll(() => results.count(), { timeout: 10_000 }).toBe(2);
      const tags = await page.locator('.pagefind-ui__result-tag').allInnerTexts();
      expect(tags.map((t) => t.trim()).sort()).toEqual(['Review: machine draft', 'Review: reviewed']);
      // Pagefind's own stylesheet would draw its text dark grey on the dark background.
      const colour = await page
        .locator('.pagefind-ui__result-link')
        .first()
        .evaluate((a) => getComputedStyle(a).color);
      expect(colour).not.toBe('rgb(57, 57, 57)');
      const group = page
        .locator('details.pagefind-ui__filter-block')
        .filter({ has: page.locator('summary.pagefind-ui__filter-name', { hasText: /^\s*review\s*$/i }) });
      if (!(await group.evaluate((d) => (d as HTMLDetailsElement).open))) await group.locator('summary').click();
      await group.getByLabel(/^reviewed/).check();
      await expect.poll(() => results.count(), { timeout: 10_000 }).toBe(1);
      const href = await page.locator('.pagefind-ui__result-link').first().getAttribute('href');
      expect(new URL(href!, server.origin).pathname).toBe(`/cases/${slugs.reviewed}/`);
    } finally {
      await context.close();
    }
  });

  it('gives axe no serious or critical problem with the draft and confidence marks in light and dark, and fits a phone', async () => {
    const found: string[] = [];
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const viewport of [
        { width: 1280, height: 900 },
        { width: 390, height: 844 },
      ]) {
        const context = await browser.newContext({ colorScheme, viewport });
        try {
          const page = await context.newPage();
          for (const path of ['/', `/cases/${slugs.duplicate}/`, `/cases/${slugs.reviewed}/`, `/cases/${slugs.hang}/`]) {
            await page.goto(`${server.origin}${path}`, { waitUntil: 'load' });
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
            if (overflow > 0) found.push(`${path} at ${viewport.width}px scrolls sideways by ${overflow}px`);
            if (viewport.width < 1000) continue;
            await page.addScriptTag({ path: AXE });
            const violations = await page.evaluate(async () => {
              const axe = (
                window as unknown as {
                  axe: { run: (ctx: Document, o: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> };
                }
              ).axe;
              return (await axe.run(document, { resultTypes: ['violations'] })).violations.map((v) => ({
                id: v.id,
                impact: v.impact,
                targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
              }));
            });
            for (const v of violations)
              if (v.impact === 'serious' || v.impact === 'critical') found.push(`${path} ${colorScheme}: [${v.impact}] ${v.id} ${v.targets.join(', ')}`);
          }
        } finally {
          await context.close();
        }
      }
    }
    expect(found, found.join('\n')).toEqual([]);
  });
});
