// The long fuzz run: every corpus and seed file as it is, the generated worst cases at full size (a
// 10,000-message reply chain, a 100,000-message mbox, gzip bombs past 1 GB, 5,000 attachments, …), then seeded
// mutations of the corpus until the budget is spent. Each input runs in a child process against a wall-clock
// budget (2 s for files and mutations, 20 s for worst cases). Prints a table and the failures; failing inputs
// are kept in test-output/fuzz/. Exits 1 on any crash, hang, or rejection that does not name its file.
//
//   npm run fuzz [-- --budget SECONDS] [--seed N] [--only K]
//
//   --budget  seconds spent on mutations after the fixed inputs (default 300)
//   --seed    the mutation seed (default 1); a failure is found again with the same seed
//   --only K  run only mutation K of the seed (to replay a failure), and keep it
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LONG_RUN } from '../test/hardening/fuzz-mutate.ts';
import { corpusInputs, FULL_SIZE, listFiles, mutationInput, mutationInputs, worstCases } from '../test/hardening/fuzz-plan.ts';
import { describeFailure, failures, runInputs, summarize, type Result } from '../test/hardening/fuzz-run.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SHARED = join(ROOT, '..', 'shared');
const KEEP = join(ROOT, 'test-output', 'fuzz');

function parseArgs(argv: string[]): { budget: number; seed: number; only: number | null } {
  const out = { budget: 300, seed: 1, only: null as number | null };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    const n = Number(value);
    if ((flag === '--budget' || flag === '--seed' || flag === '--only') && value !== undefined && Number.isInteger(n) && n >= 0) {
      if (flag === '--budget') out.budget = n;
      else if (flag === '--seed') out.seed = n;
      else out.only = n;
      i++;
      continue;
    }
    console.error(
      `Unknown or incomplete option \`${flag}${value !== undefined ? ` ${value}` : ''}\`.\nUsage: npm run fuzz [-- --budget SECONDS] [--seed N] [--only K]`,
    );
    process.exit(2);
  }
  return out;
}

const args = parseArgs(process.argv.slice(2));
if (!existsSync(join(SHARED, 'corpus'))) {
  console.error(`No corpus at ${join(SHARED, 'corpus')}: the fuzzer mutates the shared test data.\nPut ../shared beside the project (CI has it there).`);
  process.exit(2);
}
const files = listFiles([join(SHARED, 'corpus'), join(SHARED, 'seeds')]);
const work = mkdtempSync(join(tmpdir(), 'casebook-fuzz-'));
const t0 = performance.now();
const all: Result[] = [];
let shown = 0;
const progress = (r: Result) => {
  all.push(r);
  if (r.kind === 'crash' || r.kind === 'hang' || r.clear === false) console.log(`${r.kind}: ${r.input.label}`);
  if (process.stderr.isTTY && ++shown % 50 === 0) process.stderr.write(`\r${shown} inputs, ${Math.round((performance.now() - t0) / 1000)} s `);
};
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

try {
  if (args.only !== null) {
    await runInputs([mutationInput(args.seed, args.only, files, SHARED, LONG_RUN)], { concurrency: 1, workDir: work, keepDir: KEEP, onResult: progress });
    const r = all[0]!;
    console.log(`${r.input.label}: ${r.kind} in ${Math.round(r.ms)} ms — ${r.detail.split('\n')[0]}`);
  } else {
    const phases: { name: string; results: Result[]; ms: number }[] = [];
    const phase = async (name: string, run: () => Promise<Result[]>) => {
      const start = performance.now();
      phases.push({ name, results: await run(), ms: performance.now() - start });
    };
    await phase('corpus and seeds as-is', () => runInputs(corpusInputs(files, SHARED), { concurrency: 2, workDir: work, keepDir: KEEP, onResult: progress }));
    // One at a time, so each worst case has the machine to itself and its peak memory is its own.
    await phase('generated worst cases', () =>
      runInputs(worstCases(args.seed, FULL_SIZE), { concurrency: 1, workDir: work, keepDir: KEEP, onResult: progress }),
    );
    await phase(`mutations (seed ${args.seed}, ${args.budget} s)`, () =>
      runInputs(mutationInputs(args.seed, files, SHARED, LONG_RUN), {
        concurrency: 2,
        workDir: work,
        keepDir: KEEP,
        deadline: performance.now() + args.budget * 1000,
        onResult: progress,
      }),
    );
    if (process.stderr.isTTY) process.stderr.write('\n');

    console.log(`\ncasebook fuzz — seed ${args.seed}, mutation budget ${args.budget} s, ${files.length} corpus and seed files\n`);
    const head = ['phase', 'inputs', 'threads', 'crashes', 'hangs', 'rejections', 'unclear', 'warnings', 'peak RSS', 'slowest', 'time'];
    const rows = phases.map(({ name, results, ms }) => {
      const s = summarize(results);
      return [
        name,
        s.tried,
        s.threads,
        s.crashes,
        s.hangs,
        s.rejections,
        s.unclearRejections,
        s.warnings,
        `${s.peakRssMb} MB`,
        s.slowest ? seconds(s.slowest.ms) : '-',
        seconds(ms),
      ].map(String);
    });
    const total = summarize(all);
    rows.push(
      [
        'total',
        total.tried,
        total.threads,
        total.crashes,
        total.hangs,
        total.rejections,
        total.unclearRejections,
        total.warnings,
        `${total.peakRssMb} MB`,
        total.slowest ? seconds(total.slowest.ms) : '-',
        seconds(performance.now() - t0),
      ].map(String),
    );
    const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
    const line = (cells: string[]) => cells.map((v, c) => (c === 0 ? v.padEnd(widths[c]!) : v.padStart(widths[c]!))).join('  ');
    console.log(line(head));
    for (const r of rows) console.log(line(r));
    const worst = phases[1]!.results;
    console.log('\nworst cases (each in its own process):');
    for (const r of worst)
      console.log(
        `  ${r.kind.padEnd(8)} ${seconds(r.ms).padStart(7)} ${`${Math.round(r.rssKb / 1024)} MB`.padStart(8)}  ${r.input.label} — ${r.detail.split('\n')[0]!.slice(0, 140)}`,
      );
    if (total.slowest) console.log(`\nslowest input: ${total.slowest.input.label} (${seconds(total.slowest.ms)})`);
  }
  const bad = failures(all);
  if (bad.length > 0) {
    console.log(`\n${bad.length} failure(s) (seed ${args.seed}); inputs kept in ${KEEP}:`);
    for (const r of bad) console.log(describeFailure(r));
    process.exitCode = 1;
  } else {
    console.log(`\nno crash, no hang, every rejection names its file (seed ${args.seed}).`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
