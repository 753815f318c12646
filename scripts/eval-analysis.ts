// Scores the analysis against careful readings of real bug threads: ../shared/corpus/judged/ (32 threads, each
// read message by message; see its README), the five older readings in test/fixtures/analysis/, the second
// readings (15 ext4 and kasan-dev threads of ../shared/corpus), the fresh readings (15 linux-usb, linux-btrfs
// and linux-wireless threads with their mbox files), the holdout readings (linux-scsi, linux-pci) and the
// second and third holdouts (linux-nvme and linux-mm; kvmarm and linux-f2fs-devel). For
// each thread: does the main symptom, the fix, the status and the culprit agree with the reading; which of the
// key events the reader must see are in the timeline, with the right kind; and does any off-topic message show
// in it. A row per thread with what differs, then the totals per set. A set is held out until its first
// measurement (which the README gives) and development data after it: figures on development data are better
// than on unseen threads.
//
//   npm run eval:analysis [-- --json] [-- --verbose] [-- --only NAME] [-- --without-fresh] [-- --without-holdout]
//                         [-- --without-holdout2] [-- --without-holdout3]
//
// --without-fresh and --without-holdout[2|3] leave those readings out (while a set is held out, its rows are
// not looked at).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { inspectSource, type AnalyzedThread } from '../src/casebook.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const JUDGED = `${ROOT}../shared/corpus/judged/`;
const FIXTURES = `${ROOT}test/fixtures/analysis/`;
/**
 * Readings of 15 ext4 and kasan-dev threads in ../shared/corpus, made by readers who never saw the analysis's
 * output. First measured before any rule looked at them; the rules were improved on them afterwards.
 */
const SECOND = `${ROOT}test/fixtures/analysis-second/`;
const CORPUS = `${ROOT}../shared/corpus/`;
/**
 * 15 linux-usb, linux-btrfs and linux-wireless threads (threads/, with SOURCES.md) and their readings (readings/),
 * collected and read after the rules were written; held out until their first measurement (commit 461a99f:
 * symptom 53 %, fix 73 %, status 80 %), development data since.
 */
const FRESH = `${ROOT}test/fixtures/analysis-fresh/`;
/**
 * 10 linux-scsi and linux-pci threads read the same way, collected after the fresh set had become development
 * data: held out until their first measurement (symptom 40 %, fix 40 %, status 60 %; the README gives all of it),
 * development data since.
 */
const HOLDOUT = `${ROOT}test/fixtures/analysis-holdout/`;
/**
 * 10 linux-nvme and linux-mm threads (the mm ones as archived on the cgroups list) read the same way, collected
 * after the holdout set had become development data: held out until their first measurement (symptom 50 %,
 * fix 60 %, status 70 %, the same with the code from before the holdout set's rules), development data since.
 */
const HOLDOUT2 = `${ROOT}test/fixtures/analysis-holdout2/`;
/**
 * 10 kvm (the kvmarm list) and linux-f2fs-devel threads read the same way, collected after the second holdout had
 * become development data: held out until their first measurement (symptom 70 %, fix 80 %, status 80 %, the same
 * with the code from before either holdout's rules), development data since.
 */
const HOLDOUT3 = `${ROOT}test/fixtures/analysis-holdout3/`;

/** A reading in ../shared/corpus/judged/readings/ (fields this scorer reads). */
export interface Reading {
  file: string;
  symptom: { title: string; kind: string; function: string | null; kernelVersion?: string | null } | null;
  fix: { author: string | null; subject: string | null; files: string[]; messageId: string | null; namedCommit: string | null } | null;
  status: string;
  culprit: { commit: string | null; subject: string | null; source?: string } | null;
  keyEvents: { messageId: string; type: string; why?: string }[];
  offTopic: string[];
  confidence?: string;
}

/** One of the older readings in test/fixtures/analysis/<name>/expected.json, scored on what it states. */
interface FixtureReading {
  source: string;
  symptom: { titleContains: string; kind: string; function: string | string[] | null };
  fix: { present: boolean; author: string | null; subjectContains: string | null; files: string[] };
  culpritCommit: string | null;
  status: string;
}

export interface ThreadScore {
  name: string;
  /** Each fact: true agrees, false differs, null not stated by the reading. */
  symptom: boolean | null;
  fix: boolean | null;
  status: boolean | null;
  culprit: boolean | null;
  keyEvents: { judged: number; found: number; kindRight: number } | null;
  /** Our timeline events that are messages the reading calls off-topic. */
  offTopicShown: number;
  /** What differs, one line each. */
  diffs: string[];
  /** The reading's own confidence: a disagreement with a `low` reading is soft. */
  confidence: string | null;
}

export interface Totals {
  threads: number;
  symptom: number;
  fix: number;
  status: number;
  culprit: number;
  keyEventRecall: number;
  eventKinds: number;
  offTopicShown: number;
}

// ---- comparisons -------------------------------------------------------------------------------------------

/** Our kinds that a reading names otherwise: its kinds have no separate panic or rcu stall. */
const KIND_AS_READ: Record<string, string> = { 'rcu-stall': 'hang' };

function sameKind(ours: string | undefined, judged: string): boolean {
  return !!ours && (ours === judged || KIND_AS_READ[ours] === judged);
}

/** A title or subject without `[PATCH v3 2/5]`, `Re:`, case and punctuation runs. */
export function normSubject(s: string | null | undefined): string {
  return (s ?? '')
    .replace(/^\s*(?:(?:re|fwd?|aw)\s*:\s*|\[[^\]]*\]\s*)+/gi, '')
    .replace(/^(?:untitled inline diff:.*)$/i, '')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, ' ')
    .trim();
}

function sameCommit(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b || !/^[0-9a-f]{7,40}$/i.test(a) || !/^[0-9a-f]{7,40}$/i.test(b)) return false;
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  return x.startsWith(y) || y.startsWith(x);
}

function sameSubject(a: string | null | undefined, b: string | null | undefined): boolean {
  // A reading's subject may end in a remark of its own: "(only linked by lore URL in thread)".
  const [x, y] = [normSubject(a), normSubject(b?.replace(/\s*\([^()]*\)\s*$/, ''))];
  return x.length >= 8 && y.length >= 8 && (x === y || x.includes(y) || y.includes(x));
}

/** "David Hildenbrand <david@redhat.com>" against our author name (and the message's address). */
function samePerson(judged: string | null, name: string | null | undefined, email: string | null | undefined): boolean {
  if (!judged) return true;
  const addr = /<([^>]+)>/.exec(judged)?.[1]?.toLowerCase() ?? null;
  const plain = judged
    .replace(/<[^>]*>/, '')
    .replace(/["']/g, '')
    .trim()
    .toLowerCase();
  if (addr && email && addr === email.toLowerCase()) return true;
  return !!name && plain.length > 0 && name.replace(/["']/g, '').trim().toLowerCase() === plain;
}

// ---- scoring one thread ------------------------------------------------------------------------------------

export function scoreThread(name: string, t: AnalyzedThread, r: Reading): ThreadScore {
  const a = t.analysis;
  const diffs: string[] = [];
  const idOf = (i: number) => t.messages[i]?.messageId ?? null;
  const indexOf = new Map(t.messages.map((m) => [m.messageId, m.index]));
  const at = (id: string) => (indexOf.has(id) ? `#${indexOf.get(id)}` : '#?');

  // Symptom: the kind, and the guilty function where the reading names one.
  let symptom: boolean | null = null;
  if (r.symptom) {
    const main = a.symptoms[0];
    symptom = sameKind(main?.kind, r.symptom.kind) && (r.symptom.function === null || main?.function === r.symptom.function);
    if (!symptom) diffs.push(`symptom: "${main?.title ?? '(none)'}" [${main?.kind ?? '-'}] ≠ "${r.symptom.title}" [${r.symptom.kind}]`);
  }

  // Fix: the message that carries it, or the same patch posted elsewhere, or the commit or title it is named by.
  const fixPatch = a.patches.find((p) => p.id === a.fix?.patchId) ?? null;
  let fix: boolean;
  if (!r.fix) {
    fix = a.fix === null;
    if (!fix) diffs.push(`fix: ours "${a.fix!.subject ?? a.fix!.commit}" (${fixPatch ? `#${fixPatch.messageIndex}` : 'named'}) ≠ none`);
  } else {
    const author = fixPatch ? t.messages[fixPatch.messageIndex]?.author : null;
    const byMessage = !!fixPatch && !!r.fix.messageId && idOf(fixPatch.messageIndex) === r.fix.messageId;
    const samePatch =
      !!fixPatch &&
      fixPatch.files.length > 0 &&
      samePerson(r.fix.author, fixPatch.author, author?.email) &&
      [...fixPatch.files].sort().join() === [...r.fix.files].sort().join() &&
      (!r.fix.messageId || sameSubject(fixPatch.subject, r.fix.subject) || sameSubject(a.fix?.subject, r.fix.subject));
    const named =
      sameCommit(a.fix?.commit, r.fix.namedCommit) ||
      sameLoreLink(a.fix?.link ?? null, `${r.fix.namedCommit ?? ''} ${r.fix.subject ?? ''}`) ||
      sameSubject(a.fix?.subject, r.fix.subject) ||
      (!!r.fix.namedCommit && !/^[0-9a-f]{7,40}$/i.test(r.fix.namedCommit) && sameSubject(a.fix?.subject, r.fix.namedCommit));
    // A fix the reading can only describe (named in the thread by a link, never by title or commit) agrees
    // with a fix we also name without a patch: neither has a title to compare.
    const describedOnly = !r.fix.messageId && !r.fix.namedCommit && !!a.fix && a.fix.patchId === null && (!!a.fix.link || !!a.fix.subject);
    fix =
      byMessage ||
      samePatch ||
      (!r.fix.messageId && named) ||
      describedOnly ||
      (!!r.fix.messageId && named && !!fixPatch && samePerson(r.fix.author, fixPatch.author, author?.email));
    if (!fix) {
      const ours = a.fix ? `"${a.fix.subject ?? a.fix.commit}" (${fixPatch ? `#${fixPatch.messageIndex}` : 'named'})` : 'none';
      diffs.push(`fix: ours ${ours} ≠ "${r.fix.subject ?? r.fix.namedCommit}" (${r.fix.messageId ? at(r.fix.messageId) : 'named'})`);
    }
  }

  const status = a.status === r.status;
  if (!status) diffs.push(`status: ${a.status} ≠ ${r.status}`);

  let culprit: boolean;
  if (!r.culprit) {
    culprit = a.culprit === null;
    if (!culprit) diffs.push(`culprit: ours ${a.culprit!.commit?.slice(0, 12) ?? a.culprit!.subject} ≠ none`);
  } else {
    culprit = !!a.culprit && (sameCommit(a.culprit.commit, r.culprit.commit) || sameSubject(a.culprit.subject, r.culprit.subject));
    if (!culprit)
      diffs.push(
        `culprit: ours ${a.culprit ? (a.culprit.commit?.slice(0, 12) ?? a.culprit.subject) : 'none'} ≠ ${r.culprit.commit?.slice(0, 12) ?? r.culprit.subject} (${r.culprit.source})`,
      );
  }

  let keyEvents: ThreadScore['keyEvents'] = null;
  if (r.keyEvents.length) {
    const ours = new Map(a.timeline.map((e) => [idOf(e.messageIndex), e.kind]));
    let found = 0;
    let kindRight = 0;
    const missed: string[] = [];
    const wrongKind: string[] = [];
    for (const k of r.keyEvents) {
      const kind = ours.get(k.messageId);
      if (kind === undefined) {
        missed.push(`${at(k.messageId)} ${k.type}`);
        continue;
      }
      found++;
      if (kind === k.type) kindRight++;
      else wrongKind.push(`${at(k.messageId)} ${kind}→${k.type}`);
    }
    keyEvents = { judged: r.keyEvents.length, found, kindRight };
    if (missed.length) diffs.push(`events missed: ${missed.join(', ')}`);
    if (wrongKind.length) diffs.push(`event kinds: ${wrongKind.join(', ')}`);
  }
  const off = new Set(r.offTopic);
  const offShown = a.timeline.filter((e) => off.has(idOf(e.messageIndex) ?? '')).map((e) => `#${e.messageIndex}`);
  if (offShown.length) diffs.push(`off-topic in timeline: ${offShown.join(', ')}`);

  return { name, symptom, fix, status, culprit, keyEvents, offTopicShown: offShown.length, diffs, confidence: r.confidence ?? null };
}

/** An older fixture reading, put in the judged shape for the facts it states (no key events). */
function fixtureScore(name: string, t: AnalyzedThread, j: FixtureReading): ThreadScore {
  const a = t.analysis;
  const main = a.symptoms[0];
  const diffs: string[] = [];
  const symptom =
    !!main &&
    main.title.includes(j.symptom.titleContains) &&
    sameKind(main.kind, j.symptom.kind) &&
    (!j.symptom.function || [j.symptom.function].flat().includes(main.function ?? ''));
  if (!symptom) diffs.push(`symptom: "${main?.title}" [${main?.kind}] ≠ "${j.symptom.titleContains}" [${j.symptom.kind}]`);
  const patch = a.patches.find((p) => p.id === a.fix?.patchId);
  const fix = j.fix.present
    ? !!a.fix &&
      (!j.fix.author || patch?.author === j.fix.author) &&
      (!j.fix.subjectContains || (a.fix.subject ?? '').includes(j.fix.subjectContains)) &&
      (!j.fix.files.length || [...(patch?.files ?? [])].sort().join() === [...j.fix.files].sort().join())
    : a.fix === null;
  if (!fix)
    diffs.push(`fix: ours "${a.fix?.subject ?? 'none'}" by ${patch?.author ?? '-'} ≠ ${j.fix.present ? `${j.fix.author} ${j.fix.files.join(' ')}` : 'none'}`);
  const status = a.status === j.status;
  if (!status) diffs.push(`status: ${a.status} ≠ ${j.status}`);
  const culprit = j.culpritCommit ? sameCommit(a.culprit?.commit, j.culpritCommit) : null;
  if (culprit === false) diffs.push(`culprit: ${a.culprit?.commit ?? 'none'} ≠ ${j.culpritCommit}`);
  return { name, symptom, fix, status, culprit, keyEvents: null, offTopicShown: 0, diffs, confidence: null };
}

// ---- the whole set -----------------------------------------------------------------------------------------

export interface EvalResult {
  rows: ThreadScore[];
  /** Totals over the judged threads (the figures the floor test holds). */
  judged: Totals;
  /** Totals over the five fixture readings. */
  fixtures: Totals;
  /** Totals over the second readings (ext4, kasan-dev): development data since their first measurement. */
  second: Totals;
  /** Totals over the fresh readings (usb, btrfs, wireless): held out until first measured. */
  fresh: Totals;
  /** Totals over the holdout readings (scsi, pci): held out until first measured. */
  holdout: Totals;
  /** Totals over the second holdout (nvme, mm): development data since its first measurement. */
  holdout2: Totals;
  /** Totals over the third holdout (kvmarm, f2fs): development data since its first measurement. */
  holdout3: Totals;
}

export function totals(rows: ThreadScore[]): Totals {
  const share = (xs: (boolean | null)[]) => {
    const stated = xs.filter((x): x is boolean => x !== null);
    return stated.length ? stated.filter(Boolean).length / stated.length : 1;
  };
  const ke = rows.flatMap((r) => (r.keyEvents ? [r.keyEvents] : []));
  const judged = ke.reduce((n, k) => n + k.judged, 0);
  const found = ke.reduce((n, k) => n + k.found, 0);
  return {
    threads: rows.length,
    symptom: share(rows.map((r) => r.symptom)),
    fix: share(rows.map((r) => r.fix)),
    status: share(rows.map((r) => r.status)),
    culprit: share(rows.map((r) => r.culprit)),
    keyEventRecall: judged ? found / judged : 1,
    eventKinds: found ? ke.reduce((n, k) => n + k.kindRight, 0) / found : 1,
    offTopicShown: rows.reduce((n, r) => n + r.offTopicShown, 0),
  };
}

export function hasJudged(): boolean {
  return existsSync(`${JUDGED}readings`);
}

/** The Message-ID a lore link names: `https://lore.kernel.org/<list>/<id>/T/#u` → `<id>`. */
function loreId(text: string): string | null {
  const m = /https?:\/\/(?:lore\.kernel\.org|lkml\.kernel\.org|patch\.msgid\.link)\/(?:[^/\s]+\/)?([^/\s]+@[^/\s]+?)(?:\/|$|\s)/.exec(text);
  return m ? decodeURIComponent(m[1]).toLowerCase() : null;
}

/** Our fix's link and the reading's name or description point at the same posting (or the same branch URL). */
function sameLoreLink(link: string | null, named: string): boolean {
  if (!link) return false;
  const ours = loreId(link);
  if (ours) return ours === loreId(named);
  const bare = (u: string) => u.replace(/[/#]+$/, '').toLowerCase();
  return (named.match(/https?:\/\/\S+/g) ?? []).some((u) => bare(u) === bare(link));
}

/** A set kept as `threads/` and `readings/` under `dir`, rows named `<label>/<thread>`. */
async function scoreSet(label: string, dir: string, only?: string): Promise<ThreadScore[]> {
  const readings = `${dir}readings/`;
  const rows: ThreadScore[] = [];
  for (const file of existsSync(readings)
    ? readdirSync(readings)
        .filter((f) => f.endsWith('.json'))
        .sort()
    : []) {
    const r = JSON.parse(readFileSync(`${readings}${file}`, 'utf8')) as Reading;
    const name = `${label}/${r.file.replace(/\.mbox$/, '')}`;
    if (only && !name.includes(only)) continue;
    rows.push(scoreThread(name, await inspectSource(`${dir}threads/${r.file}`), r));
  }
  return rows;
}

export async function evaluateAnalysis(only?: string, withFresh = true, withHoldout = true, withHoldout2 = true, withHoldout3 = true): Promise<EvalResult> {
  const judgedRows: ThreadScore[] = [];
  for (const file of readdirSync(`${JUDGED}readings`).sort()) {
    const r = JSON.parse(readFileSync(`${JUDGED}readings/${file}`, 'utf8')) as Reading;
    const name = r.file.replace(/\.mbox$/, '');
    if (only && !name.includes(only)) continue;
    const t = await inspectSource(`${JUDGED}threads/${r.file}`);
    judgedRows.push(scoreThread(name, t, r));
  }
  const fixtureRows: ThreadScore[] = [];
  for (const dir of existsSync(FIXTURES) ? readdirSync(FIXTURES).sort() : []) {
    if (!existsSync(`${FIXTURES}${dir}/expected.json`) || (only && !dir.includes(only))) continue;
    const j = JSON.parse(readFileSync(`${FIXTURES}${dir}/expected.json`, 'utf8')) as FixtureReading;
    const t = await inspectSource(`${ROOT}${j.source}`);
    fixtureRows.push(fixtureScore(`fixture/${dir}`, t, j));
  }
  const secondRows: ThreadScore[] = [];
  for (const file of existsSync(SECOND)
    ? readdirSync(SECOND)
        .filter((f) => f.endsWith('.json'))
        .sort()
    : []) {
    const r = JSON.parse(readFileSync(`${SECOND}${file}`, 'utf8')) as Reading;
    const name = `second/${r.file
      .split('/')
      .pop()!
      .replace(/\.mbox$/, '')}`;
    if (only && !name.includes(only)) continue;
    secondRows.push(scoreThread(name, await inspectSource(`${CORPUS}${r.file}`), r));
  }
  const freshRows = withFresh ? await scoreSet('fresh', FRESH, only) : [];
  const holdoutRows = withHoldout ? await scoreSet('holdout', HOLDOUT, only) : [];
  const holdout2Rows = withHoldout2 ? await scoreSet('holdout2', HOLDOUT2, only) : [];
  const holdout3Rows = withHoldout3 ? await scoreSet('holdout3', HOLDOUT3, only) : [];
  return {
    rows: [...judgedRows, ...fixtureRows, ...secondRows, ...freshRows, ...holdoutRows, ...holdout2Rows, ...holdout3Rows],
    judged: totals(judgedRows),
    fixtures: totals(fixtureRows),
    second: totals(secondRows),
    fresh: totals(freshRows),
    holdout: totals(holdoutRows),
    holdout2: totals(holdout2Rows),
    holdout3: totals(holdout3Rows),
  };
}

// ---- printing ----------------------------------------------------------------------------------------------

const pct = (x: number) => `${Math.round(x * 100)} %`;
const mark = (x: boolean | null) => (x === null ? ' ' : x ? '✓' : '✗');

function printTable(result: EvalResult, verbose: boolean): void {
  const width = Math.max(...result.rows.map((r) => r.name.length), 10);
  console.log(`${'thread'.padEnd(width)}  sym fix sta cul  events  kinds  off`);
  for (const r of result.rows) {
    const ke = r.keyEvents ? `${r.keyEvents.found}/${r.keyEvents.judged}`.padStart(6) : '     -';
    const kinds = r.keyEvents ? `${r.keyEvents.kindRight}/${r.keyEvents.found}`.padStart(5) : '    -';
    console.log(
      `${r.name.padEnd(width)}   ${mark(r.symptom)}   ${mark(r.fix)}   ${mark(r.status)}   ${mark(r.culprit)}  ${ke}  ${kinds}  ${r.offTopicShown || ''}`,
    );
    if (verbose || r.diffs.some((d) => !d.startsWith('event'))) {
      for (const d of r.diffs)
        if (verbose || !d.startsWith('event')) console.log(`${' '.repeat(width)}     ${d}${r.confidence === 'low' ? ' (reading: low confidence)' : ''}`);
    }
  }
  const line = (label: string, t: Totals) =>
    console.log(
      `${label}: ${t.threads} threads — symptom ${pct(t.symptom)}, fix ${pct(t.fix)}, status ${pct(t.status)}, culprit ${pct(t.culprit)}, ` +
        `key events ${pct(t.keyEventRecall)} (kinds ${pct(t.eventKinds)}), off-topic shown ${t.offTopicShown}`,
    );
  console.log('');
  line('judged (development set)', result.judged);
  line('fixtures', result.fixtures);
  if (result.second.threads) line('second readings (ext4, kasan-dev; development data)', result.second);
  if (result.fresh.threads) line('fresh readings (usb, btrfs, wireless; development data since first measured)', result.fresh);
  if (result.holdout.threads) line('holdout readings (scsi, pci; development data since first measured)', result.holdout);
  if (result.holdout2.threads) line('second holdout (nvme, mm; development data since first measured)', result.holdout2);
  if (result.holdout3.threads) line('third holdout (kvmarm, f2fs; development data since first measured)', result.holdout3);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (!hasJudged()) {
    console.error(`eval:analysis: no readings at ${JUDGED}readings (../shared is beside the project root in CI and here).`);
    process.exitCode = 2;
    return;
  }
  const onlyAt = args.indexOf('--only');
  const result = await evaluateAnalysis(
    onlyAt >= 0 ? args[onlyAt + 1] : undefined,
    !args.includes('--without-fresh'),
    !args.includes('--without-holdout'),
    !args.includes('--without-holdout2'),
    !args.includes('--without-holdout3'),
  );
  if (args.includes('--json')) console.log(JSON.stringify(result, null, 2));
  else printTable(result, args.includes('--verbose'));
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
