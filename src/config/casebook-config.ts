// A casebook's configuration: `casebook.config.json` in the casebook's folder, read by every command and by the
// site build, so the site's name and texts, its URL and base path, the archive Message-IDs are fetched from and
// what happens to machine drafts are the casebook's, not the tool's. Every key is optional; a file that is not
// valid JSON, a key the tool does not know or a value of the wrong shape is an error naming the file and key.
//
// The casebook folder: `--casebook DIR`, else CASEBOOK_DIR, else the current folder. Environment variables of the
// site build (CASEBOOK_SITE, CASEBOOK_BASE, CASEBOOK_DRAFTS) override the file, for a CI that builds one casebook
// for two hosts.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const CONFIG_FILE = 'casebook.config.json';

export type DraftsChoice = 'publish' | 'omit';

export interface CasebookConfig {
  /** The site's name: the header, the page titles, the feed. */
  title: string;
  /** One sentence under the name on the home page, and the pages' description. */
  description: string;
  /** Where the site is published (`https://example.org`); null: canonical links are relative. */
  site: string | null;
  /** The path the site lives under on that host (`/casebook/` for a GitHub Pages project site). */
  base: string;
  /** The public-inbox archive a Message-ID is fetched from. */
  archive: string;
  /** Machine drafts (`review: draft`): published and marked, or left out of the site. */
  drafts: DraftsChoice;
  /** The content folder (sources, cases, threads), relative to the casebook's folder. */
  content: string;
}

export const DEFAULT_CONFIG: CasebookConfig = {
  title: 'Casebook',
  description: 'Real Linux kernel bug hunts from the mailing lists, told as case studies: the oops, the wrong guesses, the bisection, the fix.',
  site: null,
  base: '/',
  archive: 'https://lore.kernel.org/all/',
  drafts: 'publish',
  content: 'content',
};

/** Each key's check: what a value must look like, as a test and in words. (No zod: `casebook --help` loads none.) */
const CHECKS: Record<keyof CasebookConfig, { ok: (v: unknown) => boolean; expected: string }> = {
  title: { ok: (v) => typeof v === 'string' && v.trim() !== '', expected: 'a non-empty string' },
  description: { ok: (v) => typeof v === 'string', expected: 'a string' },
  site: { ok: (v) => v === null || (typeof v === 'string' && /^https?:\/\/[^\s/]+(?:\/\S*)?$/.test(v)), expected: 'an http(s) URL, or null' },
  base: { ok: (v) => typeof v === 'string' && /^\/(?:[^\s/]+\/)*$/.test(v), expected: 'a path that starts and ends with / (`/` or `/casebook/`)' },
  archive: { ok: (v) => typeof v === 'string' && /^https?:\/\/\S+\/$/.test(v), expected: 'an http(s) URL ending in /' },
  drafts: { ok: (v) => v === 'publish' || v === 'omit', expected: '"publish" or "omit"' },
  content: { ok: (v) => typeof v === 'string' && v.trim() !== '', expected: 'a folder path' },
};

/** Checks a parsed configuration file: every key known, every value of its shape; the defaults fill in the rest. */
export function parseConfig(raw: unknown, file: string): CasebookConfig {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError(file, `${file} must hold a JSON object`, 'See the README\'s "A casebook of your own" for its keys.');
  }
  const out: CasebookConfig = { ...DEFAULT_CONFIG };
  for (const [key, value] of Object.entries(raw)) {
    const check = CHECKS[key as keyof CasebookConfig];
    if (!check) throw new ConfigError(file, `${file}: unknown key \`${key}\``, `The keys are ${Object.keys(CHECKS).join(', ')}.`);
    if (!check.ok(value))
      throw new ConfigError(file, `${file}: ${key}: expected ${check.expected}, got ${JSON.stringify(value)}`, `Fix \`${key}\`, or remove it for its default.`);
    (out as unknown as Record<string, unknown>)[key] = value;
  }
  return out;
}

/** A configuration that cannot be used: the message names the file (and key); the hint says what is allowed. */
export class ConfigError extends Error {
  readonly hint: string;
  readonly file: string;
  constructor(file: string, message: string, hint: string) {
    super(message);
    this.name = 'ConfigError';
    this.file = file;
    this.hint = hint;
  }
}

export interface Casebook {
  /** The casebook's folder, absolute. */
  dir: string;
  /** Its configuration file, when it has one. */
  file: string | null;
  config: CasebookConfig;
  /** The content folder, absolute. */
  content: string;
}

/** The casebook folder a command works on: the one given, else CASEBOOK_DIR, else the current folder. */
export function casebookDir(given?: string, env: Record<string, string | undefined> = process.env): string {
  return resolve(given ?? (env.CASEBOOK_DIR || '.'));
}

/** Reads a casebook's configuration (defaults when it has none). Throws ConfigError. */
export function loadCasebook(dir: string): Casebook {
  const file = join(dir, CONFIG_FILE);
  let raw: unknown = {};
  const has = existsSync(file);
  if (has) {
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new ConfigError(file, `${file} is not valid JSON: ${(err as Error).message}`, 'Fix the file; every key is optional (see the README).');
    }
  }
  const config = parseConfig(raw, file);
  return { dir, file: has ? file : null, config, content: resolve(dir, config.content) };
}
