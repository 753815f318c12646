// The case files' frontmatter schema — defined once, here: `casebook import` and `casebook check` validate
// case files against it, and the site's content collection (src/content.config.ts) uses it as its schema.
// zod/v4 is the zod Astro's own `astro/zod` re-exports: one schema object serves both.
import { z } from 'zod/v4';

import { CASE_STATUSES as STATUS, CONFIDENCE_LEVELS, PARTICIPANT_ROLES as ROLE, SYMPTOM_KINDS as SYMPTOM_KIND } from '../vocabulary/index.ts';

const confidence = z.enum(CONFIDENCE_LEVELS);

/**
 * A date as the thread states it: ISO 8601, with an offset only when the source gave one. A YAML reader may
 * hand over an unquoted date an editor typed as a Date: it is taken as UTC.
 */
const isoDate = z.preprocess(
  (v) => (v instanceof Date ? v.toISOString().replace(/\.\d{3}Z$/, '+00:00') : v),
  z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:[+-]\d{2}:\d{2})?$/, 'an ISO 8601 date like 2008-04-19T06:22:00'),
);
const sha = z.string().regex(/^[0-9a-f]{7,40}$/, 'a git commit id (7 to 40 hex digits)');

export const caseSchema = z
  .object({
    title: z.string().min(1),
    status: z.enum(STATUS),
    /** How sure the machine reading is of each decision (case files imported before it was recorded lack it). */
    confidence: z.object({ symptom: confidence, fix: confidence, status: confidence, culprit: confidence }).optional(),
    /** For status `duplicate`: the report it duplicates, as the thread names it. */
    duplicateOf: z.string().nullable().optional(),
    symptom: z.object({ title: z.string(), kind: z.enum(SYMPTOM_KIND) }).nullable(),
    subsystem: z.string().nullable(),
    kernelVersions: z.array(z.string()),
    dates: z.object({
      reported: isoDate.nullable(),
      fixed: isoDate.nullable(),
      daysToFix: z.number().int().nonnegative().nullable(),
    }),
    culprit: z.object({ commit: sha.nullable(), subject: z.string().nullable() }).nullable(),
    fix: z
      .object({
        commit: sha.nullable(),
        subject: z.string().nullable(),
        patch: z.string().nullable(),
        link: z
          .string()
          .regex(/^https?:\/\/\S+$/, 'an http(s) URL')
          .nullable()
          .optional(),
      })
      .nullable(),
    tags: z.array(z.string()),
    participants: z.array(z.object({ name: z.string(), roles: z.array(z.enum(ROLE)), messages: z.number().int().nonnegative() })),
    messages: z.number().int().nonnegative(),
    sources: z
      .array(
        z.object({
          path: z.string(),
          sha256: z.string().regex(/^[0-9a-f]{64}$/),
          lore: z.string().url().nullable(),
          /** The stable id of the thread's first message: which of the source's threads this case is. */
          thread: z.string().nullable().optional(),
          /** The source was read as one thread (`--one-thread`). */
          whole: z.boolean().optional(),
          /** The archive link the source was fetched from (`casebook import <Message-ID>`). */
          url: z
            .string()
            .regex(/^https?:\/\/\S+$/, 'an http(s) URL')
            .optional(),
        }),
      )
      .min(1),
    review: z.enum(['draft', 'reviewed']),
    /** The machine's record of what it generated (hashes per key and section), for merging on re-import. */
    generated: z.record(z.string(), z.string()).optional(),
  })
  // Editors may add keys of their own: they are kept.
  .passthrough();

export type CaseFrontmatter = z.infer<typeof caseSchema>;
