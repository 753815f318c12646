// What the pages read: the case files (Astro's content collection, validated by the schema in
// content.config.ts) and, for each, its parsed thread from content/threads/<slug>.json.
import { CASE_STATUS_LABELS } from '../vocabulary/index.ts';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { getCollection, type CollectionEntry } from 'astro:content';
import type { AnalyzedThread } from '../casebook.ts';
import { CONTENT_DIR, draftsSetting } from './settings.ts';

export type CaseEntry = CollectionEntry<'cases'>;
export type StoredThread = Omit<AnalyzedThread, 'missingParents'> & { schemaVersion: number };

/**
 * Threads read recently (a case page and its thread page want the same one). A bounded window, oldest out,
 * not every thread of the casebook: a build of thousands of cases would hold them all in memory.
 */
const threads = new Map<string, StoredThread>();
const MAX_THREADS_HELD = 32;

/** The thread of a case; the build imports sources first, so a missing file is a broken casebook. */
export function threadOf(slug: string): StoredThread {
  let t = threads.get(slug);
  if (!t) {
    const file = join(resolve(CONTENT_DIR), 'threads', `${slug}.json`);
    try {
      t = JSON.parse(readFileSync(file, 'utf8')) as StoredThread;
    } catch (err) {
      throw new Error(`The case ${slug} has no readable thread at ${file}: run \`npx casebook build\` first`, { cause: err });
    }
    threads.set(slug, t);
    if (threads.size > MAX_THREADS_HELD) threads.delete(threads.keys().next().value!);
  }
  return t;
}

/**
 * What a case's own pages (the case page and its thread page) are made of: its case file and its thread
 * file. Nothing else a case page shows comes from the casebook (no counts, no other cases), and the code,
 * configuration and dependencies are tracked by Astro itself; so while this key is unchanged, Astro's
 * incremental build (astro.config.mjs) copies the page from the previous build instead of rendering it.
 */
export function pageKey(entry: CaseEntry): string {
  // Both routes of a case ask (its page and its thread page): the files are read and hashed once a build.
  let key = pageKeys.get(entry.id);
  if (key === undefined) {
    if (!entry.filePath) throw new Error(`The case ${entry.id} has no file path: it was not loaded from content/cases`);
    const h = createHash('sha256')
      .update(readFileSync(resolve(entry.filePath)))
      .update('\0');
    try {
      h.update(readFileSync(join(resolve(CONTENT_DIR), 'threads', `${entry.id}.json`)));
    } catch {
      // Rendering the page reports the missing thread (threadOf).
    }
    key = h.digest('hex');
    pageKeys.set(entry.id, key);
  }
  return key;
}
const pageKeys = new Map<string, string>();

/** A case the machine wrote and no editor has checked yet. */
export function isDraft(c: CaseEntry): boolean {
  return c.data.review === 'draft';
}

let omittedReported = false;

/**
 * All published cases, newest report first (ties by title), as a stable order for every listing. Every page,
 * the feed and the sitemap list cases through here, so with CASEBOOK_DRAFTS=omit a draft gets no page and is
 * listed nowhere (and, with no page, is not in the search index either).
 */
export async function allCases(): Promise<CaseEntry[]> {
  let cases = await getCollection('cases');
  if (draftsSetting() === 'omit') {
    const published = cases.filter((c) => !isDraft(c));
    if (!omittedReported) {
      omittedReported = true;
      const n = cases.length - published.length;
      console.log(`casebook: CASEBOOK_DRAFTS=omit: ${n} draft case${n === 1 ? '' : 's'} left out of the site, ${published.length} published`);
    }
    cases = published;
  }
  return cases.sort((a, b) => (b.data.dates.reported ?? '').localeCompare(a.data.dates.reported ?? '') || a.data.title.localeCompare(b.data.title, 'en'));
}

/** A path under the site's base (`/docs/casebook/cases/x/`). */
export function url(path: string): string {
  const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');
  return base + path.replace(/^\//, '');
}

export function yearOf(c: CaseEntry): string {
  return c.data.dates.reported?.slice(0, 4) ?? 'undated';
}

/** A facet value as a URL segment: `memory management` → `memory-management`. */
export function facetSlug(value: string): string {
  return (
    value
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'none'
  );
}

export const FACETS = {
  status: { label: 'Status', values: (c: CaseEntry) => [c.data.status] },
  subsystem: { label: 'Subsystem', values: (c: CaseEntry) => (c.data.subsystem ? [c.data.subsystem] : []) },
  class: { label: 'Bug class', values: (c: CaseEntry) => c.data.tags },
  year: { label: 'Year', values: (c: CaseEntry) => [yearOf(c)] },
  review: { label: 'Review', values: (c: CaseEntry) => [c.data.review] },
} as const;
export type FacetName = keyof typeof FACETS;

export const STATUS_LABEL: Record<string, string> = CASE_STATUS_LABELS;
