// Mail text is untrusted: a thread whose subject, names and body carry scripts, javascript: and data:
// URLs, event handlers, entities, Markdown, directive and YAML syntax is rendered as inert text in the built
// site — checked in Chromium: no script runs, no attribute is injected, the text reads as written.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../helpers/browser.ts';
import { buildSite, type BuiltSite } from '../helpers/build-site.ts';
import { mbox } from '../helpers/mbox.ts';
import { serve, type Served } from '../helpers/serve.ts';

const EVIL =
  '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"> [x](javascript:window.__pwned=3) <a href="data:text/html,<script>parent.__pwned=4</script>">d</a> &lt;b&gt; :::note{msg=0} --- : # `x`';
const OOPS = `BUG: unable to handle kernel NULL pointer dereference at 0000000000000010
RIP: 0010:evil_func+0x2a/0x90 [evil]
Call Trace:
 <script>window.__pwned=5</script>+0x1/0x2
 __fput+0xd4/0x1f0`;

describe('hostile mail in the built site', () => {
  let site: BuiltSite;
  let server: Served;
  let browser: Browser;
  beforeAll(async () => {
    const content = mkdtempSync(join(tmpdir(), 'casebook-hostile-'));
    mkdirSync(join(content, 'sources'));
    writeFileSync(
      join(content, 'sources', 'evil.mbox'),
      mbox([
        {
          from: `"${EVIL.replace(/"/g, "'")}" <evil@example.org>`,
          date: 'Mon, 7 Nov 2016 09:00:00 +0100',
          subject: `[BUG] ${EVIL}`,
          id: 'evil1@x',
          body: `${EVIL}\n\n${OOPS}\n\n> ${EVIL}`,
        },
        {
          from: 'Fixer <fix@example.org>',
          date: 'Mon, 7 Nov 2016 10:00:00 +0100',
          subject: `Re: [BUG] ${EVIL}`,
          id: 'evil2@x',
          replyTo: 'evil1@x',
          body: `${EVIL} is it.\n\ndiff --git a/a/${'<script>x</script>'}.c b/a/x.c\n--- a/a/x.c\n+++ b/a/x.c\n@@ -1,1 +1,1 @@\n-old <script>window.__pwned=6</script>\n+new onerror=alert(1)\n`,
        },
      ]),
    );
    site = await buildSite({ content, search: false });
    server = await serve(site.dir);
    browser = await launchChromium();
  }, 400_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    site?.remove();
  });

  it('runs no script from mail and injects no attribute, on every page', async () => {
    const { readdirSync } = await import('node:fs');
    const slug = readdirSync(join(site.dir, 'cases')).find((d) => !d.startsWith('.'))!;
    for (const path of ['/', `/cases/${slug}/`, `/cases/${slug}/thread/`, '/browse/']) {
      const page = await browser.newPage();
      const dialogs: string[] = [];
      page.on('dialog', async (d) => {
        dialogs.push(d.message());
        await d.dismiss();
      });
      await page.goto(server.origin + path);
      await page.waitForTimeout(200);
      const found = await page.evaluate(() => {
        const w = window as unknown as { __pwned?: number };
        const handlers = [...document.querySelectorAll('*')].flatMap((el) =>
          [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => `${el.tagName} ${a.name}`),
        );
        const urls = [...document.querySelectorAll('[href],[src]')]
          .map((el) => el.getAttribute('href') ?? el.getAttribute('src') ?? '')
          .filter((u) => /^\s*(javascript|data|vbscript):/i.test(u));
        const scripts = [...document.querySelectorAll('script')].map((s) => s.textContent ?? '').filter((t) => t.includes('__pwned'));
        return { pwned: w.__pwned ?? null, handlers, urls, scripts, text: document.body.innerText };
      });
      expect(found.pwned, path).toBeNull();
      expect(dialogs, path).toEqual([]);
      expect(found.handlers, path).toEqual([]);
      expect(found.urls, path).toEqual([]);
      expect(found.scripts, path).toEqual([]);
      // The hostile text is shown, as text, where the case is shown.
      if (path !== '/browse/') expect(found.text, path).toContain('<script>window.__pwned=1</script>');
      await page.close();
    }
  });
});
