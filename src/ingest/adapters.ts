// The file formats casebook reads, one entry each, in the order detection tries them (the most specific
// shapes first): the name `--format` takes, how a file's first bytes look in that format, and how it is read.
// Folders and maildirs are read file by file with these (read-source.ts). Adding a format is an entry here,
// its name in SOURCE_FORMATS (types.ts) and a row in the README's table (test/ingest/adapters.test.ts checks both).
import { looksLikeArchivePage, readArchivePage } from './archive-page.ts';
import { looksLikeArchiveText, readArchiveText } from './archive-text.ts';
import type { PassOptions, RawSource } from './byte-stream.ts';
import { looksLikeCollapsedMbox, readCollapsedMbox } from './collapsed-mbox.ts';
import { looksLikeEml } from './detect-format.ts';
import type { MimeOptions } from './parse-mail.ts';
import { MAX_MESSAGE_BYTES, messageCut, readMailBytes, readMbox, type Probe } from './read-mbox.ts';
import { looksLikeMbox } from './split-mbox.ts';
import type { IngestResult, SourceFormat, Warning } from './types.ts';

/** A format one file can be in (a maildir and a folder are made of such files). */
export type FileFormat = Exclude<SourceFormat, 'maildir' | 'folder'>;

/** What reading one file needs: the bytes (streamed or whole), where it is, and what has been said about it. */
export interface FileInput {
  src: RawSource;
  file: string;
  /** The first pass over the bytes: their head, count, hash and the mbox facts. */
  probe: Probe;
  /** Warnings so far (the probe's); the adapter's own join them. */
  warnings: Warning[];
  /** How many more messages the thread may take. */
  budget: number;
  /** The stream limits for a second pass over the bytes. */
  pass: PassOptions;
  /** The whole (inflated) file, for the formats read at once. */
  whole: () => Promise<Buffer>;
  onProgress?: (done: number, total: number) => void;
  mime?: MimeOptions;
}

export interface FileAdapter {
  name: FileFormat;
  /** Does the start of a file (up to 256 KiB, as latin1 text) look like this format? */
  looksLike: (head: string) => boolean;
  /**
   * True for formats whose file holds one thread (a web archive's page of one thread, a scrape of one): its
   * messages stay one conversation. Otherwise (mbox, .eml) the threading headers split a source into threads.
   */
  oneThread: boolean;
  read: (input: FileInput) => Promise<IngestResult>;
}

/** A whole-text format: read at once from the file's UTF-8 text. */
const wholeText =
  (read: (text: string, file: string) => IngestResult) =>
  async (input: FileInput): Promise<IngestResult> => {
    const r = read((await input.whole()).toString('utf8'), input.file);
    return { ...r, warnings: [...input.warnings, ...r.warnings] };
  };

/** In detection order. */
export const FILE_ADAPTERS: readonly FileAdapter[] = [
  // Before mbox: a collapsed mbox message also starts with a From_ line.
  { name: 'collapsed-mbox', looksLike: looksLikeCollapsedMbox, oneThread: true, read: wholeText(readCollapsedMbox) },
  {
    name: 'mbox',
    looksLike: looksLikeMbox,
    oneThread: false,
    // Streamed: an mbox can be far larger than what is held in memory at once.
    read: (input) =>
      readMbox(input.src, input.file, input.probe, input.warnings, { pass: input.pass, budget: input.budget, onProgress: input.onProgress, mime: input.mime }),
  },
  { name: 'archive-page', looksLike: looksLikeArchivePage, oneThread: true, read: wholeText(readArchivePage) },
  {
    name: 'eml',
    looksLike: looksLikeEml,
    oneThread: false,
    read: async (input) => {
      const bytes = await input.whole();
      const cut = bytes.length > MAX_MESSAGE_BYTES;
      if (cut) input.warnings.push(messageCut(input.file, 1, bytes.length));
      const r = await readMailBytes(cut ? bytes.subarray(0, MAX_MESSAGE_BYTES) : bytes, input.file, 1, undefined, input.mime);
      if (cut) for (const m of r.messages) m.truncated = true;
      return { format: 'eml', messages: r.messages, warnings: [...input.warnings, ...r.warnings] };
    },
  },
  { name: 'archive-text', looksLike: looksLikeArchiveText, oneThread: true, read: wholeText(readArchiveText) },
];

/** The adapter of a format name. */
export function adapterOf(format: FileFormat): FileAdapter {
  return FILE_ADAPTERS.find((a) => a.name === format)!;
}

/** Detects the format of a file's text (already inflated); null when it is not a mail source. */
export function detectTextFormat(text: string): FileFormat | null {
  const head = text.slice(0, 256 * 1024);
  return FILE_ADAPTERS.find((a) => a.looksLike(head))?.name ?? null;
}
