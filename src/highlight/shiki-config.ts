// What the site's Markdown (astro.config.mjs `markdown.shikiConfig`) and highlight() share, so a ```diff
// fence in a case file and a patch on a thread page look the same.
import type { LanguageRegistration, ShikiTransformer } from 'shiki';
import c from 'shiki/langs/c.mjs';
import { diffCGrammar } from './diff-c.ts';
import { kernelLogGrammar } from './kernel-log.ts';
import { transformerDiffLines } from './transformer-diff-lines.ts';

/**
 * The C grammar comes first because the diff grammar embeds it and shiki does not fetch the embedded
 * languages of a grammar given as an object. Ours is named `diff`, and a highlighter keeps the first
 * grammar of a name it loads, so it replaces the bundled diff only where it is loaded first: here, at
 * creation.
 */
export const CASEBOOK_LANGS: LanguageRegistration[] = [...c, kernelLogGrammar, diffCGrammar];

/**
 * GitHub's current themes: every token colour reaches WCAG AA (4.5:1) on their backgrounds, which the
 * older `github-light` (orange variables, 3.5:1) and `github-dark` (grey comments, 3.0:1) do not.
 */
export const CASEBOOK_THEMES = { light: 'github-light-default', dark: 'github-dark-default' } as const;

export const CASEBOOK_TRANSFORMERS: ShikiTransformer[] = [transformerDiffLines()];
