// `npm run bench [-- --scale 1000,5000 --runs 3 --big-mb 200 --list 500]`: the performance figures, printed as a table and written
// to bench/results/latest.json. Everything compared is measured in the same run on the same bytes.
//   import throughput (MB/s, messages/s) vs a bare mailparser simpleParser pass over the same messages
//   cold end-to-end (import + site build + search index) of a casebook made of the corpus threads, and
//   MHonArc's time on the same messages when `mhonarc` is installed
//   an incremental rebuild after one source grows by a reply, as a ratio of the cold build (cold = every
//   derived file and the cache folder deleted first)
//   synthetic casebooks of N cases (corpus threads replicated with fresh Message-IDs and subjects):
//   time per case and peak RSS of each step
//   a 200 MB mbox imported as one thread (bench/big-mbox.ts; --big-mb 0 skips it): seconds and peak RSS
//   a list mbox of 500 threads against the same threads one file each (bench/list-mbox.ts; --list 0 skips it)
//   `casebook dev`: from saving a case file to the open page showing it (bench/dev-reload.ts; --dev 0 skips it)
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { inspectSource } from '../src/casebook.ts';
import { splitMbox } from '../src/ingest/split-mbox.ts';
import { arg, corpusThreads, ROOT } from './common.ts';

const RUNS = Number(arg('runs', '3'));
const SCALES = arg('scale', '').split(',').filter(Boolean).map(Number);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Runs a command, returning wall time (s) and peak RSS (MB) from GNU time when available. */
function timed(cmd: string, cmdArgs: string[], cwd: string, env: NodeJS.ProcessEnv = {}): { seconds: number; rssMB: number | null; ok: boolean } {
  const useTime = spawnSync('/usr/bin/time', ['--version'], { encoding: 'utf8' }).status === 0;
  const t0 = performance.now();
  const r = useTime
    ? spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...cmdArgs], {
        cwd,
        env: { ...process.env, ...env, ASTRO_TELEMETRY_DISABLED: '1' },
        encoding: 'utf8',
        maxBuffer: 512 * 1024 * 1024,
      })
    : spawnSync(cmd, cmdArgs, { cwd, env: { ...process.env, ...env, ASTRO_TELEMETRY_DISABLED: '1' }, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  const seconds = (performance.now() - t0) / 1000;
  const rss = useTime ? Number((r.stderr.trim().split('\n').pop() ?? '').trim()) : NaN;
  return { seconds, rssMB: Number.isFinite(rss) ? Math.round(rss / 1024) : null, ok: r.status === 0 };
}

/**
 * Import throughput is cheap to measure (about a second a run), so it takes more runs than the rest, after one
 * warm-up pass each (steady-state speed, as in an import of many threads): its median is then stable to a few
 * percent on a shared 2-core machine, where three runs moved it by ±0.3.
 */
const IMPORT_RUNS = Math.max(RUNS, 9);

async function importThroughput(files: string[]) {
  const bytes = files.reduce((n, f) => n + readFileSync(f).length, 0);
  const messages = files.reduce((n, f) => n + splitMbox(readFileSync(f)).messages.length, 0);
  const oursOnce = async () => {
    const t0 = performance.now();
    for (const f of files) await inspectSource(f);
    return (performance.now() - t0) / 1000;
  };
  const bareOnce = async () => {
    const t0 = performance.now();
    for (const f of files) for (const m of splitMbox(readFileSync(f)).messages) await simpleParser(m.bytes);
    return (performance.now() - t0) / 1000;
  };
  await oursOnce();
  await bareOnce();
  const ours: number[] = [];
  const bare: number[] = [];
  // Interleaved, so a slow moment of the machine hits both.
  for (let run = 0; run < IMPORT_RUNS; run++) {
    ours.push(await oursOnce());
    bare.push(await bareOnce());
  }
  const o = median(ours);
  const b = median(bare);
  return {
    files: files.length,
    MB: bytes / 1e6,
    messages,
    runs: IMPORT_RUNS,
    ours: { seconds: o, MBps: bytes / 1e6 / o, msgps: messages / o },
    simpleParser: { seconds: b, MBps: bytes / 1e6 / b, msgps: messages / b },
    ratio: b / o,
  };
}

/** A casebook project in a temp folder sharing this project's code and node_modules. */
function project(sources: { name: string; data: Buffer | string }[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'casebook-bench-'));
  for (const f of ['package.json', 'package-lock.json', 'astro.config.mjs', 'tsconfig.json']) cpSync(join(ROOT, f), join(dir, f));
  for (const d of ['src', 'bin', 'public', 'scripts']) cpSync(join(ROOT, d), join(dir, d), { recursive: true });
  spawnSync('ln', ['-s', join(ROOT, 'node_modules'), join(dir, 'node_modules')]);
  mkdirSync(join(dir, 'content', 'sources'), { recursive: true });
  for (const s of sources) writeFileSync(join(dir, 'content', 'sources', s.name), s.data);
  return dir;
}

/** `npm run build`'s steps, each timed: import (casebook build), site (astro build), search (Pagefind). */
function endToEnd(dir: string) {
  const node = process.execPath;
  const steps = {
    import: timed(node, [join(dir, 'bin/casebook.mjs'), 'build', '--import-only'], dir),
    site: timed(node, [join(dir, 'scripts/build-site.ts'), '--no-search'], dir),
    search: timed(node, [join(dir, 'scripts/build-site.ts'), '--search-only'], dir),
  };
  for (const [name, step] of Object.entries(steps)) if (!step.ok) console.error(`  (${name} failed in ${dir})`);
  const seconds = steps.import.seconds + steps.site.seconds + steps.search.seconds;
  return { seconds, steps, rssMB: Math.max(...Object.values(steps).map((st) => st.rssMB ?? 0)) };
}

/** Everything a build derives: the next build is cold. */
function clean(dir: string): void {
  for (const d of ['content/threads', 'content/cases', '.cache', 'dist']) rmSync(join(dir, d), { recursive: true, force: true });
}

/**
 * A new reply at the end of one source: the thread grows by a message, so its case file, case page and thread
 * page change — the common edit of a living casebook.
 */
function growOne(dir: string): void {
  const sources = join(dir, 'content', 'sources');
  const name = readdirSync(sources).sort()[0];
  const file = join(sources, name);
  const text = readFileSync(file, 'latin1');
  const id = /^Message-ID:\s*(<[^>]+>)/im.exec(text)?.[1] ?? '<unknown@bench>';
  const reply = [
    'From bench@example.org Mon Jan  1 00:00:00 2030',
    'From: Bench Tester <bench@example.org>',
    'Date: Tue, 1 Jan 2030 00:00:00 +0000',
    'Subject: Re: still seen',
    `Message-ID: <incremental.${Date.now()}@bench.example.org>`,
    `In-Reply-To: ${id}`,
    `References: ${id}`,
    '',
    'Still reproduces here on the latest tree; the trace is the same as above.',
    '',
  ].join('\n');
  writeFileSync(file, `${text.replace(/\n*$/, '\n')}\n${reply}`, 'latin1');
}

/** Copies of the corpus threads with fresh Message-IDs and subjects, so each is a case of its own. */
function replicate(files: string[], n: number): { name: string; data: Buffer }[] {
  const out: { name: string; data: Buffer }[] = [];
  for (let i = 0; i < n; i++) {
    const text = readFileSync(files[i % files.length], 'latin1')
      .replace(/^(Message-ID|In-Reply-To|References):(.*)$/gim, (_m, h, v) => `${h}:${String(v).replace(/<([^>]+)>/g, `<c${i}.$1>`)}`)
      .replace(/^Subject:(.*)$/gim, (_m, v) => `Subject:${v} [case ${i}]`);
    out.push({ name: `case-${String(i).padStart(5, '0')}.mbox`, data: Buffer.from(text, 'latin1') });
  }
  return out;
}

function mhonarc(files: string[]): number | null {
  if (spawnSync('sh', ['-c', 'command -v mhonarc'], { encoding: 'utf8' }).status !== 0) return null;
  const out = mkdtempSync(join(tmpdir(), 'mhonarc-'));
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out);
    const t0 = performance.now();
    spawnSync('mhonarc', ['-quiet', '-outdir', out, ...files], { encoding: 'utf8' });
    times.push((performance.now() - t0) / 1000);
  }
  return median(times);
}

const files = corpusThreads();
const results: Record<string, unknown> = {
  machine: { cores: availableParallelism(), cpu: cpus()[0]?.model ?? 'unknown', node: process.version },
  runs: RUNS,
};
console.log(`machine: ${availableParallelism()} cores, ${cpus()[0]?.model ?? '?'}, Node ${process.version}; median of ${RUNS} runs\n`);

const thr = await importThroughput(files);
results.import = thr;
console.log(`import throughput (corpus threads; median of ${thr.runs} runs after a warm-up pass)`);
console.log(`  ${thr.files} threads, ${thr.messages} messages, ${thr.MB.toFixed(1)} MB`);
console.log(`  casebook      ${thr.ours.MBps.toFixed(2)} MB/s  ${thr.ours.msgps.toFixed(0)} msg/s  (${thr.ours.seconds.toFixed(2)} s)`);
console.log(`  simpleParser  ${thr.simpleParser.MBps.toFixed(2)} MB/s  ${thr.simpleParser.msgps.toFixed(0)} msg/s  (${thr.simpleParser.seconds.toFixed(2)} s)`);
console.log(`  ratio         ${thr.ratio.toFixed(2)}× simpleParser (target ≥ 1.5×)\n`);

const dir = project(files.map((f) => ({ name: f.split('/').pop()!, data: readFileSync(f) })));
const cold: ReturnType<typeof endToEnd>[] = [];
for (let run = 0; run < RUNS; run++) {
  clean(dir);
  cold.push(endToEnd(dir));
}
const coldMedian = median(cold.map((c) => c.seconds));
const m = mhonarc(files);
// The fixed cost of a build: the same steps on a casebook with no sources (Astro's start-up, content sync
// and bundling, and Pagefind, with nothing to render or index). No build is faster than this.
const emptyDir = project([]);
const empty: ReturnType<typeof endToEnd>[] = [];
for (let run = 0; run < RUNS; run++) {
  clean(emptyDir);
  empty.push(endToEnd(emptyDir));
}
rmSync(emptyDir, { recursive: true, force: true });
const emptyRun = empty.sort((x, y) => x.seconds - y.seconds)[Math.floor(empty.length / 2)];
// Incremental: after a cold build, one source grows by a reply; only it is read again, and only its pages'
// Markdown is rendered again.
const incrRuns: ReturnType<typeof endToEnd>[] = [];
for (let run = 0; run < RUNS; run++) {
  growOne(dir);
  incrRuns.push(endToEnd(dir));
}
const incr = incrRuns.sort((x, y) => x.seconds - y.seconds)[Math.floor(incrRuns.length / 2)];
const coldSteps = cold.sort((x, y) => x.seconds - y.seconds)[Math.floor(cold.length / 2)].steps;
results.endToEnd = {
  cold: coldMedian,
  steps: coldSteps,
  mhonarc: m,
  mhonarcRatio: m ? coldMedian / m : null,
  incremental: incr.seconds,
  incrementalSteps: incr.steps,
  incrementalRatio: incr.seconds / coldMedian,
  emptyCasebook: emptyRun.seconds,
  emptyCasebookSteps: emptyRun.steps,
};
const stepsText = (st: ReturnType<typeof endToEnd>['steps']) =>
  `import ${st.import.seconds.toFixed(1)} s, site ${st.site.seconds.toFixed(1)} s, search ${st.search.seconds.toFixed(1)} s`;
console.log(`end to end (corpus casebook of ${files.length} threads: import + site + search index)`);
console.log(`  cold          ${coldMedian.toFixed(1)} s  (${stepsText(coldSteps)})`);
console.log(
  `  MHonArc       ${m === null ? 'not installed (apt-get install mhonarc)' : `${m.toFixed(1)} s → ratio ${(coldMedian / m).toFixed(2)}× (target ≤ 1.5×)`}`,
);
console.log(
  `  incremental   ${incr.seconds.toFixed(1)} s = ${((incr.seconds / coldMedian) * 100).toFixed(0)} % of cold (target < 25 %)  (${stepsText(incr.steps)})`,
);
console.log(
  `  no sources    ${emptyRun.seconds.toFixed(1)} s: the fixed cost of any build (${stepsText(emptyRun.steps)})${m === null ? '' : ` = ${(emptyRun.seconds / m).toFixed(2)}× MHonArc`}\n`,
);
rmSync(dir, { recursive: true, force: true });

const scaled: Record<string, unknown> = {};
for (const n of SCALES) {
  const d = project(replicate(files, n));
  const r = endToEnd(d);
  growOne(d);
  const inc = endToEnd(d);
  const rss = (st: ReturnType<typeof endToEnd>['steps']) => ({ import: st.import.rssMB, site: st.site.rssMB, search: st.search.rssMB });
  scaled[n] = {
    seconds: r.seconds,
    perCase: r.seconds / n,
    steps: r.steps,
    peakRssMB: rss(r.steps),
    incremental: inc.seconds,
    incrementalRatio: inc.seconds / r.seconds,
    incrementalSteps: inc.steps,
  };
  console.log(
    `${n} cases: cold ${r.seconds.toFixed(0)} s = ${((r.seconds / n) * 1000).toFixed(0)} ms per case (${stepsText(r.steps)}); peak RSS import ${r.steps.import.rssMB} MB, site ${r.steps.site.rssMB} MB, search ${r.steps.search.rssMB} MB`,
  );
  console.log(
    `${' '.repeat(String(n).length)}        incremental after one source grows ${inc.seconds.toFixed(1)} s = ${((inc.seconds / r.seconds) * 100).toFixed(0)} % of cold (${stepsText(inc.steps)})`,
  );
  rmSync(d, { recursive: true, force: true });
}
results.scaled = scaled;

// A 200 MB mbox read as one thread (bench/big-mbox.ts, in its own process so its memory is its own).
if (arg('big-mb', '200') !== '0') {
  console.log('');
  const big = spawnSync(process.execPath, [join(ROOT, 'bench', 'big-mbox.ts'), '--mb', arg('big-mb', '200')], { stdio: ['ignore', 'inherit', 'inherit'] });
  try {
    results.bigMbox = big.status === 0 ? JSON.parse(readFileSync(join(ROOT, 'bench', 'results', 'big-mbox.json'), 'utf8')) : { failed: big.status };
  } catch {
    results.bigMbox = { failed: 'no results' };
  }
}
// Many threads in one list mbox against one file each (bench/list-mbox.ts, in its own process).
if (arg('list', '500') !== '0') {
  console.log('');
  const list = spawnSync(process.execPath, [join(ROOT, 'bench', 'list-mbox.ts'), '--threads', arg('list', '500')], { stdio: ['ignore', 'inherit', 'inherit'] });
  try {
    results.listMbox = list.status === 0 ? JSON.parse(readFileSync(join(ROOT, 'bench', 'results', 'list-mbox.json'), 'utf8')) : { failed: list.status };
  } catch {
    results.listMbox = { failed: 'no results' };
  }
}
// The edit loop of `casebook dev`, in Chromium (bench/dev-reload.ts, in its own process).
if (arg('dev', '5') !== '0') {
  const reload = spawnSync(process.execPath, [join(ROOT, 'bench', 'dev-reload.ts'), '--runs', arg('dev', '5')], { stdio: ['ignore', 'inherit', 'inherit'] });
  try {
    results.devReload = reload.status === 0 ? JSON.parse(readFileSync(join(ROOT, 'bench', 'results', 'dev-reload.json'), 'utf8')) : { failed: reload.status };
  } catch {
    results.devReload = { failed: 'no results' };
  }
}
mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
writeFileSync(join(ROOT, 'bench', 'results', 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nwritten: bench/results/latest.json`);
