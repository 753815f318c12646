// Reads an mbox as a stream, message by message: a first pass finds the From_ lines and the escaping
// variant (which depends on the whole file), a second one hands each message to parseMail. Only the parsed
// messages stay in memory, never the file.
import { passChunks, newPassStats, type PassOptions, type RawSource } from './byte-stream.ts';
import { extractMarcInfoQuote } from './marc-info.ts';
import { MboxScanner, type ScannedMessage } from './mbox-scanner.ts';
import { type MimeOptions, parseMail } from './parse-mail.ts';
import { SourceError } from './source-error.ts';
import { variantOf } from './split-mbox.ts';
import { type IngestedMessage, type IngestResult, type Warning, warning } from './types.ts';

/**
 * One message's size in bytes (an mbox message, an .eml, a maildir file). Parsing takes about twenty times a
 * message's size in memory; a larger message is cut to this many bytes, with a warning, and marked truncated.
 */
export const MAX_MESSAGE_BYTES = 32 * 1024 * 1024;
/**
 * Messages read from one source (one thread). Threading and analysis hold every message at once; past this
 * count the rest of the source is not read, with a warning. A whole list's busiest year is under 100,000.
 */
export const MAX_MESSAGES_PER_THREAD = 200_000;

/** What the first pass over a source learned: enough to detect its format and to split it as an mbox. */
export interface Probe {
  head: Buffer;
  bytes: number;
  sha256: string;
  gzip: boolean;
  rawBytes: number;
  finishFlush: number | undefined;
  scan: MboxScanner;
}

export async function readMailBytes(
  bytes: Buffer,
  file: string,
  firstLine: number,
  lines?: [number, number],
  mime?: MimeOptions,
): Promise<{ messages: IngestedMessage[]; warnings: Warning[] }> {
  const parsed = await parseMail(bytes, { file, firstLine, lines, mime });
  const marc = extractMarcInfoQuote(parsed.message);
  if (!marc) return { messages: [parsed.message], warnings: parsed.warnings };
  return { messages: [marc.quoted, marc.outer], warnings: parsed.warnings };
}

/**
 * `bytes.toString('latin1').trim() === ''` without making the string: the bytes String.prototype.trim()
 * removes in latin1 are TAB, LF, VT, FF, CR, space and NBSP. A message's first byte usually answers.
 */
function isBlankBytes(bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (c !== 0x20 && c !== 0x0a && c !== 0x09 && c !== 0x0d && c !== 0x0b && c !== 0x0c && c !== 0xa0) return false;
  }
  return true;
}

export function tooManyMessages(file: string, line: number | null): Warning {
  return warning('too-many-messages', `more than ${MAX_MESSAGES_PER_THREAD} messages (MAX_MESSAGES_PER_THREAD): the rest were not read`, line, file);
}

export function messageCut(file: string, line: number | null, size: number): Warning {
  const mib = (n: number) => `${Math.round(n / (1024 * 1024))} MiB`;
  return warning(
    'message-too-large',
    `the message holds ${mib(size)}, more than ${mib(MAX_MESSAGE_BYTES)} (MAX_MESSAGE_BYTES): only its first ${MAX_MESSAGE_BYTES} bytes were read`,
    line,
    file,
  );
}

export interface MboxReadOptions {
  pass: PassOptions;
  /** How many more messages the thread may take (a folder's earlier files count too). */
  budget: number;
  onProgress?: (done: number, total: number) => void;
  mime?: MimeOptions;
}

/** The second pass: every message of the mbox the probe found, parsed one at a time. */
export async function readMbox(src: RawSource, file: string, probe: Probe, warnings: Warning[], opts: MboxReadOptions): Promise<IngestResult> {
  const { scan } = probe;
  if (scan.preambleLines > 0) {
    warnings.push(warning('mbox-preamble', `${scan.preambleLines} non-blank line(s) before the first From_ line were ignored`, 1, file));
  }
  for (const line of scan.malformedFromLines) {
    warnings.push(warning('from-line-malformed', 'the From_ separator line has no sender and date; read as a message start anyway', line, file));
  }
  const messages: IngestedMessage[] = [];
  const queue: ScannedMessage[] = [];
  const scanner = new MboxScanner({ variant: variantOf(scan.evidence), maxMessageBytes: MAX_MESSAGE_BYTES, onMessage: (m) => queue.push(m) });
  let done = 0;
  let stopped = false;
  const take = async (m: ScannedMessage): Promise<void> => {
    if (isBlankBytes(m.bytes)) {
      warnings.push(warning('empty-message', 'a From_ line with no message after it: skipped', m.lines[0], file));
      return;
    }
    if (messages.length >= opts.budget) {
      warnings.push(tooManyMessages(file, m.lines[0]));
      stopped = true;
      return;
    }
    if (m.cutFrom !== null) warnings.push(messageCut(file, m.lines[0], m.cutFrom));
    // A message's lines run from its From_ line to its last line (the scanner counted them).
    const r = await readMailBytes(m.bytes, file, m.lines[0] + 1, [m.lines[0], m.lines[1]], opts.mime);
    for (const msg of r.messages) {
      msg.lines = [m.lines[0], m.lines[1]];
      if (m.cutFrom !== null) msg.truncated = true;
    }
    messages.push(...r.messages);
    warnings.push(...r.warnings);
    done += m.bytes.length;
    opts.onProgress?.(done, probe.bytes);
  };
  const drain = async () => {
    while (queue.length > 0 && !stopped) await take(queue.shift()!);
  };
  const stats = newPassStats();
  for await (const chunk of passChunks(src, stats, opts.pass)) {
    scanner.push(chunk);
    await drain();
    if (stopped) break;
  }
  if (!stopped) {
    scanner.end();
    await drain();
    // Both passes must have read the same bytes, or the From_ lines and variant found first do not fit.
    if (stats.sha256 !== probe.sha256 || scanner.messages !== scan.messages) {
      throw new SourceError(file, `Cannot read source \`${file}\`: it changed while it was being read`, 'Read it again once whatever writes it has finished.');
    }
  }
  if (messages.length === 0) {
    throw new SourceError(
      file,
      `Cannot read source \`${file}\`: the mbox holds no message`,
      'An mbox starts each message with a `From sender date` line followed by headers.',
    );
  }
  return { format: 'mbox', messages, warnings };
}
