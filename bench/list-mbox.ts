// `npx node bench/list-mbox.ts [--threads 500] [--keep]`: a list mbox of many threads against the same threads one
// file each. The corpus threads are replicated with fresh Message-IDs and subjects (as bench/run.ts does) and
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

/** Copy `i` of a corpus thread: every Message-ID renamed, the subject marked, so it is a thread of its own. */
function copyThread(file: string, i: number): string {
  return readFileSync(file, 'latin1')
    .replace(/^(Message-ID|In-Reply-To|References):(.*)$/gim, (_m, h, v) => `${h}:${String(v).replace(/<([^>]+)>/g, `<c${i}.$1>`)}`)
    .replace(/^Subject:(.*)$/gim, (_m, v) => `Subject:${v} [case ${i}]`)
    .replace(/\n*$/, '\n');
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
const copies = Array.from({ length: THREADS }, (_, i) => copyThread(files[i % files.length], i));
const listDir = project();
const filesDir = project();
const bugsDir = project();
try {
  const list = join(listDir, 'content', 'sources', 'list.mbox');
  writeFileSync(list, copies.join('\n'), 'latin1');
  for (const [i, text] of copies.entries()) writeFileSync(join(filesDir, 'content', 'sources', `thread-${String(i).padStart(5, '0')}.mbox`), text, 'latin1');
  const MB = Buffer.byteLength(copies.join('\n'), 'latin1') / 1e6;
  console.log(`list mbox: ${THREADS} threads (copies of ${files.length} corpus threads), ${MB.toFixed(1)} MB`);
  const one = timedCli(listDir, ['build']);
  const each = timedCli(filesDir, ['build']);
  const bugs = timedCli(bugsDir, ['import', '--bugs-only', list]);
  const perThread = (r: { seconds: number; cases: number }) => (r.cases ? (r.seconds / r.cases) * 1000 : NaN);
  console.log(
    `  one list mbox   ${one.seconds.toFixed(1)} s → ${one.cases} cases, ${perThread(one).toFixed(1)} ms per thread, peak RSS ${one.rssMB ?? '?'} MB`,
  );
  console.log(
    `  one file each   ${each.seconds.toFixed(1)} s → ${each.cases} cases, ${perThread(each).toFixed(1)} ms per thread, peak RSS ${each.rssMB ?? '?'} MB`,
  );
  console.log(`  ratio           ${(perThread(one) / perThread(each)).toFixed(2)}× the per-thread cost of one file each (target ≤ 1.0×)`);
  console.log(`  --bugs-only     ${bugs.seconds.toFixed(1)} s → ${bugs.cases} of ${one.cases} threads kept as bug hunts`);
  const out = { threads: THREADS, MB, list: one, files: each, bugsOnly: bugs, ratio: perThread(one) / perThread(each) };
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench', 'results', 'list-mbox.json'), `${JSON.stringify(out, null, 2)}\n`);
  console.log('  written to bench/results/list-mbox.json');
} finally {
  if (flag('keep')) console.log(`  kept ${listDir}, ${filesDir}, ${bugsDir}`);
  else for (const d of [listDir, filesDir, bugsDir]) rmSync(d, { recursive: true, force: true });
}
