// A source path (file, folder, maildir, `-`) → IngestResult. Detects the format, inflates gzip, and turns
// problems into warnings; throws a SourceError only when nothing usable can be read. An mbox is streamed
// (read-mbox.ts); the other formats need their whole text and are read whole.
import { createHash } from 'node:crypto';
import { lstatSync, statSync } from 'node:fs';
import { lstat, readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { constants as zlibConstants } from 'node:zlib';
import { bufferBytes, fileBytes, isZlibError, sourceBytes, newPassStats, passChunks, type PassOptions, type RawSource } from './byte-stream.ts';
import { adapterOf, detectTextFormat } from './adapters.ts';
import { looksBinary } from './detect-format.ts';
import { MboxScanner } from './mbox-scanner.ts';
import { MAX_MESSAGE_BYTES, MAX_MESSAGES_PER_THREAD, tooManyMessages, type Probe } from './read-mbox.ts';
import type { MimeOptions } from './parse-mail.ts';
import { SourceError } from './source-error.ts';
import { SOURCE_FORMATS, type IngestedMessage, type IngestResult, type SourceFormat, type Warning, warning } from './types.ts';

export { SourceError } from './source-error.ts';
export { MAX_MESSAGE_BYTES, MAX_MESSAGES_PER_THREAD } from './read-mbox.ts';

/**
 * A source (a file, standard input, a folder's files together) is read up to this many bytes, counted after
 * gzip inflation as the bytes flow. An mbox is streamed, so its size costs time, not memory; the limit stops a
 * gzip bomb (a megabyte that inflates to gigabytes) one chunk past it, without holding what it inflated.
 */
export const MAX_SOURCE_BYTES = 1024 * 1024 * 1024;
/**
 * A source read as one text (.eml, archive text, collapsed mbox, archive page) is held whole, and reading
 * takes about twenty times the text in memory: past this size it is refused (past 512 MiB the text could
 * not even be one string).
 */
export const MAX_TEXT_SOURCE_BYTES = 128 * 1024 * 1024;
/** Files a folder source may hold: it stops an accidental `casebook import /`. */
export const MAX_FOLDER_FILES = 100_000;
/** Folder depth walked: it stops symlink-free but pathological trees from recursing forever. */
export const MAX_FOLDER_DEPTH = 16;

/** The text format detection looks at (detect-format.ts reads no further). */
const HEAD_BYTES = 256 * 1024;

export interface ReadOptions {
  format?: SourceFormat;
  /** Bytes of standard input, for the source `-`. */
  stdin?: () => Promise<Buffer>;
  /** Called with (done, total) bytes or messages while a large source is read. */
  onProgress?: (done: number, total: number) => void;
  /** How MIME bodies are decoded (tests compare the fast paths with mailparser through it). */
  mime?: MimeOptions;
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

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fileBytes(path).chunks()) hash.update(chunk);
  return hash.digest('hex');
}

const MiB = (n: number) => `${n / (1024 * 1024)} MiB`;

function tooLarge(file: string, what: string, limit = MAX_SOURCE_BYTES, name = 'MAX_SOURCE_BYTES'): SourceError {
  return new SourceError(
    file,
    `Cannot read source \`${file}\`: ${what} more than ${MiB(limit)} (${name})`,
    'A thread source is a few megabytes at most: split a whole-list archive into threads first, or check that this is the file you meant.',
  );
}

function passOptions(file: string, finishFlush?: number): PassOptions {
  return {
    finishFlush,
    maxRaw: MAX_SOURCE_BYTES,
    maxInflated: MAX_SOURCE_BYTES,
    tooLarge: (what) => tooLarge(file, what === 'raw' ? 'it holds' : 'its gzip data inflates to'),
  };
}

/** One pass with the given flush: the head for detection, the byte count and hash, and the mbox facts. */
async function probeWith(src: RawSource, file: string, finishFlush: number | undefined): Promise<Probe> {
  const stats = newPassStats();
  const scan = new MboxScanner({ variant: null, maxMessageBytes: MAX_MESSAGE_BYTES });
  const head: Buffer[] = [];
  let headBytes = 0;
  for await (const chunk of passChunks(src, stats, passOptions(file, finishFlush))) {
    if (headBytes < HEAD_BYTES) {
      const part = chunk.subarray(0, HEAD_BYTES - headBytes);
      head.push(Buffer.from(part));
      headBytes += part.length;
    }
    scan.push(chunk);
  }
  scan.end();
  return { head: Buffer.concat(head), bytes: stats.bytes, rawBytes: stats.rawBytes, sha256: stats.sha256!, gzip: stats.gzip, finishFlush, scan };
}

/** The first pass; a truncated gzip is read up to its cut (with a warning), a corrupt one refused. */
export async function probeSource(src: RawSource, file: string, warnings: Warning[]): Promise<Probe> {
  try {
    return await probeWith(src, file, undefined);
  } catch (err) {
    if (!isZlibError(err)) throw err;
    // A truncated gzip still holds everything before the cut: keep it and say so.
    try {
      const p = await probeWith(src, file, zlibConstants.Z_SYNC_FLUSH);
      warnings.push(warning('gzip-truncated', `gzip data is incomplete (${(err as Error).message}); read what it holds`, null, file));
      return p;
    } catch (err2) {
      if (!isZlibError(err2)) throw err2;
      throw new SourceError(
        file,
        `Cannot read source \`${file}\`: gzip data is corrupt (${(err2 as Error).message})`,
        'Check the download; gunzip -t tells whether the file is whole.',
      );
    }
  }
}

/** The whole (inflated) text of a source, for the formats that need it at once. */
async function readWhole(src: RawSource, file: string, p: Probe): Promise<Buffer> {
  if (p.bytes > MAX_TEXT_SOURCE_BYTES) throw tooLarge(file, p.gzip ? 'its gzip data inflates to' : 'it holds', MAX_TEXT_SOURCE_BYTES, 'MAX_TEXT_SOURCE_BYTES');
  const chunks: Buffer[] = [];
  const stats = newPassStats();
  for await (const chunk of passChunks(src, stats, passOptions(file, p.finishFlush))) chunks.push(chunk);
  const data = Buffer.concat(chunks);
  if (stats.sha256 !== p.sha256)
    throw new SourceError(file, `Cannot read source \`${file}\`: it changed while it was being read`, 'Read it again once whatever writes it has finished.');
  return data;
}

/** Reads one file in the given or detected format; a file with no message is an error. */
async function readFileSource(src: RawSource, file: string, opts: ReadOptions, budget: number): Promise<IngestResult & { sha256: string; bytes: number }> {
  const warnings: Warning[] = [];
  const p = await probeSource(src, file, warnings);
  const r = await readFileFormat(src, file, opts, p, warnings, budget);
  if (r.messages.length === 0) {
    throw new SourceError(
      file,
      `Cannot read source \`${file}\`: no message found in it (read as ${r.format})`,
      'Check the file, or force another reading with --format NAME.',
    );
  }
  // Whole-text formats are read at once; the limit on a thread's messages still holds for them.
  if (r.format !== 'mbox' && r.messages.length > budget) {
    r.warnings.push(tooManyMessages(file, r.messages[budget].lines?.[0] ?? null));
    r.messages.length = budget;
  }
  return { ...r, sha256: p.sha256, bytes: p.rawBytes };
}

async function readFileFormat(src: RawSource, file: string, opts: ReadOptions, p: Probe, warnings: Warning[], budget: number): Promise<IngestResult> {
  if (p.bytes === 0) {
    throw new SourceError(file, `Cannot read source \`${file}\`: the file is empty`, 'Give an mbox, .eml, maildir or archive text with at least one message.');
  }
  if (looksBinary(p.head)) {
    throw new SourceError(
      file,
      `Cannot read source \`${file}\`: binary data, expected an mbox, .eml, maildir or archive text`,
      'Is this the right file? Mail sources are text (optionally gzip-compressed).',
    );
  }
  const format = opts.format && opts.format !== 'folder' && opts.format !== 'maildir' ? opts.format : detectTextFormat(p.head.toString('latin1'));
  if (!format) {
    throw new SourceError(
      file,
      `Cannot read source \`${file}\`: no mail headers, From_ lines or archive message blocks found`,
      'Expected an mbox, .eml, maildir or archive text; force one with --format NAME if detection is wrong.',
    );
  }
  const adapter = adapterOf(format);
  const r = await adapter.read({
    src,
    file,
    probe: p,
    warnings,
    budget,
    pass: passOptions(file, p.finishFlush),
    whole: () => readWhole(src, file, p),
    onProgress: opts.onProgress,
    mime: opts.mime,
  });
  // A file in a one-thread format is one conversation, even where its scrape lost the headers that say so.
  if (adapter.oneThread) {
    for (const m of r.messages) m.conversation = file;
    if (r.title) r.conversationTitles = { [file]: r.title };
  }
  return r;
}

/** Folders a source may sit beside that hold no mail, by name, with what they are. */
const NOT_MAIL_FOLDERS = new Map([
  ['node_modules', 'Node package'],
  ['.svn', 'Subversion'],
  ['.hg', 'Mercurial'],
  ['__pycache__', 'Python cache'],
]);

interface FolderEntry {
  path: string;
  rel: string;
}

async function walk(root: string, dir: string, depth: number, out: FolderEntry[], warnings: Warning[]): Promise<void> {
  if (depth > MAX_FOLDER_DEPTH) {
    warnings.push(warning('folder-too-deep', `${relative(root, dir)} is nested deeper than ${MAX_FOLDER_DEPTH} levels: not read`, null, dir));
    return;
  }
  const names = (await readdir(dir)).sort();
  for (const name of names) {
    if (name === '.git') continue;
    const p = join(dir, name);
    if (NOT_MAIL_FOLDERS.has(name)) {
      // Thousands of files that are never mail: one warning, not one per file.
      warnings.push(warning('file-skipped', `a ${NOT_MAIL_FOLDERS.get(name)} folder: not read as mail`, null, p));
      continue;
    }
    const st = await lstat(p);
    if (st.isSymbolicLink()) {
      // A link may point outside the source: it is never followed.
      warnings.push(warning('symlink-skipped', `${relative(root, p)} is a symbolic link: not followed`, null, p));
      continue;
    }
    if (st.isDirectory()) await walk(root, p, depth + 1, out, warnings);
    else if (st.isFile()) {
      if (out.length >= MAX_FOLDER_FILES) {
        warnings.push(warning('folder-too-large', `more than ${MAX_FOLDER_FILES} files: the rest were not read`, null, root));
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
  const titles: Record<string, string> = {};
  const hashes: string[] = [];
  let bytes = 0;
  for (const e of files) {
    // The folder's files together are one source: the limit on a source's size holds for their sum.
    const size = (await stat(e.path)).size;
    if (bytes + size > MAX_SOURCE_BYTES) {
      warnings.push(
        warning(
          'folder-too-large',
          `the files hold more than ${MAX_SOURCE_BYTES / (1024 * 1024)} MiB (MAX_SOURCE_BYTES): the rest were not read`,
          null,
          e.path,
        ),
      );
      break;
    }
    // The folder's messages together are one thread: the limit on a thread's messages holds for their sum.
    if (messages.length >= MAX_MESSAGES_PER_THREAD) {
      warnings.push(tooManyMessages(e.path, null));
      break;
    }
    bytes += size;
    try {
      const r = await readFileSource(
        await sourceBytes(e.path, size),
        e.path,
        { ...opts, format: maildir ? 'eml' : undefined },
        MAX_MESSAGES_PER_THREAD - messages.length,
      );
      hashes.push(`${e.rel}\0${r.sha256}`);
      for (const m of r.messages) messages.push({ ...m, file: e.rel });
      Object.assign(titles, r.conversationTitles);
      warnings.push(...r.warnings);
    } catch (err) {
      if (!(err instanceof SourceError)) throw err;
      // A skipped file is still part of the source: a change to it changes the source's hash.
      hashes.push(`${e.rel}\0${await hashFile(e.path)}`);
      warnings.push(warning('file-skipped', err.message, null, e.path));
    }
  }
  if (messages.length === 0) {
    throw new SourceError(
      dir,
      `Cannot read source \`${dir}\`: no mail file in it${files.length ? ` (${files.length} file(s) tried)` : ''}`,
      'A folder source holds mbox, .eml or archive-text files, or is a maildir with cur/ and new/.',
    );
  }
  return { result: { format: maildir ? 'maildir' : 'folder', messages, warnings, conversationTitles: titles }, hash: sha256(hashes.join('\n')), bytes };
}

/** Reads one source. Throws SourceError when nothing usable is in it. */
export async function readSource(path: string, opts: ReadOptions = {}): Promise<SourceRead> {
  if (path === '-') {
    if (!opts.stdin) throw new SourceError('-', 'Cannot read standard input here', 'Pass a file path instead.');
    const raw = await opts.stdin();
    const { sha256, bytes, ...r } = await readFileSource(bufferBytes(raw), '-', opts, MAX_MESSAGES_PER_THREAD);
    return { ...r, path: '-', sha256, bytes };
  }
  let st: ReturnType<typeof lstatSync>;
  try {
    // Synchronous, like the read of a small file after it (byte-stream.ts sourceBytes): no thread-pool wait.
    st = lstatSync(path);
  } catch {
    throw new SourceError(
      path,
      `Cannot read source \`${path}\`: no such file or folder`,
      'Check the path; a source is an mbox, .eml, maildir, a folder of those, or archive text.',
    );
  }
  // A source named on the command line may be a link; links inside a folder source are not followed.
  if (st.isSymbolicLink()) st = statSync(path);
  if (st.isDirectory()) {
    const { result, hash, bytes } = await readFolder(path, opts);
    return { ...result, path, sha256: hash, bytes };
  }
  if (!st.isFile()) {
    throw new SourceError(path, `Cannot read source \`${path}\`: not a file or folder`, 'Give an mbox, .eml, maildir or archive text.');
  }
  // Checked before reading too (the stream counts again in case the file grows).
  if (st.size > MAX_SOURCE_BYTES) throw tooLarge(path, 'it holds');
  const { sha256, bytes, ...r } = await readFileSource(await sourceBytes(path, st.size), path, opts, MAX_MESSAGES_PER_THREAD);
  return { ...r, path, sha256, bytes };
}
