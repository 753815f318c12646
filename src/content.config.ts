// The site's content collection: the case files, validated against the case schema (src/casefile/case-schema.ts,
// which `casebook import` and `casebook check` use too) and loaded by site/case-loader.ts.
import { defineCollection } from 'astro/content/config';
import type { Loader } from 'astro/loaders';
import { caseSchema } from './casefile/case-schema.ts';
import { CONTENT_DIR } from './site/settings.ts';

export type { CaseFrontmatter } from './casefile/case-schema.ts';

/**
 * The cases' loader (site/case-loader.ts), imported when Astro loads the collection: it brings astro's
 * Markdown and shiki with it (~0.3 s), which reading this file for its collection does not need.
 */
const casesLoader: Loader = {
  name: 'casebook-cases',
  load: async (context) => (await import('./site/case-loader.ts')).casesLoader(`${CONTENT_DIR}/cases`).load(context),
};

export const collections = {
  cases: defineCollection({
    loader: casesLoader,
    schema: caseSchema,
  }),
};
