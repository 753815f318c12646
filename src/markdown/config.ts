// The Markdown pipeline of the case files, in one place: astro.config.mjs gives it to Astro, and
// src/site/render-case.ts renders each case page's text with it (cached by content hash), so both render
// exactly alike.
import { unified } from '@astrojs/markdown-remark';
import remarkDirective from 'remark-directive';
import { CASEBOOK_LANGS, CASEBOOK_THEMES, CASEBOOK_TRANSFORMERS } from '../highlight/shiki-config.ts';
import rehypeHighlightFences from './rehype-highlight-fences.ts';
import rehypeMarkLines from './rehype-mark-lines.ts';
import rehypeNoRaw from './rehype-no-raw.ts';
import remarkCaseDirectives from './remark-case-directives.ts';

export const CASEBOOK_MARKDOWN = {
  // Fences are highlighted by rehypeHighlightFences, where Astro's highlighter would run (first after
  // remark-rehype), with the thread pages' highlighter; Astro's is off (syntaxHighlight: false). shikiConfig
  // is what it would use, kept so that switching back highlights the same.
  processor: unified({ remarkPlugins: [remarkDirective, remarkCaseDirectives], rehypePlugins: [rehypeHighlightFences, rehypeMarkLines, rehypeNoRaw] }),
  syntaxHighlight: false as const,
  // Mail text is shown verbatim: no `--` → `–`, `-->` → `—>`, straight quotes made curly (Astro's default is on).
  smartypants: false as const,
  shikiConfig: { themes: CASEBOOK_THEMES, langs: CASEBOOK_LANGS, transformers: CASEBOOK_TRANSFORMERS, defaultColor: 'light' as const },
};
