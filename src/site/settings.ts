// The site build's settings that change what gets published, read in one place so they can later move into a
// configuration file without touching the pages. No Astro import: scripts/build-site.ts checks the settings
// before it starts Astro, and the pages read them through load.ts.

/** The content folder; CASEBOOK_CONTENT builds the site of another casebook (tests use it). */
export const CONTENT_DIR = process.env.CASEBOOK_CONTENT || './content';

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
 * CASEBOOK_DRAFTS: `publish` (the default, also when unset or empty) or `omit`. With `omit`, a draft case gets
 * no page and is absent from home, browse, search, feed and sitemap.
 */
export function draftsSetting(env: Record<string, string | undefined> = process.env): DraftsSetting {
  const raw = (env.CASEBOOK_DRAFTS ?? '').trim().toLowerCase();
  if (raw === '') return 'publish';
  if ((DRAFTS_SETTINGS as readonly string[]).includes(raw)) return raw as DraftsSetting;
  throw new SettingError(
    `CASEBOOK_DRAFTS=${JSON.stringify(env.CASEBOOK_DRAFTS)} is not a drafts setting`,
    'Use CASEBOOK_DRAFTS=omit to leave machine drafts out of the site, or CASEBOOK_DRAFTS=publish (the default) to publish them marked as drafts.',
  );
}
