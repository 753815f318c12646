// What the fuzzer feeds the pipeline: the corpus and seed files as they are, seeded mutations of them (read
// with detection, with a forced format for every file adapter, as standard input, and packed into a maildir),
// and the generated worst cases, at full size for `npm run fuzz` and reduced for the test suite.
import { readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { SourceFormat } from '../../src/ingest/index.ts';
import {
  writeArchiveScrape,
  writeBigMbox,
  writeCollapsedMbox,
  writeDeepMime,
  writeDeepQuotes,
  writeGzipBomb,
  writeHugeHeaders,
  writeHugeLine,
  writeMaildir,
  writeManyAttachments,
  writeReplyChain,
} from './fuzz-generate.ts';
import { mutate, type MutationOptions } from './fuzz-mutate.ts';
import { prng } from './fuzz-prng.ts';
import type { FuzzInput, Prepared } from './fuzz-run.ts';
import { filesUnder } from '../helpers/files.ts';

/** Wall-clock budget of a corpus file or a mutation of one. */
export const SMALL_BUDGET_MS = 2_000;
/** Wall-clock budget of a generated worst case at full size. */
export const HUGE_BUDGET_MS = 20_000;
/**
 * What a mutation gets on top of SMALL_BUDGET_MS per megabyte it holds (up to HUGE_BUDGET_MS): a mutation
 * stacking four 8 MB lines is a huge input, and reading 1 MB a second is far below the pipeline's speed, so
 * only superlinear work overruns it.
 */
export const BUDGET_MS_PER_MB = 1_000;

function mutationBudget(bytes: number): number {
  return Math.min(HUGE_BUDGET_MS, sizeBudget(bytes));
}

function sizeBudget(bytes: number): number {
  return SMALL_BUDGET_MS + Math.round((bytes / (1 << 20)) * BUDGET_MS_PER_MB);
}

/** Bytes of a file, or of the files under a folder. */
function sizeOf(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.size;
  let total = 0;
  for (const f of filesUnder(path)) total += statSync(f).size;
  return total;
}

/** Every file under the given roots, sorted (so a seed picks the same files everywhere). */
export function listFiles(roots: string[]): string[] {
  return roots.flatMap((r) => [...filesUnder(r)]);
}

const existing = (path: string): Prepared => ({ path, names: path });

/** Each file as it is. */
export function corpusInputs(files: string[], base: string): FuzzInput[] {
  return files.map((f) => ({ label: `as-is ${relative(base, f)}`, group: 'corpus', budgetMs: SMALL_BUDGET_MS, prepare: async () => existing(f) }));
}

/** Formats a mutated file is forced into, so that every file adapter meets garbage. */
const FILE_FORMATS: SourceFormat[] = ['mbox', 'eml', 'archive-text', 'archive-page', 'collapsed-mbox'];

/**
 * Mutation k of the seed: a base file (mail-like files are favoured), a donor for splices, 1–4 mutators, and
 * how it is read. The same (seed, k) always gives the same input.
 */
export function mutationInput(seed: number, k: number, files: string[], base: string, opts: MutationOptions): FuzzInput {
  const rng = prng(seed).fork(k);
  const mailish = files.filter((f) => /\.(mbox|eml|mail|txt|msg|patch|gz)$|\/(cur|new)\/|seeds\/|t5100\/|\/data\/mail/.test(f));
  const pool = rng.chance(0.85) && mailish.length ? mailish : files;
  const file = rng.pick(pool);
  const donor = rng.pick(files);
  const mode = rng.next();
  const format = mode < 0.15 ? rng.pick(FILE_FORMATS) : undefined;
  const how = mode < 0.15 ? `as ${format}` : mode < 0.19 ? 'as stdin' : mode < 0.23 ? 'in a maildir' : 'detected';
  let name = '';
  const label = () => `mutation ${k} (seed ${seed}): ${name} of ${relative(base, file)}, ${how}`;
  const input: FuzzInput = {
    get label() {
      return label();
    },
    group: 'mutation',
    budgetMs: SMALL_BUDGET_MS,
    async prepare(dir) {
      const m = mutate(readFileSync(file), readFileSync(donor), rng, opts);
      name = m.name;
      if (how === 'in a maildir') {
        // Three mutations of the same file as one maildir: the folder reader and its per-file rejections.
        const root = join(dir, 'maildir');
        for (const sub of ['cur', 'new', 'tmp']) mkdirSync(join(root, sub), { recursive: true });
        writeFileSync(join(root, 'cur', '1.M1P1.host:2,S'), m.bytes);
        const second = mutate(readFileSync(file), readFileSync(donor), rng, opts).bytes;
        writeFileSync(join(root, 'new', '2.M2P2.host'), second);
        const third = mutate(readFileSync(donor), readFileSync(file), rng, opts).bytes;
        writeFileSync(join(root, 'cur', '3.M3P3.host:2,'), third);
        return { path: root, names: root, budgetMs: mutationBudget(m.bytes.length + second.length + third.length) };
      }
      const path = join(dir, `m${k}${rng.chance(0.05) ? '.gz' : ''}`);
      writeFileSync(path, path.endsWith('.gz') ? gzipSync(m.bytes) : m.bytes);
      const budgetMs = mutationBudget(m.bytes.length);
      if (how === 'as stdin') return { path, stdin: true, names: '-', budgetMs };
      return { path, format, names: path, budgetMs };
    },
  };
  return input;
}

export function* mutationInputs(seed: number, files: string[], base: string, opts: MutationOptions, count = Infinity, first = 0): Generator<FuzzInput> {
  for (let k = first; k < first + count; k++) yield mutationInput(seed, k, files, base, opts);
}

export interface WorstCaseSizes {
  chain: number;
  mbox: number;
  /** Bytes the gzip bomb inflates to. */
  bomb: number;
  attachments: number;
  collapsedBytes: number;
  archiveBlocks: number;
  quoteLevels: number;
  mimeLevels: number;
  hugeHeaderMessages: number;
  hugeLineBytes: number;
  maildirMessages: number;
  budgetMs: number;
}

export const FULL_SIZE: WorstCaseSizes = {
  chain: 10_000,
  mbox: 100_000,
  bomb: 1_200_000_000,
  attachments: 5_000,
  collapsedBytes: 6 << 20,
  archiveBlocks: 50_000,
  quoteLevels: 5_000,
  mimeLevels: 1_000,
  hugeHeaderMessages: 200,
  hugeLineBytes: 8 << 20,
  maildirMessages: 2_000,
  budgetMs: HUGE_BUDGET_MS,
};

/** The generated worst cases; `gzipBomb` built once per run (it takes a second or two). */
export function worstCases(seed: number, s: WorstCaseSizes): FuzzInput[] {
  const rng = prng(seed).fork(-1);
  // The worst cases get their budget, or the per-megabyte allowance of mutations when they are larger (the
  // 100,000-message mbox is 36 MB: reading it is linear but takes about as long as the budget).
  const budgeted = (path: string): Prepared => ({ ...existing(path), budgetMs: Math.max(s.budgetMs, sizeBudget(sizeOf(path))) });
  const make = (label: string, file: string, write: (path: string) => void | Promise<void>): FuzzInput => ({
    label: `generated ${label}`,
    group: 'generated',
    budgetMs: s.budgetMs,
    fresh: true,
    async prepare(dir) {
      const path = join(dir, file);
      await write(path);
      return budgeted(path);
    },
  });
  return [
    make(`reply chain of ${s.chain} messages`, 'chain.mbox', (p) => writeReplyChain(p, s.chain)),
    make(`reply loop of ${s.chain} messages`, 'loop.mbox', (p) => writeReplyChain(p, s.chain, true)),
    make(`mbox of ${s.mbox} messages`, 'list.mbox', (p) => writeBigMbox(p, s.mbox, rng.fork(1))),
    make(`gzip bomb of zeros (${s.bomb} bytes inflated)`, 'zeros.mbox.gz', (p) => writeGzipBomb(p, s.bomb, 'zeros')),
    make(`gzip bomb of mbox text (${s.bomb} bytes inflated)`, 'text.mbox.gz', (p) => writeGzipBomb(p, s.bomb, 'text')),
    make(`mail with ${s.attachments} attachments`, 'attachments.eml', (p) => writeManyAttachments(p, s.attachments)),
    make(`mail with ${Math.ceil(s.attachments / 50)} gzip-bomb attachments`, 'gz-attachments.eml', (p) =>
      writeManyAttachments(p, Math.ceil(s.attachments / 50), gzipSync(Buffer.alloc(64 << 20), { level: 9 })),
    ),
    make(`collapsed one-line mbox of ${s.collapsedBytes} bytes`, 'collapsed.mbox', (p) => writeCollapsedMbox(p, s.collapsedBytes, rng.fork(2))),
    make(`web-archive scrape with ${s.archiveBlocks} blocks`, 'archive.txt', (p) => writeArchiveScrape(p, s.archiveBlocks, rng.fork(3))),
    make(`mail quoting ${s.quoteLevels} levels deep`, 'quotes.eml', (p) => writeDeepQuotes(p, s.quoteLevels)),
    make(`mail nesting ${s.mimeLevels} MIME levels`, 'mime.eml', (p) => writeDeepMime(p, s.mimeLevels)),
    make(`${s.hugeHeaderMessages} messages with 256 KB References/To headers`, 'headers.mbox', (p) => writeHugeHeaders(p, s.hugeHeaderMessages, 250_000)),
    make(`mail with a ${s.hugeLineBytes}-byte line`, 'line.eml', (p) => writeHugeLine(p, s.hugeLineBytes, rng.fork(4))),
    {
      label: `generated maildir of ${s.maildirMessages} messages`,
      group: 'generated',
      budgetMs: s.budgetMs,
      fresh: true,
      async prepare(dir) {
        const root = join(dir, 'maildir');
        writeMaildir(root, s.maildirMessages);
        return budgeted(root);
      },
    },
  ];
}
