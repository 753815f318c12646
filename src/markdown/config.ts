// The Markdown pipeline of the case files, in one place: astro.config.mjs gives it to Astro, and
// src/site/render-case.ts renders each case page's text with it (cached by content hash), so both render
// exactly alike.
import { unified } from '@astrojs/markdown-remark';
import remarkDirective from 'remark-directive';
import { CASEBOOK_LANGS, CASEBOOK_THEMES, CASEBOOK_TRANSFORMERS } from '../highlight/shiki-config.ts';
import rehypeMarkLines from './rehype-mark-lines.ts';
import rehypeNoRaw from './rehype-no-raw.ts';
import remarkCaseDirectives from './remark-case-directives.ts';

export const CASEBOOK_MARKDOWN = {
  processor: unified({ remarkPlugins: [remarkDirective, remarkCaseDirectives], rehypePlugins: [rehypeMarkLines, rehypeNoRaw] }),
  shikiConfig: { themes: CASEBOOK_THEMES, langs: CASEBOOK_LANGS, transformers: CASEBOOK_TRANSFORMERS, defaultColor: 'light' as const },
};
