// Highlighting: shiki grammars for kernel console output and for diffs of C, the shiki settings the site's
// Markdown uses, and highlight(code, lang) → HTML for the thread pages.
export { kernelLogGrammar } from './kernel-log.ts';
export { diffCGrammar } from './diff-c.ts';
export { CASEBOOK_LANGS, CASEBOOK_THEMES, CASEBOOK_TRANSFORMERS } from './shiki-config.ts';
export { transformerDiffLines } from './transformer-diff-lines.ts';
export { transformerLineNumbers } from './transformer-line-numbers.ts';
export { forgetHighlighted, highlight, HIGHLIGHT_LANGS, MAX_TOKENIZED_LINE, type HighlightLang, type HighlightOptions } from './highlight.ts';
