// The site build's settings that change what gets published, read in one place: the casebook's configuration
// (casebook.config.json in CASEBOOK_DIR, else the current folder: src/config/), with the environment's overrides.
// No Astro import: scripts/build-site.ts checks the settings before it starts Astro, and the pages read them
// through load.ts.
import { casebookDir, loadCasebook } from '../config/index.ts';

/** The casebook being built (its folder, configuration and content folder). Throws ConfigError when invalid. */
export const CASEBOOK = loadCasebook(casebookDir());

/** The site's name and description, from the configuration. */
export const SITE_TITLE = CASEBOOK.config.title;
export const SITE_DESCRIPTION = CASEBOOK.config.description;

/** The content folder: CASEBOOK_CONTENT (tests build other content with it), else the configuration's. */
export const CONTENT_DIR = process.env.CASEBOOK_CONTENT || CASEBOOK.content;

/** What a build does with machine drafts (`review: draft`): publish them, marked as drafts, or leave them out. */
export type DraftsSetting = 'publish' | 'omit';

export const DRAFTS_SETTINGS: readonly DraftsSetting[] = ['publish', 'omit'];

/** A setting with a value the build does not know; the message names it and the hint says what is allowed. */
export class SettingError extends Error {
  readonly hint: string;
  constructor(message: string, hint: string) {
    super(message);
    this.name = 'SettingError';
    this.hint = hint;
  }
}

/**
 * CASEBOOK_DRAFTS, else the configuration's `drafts`: `publish` (the default) or `omit`. With `omit`, a draft
 * case gets no page and is absent from home, browse, search, feed and sitemap.
 */
export function draftsSetting(env: Record<string, string | undefined> = process.env, configured: DraftsSetting = CASEBOOK.config.drafts): DraftsSetting {
  const raw = (env.CASEBOOK_DRAFTS ?? '').trim().toLowerCase();
  if (raw === '') return configured;
  if ((DRAFTS_SETTINGS as readonly string[]).includes(raw)) return raw as DraftsSetting;
  throw new SettingError(
    `CASEBOOK_DRAFTS=${JSON.stringify(env.CASEBOOK_DRAFTS)} is not a drafts setting`,
    'Use CASEBOOK_DRAFTS=omit to leave machine drafts out of the site, or CASEBOOK_DRAFTS=publish (the default) to publish them marked as drafts.',
  );
}
