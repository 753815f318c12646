// `node bench/cli.ts [--runs 7]`: how long the `casebook` command takes to start and to do the small jobs of
// `npm run build`, on a casebook of the corpus threads (a copy of the project in a temporary folder):
//   --help, --version                     start-up: what a command loads before it runs
//   cold build                            every source imported (content/threads, content/cases and .cache deleted)
//   cold build, CASEBOOK_WORKERS=1        the same on the main thread only
//   first no-change build                 the build right after a cold one
//   no-change build                       nothing to import, everything known from the stat cache
//   check                                 every case checked against its thread
// Each figure is the median of --runs runs, wall time and CPU time (user + system, all threads), the
// measures interleaved so that a shared machine's load falls on all of them alike. Written to
// bench/results/cli.json.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { arg, corpusThreads, ROOT } from './common.ts';

const RUNS = Number(arg('runs', '7'));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** A copy of the project whose content/sources holds the corpus threads. */
function project(files: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'casebook-bench-cli-'));
  for (const f of ['package.json', 'package-lock.json', 'astro.config.mjs', 'tsconfig.json']) cpSync(join(ROOT, f), join(dir, f));
  for (const d of ['src', 'bin', 'public', 'scripts']) cpSync(join(ROOT, d), join(dir, d), { recursive: true });
  spawnSync('ln', ['-s', join(ROOT, 'node_modules'), join(dir, 'node_modules')]);
  mkdirSync(join(dir, 'content', 'sources'), { recursive: true });
  for (const f of files) cpSync(f, join(dir, 'content', 'sources', basename(f)));
  return dir;
}

/** Wall and CPU seconds of `casebook <args>` in `dir`, CPU from GNU time (user + system) when available. */
function run(dir: string, args: string[], env: NodeJS.ProcessEnv = {}): { wall: number; cpu: number | null } {
  const cmd = [process.execPath, join(dir, 'bin/casebook.mjs'), ...args];
  const useTime = spawnSync('/usr/bin/time', ['--version'], { encoding: 'utf8' }).status === 0;
  const t0 = performance.now();
  const r = useTime
    ? spawnSync('/usr/bin/time', ['-f', '%U %S', ...cmd], { cwd: dir, env: { ...process.env, ...env }, encoding: 'utf8' })
    : spawnSync(cmd[0]!, cmd.slice(1), { cwd: dir, env: { ...process.env, ...env }, encoding: 'utf8' });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0 && !(args[0] === 'check' && r.status === 1)) throw new Error(`casebook ${args.join(' ')} failed in ${dir}:\n${r.stderr}`);
  const [user, sys] = useTime ? (r.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number) : [NaN, NaN];
  return { wall, cpu: Number.isFinite(user! + sys!) ? user! + sys! : null };
}

function cold(dir: string): void {
  for (const d of ['content/threads', 'content/cases', '.cache']) rmSync(join(dir, d), { recursive: true, force: true });
}

const files = corpusThreads();
const dir = project(files);
const measures: Record<string, () => { wall: number; cpu: number | null }> = {
  '--help': () => run(dir, ['--help']),
  '--version': () => run(dir, ['--version']),
  'cold build, CASEBOOK_WORKERS=1': () => {
    cold(dir);
    return run(dir, ['build', '--import-only'], { CASEBOOK_WORKERS: '1' });
  },
  'cold build': () => {
    cold(dir);
    return run(dir, ['build', '--import-only']);
  },
  'first no-change build': () => run(dir, ['build', '--import-only']),
  'no-change build': () => run(dir, ['build', '--import-only']),
  check: () => run(dir, ['check']),
};
const samples = new Map(Object.keys(measures).map((k) => [k, [] as { wall: number; cpu: number | null }[]]));
try {
  for (const measure of Object.values(measures)) measure(); // one warm-up round: the OS file cache, the first cold build
  for (let i = 0; i < RUNS; i++) for (const [name, measure] of Object.entries(measures)) samples.get(name)!.push(measure());
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const results: Record<string, unknown> = {
  machine: { cores: availableParallelism(), cpu: cpus()[0]?.model ?? 'unknown', node: process.version, loadavg: (await import('node:os')).loadavg() },
  runs: RUNS,
  threads: files.length,
  figures: {} as Record<string, { wall: number; cpu: number | null }>,
};
console.log(`casebook command, ${files.length} corpus threads; ${availableParallelism()} cores, Node ${process.version}; median of ${RUNS} runs\n`);
for (const [name, xs] of samples) {
  const wall = median(xs.map((x) => x.wall));
  const cpus = xs.map((x) => x.cpu).filter((x): x is number => x !== null);
  const cpu = cpus.length ? median(cpus) : null;
  (results.figures as Record<string, unknown>)[name] = { wall, cpu };
  console.log(`  ${name.padEnd(32)} ${wall.toFixed(2)} s${cpu !== null ? `   CPU ${cpu.toFixed(2)} s` : ''}`);
}
mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
writeFileSync(join(ROOT, 'bench', 'results', 'cli.json'), `${JSON.stringify(results, null, 2)}\n`);
