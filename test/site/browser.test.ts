// The built website in a real browser (Debian's Chromium), served at `/` as any static host would: the home
// page lists every shipped case, a case page shows its timeline, highlighted diff and oops, search finds a
// case, every page's text is there without JavaScript, axe finds no serious or critical problem in light or
// dark, and screenshots of home and a case page (desktop and phone, light and dark) land in
// test-output/screenshots/.
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser.ts';
import { buildSite, shippedSlugs, type BuiltSite } from '../helpers/build-site.ts';
import { ROOT } from '../helpers/paths.ts';
import { serve, type Served } from '../helpers/serve.ts';

const CASE = '2008-bug-unable-handle-kernel-paging-request';
const SCREENSHOTS = join(ROOT, 'test-output', 'screenshots');
const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');

let site: BuiltSite;
let server: Served;
let browser: Browser;

beforeAll(async () => {
  site = await buildSite({ base: '/' });
  server = await serve(site.dir, '/');
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  site?.remove();
});

/** Runs `fn` on a fresh page in its own context (colour scheme, viewport, JavaScript on or off). */
async function withPage<T>(options: BrowserContextOptions, fn: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext(options);
  try {
    const page = await context.newPage();
    return await fn(page);
  } finally {
    await context.close();
  }
}

function frontmatter(slug: string): { title: string; symptom?: { title: string }; fix?: { subject: string } } {
  const text = readFileSync(join(ROOT, 'content', 'cases', `${slug}.md`), 'utf8');
  return parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(text)![1]);
}

interface StoredMessage {
  id: string;
  ghost?: boolean;
  segments: { kind: string; text: string }[];
}
function threadMessages(slug: string): StoredMessage[] {
  return JSON.parse(readFileSync(join(ROOT, 'content', 'threads', `${slug}.json`), 'utf8')).messages;
}

describe('the website in Chromium', () => {
  it('lists every shipped case on the home page', async () => {
    const slugs = shippedSlugs();
    expect(slugs).toHaveLength(5);
    await withPage({}, async (page) => {
      const response = await page.goto(`${server.origin}/`);
      expect(response?.status()).toBe(200);
      const paths = await page.$$eval('main a[href]', (as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
      for (const slug of slugs) expect(paths, `home links to ${slug}`).toContain(`/cases/${slug}/`);
      expect(await page.locator('ul.cards > li').count()).toBe(slugs.length);
    });
  });

  it('shows a case page with its timeline, a C-highlighted diff and a highlighted oops', async () => {
    await withPage({}, async (page) => {
      const response = await page.goto(`${server.origin}/cases/${CASE}/`);
      expect(response?.status()).toBe(200);

      // The chart: at least six events, each a circle linked to its message in the outline.
      const chart = page.locator('svg.timeline-chart');
      expect(await chart.count()).toBe(1);
      expect(await chart.isVisible()).toBe(true);
      const circleLinks = await page.$$eval('svg.timeline-chart a', (as) =>
        as.filter((a) => a.querySelector('circle')).map((a) => a.getAttribute('href') ?? ''),
      );
      expect(circleLinks.length).toBeGreaterThanOrEqual(6);
      for (const href of circleLinks) expect(href).toMatch(new RegExp(`^/cases/${CASE}/thread/#m-[\\w-]+$`));

      // The Timeline section of the case text: a list of events, each linked to a message.
      const timelineItems = page.locator('h2#timeline + :is(ul, ol) > li');
      expect(await timelineItems.count()).toBeGreaterThanOrEqual(6);
      expect(await page.locator('h2#timeline + :is(ul, ol) > li a[href^="thread/#m-"]').count()).toBeGreaterThanOrEqual(6);

      // Every message link and citation on the case page opens its message on the thread page, which has it.
      const messageLinks = await page.$$eval('main a[href*="#m-"]', (as) => as.map((a) => new URL(a.getAttribute('href') ?? '', location.href).href));
      expect(messageLinks.length).toBeGreaterThanOrEqual(10);
      const threadUrl = `${server.origin}/cases/${CASE}/thread/`;
      for (const href of messageLinks) expect(href.startsWith(`${threadUrl}#m-`), href).toBe(true);
      const citation = await page.$eval('main q.cite a', (a) => (a as HTMLAnchorElement).href);
      await page.goto(citation);
      const target = await page.evaluate(() => {
        const t = document.querySelector(':target');
        if (!t) return null;
        const r = t.getBoundingClientRect();
        return { id: t.id, outline: getComputedStyle(t).outlineStyle, top: r.top, height: innerHeight };
      });
      // The cited message is the page's target, highlighted and scrolled into view.
      expect(target?.id).toBe(citation.split('#')[1]);
      expect(target?.outline).toBe('solid');
      expect(target!.top).toBeGreaterThanOrEqual(0);
      expect(target!.top).toBeLessThan(target!.height);
      const ids = new Set(await page.$$eval('[id^="m-"]', (es) => es.map((e) => e.id)));
      for (const href of messageLinks) expect(ids.has(href.split('#')[1]!), `${href} has its message on the thread page`).toBe(true);
      await page.goto(`${server.origin}/cases/${CASE}/`);

      // The fix's diff: a `+` line whose C tokens have colours of their own (not one colour for the line).
      const diff = page.locator('pre[data-language="diff"]').first();
      expect(await diff.isVisible()).toBe(true);
      const addLines = diff.locator('.line.diff.add');
      expect(await addLines.count()).toBeGreaterThanOrEqual(1);
      const colours = await addLines.evaluateAll((lines) =>
        lines.map(
          (line) => new Set([...line.querySelectorAll(':scope > span')].filter((s) => s.textContent!.trim()).map((s) => getComputedStyle(s).color)).size,
        ),
      );
      expect(Math.max(...colours), 'distinct token colours in the best `+` line').toBeGreaterThanOrEqual(2);
      expect(await diff.locator('.line.diff.add').first().innerText()).toMatch(/^\+/);

      // The oops: kernel-log highlighting with the guilty frame marked.
      const oops = page.locator('pre[data-language="kernel-log"]').first();
      expect(await oops.isVisible()).toBe(true);
      const guilty = oops.locator('.line.guilty');
      expect(await guilty.count()).toBeGreaterThanOrEqual(1);
      expect(await guilty.first().innerText()).toMatch(/\S/);
      const oopsColours = await oops.evaluate((pre) => new Set([...pre.querySelectorAll('.line > span')].map((s) => getComputedStyle(s).color)).size);
      expect(oopsColours, 'distinct token colours in the oops').toBeGreaterThanOrEqual(3);
    });
  });

  // Marked lines (the guilty frame, added and removed diff lines) stand out from the code around them in
  // either colour scheme: by their background, or by a bar or outline (which keeps the tokens' contrast).
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`marks the guilty frame and the diff's + and - lines in the ${colorScheme} scheme`, async () => {
      await withPage({ colorScheme }, async (page) => {
        await page.goto(`${server.origin}/cases/${CASE}/`);
        const looks = await page.evaluate(() => {
          const look = (sel: string) => {
            const el = document.querySelector(sel);
            if (!el) return 'missing';
            const st = getComputedStyle(el);
            return `${st.backgroundColor}|${st.boxShadow}|${st.outlineStyle}`;
          };
          return {
            code: look('pre[data-language="diff"]'),
            plainLine: look('pre[data-language="diff"] .line:not(.diff):not(.marked)'),
            add: look('pre[data-language="diff"] .line.diff.add'),
            remove: look('pre[data-language="diff"] .line.diff.remove'),
            oops: look('pre[data-language="kernel-log"]'),
            guilty: look('pre[data-language="kernel-log"] .line.guilty'),
          };
        });
        const unmarked = [looks.code, looks.plainLine, looks.oops];
        const problems = (['add', 'remove', 'guilty'] as const)
          .filter((k) => looks[k] === 'missing' || unmarked.includes(looks[k]) || /^rgba\(0, 0, 0, 0\)\|none\|none$/.test(looks[k]))
          .map((k) => `.line.${k}: ${looks[k]}`);
        const backgrounds = looks;
        expect(problems.length, `lines not marked in ${colorScheme}: ${problems.join(', ')} (all backgrounds: ${JSON.stringify(backgrounds)})`).toBe(0);
      });
    });
  }

  it('finds the text_poke case with search', async () => {
    await withPage({}, async (page) => {
      await page.goto(`${server.origin}/search/?q=text_poke`);
      const links = page.locator('.pagefind-ui__result-link');
      await links.first().waitFor({ state: 'visible', timeout: 20_000 });
      const paths = await links.evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
      expect(paths).toContain(`/cases/${CASE}/`);
      // Excerpts come from the case text, not from the facts card whose labels ran into their values.
      const excerpts = await page.locator('.pagefind-ui__result-excerpt').allInnerTexts();
      for (const e of excerpts) expect(e).not.toMatch(/Status(?:Fixed|Fix proposed|Unresolved)|Fixed by\S/);
      // The bug classes are a filter of their own.
      expect(await page.locator('.pagefind-ui__filter-name', { hasText: /bug class/i }).count()).toBe(1);
    });
  });

  describe('without JavaScript', () => {
    const noJs: BrowserContextOptions = { javaScriptEnabled: false };

    it('shows the home page', async () => {
      await withPage(noJs, async (page) => {
        await page.goto(`${server.origin}/`);
        expect(await page.locator('h1').innerText()).toBe('Casebook');
        for (const slug of shippedSlugs()) {
          const card = page.locator(`ul.cards a[href="/cases/${slug}/"]`).first();
          expect(await card.isVisible(), `card of ${slug}`).toBe(true);
          expect((await card.innerText()).trim().length).toBeGreaterThan(0);
        }
      });
    });

    it('shows a case page: its title and its Summary', async () => {
      const fm = frontmatter(CASE);
      await withPage(noJs, async (page) => {
        await page.goto(`${server.origin}/cases/${CASE}/`);
        expect(await page.locator('h1').innerText()).toBe(fm.title);
        expect(await page.locator('h2#summary').isVisible()).toBe(true);
        const summary = await page.locator('h2#summary ~ *').evaluateAll((els) => {
          const out: string[] = [];
          for (const el of els) {
            if (el.tagName === 'H2') break;
            out.push((el as HTMLElement).innerText);
          }
          return out.join('\n');
        });
        expect(summary).toContain(fm.symptom!.title);
        // The header's search box works without JavaScript: a plain form to the search page.
        const box = page.locator('header form[role="search"] input[name="q"]');
        expect(await box.isVisible()).toBe(true);
        await box.fill('text_poke');
        await box.press('Enter');
        await page.waitForURL(/\/search\/\?q=text_poke$/);
        await page.goto(`${server.origin}/cases/${CASE}/`);
        expect(summary).toContain(fm.fix!.subject);
        expect(await page.locator('h2#summary + p').isVisible()).toBe(true);
      });
    });

    it('shows a thread page: every message and its body', async () => {
      const messages = threadMessages(CASE);
      await withPage(noJs, async (page) => {
        await page.goto(`${server.origin}/cases/${CASE}/thread/`);
        expect(await page.locator('h1').innerText()).toBe(frontmatter(CASE).title);
        expect(await page.locator('article.message').count()).toBe(messages.length);
        // The own words of the first few messages with text, visible and as written.
        const withText = messages.filter((m) => !m.ghost && m.segments.some((s) => s.kind === 'text' && s.text.trim())).slice(0, 5);
        expect(withText.length).toBeGreaterThan(0);
        for (const m of withText) {
          const text = page.locator(`[id="m-${m.id}"] .text`).first();
          expect(await text.isVisible(), `body of m-${m.id}`).toBe(true);
          const firstLine = m.segments
            .find((s) => s.kind === 'text' && s.text.trim())!
            .text.split('\n')
            .find((l) => l.trim())!
            .trim();
          expect((await text.innerText()).replace(/\s+/g, ' ')).toContain(firstLine.replace(/\s+/g, ' '));
        }
      });
    });
  });

  describe('accessibility (axe-core)', () => {
    const pages = {
      home: '/',
      case: `/cases/${CASE}/`,
      thread: `/cases/${CASE}/thread/`,
      browse: '/browse/',
      search: '/search/',
      '404': '/no-such-page/',
    };

    for (const colorScheme of ['light', 'dark'] as const) {
      it(`finds no serious or critical violation in the ${colorScheme} scheme`, async () => {
        const found: string[] = [];
        await withPage({ colorScheme }, async (page) => {
          for (const [name, path] of Object.entries(pages)) {
            await page.goto(`${server.origin}${path}`, { waitUntil: 'load' });
            if (name === 'search') await page.locator('.pagefind-ui__search-input').waitFor({ timeout: 20_000 });
            await page.addScriptTag({ path: AXE });
            const violations = await page.evaluate(async () => {
              const axe = (
                window as unknown as {
                  axe: {
                    run: (
                      ctx: Document,
                      o: object,
                    ) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[]; failureSummary?: string }[] }[] }>;
                  };
                }
              ).axe;
              const result = await axe.run(document, { resultTypes: ['violations'] });
              return result.violations.map((v) => ({
                id: v.id,
                impact: v.impact,
                help: v.help,
                nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary ?? '' })),
              }));
            });
            for (const v of violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')) {
              const nodes = v.nodes.slice(0, 5).map((n) => `      ${n.target}\n        ${n.summary.replace(/\n\s*/g, ' ')}`);
              found.push(`${name} (${path}), ${colorScheme}: [${v.impact}] ${v.id} — ${v.help} (${v.nodes.length} node(s))\n${nodes.join('\n')}`);
            }
          }
        });
        expect(found.length, `axe violations:\n${found.join('\n')}`).toBe(0);
      });
    }
  });

  it('takes screenshots of home and a case page: desktop and phone, light and dark', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const viewports = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } };
    const backgrounds: Record<string, string> = {};
    const written: string[] = [];
    for (const [pageName, path] of [
      ['home', '/'],
      ['case', `/cases/${CASE}/`],
    ] as const) {
      for (const [device, viewport] of Object.entries(viewports)) {
        for (const colorScheme of ['light', 'dark'] as const) {
          const options: BrowserContextOptions = { viewport, colorScheme, ...(device === 'phone' ? { isMobile: true, hasTouch: true } : {}) };
          await withPage(options, async (page) => {
            await page.goto(`${server.origin}${path}`, { waitUntil: 'load' });
            backgrounds[`${pageName}-${colorScheme}`] = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
            // A phone shows the page without sideways scrolling of the page itself.
            if (device === 'phone') {
              const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
              expect(overflow, `${pageName} on a phone scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
            }
            const file = join(SCREENSHOTS, `${pageName}-${device}-${colorScheme}.png`);
            await page.screenshot({ path: file, fullPage: true });
            written.push(file);
          });
        }
      }
    }
    for (const file of written) expect(statSync(file).size, file).toBeGreaterThan(5_000);
    expect(written).toHaveLength(8);
    expect(backgrounds['home-dark'], 'dark scheme has its own background').not.toBe(backgrounds['home-light']);
    console.log(`screenshots: ${SCREENSHOTS}`);
  });
});
