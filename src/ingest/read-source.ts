// A source path (file, folder, maildir, `-`) → IngestResult. Detects the format, inflates gzip, and turns
// problems into warnings; throws a SourceError only when nothing usable can be read.
import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { constants as zlibConstants, gunzipSync } from 'node:zlib';
import { readArchivePage } from './archive-page.ts';
import { readArchiveText } from './archive-text.ts';
import { readCollapsedMbox } from './collapsed-mbox.ts';
import { detectTextFormat, looksBinary } from './detect-format.ts';
import { extractMarcInfoQuote } from './marc-info.ts';
import { parseMail } from './parse-mail.ts';
import { splitMbox } from './split-mbox.ts';
import { SOURCE_FORMATS, type IngestedMessage, type IngestResult, type SourceFormat, type Warning } from './types.ts';

/**
 * A source (a file, standard input, a folder's files together) is read up to this many bytes, after gzip
 * inflation. It stops a gzip bomb (a megabyte that inflates to gigabytes) before it fills memory, and a
 * whole-list archive given as one thread: reading takes about twenty times the text in memory, so a larger
 * source would exhaust Node's default heap (and past 512 MiB its text cannot even be one string).
 */
export const MAX_SOURCE_BYTES = 128 * 1024 * 1024;
/** Files a folder source may hold: it stops an accidental `casebook import /`. */
export const MAX_FOLDER_FILES = 100_000;
/** Folder depth walked: it stops symlink-free but pathological trees from recursing forever. */
export const MAX_FOLDER_DEPTH = 16;

export class SourceError extends Error {
  readonly hint: string;
  readonly file: string;
  constructor(file: string, message: string, hint: string) {
    super(message);
    this.name = 'SourceError';
    this.file = file;
    this.hint = hint;
  }
}

export interface ReadOptions {
  format?: SourceFormat;
  /** Bytes of standard input, for the source `-`. */
  stdin?: () => Promise<Buffer>;
  /** Called with (done, total) bytes or messages while a large source is read. */
  onProgress?: (done: number, total: number) => void;
}

export interface SourceRead extends IngestResult {
  path: string;
  sha256: string;
  bytes: number;
}

export function assertFormat(name: string): SourceFormat {
  if ((SOURCE_FORMATS as readonly string[]).includes(name)) return name as SourceFormat;
  throw new SourceError('--format', `Unknown format \`${name}\``, `Use one of: ${SOURCE_FORMATS.join(', ')}.`);
}

function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

function tooLarge(file: string, what: string): SourceError {
  return new SourceError(
    file,
    `Cannot read source \`${file}\`: ${what} more than ${MAX_SOURCE_BYTES / (1024 * 1024)} MiB (MAX_SOURCE_BYTES)`,
    'A thread source is a few megabytes at most: split a whole-list archive into threads first, or check that this is the file you meant.',
  );
}

/** zlib's error when the output passes maxOutputLength. */
const isOverLimit = (err: unknown) => (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';

function inflate(buf: Buffer, file: string, warnings: Warning[]): Buffer {
  if (buf.length < 2 || buf[0] !== 0x1f || buf[1] !== 0x8b) return buf;
  try {
    return gunzipSync(buf, { maxOutputLength: MAX_SOURCE_BYTES });
  } catch (err) {
    // A gzip bomb: stopped at the limit, and said so (it is not corrupt, and inflating it again would cost as much).
    if (isOverLimit(err)) throw tooLarge(file, 'its gzip data inflates to');
    // A truncated gzip still holds everything before the cut: keep it and say so.
    try {
      const partial = gunzipSync(buf, { finishFlush: zlibConstants.Z_SYNC_FLUSH, maxOutputLength: MAX_SOURCE_BYTES });
      warnings.push({ code: 'gzip-truncated', message: `gzip data is incomplete (${(err as Error).message}); read what it holds`, line: null, messageIndex: null, file });
      return partial;
    } catch (err2) {
      if (isOverLimit(err2)) throw tooLarge(file, 'its gzip data inflates to');
      throw new SourceError(file, `Cannot read source \`${file}\`: gzip data is corrupt (${(err2 as Error).message})`, 'Check the download; gunzip -t tells whether the file is whole.');
    }
  }
}

async function readMailFile(bytes: Buffer, file: string, firstLine: number): Promise<{ messages: IngestedMessage[]; warnings: Warning[] }> {
  const parsed = await parseMail(bytes, { file, firstLine });
  const marc = extractMarcInfoQuote(parsed.message);
  if (!marc) return { messages: [parsed.message], warnings: parsed.warnings };
  return { messages: [marc.quoted, marc.outer], warnings: parsed.warnings };
}

/** Reads one file's (inflated) bytes in the given or detected format; a file with no message is an error. */
async function readFileBytes(raw: Buffer, file: string, opts: ReadOptions): Promise<IngestResult> {
  const r = await readFileFormat(raw, file, opts);
  if (r.messages.length === 0) {
    throw new SourceError(file, `Cannot read source \`${file}\`: no message found in it (read as ${r.format})`, 'Check the file, or force another reading with --format NAME.');
  }
  return r;
}

async function readFileFormat(raw: Buffer, file: string, opts: ReadOptions): Promise<IngestResult> {
  const warnings: Warning[] = [];
  if (raw.length > MAX_SOURCE_BYTES) throw tooLarge(file, 'it holds');
  const data = inflate(raw, file, warnings);
  if (data.length === 0) {
    throw new SourceError(file, `Cannot read source \`${file}\`: the file is empty`, 'Give an mbox, .eml, maildir or archive text with at least one message.');
  }
  if (looksBinary(data)) {
    throw new SourceError(file, `Cannot read source \`${file}\`: binary data, expected an mbox, .eml, maildir or archive text`, 'Is this the right file? Mail sources are text (optionally gzip-compressed).');
  }
  const text = data.toString('latin1');
  const format = opts.format && opts.format !== 'folder' && opts.format !== 'maildir' ? opts.format : detectTextFormat(text);
  if (!format) {
    throw new SourceError(file, `Cannot read source \`${file}\`: no mail headers, From_ lines or archive message blocks found`, 'Expected an mbox, .eml, maildir or archive text; force one with --format NAME if detection is wrong.');
  }
  const utf8 = () => data.toString('utf8');
  switch (format) {
    case 'archive-text': {
      const r = readArchiveText(utf8(), file);
      return { ...r, warnings: [...warnings, ...r.warnings] };
    }
    case 'archive-page': {
      const r = readArchivePage(utf8(), file);
      return { ...r, warnings: [...warnings, ...r.warnings] };
    }
    case 'collapsed-mbox': {
      const r = readCollapsedMbox(utf8(), file);
      return { ...r, warnings: [...warnings, ...r.warnings] };
    }
    case 'eml': {
      const r = await readMailFile(data, file, 1);
      return { format: 'eml', messages: r.messages, warnings: [...warnings, ...r.warnings] };
    }
    case 'mbox': {
      const split = splitMbox(data);
      if (split.preambleLines > 0) {
        warnings.push({ code: 'mbox-preamble', message: `${split.preambleLines} non-blank line(s) before the first From_ line were ignored`, line: 1, messageIndex: null, file });
      }
      for (const line of split.malformedFromLines) {
        warnings.push({ code: 'from-line-malformed', message: 'the From_ separator line has no sender and date; read as a message start anyway', line, messageIndex: null, file });
      }
      const messages: IngestedMessage[] = [];
      let done = 0;
      for (const m of split.messages) {
        if (m.bytes.toString('latin1').trim() === '') {
          warnings.push({ code: 'empty-message', message: 'a From_ line with no message after it: skipped', line: m.lines[0], messageIndex: null, file });
          continue;
        }
        const r = await readMailFile(m.bytes, file, m.lines[0] + 1);
        // A message's lines run from its From_ line to its last line.
        for (const msg of r.messages) msg.lines = [m.lines[0], m.lines[1]];
        messages.push(...r.messages);
        warnings.push(...r.warnings);
        done += m.bytes.length;
        opts.onProgress?.(done, data.length);
      }
      if (messages.length === 0) {
        throw new SourceError(file, `Cannot read source \`${file}\`: the mbox holds no message`, 'An mbox starts each message with a `From sender date` line followed by headers.');
      }
      return { format: 'mbox', messages, warnings };
    }
    default:
      throw new SourceError(file, `Cannot read \`${file}\` as ${format}: it is a file`, 'maildir and folder formats take a directory.');
  }
}

interface FolderEntry {
  path: string;
  rel: string;
}

async function walk(root: string, dir: string, depth: number, out: FolderEntry[], warnings: Warning[]): Promise<void> {
  if (depth > MAX_FOLDER_DEPTH) {
    warnings.push({ code: 'folder-too-deep', message: `${relative(root, dir)} is nested deeper than ${MAX_FOLDER_DEPTH} levels: not read`, line: null, messageIndex: null, file: dir });
    return;
  }
  const names = (await readdir(dir)).sort();
  for (const name of names) {
    if (name === '.git') continue;
    const p = join(dir, name);
    const st = await lstat(p);
    if (st.isSymbolicLink()) {
      // A link may point outside the source: it is never followed.
      warnings.push({ code: 'symlink-skipped', message: `${relative(root, p)} is a symbolic link: not followed`, line: null, messageIndex: null, file: p });
      continue;
    }
    if (st.isDirectory()) await walk(root, p, depth + 1, out, warnings);
    else if (st.isFile()) {
      if (out.length >= MAX_FOLDER_FILES) {
        warnings.push({ code: 'folder-too-large', message: `more than ${MAX_FOLDER_FILES} files: the rest were not read`, line: null, messageIndex: null, file: root });
        return;
      }
      out.push({ path: p, rel: relative(root, p) });
    }
  }
}

async function isMaildir(dir: string): Promise<boolean> {
  for (const sub of ['cur', 'new']) {
    try {
      if ((await lstat(join(dir, sub))).isDirectory()) return true;
    } catch {
      // not there
    }
  }
  return false;
}

async function readFolder(dir: string, opts: ReadOptions): Promise<{ result: IngestResult; hash: string; bytes: number }> {
  const warnings: Warning[] = [];
  const entries: FolderEntry[] = [];
  const maildir = opts.format === 'maildir' || (opts.format !== 'folder' && (await isMaildir(dir)));
  await walk(dir, dir, 0, entries, warnings);
  // In a maildir only cur/ and new/ hold messages (tmp/ holds deliveries in progress).
  const files = maildir ? entries.filter((e) => /(^|\/)(cur|new)\//.test(e.rel)) : entries;
  const messages: IngestedMessage[] = [];
  const hashes: string[] = [];
  let bytes = 0;
  for (const e of files) {
    // The folder's files together are one source: the limit on a source's size holds for their sum.
    const size = (await stat(e.path)).size;
    if (bytes + size > MAX_SOURCE_BYTES) {
      warnings.push({ code: 'folder-too-large', message: `the files hold more than ${MAX_SOURCE_BYTES / (1024 * 1024)} MiB (MAX_SOURCE_BYTES): the rest were not read`, line: null, messageIndex: null, file: e.path });
      break;
    }
    const raw = await readFile(e.path);
    bytes += raw.length;
    hashes.push(`${e.rel}\0${sha256(raw)}`);
    try {
      const r = await readFileBytes(raw, e.path, { ...opts, format: maildir ? 'eml' : undefined });
      for (const m of r.messages) messages.push({ ...m, file: e.rel });
      warnings.push(...r.warnings);
    } catch (err) {
      if (!(err instanceof SourceError)) throw err;
      warnings.push({ code: 'file-skipped', message: err.message, line: null, messageIndex: null, file: e.path });
    }
  }
  if (messages.length === 0) {
    throw new SourceError(dir, `Cannot read source \`${dir}\`: no mail file in it${files.length ? ` (${files.length} file(s) tried)` : ''}`, 'A folder source holds mbox, .eml or archive-text files, or is a maildir with cur/ and new/.');
  }
  return { result: { format: maildir ? 'maildir' : 'folder', messages, warnings }, hash: sha256(hashes.join('\n')), bytes };
}

/** Reads one source. Throws SourceError when nothing usable is in it. */
export async function readSource(path: string, opts: ReadOptions = {}): Promise<SourceRead> {
  if (path === '-') {
    if (!opts.stdin) throw new SourceError('-', 'Cannot read standard input here', 'Pass a file path instead.');
    const raw = await opts.stdin();
    const r = await readFileBytes(raw, '-', opts);
    return { ...r, path: '-', sha256: sha256(raw), bytes: raw.length };
  }
  let st;
  try {
    st = await lstat(path);
  } catch {
    throw new SourceError(path, `Cannot read source \`${path}\`: no such file or folder`, 'Check the path; a source is an mbox, .eml, maildir, a folder of those, or archive text.');
  }
  // A source named on the command line may be a link; links inside a folder source are not followed.
  if (st.isSymbolicLink()) st = await stat(path);
  if (st.isDirectory()) {
    const { result, hash, bytes } = await readFolder(path, opts);
    return { ...result, path, sha256: hash, bytes };
  }
  if (!st.isFile()) {
    throw new SourceError(path, `Cannot read source \`${path}\`: not a file or folder`, 'Give an mbox, .eml, maildir or archive text.');
  }
  // Checked before reading: a file past 2 GiB cannot even be read into one buffer.
  if (st.size > MAX_SOURCE_BYTES) throw tooLarge(path, 'it holds');
  const raw = await readFile(path);
  const r = await readFileBytes(raw, path, opts);
  return { ...r, path, sha256: sha256(raw), bytes: raw.length };
}
