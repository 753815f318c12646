// `npx node bench/dev-reload.ts [--runs 5]`: `casebook dev`'s edit loop — the time from saving a case file to the
// open page in Chromium showing the edit (its title), on a casebook of one shipped thread, median of the runs.
// Writes bench/results/dev-reload.json.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { arg, ROOT } from './common.ts';

const RUNS = Number(arg('runs', '5'));
const port = await new Promise<number>((ok) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const { port: p } = s.address() as { port: number };
    s.close(() => ok(p));
  });
});
const dir = join(mkdtempSync(join(tmpdir(), 'casebook-dev-bench-')), 'cb');
const cli = join(ROOT, 'bin/casebook.mjs');
spawnSync(process.execPath, [cli, 'init', dir, '--title', 'Bench'], { stdio: 'ignore' });
const source = readdirSync(join(ROOT, 'content/sources')).sort()[0]!;
writeFileSync(join(dir, 'content/sources', source), readFileSync(join(ROOT, 'content/sources', source)));
let dev: ChildProcess | null = null;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true });
try {
  dev = spawn(process.execPath, [cli, 'dev', '--casebook', dir, '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  await new Promise<void>((ok, fail) => {
    const on = (d: Buffer) => {
      log += d;
      if (log.includes(`127.0.0.1:${port}`)) ok();
    };
    dev!.stdout!.on('data', on);
    dev!.stderr!.on('data', on);
    dev!.once('exit', (c) => fail(new Error(`casebook dev exited ${c}: ${log}`)));
  });
  const caseFile = readdirSync(join(dir, 'content/cases')).find((f) => f.endsWith('.md'))!;
  const file = join(dir, 'content/cases', caseFile);
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/cases/${caseFile.replace(/\.md$/, '')}/`);
  await page.waitForFunction(() => document.title.includes('Bench'), null, { timeout: 120_000 });
  const original = readFileSync(file, 'utf8');
  const times: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const marker = `Edit ${r}`;
    const t0 = performance.now();
    writeFileSync(file, original.replace(/^title: .*$/m, `title: "${marker}"`));
    await page.waitForFunction((m) => document.title.startsWith(m), marker, { timeout: 60_000 });
    times.push(performance.now() - t0);
    await new Promise((res) => setTimeout(res, 500));
  }
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  console.log(
    `casebook dev: saved case file → open page shows it: median ${(median / 1000).toFixed(2)} s (runs: ${times.map((t) => (t / 1000).toFixed(2)).join(', ')} s; target ≤ 1 s)`,
  );
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench', 'results', 'dev-reload.json'), `${JSON.stringify({ runs: times, medianMs: median }, null, 2)}\n`);
} finally {
  await browser.close();
  dev?.kill('SIGTERM');
  rmSync(join(dir, '..'), { recursive: true, force: true });
}
