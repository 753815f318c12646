// Measures crash titling against syzbot's own test data: for every report in
// ../shared/corpus/syzkaller/pkg/report/testdata/linux/report/ (header `TITLE:`/`ALT:`/`CORRUPTED:` …, a
// blank line, the console log, maybe a `REPORT:` section), is our first report's title the one syzbot
// gives (or one of its ALTs), and is it at least of the same family (title-family.ts: KASAN, KMSAN,
// UBSAN, WARNING, lockdep, task hung, rcu stall, unable to handle kernel, general protection fault,
// kernel BUG, soft lockup, memory leak, panic, …; other titles by their words before " in ")? Then, on
// …/linux/guilty/, how often our guilty frame names a source file and whether it is the `FILE:` syzbot
// blames (syzbot picks that file from all the report's files, not from one frame; see the note printed).
// A measurement: it prints a table and always exits 0.
//
//   npm run eval:titles [-- --verbose]
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { findCrashReports } from '../src/analysis/symptoms/index.ts';
import { titleFamily } from '../src/analysis/symptoms/title-family.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const TESTDATA = `${ROOT}../shared/corpus/syzkaller/pkg/report/testdata/linux/`;

interface Case {
  name: string;
  /** null: the log holds no crash. */
  title: string | null;
  alts: string[];
  corrupted: boolean;
  file: string | null;
  log: string;
}

/** Header lines up to the first blank line; the log after it, up to a `REPORT:` section if any. */
function parseCase(name: string, content: string): Case {
  const text = content.replaceAll('\r\n', '\n');
  const blank = text.indexOf('\n\n');
  const head = blank < 0 ? text : text.slice(0, blank);
  let log = blank < 0 ? '' : text.slice(blank + 2);
  const reportAt = log.indexOf('\nREPORT:\n');
  if (reportAt >= 0) log = log.slice(0, reportAt + 1);
  const c: Case = { name, title: null, alts: [], corrupted: false, file: null, log };
  for (const line of head.split('\n')) {
    const m = /^([A-Z]+): ?(.*)$/.exec(line);
    if (!m) continue;
    if (m[1] === 'TITLE') c.title = m[2].trim() === '' ? null : m[2];
    else if (m[1] === 'ALT') c.alts.push(m[2]);
    else if (m[1] === 'CORRUPTED') c.corrupted = m[2].trim() === 'Y';
    else if (m[1] === 'FILE') c.file = m[2].trim();
  }
  return c;
}

function readCases(dir: string): Case[] {
  return readdirSync(dir)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .map((name) => parseCase(name, readFileSync(dir + name, 'latin1')));
}

export interface TitleScore {
  files: number;
  /** Files with a title expected (the rest expect "no crash"). */
  expected: number;
  exact: number;
  sameFamily: number;
  /** No title where one was expected. */
  missing: number;
  /** A title where none was expected. */
  spurious: number;
  mismatches: string[];
}

function scoreTitles(cases: Case[]): TitleScore {
  const score: TitleScore = { files: cases.length, expected: 0, exact: 0, sameFamily: 0, missing: 0, spurious: 0, mismatches: [] };
  for (const c of cases) {
    const got = findCrashReports(c.log)[0]?.title ?? null;
    if (c.title === null) {
      // No crash in this log: agreement means finding none.
      if (got === null) {
        score.exact++;
        score.sameFamily++;
      } else {
        score.spurious++;
        score.mismatches.push(`${c.name}: expected no report, got ${JSON.stringify(got)}`);
      }
      continue;
    }
    score.expected++;
    if (got === null) {
      score.missing++;
      score.mismatches.push(`${c.name}: expected ${JSON.stringify(c.title)}, got nothing`);
      continue;
    }
    const family = titleFamily(got) === titleFamily(c.title);
    if (family) score.sameFamily++;
    if (got === c.title || c.alts.includes(got)) score.exact++;
    else score.mismatches.push(`${c.name}: expected ${JSON.stringify(c.title)}, got ${JSON.stringify(got)}${family ? '' : ' (another family)'}`);
  }
  return score;
}

export interface GuiltyScore {
  files: number;
  /** Our guilty frame shows a source file. */
  derivable: number;
  /** …and it is syzbot's guilty file. */
  agree: number;
  mismatches: string[];
}

function scoreGuilty(cases: Case[]): GuiltyScore {
  const score: GuiltyScore = { files: cases.length, derivable: 0, agree: 0, mismatches: [] };
  for (const c of cases) {
    const frame = findCrashReports(c.log)[0]?.guiltyFrame ?? null;
    const file = frame ? (/([\w./-]+\.[ch]):\d+/.exec(frame)?.[1] ?? null) : null;
    if (file) score.derivable++;
    if (file === c.file) score.agree++;
    else score.mismatches.push(`guilty/${c.name}: expected ${c.file}, got ${file ?? 'no file'} (frame ${JSON.stringify(frame)})`);
  }
  return score;
}

export interface Measurement {
  /** Files not marked CORRUPTED: the figure that counts. */
  titles: TitleScore;
  /** Files marked CORRUPTED, for reference. */
  corrupted: TitleScore;
  guilty: GuiltyScore;
}

export function measureTitles(testdata = TESTDATA): Measurement {
  const reports = readCases(`${testdata}report/`);
  return {
    titles: scoreTitles(reports.filter((c) => !c.corrupted)),
    corrupted: scoreTitles(reports.filter((c) => c.corrupted)),
    guilty: scoreGuilty(readCases(`${testdata}guilty/`).filter((c) => c.file)),
  };
}

export const percent = (n: number, d: number) => (d === 0 ? '—' : `${((100 * n) / d).toFixed(1)} %`);

function main(verbose: boolean) {
  if (!existsSync(TESTDATA)) {
    console.log(`eval:titles: ${TESTDATA} is absent; nothing to measure.`);
    return;
  }
  const { titles: t, corrupted: k, guilty: g } = measureTitles();
  const rows: [string, string][] = [
    ['report files evaluated (not CORRUPTED)', String(t.files)],
    ['  exact title (TITLE or an ALT; none when none)', `${percent(t.exact, t.files)}  (${t.exact})`],
    ['  same family of title', `${percent(t.sameFamily, t.files)}  (${t.sameFamily})`],
    ['  no title where one was expected', `${t.missing} of ${t.expected}`],
    ['  a title where none was expected', `${t.spurious} of ${t.files - t.expected}`],
    ['CORRUPTED report files (not counted above)', String(k.files)],
    ['  exact title', `${percent(k.exact, k.files)}  (${k.exact})`],
    ['  same family of title', `${percent(k.sameFamily, k.files)}  (${k.sameFamily})`],
    ['guilty files (FILE: given)', String(g.files)],
    ['  our guilty frame names a source file', `${percent(g.derivable, g.files)}  (${g.derivable})`],
    ["  …and it is syzbot's FILE", `${percent(g.agree, g.files)}  (${g.agree})`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [label, value] of rows) console.log(`${label.padEnd(width)}  ${value}`);
  console.log(
    '\nNote: syzbot blames the first source file of the whole report that is not generic (headers, lib/, mm/,\n' +
      'kernel/locking …); we only have the file of the one guilty frame, when the log is symbolized.',
  );
  if (verbose) {
    console.log('\nMismatches (expected vs got):');
    for (const m of t.mismatches) console.log(`  ${m}`);
    for (const m of k.mismatches) console.log(`  CORRUPTED ${m}`);
    for (const m of g.mismatches) console.log(`  ${m}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.includes('--verbose'));
