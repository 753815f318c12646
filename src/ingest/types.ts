// The shapes every ingest adapter produces: raw messages, not yet ordered, threaded or segmented.
import type { SourceWarningCode } from '../vocabulary/index.ts';

/** The source formats casebook can read; `--format` takes one of these names. */
export const SOURCE_FORMATS = ['mbox', 'eml', 'maildir', 'folder', 'archive-text', 'archive-page', 'collapsed-mbox'] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

/** A person as a source names them. */
export interface Address {
  name: string | null;
  /** The address as written. For an obfuscated archive address (`mingo@...`) it stays partial, never completed. */
  email: string | null;
  /** True when the source showed only part of the address (`<mingo@...>`, `hji () netscreen ! com` is not partial). */
  partial?: boolean;
}

/** A problem in the content: never stops an import, always carries where it was found. */
export interface Warning {
  /** What kind of problem (src/vocabulary/warning-codes.ts). */
  code: SourceWarningCode;
  message: string;
  /** 1-based line in the source file, when the source has lines. */
  line: number | null;
  /** Index into the thread's messages once the thread is built; adapters leave it null. */
  messageIndex: number | null;
  /** The file the warning is about (a member of a folder source, say); the CLI prints it. */
  file?: string;
}

/** A text attachment kept as part of the message: oopses and patches often live there. */
export interface TextAttachment {
  filename: string | null;
  contentType: string;
  text: string;
}

/** A message as one adapter read it. Dates stay raw here; src/thread parses them. */
export interface IngestedMessage {
  messageId: string | null;
  from: Address | null;
  to: Address[];
  cc: Address[];
  dateRaw: string | null;
  /** For dates written without a year (archive lists): the year the page itself gives. */
  yearHint?: number | null;
  subject: string | null;
  inReplyTo: string | null;
  references: string[];
  /** The raw Reply-To value: some clients put the parent's Message-ID there and nowhere else. */
  replyTo?: string | null;
  /** The decoded body text; for MIME mail the preferred text part (HTML turned into text when that is all there is). */
  body: string;
  attachments: TextAttachment[];
  /** The source only names this message: no body. */
  ghost: boolean;
  /** The archive cut the message (`...`). */
  truncated: boolean;
  /** 1-based inclusive line range in the source file. */
  lines: [number, number] | null;
  /** The file this message came from, for folder sources; relative to the source. */
  file?: string;
  /** How the message was recovered when it was not a plain mail (e.g. `marc-info-quote`). */
  origin?: string;
  /**
   * Messages with the same key are one conversation whatever their headers say: read-source.ts gives the
   * messages of a file whose format holds one thread (a web archive page, a scrape that lost its headers) the
   * file's path. Unset: the threading headers decide (src/thread/split-threads.ts).
   */
  conversation?: string;
}

/** What an adapter returns for one source. */
export interface IngestResult {
  format: SourceFormat;
  messages: IngestedMessage[];
  warnings: Warning[];
  /** A thread title the source states itself (the first line of an archive scrape). */
  title?: string | null;
  /** The titles one-thread files state, by their messages' `conversation` key (a folder of archive scrapes). */
  conversationTitles?: Record<string, string>;
}

export function emptyMessage(overrides: Partial<IngestedMessage> = {}): IngestedMessage {
  return {
    messageId: null,
    from: null,
    to: [],
    cc: [],
    dateRaw: null,
    subject: null,
    inReplyTo: null,
    references: [],
    body: '',
    attachments: [],
    ghost: false,
    truncated: false,
    lines: null,
    ...overrides,
  };
}

/** A warning about `file` (or the source being read), at a line when the source has lines. */
export function warning(code: SourceWarningCode, message: string, line: number | null, file?: string, messageIndex: number | null = null): Warning {
  return file === undefined ? { code, message, line, messageIndex } : { code, message, line, messageIndex, file };
}
