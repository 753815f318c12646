// The analysis object of `inspect --json` (../shared/CONTRACT.md, schemaVersion 1).

import type { CaseStatus, Confidence, EventKind, ParticipantRole, PatchRole, SymptomKind } from '../vocabulary/index.ts';

export type { CaseStatus, Confidence, ParticipantRole, PatchRole, SymptomKind } from '../vocabulary/index.ts';
export type TimelineKind = EventKind;

export interface Symptom {
  title: string;
  kind: SymptomKind;
  function: string | null;
  kernelVersion: string | null;
  arch: string | null;
  messageIndex: number;
}

export interface Trailer {
  key: string;
  name: string | null;
  email: string | null;
}

export interface Patch {
  id: string;
  messageIndex: number;
  author: string | null;
  subject: string | null;
  files: string[];
  insertions: number;
  deletions: number;
  truncated: boolean;
  role: PatchRole;
  trailers: Trailer[];
  /** Beyond the contract: `[PATCH v3 …]` → 3, and the id of the version this one revises. */
  version?: number;
  previousVersion?: string | null;
}

export interface Quote {
  messageIndex: number;
  quote: string;
}

export interface Fix {
  patchId: string | null;
  commit: string | null;
  subject: string | null;
  /** Where the fix is when the thread only links to it (a lore or git.kernel.org URL). */
  link?: string | null;
  evidence: Quote[];
}

export interface Culprit {
  commit: string | null;
  subject: string | null;
  messageIndex: number;
}

export interface TimelineEvent {
  date: string | null;
  kind: TimelineKind;
  messageIndex: number;
  actor: string | null;
  summary: string;
}

export interface Participant {
  name: string;
  email: string | null;
  messages: number;
  roles: ParticipantRole[];
}

/** One signal behind a decision: what rule fired, in which message, on which words (verbatim). */
export interface Reason {
  /** The rule's name (`syz-test-ok`, `applied`, `tested-by-other`, `first-bad-commit` …). */
  signal: string;
  messageIndex: number;
  quote: string;
}

/** How sure the analysis is of one decision, and why ("why we think so"). */
export interface Decision {
  confidence: Confidence;
  /** Strongest first; empty when the decision is a default (no fix found, no culprit named). */
  reasons: Reason[];
}

export interface Analysis {
  status: CaseStatus;
  /** For status `duplicate`: the report this one duplicates, as the thread names it. */
  duplicateOf: { title: string | null; messageIndex: number } | null;
  /** Every decision with its confidence and evidence. Beyond schemaVersion 1's fields, added. */
  decisions: { symptom: Decision; fix: Decision; status: Decision; culprit: Decision };
  /** The message that reports the bug, and the one that settled the fix (its last confirmation), if any. */
  reportIndex: number | null;
  fixedIndex: number | null;
  symptoms: Symptom[];
  patches: Patch[];
  fix: Fix | null;
  culprit: Culprit | null;
  timeline: TimelineEvent[];
  rootCause: { summary: string; citations: Quote[] } | null;
  participants: Participant[];
}
