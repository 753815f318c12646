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

export interface Analysis {
  status: CaseStatus;
  symptoms: Symptom[];
  patches: Patch[];
  fix: Fix | null;
  culprit: Culprit | null;
  timeline: TimelineEvent[];
  rootCause: { summary: string; citations: Quote[] } | null;
  participants: Participant[];
}
