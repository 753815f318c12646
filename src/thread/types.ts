// The thread model that `inspect --json` prints and every later stage reads (../shared/CONTRACT.md).
import type { Address, SourceFormat, Warning } from '../ingest/types.ts';

export const SEGMENT_KINDS = ['text', 'quote', 'diff', 'trace', 'log', 'code', 'signature', 'trailers', 'headers'] as const;
export type SegmentKind = (typeof SEGMENT_KINDS)[number];

/** A run of a message's lines of one kind. */
export interface Segment {
  kind: SegmentKind;
  text: string;
  /** For quotes: how many `>` levels deep. */
  quoteDepth?: number;
  /** Set when the segment comes from a text attachment rather than the body. */
  attachment?: string;
}

/** A date as parsed from a source: never invented. */
export interface ParsedDate {
  /** ISO 8601 (`2008-04-19T06:22:00`, with `+05:30` only when the source states an offset); null if unknown. */
  iso: string | null;
  /** Milliseconds since the epoch for ordering; a date without an offset is ordered as if UTC. */
  epoch: number | null;
  /** True when the source stated a UTC offset or zone. */
  hasZone: boolean;
}

export interface Message {
  index: number;
  /** Stable anchor id: from the Message-ID when there is one, else a hash of the message. */
  id: string;
  messageId: string | null;
  author: Address | null;
  to: Address[];
  cc: Address[];
  date: string | null;
  dateRaw: string | null;
  subject: string | null;
  inReplyTo: string | null;
  references: string[];
  parentIndex: number | null;
  /** How the parent was found: the headers, or inferred from quoting or from the archive's order. */
  parentBy?: 'headers' | 'inferred';
  ghost: boolean;
  truncated: boolean;
  lines: [number, number] | null;
  segments: Segment[];
  attachments: string[];
  /** The Message-ID of the direct parent when the source names it but does not hold it (a ghost). */
  missingParent?: string;
  file?: string;
  origin?: string;
}

export interface ThreadSource {
  path: string;
  format: SourceFormat;
  sha256: string;
  /** Set when the source was read as one thread whatever its reply headers say (`--one-thread`). */
  whole?: boolean;
  /** The archive link the source was fetched from (`casebook import <Message-ID>`), ending in `/`. */
  url?: string;
}

/**
 * A parent that replies name but the source does not hold. Kept beside the messages rather than as a
 * message: `messages` holds what the source holds (plus the ghosts an archive page lists itself).
 */
export interface MissingParent {
  messageId: string;
  /** Indices of the messages that reply to it. */
  replies: number[];
}

export interface Thread {
  slug: string;
  title: string;
  source: ThreadSource;
  messages: Message[];
  missingParents: MissingParent[];
  warnings: Warning[];
}
