import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { arg, casebookProject, corpusThreads, flag, ROOT, timedCli } from './common.ts';

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

/** `casebook …` in a project, timed, and how many cases its content holds afterwards. */
function timedRun(dir: string, cliArgs: string[]): ReturnType<typeof timedCli> & { cases: number } {
  const r = timedCli(dir, cliArgs);
  if (r.status !== 0) console.error(r.stderr);
  const casesDir = join(dir, 'content', 'cases');
  return { ...r, cases: existsSync(casesDir) ? readdirSync(casesDir).filter((n) => n.endsWith('.md')).length : 0 };
}

const files = corpusThreads();
/** Threads that are not bug hunts (patchwork's test series: feature patches), one in five of the list. */
const SERIES = join(ROOT, '../shared/corpus/patchwork/patchwork/tests/data/series');
const features = ['base-cover-letter.mbox', 'base-single-patch.mbox', 'base-deep-threaded.mbox', 'mercurial-cover-letter.mbox'].map((f) => join(SERIES, f));
const copies = Array.from({ length: THREADS }, (_, i) => copyThread(i % 5 === 4 ? features[((i / 5) % features.length) | 0] : files[i % files.length], i));
const featureCount = copies.filter((_, i) => i % 5 === 4).length;
const listDir = casebookProject('casebook-list-project-');
const filesDir = casebookProject('casebook-list-project-');
const bugsDir = casebookProject('casebook-list-project-');
try {
  const list = join(listDir, 'content', 'sources', 'list.mbox');
  writeFileSync(list, copies.join('\n'), 'latin1');
  for (const [i, text] of copies.entries()) writeFileSync(join(filesDir, 'content', 'sources', `thread-${String(i).padStart(5, '0')}.mbox`), text, 'latin1');
  const MB = Buffer.byteLength(copies.join('\n'), 'latin1') / 1e6;
  console.log(
    `list mbox: ${THREADS} threads (${THREADS - featureCount} copies of ${files.length} corpus bug threads, ${featureCount} of patchwork's feature series), ${MB.toFixed(1)} MB`,
  );
  // Cold builds, alternating, the median of RUNS each: the two compete for the same two cores with whatever else runs.
  const runs: { one: ReturnType<typeof timedRun>; each: ReturnType<typeof timedRun> }[] = [];
  for (let r = 0; r < RUNS; r++) {
    for (const d of [listDir, filesDir]) for (const sub of ['threads', 'cases']) rmSync(join(d, 'content', sub), { recursive: true, force: true });
    for (const d of [listDir, filesDir]) rmSync(join(d, '.cache'), { recursive: true, force: true });
    runs.push({ one: timedRun(listDir, ['build']), each: timedRun(filesDir, ['build']) });
  }
  const median = <T extends { seconds: number }>(xs: T[]) => [...xs].sort((a, b) => a.seconds - b.seconds)[Math.floor(xs.length / 2)];
  const one = median(runs.map((r) => r.one));
  const each = median(runs.map((r) => r.each));
  const bugs = timedRun(bugsDir, ['import', '--bugs-only', list]);
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
