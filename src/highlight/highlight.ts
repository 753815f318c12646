// Highlight one block of a thread (a trace, a patch, a code excerpt) to HTML, outside Markdown: the
// thread pages call this for each segment of a message.
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { DiskCache, rendererFingerprint } from '../cache/index.ts';
import { HighlightPool } from './highlight-pool.ts';
import type { Root } from 'hast';
import { renderBlock, renderFence } from './render-block.ts';

export { MAX_TOKENIZED_LINE } from './render-block.ts';

export const HIGHLIGHT_LANGS = ['kernel-log', 'diff', 'c', 'text'] as const;
export type HighlightLang = (typeof HIGHLIGHT_LANGS)[number];

export interface HighlightOptions {
  /** Number the lines (as `data-line`, shown by CSS). */
  lineNumbers?: boolean;
}

/** Blocks highlighted in this process, by key: a patch quoted in ten replies is highlighted once. */
const memo = new Map<string, string>();
/**
 * The memo is a bounded window (oldest first out), so a build of thousands of threads keeps memory flat: a
 * highlighted patch is tens of kilobytes of HTML. Blocks repeat within a thread (a patch and its quotes), and
 * older ones are still on disk.
 */
const MAX_MEMO = 256;
let disk: DiskCache | undefined;
/** Blocks being highlighted, by key: a block asked for again before it is done waits for the first. */
const pending = new Map<string, Promise<string>>();

function cacheKey(code: string, lang: HighlightLang, opts: HighlightOptions): string {
  return createHash('sha256')
    .update(`${rendererFingerprint()}\0${lang}\0${opts.lineNumbers ? 1 : 0}\0`)
    .update(code)
    .digest('hex');
}

/**
 * `<pre class="shiki shiki-themes …">` with the light theme's colours inline and the dark theme's as
 * `--shiki-dark` / `--shiki-dark-bg` variables for the site's CSS to switch to. Shiki escapes the text.
 */
export async function highlight(code: string, lang: HighlightLang, opts: HighlightOptions = {}): Promise<string> {
  if (!HIGHLIGHT_LANGS.includes(lang)) {
    throw new Error(
      `Cannot highlight as \`${String(lang)}\`: expected one of ${HIGHLIGHT_LANGS.join(', ')}.\nHint: use \`text\` for a block that is none of these.`,
    );
  }
  const key = cacheKey(code, lang, opts);
  const known = memo.get(key) ?? (disk ??= new DiskCache('highlight')).get(key);
  if (known !== null && known !== undefined) return remember(key, known);
  let job = pending.get(key);
  if (!job) {
    job = render(code, lang, !!opts.lineNumbers).then((html) => {
      disk!.set(key, html);
      return remember(key, html);
    });
    pending.set(key, job);
    job.then(
      () => pending.delete(key),
      () => pending.delete(key),
    );
  }
  return job;
}

/** Forgets the blocks held in memory (the disk cache stays): for tests, and for long-lived processes. */
export function forgetHighlighted(): void {
  memo.clear();
}

function remember(key: string, html: string): string {
  if (!memo.has(key)) {
    memo.set(key, html);
    if (memo.size > MAX_MEMO) memo.delete(memo.keys().next().value!);
  }
  return html;
}

/**
 * Where the pool is kept: on globalThis, as astro.config.mjs (which starts it, warmUpHighlighting) and the
 * bundled pages each load their own copy of this module in the same process.
 */
const POOL = Symbol.for('casebook.highlight-pool');
const shared = globalThis as { [POOL]?: HighlightPool | null };

/**
 * The site build's worker pool, when the site's configuration named the worker (astro.config.mjs sets
 * CASEBOOK_HIGHLIGHT_WORKER: bundled into the site, this module cannot find the file by itself) and there is
 * more than one core. The threads are the cores (or CASEBOOK_WORKERS, as for the import) less the calling
 * one, which renders the pages meanwhile: on two cores one worker highlights while the main thread renders,
 * and each worker pays its own start-up and compiler warm-up, so more workers than cores only cost.
 * Otherwise blocks are highlighted on the calling thread.
 */
function highlightPool(): HighlightPool | null {
  if (shared[POOL] === undefined) {
    const file = process.env.CASEBOOK_HIGHLIGHT_WORKER;
    const asked = Number(process.env.CASEBOOK_WORKERS);
    const threads = Number.isInteger(asked) && asked > 0 ? asked : availableParallelism();
    shared[POOL] = file && threads > 1 ? new HighlightPool(file, threads - 1) : null;
  }
  return shared[POOL];
}

/**
 * Starts a highlighting worker ahead of the pages (astro.config.mjs, when a build starts): its start-up —
 * loading shiki, compiling the grammars — then overlaps Astro's bundling instead of delaying the first page.
 */
export function warmUpHighlighting(): void {
  highlightPool()?.warmUp();
}

function render(code: string, lang: HighlightLang, lineNumbers: boolean): Promise<string> {
  const p = highlightPool();
  return p ? p.render(code, lang, lineNumbers) : renderBlock(code, lang, lineNumbers);
}

/**
 * A case file's fenced block (its text, language and meta string) to HAST with the markup of Astro's
 * Markdown highlighting (renderFence), on the site build's worker when there is one. Not cached here: the
 * rendered case text is (src/site/render-case.ts).
 */
export function highlightFence(code: string, lang: string, meta: string | undefined): Promise<Root> {
  const p = highlightPool();
  return p ? p.fence(code, lang, meta) : renderFence(code, lang, meta);
}
