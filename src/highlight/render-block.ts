// The highlighting itself, shared by highlight() on the calling thread and by the highlighting workers
// (highlight-worker.ts): one shiki highlighter per thread, created on first use.
import { createHighlighter, type Highlighter } from 'shiki';
import { enableOnePass, withOnePass } from './one-pass.ts';
import { CASEBOOK_LANGS, CASEBOOK_THEMES, CASEBOOK_TRANSFORMERS } from './shiki-config.ts';
import { transformerLineNumbers } from './transformer-line-numbers.ts';

/**
 * Longer lines are left plain: a TextMate grammar rescans a line from each token, so one pasted
 * megabyte-long line (a hex dump, a base64 attachment) would stall the whole site build.
 */
export const MAX_TOKENIZED_LINE = 10_000;

let highlighter: Promise<Highlighter> | undefined;

function getHighlighter(): Promise<Highlighter> {
  highlighter ??= createHighlighter({ themes: Object.values(CASEBOOK_THEMES), langs: CASEBOOK_LANGS }).then((h) => {
    enableOnePass(h, ['kernel-log', 'diff', 'c']);
    return h;
  });
  return highlighter;
}

/** One block to HTML; `lang` has been checked by the caller. */
export async function renderBlock(code: string, lang: string, lineNumbers: boolean): Promise<string> {
  const h = await getHighlighter();
  return withOnePass(() =>
    h.codeToHtml(code.replace(/\r?\n$/, ''), {
      lang,
      themes: CASEBOOK_THEMES,
      defaultColor: 'light',
      tokenizeMaxLineLength: MAX_TOKENIZED_LINE,
      transformers: lineNumbers ? [...CASEBOOK_TRANSFORMERS, transformerLineNumbers()] : CASEBOOK_TRANSFORMERS,
    }),
  );
}
