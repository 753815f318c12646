// Writes a case file for the first time, or merges a re-import into an existing one without losing an
// editor's words. Each machine-owned frontmatter key and each generated section is a unit; the file records
// the hash of what the machine last wrote for it (`generated:`). On re-import a unit still equal to that
// hash is refreshed; a unit an editor changed is kept as the editor left it (with a warning when the
// machine's version changed too); an editor's own keys, sections and notes are always kept; nothing is
// deleted without a warning.
import { createHash } from 'node:crypto';
import { Document, isMap, parseDocument, type Scalar } from 'yaml';
import type { CaseFacts } from './case-facts.ts';
import { GENERATED_SECTIONS, type GeneratedCase } from './generate-case.ts';
import { CaseFileError, joinCase, splitCase } from './split-case.ts';

/** The frontmatter keys the machine writes and refreshes, in the order a new file lists them. */
import type { CaseFileWarningCode } from '../vocabulary/index.ts';

export const MACHINE_KEYS = [
  'title',
  'status',
  'confidence',
  'duplicateOf',
  'symptom',
  'subsystem',
  'kernelVersions',
  'dates',
  'culprit',
  'fix',
  'tags',
  'participants',
  'messages',
  'sources',
] as const;

/**
 * What re-importing does to one unit the machine writes (a frontmatter key, a section), from the hash the
 * machine recorded when it last wrote it (`base`), the hash of what the file holds now (`ours`, null when the
 * unit is gone) and the hash of the new machine version (`theirs`):
 * - insert: the machine never wrote it and the file lacks it;
 * - deleted-kept: the machine wrote it and an editor removed it: it stays removed;
 * - refresh: the file still holds what the machine wrote: replaced by the new version;
 * - edited-kept: an editor changed it and the machine's version moved on: the editor's stays, with a warning;
 * - unchanged: an editor's version that the machine's agrees with, or nothing new.
 */
export type MergeDecision = 'insert' | 'deleted-kept' | 'refresh' | 'edited-kept' | 'unchanged';

export function decide(base: string | undefined, ours: string | null, theirs: string): MergeDecision {
  if (ours === null) return base ? 'deleted-kept' : 'insert';
  if (base && ours === base) return 'refresh';
  return theirs !== (base ?? ours) ? 'edited-kept' : 'unchanged';
}

export interface MergeWarning {
  /** What re-importing did to an editor's change (src/vocabulary/warning-codes.ts). */
  code: Exclude<CaseFileWarningCode, 'frontmatter-schema'>;
  message: string;
}

export interface MergeResult {
  text: string;
  warnings: MergeWarning[];
  /** Units refreshed from the new import. */
  refreshed: string[];
}

const YAML_OPTIONS = { lineWidth: 0, minContentWidth: 0 } as const;
/**
 * Documents are handled as YAML 1.1 so that strings a 1.1 reader would take for something else (dates,
 * `yes`, `no`) are written quoted: Astro reads frontmatter with js-yaml, which turns bare dates into Dates.
 */
const YAML_VERSION = { version: '1.1' } as const;

function hashOf(value: unknown): string {
  const canonical = typeof value === 'string' ? value.replace(/[ \t]+$/gm, '').trim() : JSON.stringify(value ?? null);
  return createHash('sha256').update(canonical).digest('hex').slice(0, 12);
}

function sectionHeading(name: string): string {
  return `## ${name}`;
}

/** A brand-new case file. */
export function newCaseFile(g: GeneratedCase): string {
  const doc = new Document({}, YAML_VERSION);
  const generated: Record<string, string> = {};
  for (const k of MACHINE_KEYS) {
    doc.set(k, g.facts[k as keyof CaseFacts]);
    generated[`key:${k}`] = hashOf(g.facts[k as keyof CaseFacts]);
  }
  doc.set('review', 'draft');
  for (const name of GENERATED_SECTIONS) generated[`section:${name}`] = hashOf(g.sections.get(name)!);
  doc.set('generated', generated);
  return joinCase({
    frontmatter: doc.toString(YAML_OPTIONS),
    preamble: '',
    sections: GENERATED_SECTIONS.map((name) => ({ heading: sectionHeading(name), body: g.sections.get(name)! })),
  });
}

/** Merges a fresh generation into the text of an existing case file. Throws CaseFileError on a damaged file. */
export function mergeCaseFile(existing: string, g: GeneratedCase): MergeResult {
  const split = splitCase(existing);
  const doc = parseDocument(split.frontmatter, YAML_VERSION);
  if (doc.errors.length) {
    const e = doc.errors[0];
    throw new CaseFileError(`the frontmatter is not valid YAML: ${e.message.split('\n')[0]}`, (e.linePos?.[0]?.line ?? 0) + split.frontmatterLine);
  }
  if (!isMap(doc.contents)) throw new CaseFileError('the frontmatter is not a YAML mapping of keys', split.frontmatterLine);
  const warnings: MergeWarning[] = [];
  const refreshed: string[] = [];
  const recorded = (doc.get('generated', false) as unknown) ?? null;
  const base: Record<string, string> = isMap(recorded) ? (recorded.toJSON() as Record<string, string>) : {};
  if (!isMap(recorded)) {
    warnings.push({ code: 'untracked', message: "the case has no `generated:` record, so every part of it is treated as an editor's and kept" });
  }
  const next: Record<string, string> = { ...base };

  for (const k of MACHINE_KEYS) {
    const unit = `key:${k}`;
    const theirs = g.facts[k as keyof CaseFacts];
    const ours = doc.has(k) ? (doc.get(k, true) as Scalar | { toJSON(): unknown } | undefined) : undefined;
    const oursValue =
      ours && typeof (ours as { toJSON?: unknown }).toJSON === 'function' ? (ours as { toJSON(): unknown }).toJSON() : (ours as Scalar | undefined)?.value;
    const decision = decide(base[unit], doc.has(k) ? hashOf(oursValue) : null, hashOf(theirs));
    if (decision === 'insert' || decision === 'refresh') {
      doc.set(k, theirs);
      next[unit] = hashOf(theirs);
      if (decision === 'insert' || hashOf(theirs) !== base[unit]) refreshed.push(unit);
    } else if (decision === 'deleted-kept') {
      warnings.push({ code: 'key-deleted-kept', message: `an editor removed \`${k}\`; it stays removed (the machine's value is ${JSON.stringify(theirs)})` });
    } else if (decision === 'edited-kept') {
      warnings.push({ code: 'key-kept', message: `\`${k}\` was changed by an editor and is kept; the machine now says ${JSON.stringify(theirs)}` });
    }
  }

  const sections = split.sections.map((s) => ({ ...s }));
  for (let i = 0; i < GENERATED_SECTIONS.length; i++) {
    const name = GENERATED_SECTIONS[i];
    const unit = `section:${name}`;
    const theirs = g.sections.get(name)!;
    const at = sections.findIndex((s) => s.name === name);
    const decision = decide(base[unit], at < 0 ? null : hashOf(sections[at].body), hashOf(theirs));
    if (decision === 'insert') {
      // A section the machine did not write before: after the generated section that precedes it.
      const before = GENERATED_SECTIONS.slice(0, i)
        .map((n) => sections.findIndex((s) => s.name === n))
        .filter((x) => x >= 0);
      const insertAt = before.length ? Math.max(...before) + 1 : 0;
      sections.splice(insertAt, 0, { name, heading: sectionHeading(name), body: theirs, line: 0 });
    } else if (decision === 'refresh') {
      sections[at] = { ...sections[at], body: theirs };
    } else if (decision === 'deleted-kept') {
      warnings.push({ code: 'section-deleted-kept', message: `an editor removed the section "${name}"; it stays removed` });
    } else if (decision === 'edited-kept') {
      warnings.push({
        code: 'section-kept',
        message: `the section "${name}" was edited and is kept; the machine's version changed (the new draft is not shown)`,
      });
    }
    if (decision === 'insert' || decision === 'refresh') {
      next[unit] = hashOf(theirs);
      if (decision === 'insert' || hashOf(theirs) !== base[unit]) refreshed.push(unit);
    }
  }

  doc.set('generated', next);
  if (!doc.has('review')) doc.set('review', 'draft');
  const text = joinCase({ frontmatter: doc.toString(YAML_OPTIONS), preamble: split.preamble, sections });
  return { text, warnings, refreshed };
}
