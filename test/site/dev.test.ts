// `casebook dev` on a casebook of one's own: an open page reloads after its case file is edited, and a source
// dropped into content/sources is imported and shows up in the open home page. Waits for those events (with a
// generous limit), never for a speed.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser.ts';
import { ROOT } from '../helpers/paths.ts';
import { runCli } from '../helpers/run-cli.ts';

const THREADS = join(ROOT, 'test/fixtures/analysis-holdout/threads');
const freePort = () =>
  new Promise<number>((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });

describe('casebook dev', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'casebook-dev-')), 'cb');
  let dev: ChildProcess;
  let browser: Browser;
  let address = '';
  let log = '';

  beforeAll(async () => {
    expect((await runCli(['init', dir, '--title', 'Dev casebook'])).code).toBe(0);
    const [first] = readdirSync(THREADS).sort();
    writeFileSync(join(dir, 'content/sources/first.mbox'), readFileSync(join(THREADS, first!)));
    const port = await freePort();
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'NODE_ENV' && k !== 'TEST'));
    dev = spawn(process.execPath, [join(ROOT, 'bin/casebook.mjs'), 'dev', '--casebook', dir, '--port', String(port)], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await new Promise<void>((ok, fail) => {
      const onData = (d: Buffer) => {
        log += d;
        if (log.includes(`127.0.0.1:${port}`)) ok();
      };
      dev.stdout!.on('data', onData);
      dev.stderr!.on('data', onData);
      dev.once('exit', (code) => fail(new Error(`casebook dev exited ${code}:\n${log}`)));
    });
    address = `http://127.0.0.1:${port}/`;
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    dev?.kill('SIGTERM');
  });

  it('reloads an open case page after its case file is edited', async () => {
    const [caseFile] = readdirSync(join(dir, 'content/cases')).filter((f) => f.endsWith('.md'));
    const slug = caseFile!.replace(/\.md$/, '');
    const page = await browser.newPage();
    await page.goto(`${address}cases/${slug}/`);
    // The first visit may be answered while Vite optimises its dependencies, and reload by itself: wait for the page.
    await page.waitForFunction(() => document.title.includes('Dev casebook'), null, { timeout: 60_000 });
    const file = join(dir, 'content/cases', caseFile!);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title: "An edited title"'));
    await page.waitForFunction(() => document.title.startsWith('An edited title'), null, { timeout: 60_000 });
    await page.close();
  }, 90_000);

  it('imports a source dropped into content/sources, and the open home page shows its case', async () => {
    const page = await browser.newPage();
    await page.goto(address);
    await page.waitForFunction(() => document.querySelectorAll('.cards > li').length > 0, null, { timeout: 60_000 });
    const before = await page.locator('.cards > li').count();
    const second = readdirSync(THREADS).sort()[1]!;
    writeFileSync(join(dir, 'content/sources/second.mbox'), readFileSync(join(THREADS, second)));
    await page.waitForFunction((n) => document.querySelectorAll('.cards > li').length > n, before, { timeout: 60_000 });
    expect(log).toMatch(/casebook dev: imported .*second\.mbox/);
    await page.close();
  }, 90_000);
});
