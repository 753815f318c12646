// The highlighting itself, shared by highlight() on the calling thread and by the highlighting workers
// (highlight-worker.ts): one shiki highlighter per thread, created on first use.
import type { Root } from 'hast';
import { createHighlighter, isSpecialLang, type BundledLanguage, type Highlighter, type ShikiTransformer } from 'shiki';
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

/**
 * A Markdown fence (the text between its fence lines, the fence's language and meta string) to HAST, as
 * Astro's Markdown highlighter makes it: a language this highlighter lacks is loaded from shiki's bundle, an
 * unknown one falls back to plain text with a warning, and the markup is Astro's (astroMarkup).
 */
export async function renderFence(code: string, requested: string, meta: string | undefined): Promise<Root> {
  const h = await getHighlighter();
  let lang = requested;
  if (!isSpecialLang(lang) && !h.getLoadedLanguages().includes(lang)) {
    try {
      await h.loadLanguage(lang as BundledLanguage);
    } catch {
      console.warn(`[Shiki] The language "${lang}" doesn't exist, falling back to "plaintext".`);
      lang = 'plaintext';
    }
  }
  return withOnePass(() =>
    h.codeToHast(code.replace(/(?:\r\n|\r|\n)$/, ''), {
      lang,
      themes: CASEBOOK_THEMES,
      defaultColor: 'light',
      meta: meta ? { __raw: meta } : undefined,
      transformers: [astroMarkup(lang, requested), ...CASEBOOK_TRANSFORMERS],
    }),
  );
}

/**
 * Astro's own transformer (from @astrojs/internal-helpers/shiki) for block code with `wrap` unset, so the
 * case text has the markup Astro's highlighter gives (`<pre class="astro-code …" data-language>`, `overflow-x:
 * auto`, a diff line's `+`/`-` in its own unselectable span), which the site's CSS and rehype-mark-lines
 * expect. `lang` is the language used (`plaintext` for an unknown one), `requested` the fence's.
 */
function astroMarkup(lang: string, requested: string): ShikiTransformer {
  return {
    name: 'casebook:astro-markup',
    pre(node) {
      const cls = node.properties.class;
      node.properties.class = (Array.isArray(cls) ? cls.join(' ') : String(cls ?? '')).replace(/shiki/g, 'astro-code');
      node.properties.dataLanguage = lang;
      node.properties.style = `${Array.isArray(node.properties.style) ? node.properties.style.join(' ') : String(node.properties.style ?? '')}; overflow-x: auto;`;
    },
    line(node) {
      if (requested !== 'diff') return;
      const span = node.children[0];
      const text = span?.type === 'element' ? span.children[0] : undefined;
      if (span?.type !== 'element' || text?.type !== 'text') return;
      const start = text.value[0];
      if (start !== '+' && start !== '-') return;
      text.value = text.value.slice(1);
      span.children.unshift({ type: 'element', tagName: 'span', properties: { style: 'user-select: none;' }, children: [{ type: 'text', value: start }] });
    },
  };
}
