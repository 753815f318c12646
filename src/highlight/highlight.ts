// Highlight one block of a thread (a trace, a patch, a code excerpt) to HTML, outside Markdown: the
// thread pages call this for each segment of a message.
import { createHash } from 'node:crypto';
import { createHighlighter, type Highlighter } from 'shiki';
import { DiskCache, rendererFingerprint } from '../site/cache.ts';
import { CASEBOOK_LANGS, CASEBOOK_THEMES, CASEBOOK_TRANSFORMERS } from './shiki-config.ts';
import { transformerLineNumbers } from './transformer-line-numbers.ts';

export const HIGHLIGHT_LANGS = ['kernel-log', 'diff', 'c', 'text'] as const;
export type HighlightLang = (typeof HIGHLIGHT_LANGS)[number];

export interface HighlightOptions {
  /** Number the lines (as `data-line`, shown by CSS). */
  lineNumbers?: boolean;
}

/**
 * Longer lines are left plain: a TextMate grammar rescans a line from each token, so one pasted
 * megabyte-long line (a hex dump, a base64 attachment) would stall the whole site build.
 */
export const MAX_TOKENIZED_LINE = 10_000;

let highlighter: Promise<Highlighter> | undefined;

function getHighlighter(): Promise<Highlighter> {
  highlighter ??= createHighlighter({ themes: Object.values(CASEBOOK_THEMES), langs: CASEBOOK_LANGS });
  return highlighter;
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

function cacheKey(code: string, lang: HighlightLang, opts: HighlightOptions): string {
  return createHash('sha256').update(`${rendererFingerprint()}\0${lang}\0${opts.lineNumbers ? 1 : 0}\0`).update(code).digest('hex');
}

/**
 * `<pre class="shiki shiki-themes …">` with the light theme's colours inline and the dark theme's as
 * `--shiki-dark` / `--shiki-dark-bg` variables for the site's CSS to switch to. Shiki escapes the text.
 */
export async function highlight(code: string, lang: HighlightLang, opts: HighlightOptions = {}): Promise<string> {
  if (!HIGHLIGHT_LANGS.includes(lang)) {
    throw new Error(
      `Cannot highlight as \`${String(lang)}\`: expected one of ${HIGHLIGHT_LANGS.join(', ')}.\n` +
        'Hint: use `text` for a block that is none of these.',
    );
  }
  const key = cacheKey(code, lang, opts);
  const known = memo.get(key) ?? (disk ??= new DiskCache('highlight')).get(key);
  if (known !== null && known !== undefined) return remember(key, known);
  const html = await render(code, lang, opts);
  disk!.set(key, html);
  return remember(key, html);
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

async function render(code: string, lang: HighlightLang, opts: HighlightOptions): Promise<string> {
  const h = await getHighlighter();
  return h.codeToHtml(code.replace(/\r?\n$/, ''), {
    lang,
    themes: CASEBOOK_THEMES,
    defaultColor: 'light',
    tokenizeMaxLineLength: MAX_TOKENIZED_LINE,
    transformers: opts.lineNumbers ? [...CASEBOOK_TRANSFORMERS, transformerLineNumbers()] : CASEBOOK_TRANSFORMERS,
  });
}
