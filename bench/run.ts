// `npm run bench [-- --scale 1000,5000 --runs 3]`: the performance figures, printed as a table and written
// to bench/results/latest.json. Everything compared is measured in the same run on the same bytes.
//   import throughput (MB/s, messages/s) vs a bare mailparser simpleParser pass over the same messages
//   cold end-to-end (import + site build + search index) of a casebook made of the corpus threads, and
//   MHonArc's time on the same messages when `mhonarc` is installed
//   an incremental rebuild after one source changes, as a ratio of the cold build
//   synthetic casebooks of N cases (corpus threads replicated with fresh Message-IDs and subjects):
//   time per case and peak RSS of each step
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { inspectSource } from '../src/casebook.ts';
import { splitMbox } from '../src/ingest/split-mbox.ts';

const ROOT = new URL('../', import.meta.url).pathname;
const CORPUS = join(ROOT, '../shared/corpus/linux-mailinglist-archives');
const args = process.argv.slice(2);
const arg = (name: string, def: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const RUNS = Number(arg('runs', '3'));
const SCALES = arg('scale', '').split(',').filter(Boolean).map(Number);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function corpusThreads(): string[] {
  return readdirSync(CORPUS)
    .filter((d) => d.endsWith('.0'))
    .flatMap((d) => readdirSync(join(CORPUS, d, 'threads')).filter((f) => f.endsWith('.mbox')).map((f) => join(CORPUS, d, 'threads', f)))
    .sort();
}

/** Runs a command, returning wall time (s) and peak RSS (MB) from GNU time when available. */
function timed(cmd: string, cmdArgs: string[], cwd: string, env: NodeJS.ProcessEnv = {}): { seconds: number; rssMB: number | null; ok: boolean } {
  const useTime = spawnSync('/usr/bin/time', ['--version'], { encoding: 'utf8' }).status === 0;
  const t0 = performance.now();
  const r = useTime
    ? spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...cmdArgs], { cwd, env: { ...process.env, ...env, ASTRO_TELEMETRY_DISABLED: '1' }, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 })
    : spawnSync(cmd, cmdArgs, { cwd, env: { ...process.env, ...env, ASTRO_TELEMETRY_DISABLED: '1' }, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  const seconds = (performance.now() - t0) / 1000;
  const rss = useTime ? Number((r.stderr.trim().split('\n').pop() ?? '').trim()) : NaN;
  return { seconds, rssMB: Number.isFinite(rss) ? Math.round(rss / 1024) : null, ok: r.status === 0 };
}

async function importThroughput(files: string[]) {
  const bytes = files.reduce((n, f) => n + readFileSync(f).length, 0);
  const messages = files.reduce((n, f) => n + splitMbox(readFileSync(f)).messages.length, 0);
  const ours: number[] = [];
  const bare: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    let t0 = performance.now();
    for (const f of files) await inspectSource(f);
    ours.push((performance.now() - t0) / 1000);
    t0 = performance.now();
    for (const f of files) for (const m of splitMbox(readFileSync(f)).messages) await simpleParser(m.bytes);
    bare.push((performance.now() - t0) / 1000);
  }
  const o = median(ours);
  const b = median(bare);
  return { files: files.length, MB: bytes / 1e6, messages, ours: { seconds: o, MBps: bytes / 1e6 / o, msgps: messages / o }, simpleParser: { seconds: b, MBps: bytes / 1e6 / b, msgps: messages / b }, ratio: b / o };
}

/** A casebook project in a temp folder sharing this project's code and node_modules. */
function project(sources: { name: string; data: Buffer | string }[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'casebook-bench-'));
  for (const f of ['package.json', 'astro.config.mjs', 'tsconfig.json']) cpSync(join(ROOT, f), join(dir, f));
  for (const d of ['src', 'bin', 'public']) cpSync(join(ROOT, d), join(dir, d), { recursive: true });
  spawnSync('ln', ['-s', join(ROOT, 'node_modules'), join(dir, 'node_modules')]);
  mkdirSync(join(dir, 'content', 'sources'), { recursive: true });
  for (const s of sources) writeFileSync(join(dir, 'content', 'sources', s.name), s.data);
  return dir;
}

function endToEnd(dir: string) {
  const node = process.execPath;
  const steps = {
    import: timed(node, [join(dir, 'bin/casebook.mjs'), 'build'], dir),
    site: timed(node, [join(dir, 'node_modules/astro/bin/astro.mjs'), 'build', '--force'], dir),
    search: timed(node, [join(dir, 'node_modules/pagefind/lib/runner/bin.cjs'), '--site', 'dist', '--quiet'], dir),
  };
  const seconds = steps.import.seconds + steps.site.seconds + steps.search.seconds;
  return { seconds, steps };
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
console.log('import throughput (corpus threads)');
console.log(`  ${thr.files} threads, ${thr.messages} messages, ${thr.MB.toFixed(1)} MB`);
console.log(`  casebook      ${thr.ours.MBps.toFixed(2)} MB/s  ${thr.ours.msgps.toFixed(0)} msg/s  (${thr.ours.seconds.toFixed(2)} s)`);
console.log(`  simpleParser  ${thr.simpleParser.MBps.toFixed(2)} MB/s  ${thr.simpleParser.msgps.toFixed(0)} msg/s  (${thr.simpleParser.seconds.toFixed(2)} s)`);
console.log(`  ratio         ${thr.ratio.toFixed(2)}× simpleParser (target ≥ 1.5×)\n`);

const dir = project(files.map((f) => ({ name: f.split('/').pop()!, data: readFileSync(f) })));
const cold = [endToEnd(dir)];
for (let run = 1; run < RUNS; run++) {
  rmSync(join(dir, 'content', 'threads'), { recursive: true, force: true });
  rmSync(join(dir, 'content', 'cases'), { recursive: true, force: true });
  cold.push(endToEnd(dir));
}
const coldMedian = median(cold.map((c) => c.seconds));
const m = mhonarc(files);
// Incremental: one source grows by a line; only it is read again.
const one = join(dir, 'content', 'sources', files[0].split('/').pop()!);
writeFileSync(one, readFileSync(one, 'latin1') + '\n', 'latin1');
const incr = endToEnd(dir);
results.endToEnd = { cold: coldMedian, steps: cold[0].steps, mhonarc: m, mhonarcRatio: m ? coldMedian / m : null, incremental: incr.seconds, incrementalRatio: incr.seconds / coldMedian };
console.log('end to end (corpus casebook: import + site + search index)');
console.log(`  cold          ${coldMedian.toFixed(1)} s  (import ${cold[0].steps.import.seconds.toFixed(1)} s, site ${cold[0].steps.site.seconds.toFixed(1)} s, search ${cold[0].steps.search.seconds.toFixed(1)} s)`);
console.log(`  MHonArc       ${m === null ? 'not installed (apt-get install mhonarc)' : `${m.toFixed(1)} s → ratio ${(coldMedian / m).toFixed(2)}× (target ≤ 1.5×)`}`);
console.log(`  incremental   ${incr.seconds.toFixed(1)} s = ${((incr.seconds / coldMedian) * 100).toFixed(0)} % of cold (target < 25 %)\n`);
rmSync(dir, { recursive: true, force: true });

const scaled: Record<string, unknown> = {};
for (const n of SCALES) {
  const d = project(replicate(files, n));
  const r = endToEnd(d);
  scaled[n] = { seconds: r.seconds, perCase: r.seconds / n, steps: r.steps };
  console.log(`${n} cases: ${r.seconds.toFixed(0)} s cold, ${((r.seconds / n) * 1000).toFixed(0)} ms per case; peak RSS import ${r.steps.import.rssMB} MB, site ${r.steps.site.rssMB} MB, search ${r.steps.search.rssMB} MB`);
  rmSync(d, { recursive: true, force: true });
}
results.scaled = scaled;
mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
writeFileSync(join(ROOT, 'bench', 'results', 'latest.json'), JSON.stringify(results, null, 2) + '\n');
console.log(`\nwritten: bench/results/latest.json`);
