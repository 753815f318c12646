// `npx node bench/list-mbox.ts [--threads 500] [--runs 3] [--keep]`: a list mbox of many threads against the same threads one
// file each. The corpus bug threads, and one thread in five from patchwork's feature series (not bug hunts), are
// replicated with fresh Message-IDs and subjects (as bench/run.ts does) and
// written twice: concatenated into one list mbox, and as one mbox per thread. Each is imported by `casebook
// build` in a casebook of its own, in a child process under GNU time; then `casebook import --bugs-only` takes
// the bug hunts out of the list. Prints seconds, cases and peak RSS, and the per-thread cost of the list against
// the files; writes bench/results/list-mbox.json.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { arg, corpusThreads, flag, ROOT } from './common.ts';

const THREADS = Number(arg('threads', '500'));
const RUNS = Number(arg('runs', '3'));

/** Copy `i` of a corpus thread: every Message-ID renamed, the subject marked, so it is a thread of its own. */
function copyThread(file: string, i: number): string {
  return (
    readFileSync(file, 'latin1')
      // A folded References header goes on in lines that start with white space: those ids are renamed too, or every
      // copy would share them and join the others into one conversation.
      .replace(/^(Message-ID|In-Reply-To|References):([^\n]*(?:\n[ \t][^\n]*)*)/gim, (_m, h, v) => `${h}:${String(v).replace(/<([^>]+)>/g, `<c${i}.$1>`)}`)
      .replace(/^Subject:(.*)$/gim, (_m, v) => `Subject:${v} [case ${i}]`)
      .replace(/\n*$/, '\n')
  );
}

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'casebook-list-project-'));
  for (const f of ['package.json', 'package-lock.json', 'astro.config.mjs', 'tsconfig.json']) cpSync(join(ROOT, f), join(dir, f));
  for (const d of ['src', 'bin', 'public', 'scripts']) cpSync(join(ROOT, d), join(dir, d), { recursive: true });
  spawnSync('ln', ['-s', join(ROOT, 'node_modules'), join(dir, 'node_modules')]);
  mkdirSync(join(dir, 'content', 'sources'), { recursive: true });
  return dir;
}

function timedCli(dir: string, cliArgs: string[]): { seconds: number; rssMB: number | null; status: number | null; cases: number } {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, join(dir, 'bin/casebook.mjs'), ...cliArgs], {
    cwd: dir,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = (performance.now() - t0) / 1000;
  const rss = Number((r.stderr.trim().split('\n').pop() ?? '').trim());
  const casesDir = join(dir, 'content', 'cases');
  const cases = existsSync(casesDir) ? readdirSync(casesDir).filter((n) => n.endsWith('.md')).length : 0;
  if (r.status !== 0) console.error(r.stderr.split('\n').slice(-5).join('\n'));
  return { seconds, rssMB: Number.isFinite(rss) ? Math.round(rss / 1024) : null, status: r.status, cases };
}

const files = corpusThreads();
/** Threads that are not bug hunts (patchwork's test series: feature patches), one in five of the list. */
const SERIES = join(ROOT, '../shared/corpus/patchwork/patchwork/tests/data/series');
const features = ['base-cover-letter.mbox', 'base-single-patch.mbox', 'base-deep-threaded.mbox', 'mercurial-cover-letter.mbox'].map((f) => join(SERIES, f));
const copies = Array.from({ length: THREADS }, (_, i) => copyThread(i % 5 === 4 ? features[((i / 5) % features.length) | 0] : files[i % files.length], i));
const featureCount = copies.filter((_, i) => i % 5 === 4).length;
const listDir = project();
const filesDir = project();
const bugsDir = project();
try {
  const list = join(listDir, 'content', 'sources', 'list.mbox');
  writeFileSync(list, copies.join('\n'), 'latin1');
  for (const [i, text] of copies.entries()) writeFileSync(join(filesDir, 'content', 'sources', `thread-${String(i).padStart(5, '0')}.mbox`), text, 'latin1');
  const MB = Buffer.byteLength(copies.join('\n'), 'latin1') / 1e6;
  console.log(
    `list mbox: ${THREADS} threads (${THREADS - featureCount} copies of ${files.length} corpus bug threads, ${featureCount} of patchwork's feature series), ${MB.toFixed(1)} MB`,
  );
  // Cold builds, alternating, the median of RUNS each: the two compete for the same two cores with whatever else runs.
  const runs: { one: ReturnType<typeof timedCli>; each: ReturnType<typeof timedCli> }[] = [];
  for (let r = 0; r < RUNS; r++) {
    for (const d of [listDir, filesDir]) for (const sub of ['threads', 'cases']) rmSync(join(d, 'content', sub), { recursive: true, force: true });
    for (const d of [listDir, filesDir]) rmSync(join(d, '.cache'), { recursive: true, force: true });
    runs.push({ one: timedCli(listDir, ['build']), each: timedCli(filesDir, ['build']) });
  }
  const median = <T extends { seconds: number }>(xs: T[]) => [...xs].sort((a, b) => a.seconds - b.seconds)[Math.floor(xs.length / 2)];
  const one = median(runs.map((r) => r.one));
  const each = median(runs.map((r) => r.each));
  const bugs = timedCli(bugsDir, ['import', '--bugs-only', list]);
  const perThread = (r: { seconds: number; cases: number }) => (r.cases ? (r.seconds / r.cases) * 1000 : NaN);
  console.log(
    `  one list mbox   ${one.seconds.toFixed(1)} s → ${one.cases} cases, ${perThread(one).toFixed(1)} ms per thread, peak RSS ${one.rssMB ?? '?'} MB`,
  );
  console.log(
    `  one file each   ${each.seconds.toFixed(1)} s → ${each.cases} cases, ${perThread(each).toFixed(1)} ms per thread, peak RSS ${each.rssMB ?? '?'} MB`,
  );
  console.log(`  ratio           ${(perThread(one) / perThread(each)).toFixed(2)}× the per-thread cost of one file each (target ≤ 1.0×)`);
  console.log(`  --bugs-only     ${bugs.seconds.toFixed(1)} s → ${bugs.cases} of ${one.cases} threads kept as bug hunts (${THREADS - featureCount} are)`);
  const out = { threads: THREADS, MB, list: one, files: each, bugsOnly: bugs, ratio: perThread(one) / perThread(each) };
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench', 'results', 'list-mbox.json'), `${JSON.stringify(out, null, 2)}\n`);
  console.log('  written to bench/results/list-mbox.json');
} finally {
  if (flag('keep')) console.log(`  kept ${listDir}, ${filesDir}, ${bugsDir}`);
  else for (const d of [listDir, filesDir, bugsDir]) rmSync(d, { recursive: true, force: true });
}
