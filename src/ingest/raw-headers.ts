// Reads a message's header block from raw bytes ourselves: mailparser decodes raw 8-bit headers as UTF-8
// and turns other charsets into U+FFFD, and replaces a bad Date: with "now". We keep raw values instead.
import libmime from 'libmime';
import { decodeBytes, isValidUtf8 } from './charset.ts';

export interface RawHeader {
  readonly name: string;
  /** Lower-case name for lookups. */
  readonly key: string;
  /** Unfolded, charset-decoded, RFC 2047-decoded value. */
  readonly value: string;
  /** 0-based line within the message where the header starts. */
  readonly line: number;
}

/**
 * A header whose value is unfolded and decoded when first read. A list mail's header block is mostly
 * Received, DKIM and ARC lines nobody reads; unfolding and decoding them all was a third of parseMail.
 */
class LazyHeader implements RawHeader {
  readonly name: string;
  readonly key: string;
  readonly line: number;
  readonly #text: string;
  readonly #start: number;
  readonly #end: number;
  #value: string | undefined;

  constructor(name: string, text: string, start: number, end: number, line: number) {
    this.name = name;
    this.key = name.toLowerCase();
    this.line = line;
    this.#text = text;
    this.#start = start;
    this.#end = end;
  }

  get value(): string {
    if (this.#value === undefined) {
      let raw = this.#text.slice(this.#start, this.#end);
      if (raw.includes('\n')) raw = raw.replace(/\n[ \t]+/g, ' ');
      this.#value = decodeHeaderValue(raw.trim());
    }
    return this.#value;
  }
}

export interface HeaderBlock {
  headers: RawHeader[];
  /** Byte offset where the body starts. */
  bodyOffset: number;
  /** Number of lines the header block and its blank line take. */
  headerLines: number;
  /** Header lines that were not `Name: value` and were skipped. */
  malformed: number[];
}

/** Header blocks past this size are cut: it stops a file of garbage with no blank line from being read as one endless header. */
export const MAX_HEADER_BYTES = 256 * 1024;

const LF_LF = Buffer.from('\n\n');
const LF_CRLF = Buffer.from('\n\r\n');

/** The first LF followed by LF or CRLF before `limit` (two native searches, not a look at every line end). */
function findHeaderEnd(buf: Buffer): { end: number; bodyOffset: number } {
  const limit = Math.min(buf.length, MAX_HEADER_BYTES);
  // A match starting before `limit` lies within its first limit + 2 bytes.
  const view = buf.subarray(0, limit + 2);
  const lf = view.indexOf(LF_LF);
  const crlf = view.indexOf(LF_CRLF);
  const at = lf === -1 ? crlf : crlf === -1 ? lf : Math.min(lf, crlf);
  if (at !== -1 && at < limit) return at === lf ? { end: at, bodyOffset: at + 2 } : { end: at, bodyOffset: at + 3 };
  if (buf[0] === 0x0a) return { end: 0, bodyOffset: 1 };
  return { end: limit, bodyOffset: limit };
}

export function decodeHeaderValue(raw: string): string {
  if (!raw.includes('=?')) return raw;
  try {
    return libmime.decodeWords(raw);
  } catch {
    return raw;
  }
}

/**
 * Splits and decodes the header block. `fallbackCharset` (the body's charset) decodes raw 8-bit header
 * bytes that are not UTF-8, else windows-1252 does.
 */
export function readHeaderBlock(buf: Buffer, fallbackCharset?: string | null): HeaderBlock {
  const { end, bodyOffset } = findHeaderEnd(buf);
  const headBytes = buf.subarray(0, end);
  let text: string;
  if (isValidUtf8(headBytes)) text = headBytes.toString('utf8');
  else {
    // Raw 8-bit headers are usually in the charset the sender's client used for the body.
    const stated = fallbackCharset ?? /charset\s*=\s*"?([^";\s]+)/i.exec(headBytes.toString('latin1'))?.[1] ?? null;
    text = decodeBytes(headBytes, stated).text;
  }
  // One pass over the text with indexOf, a header at a time: half of a list mail's bytes are headers (Received,
  // DKIM and ARC blocks of folded lines), and splitting them into line strings first cost more than the body.
  if (text.includes('\r'))
    text = text
      .split('\n')
      .map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l))
      .join('\n');
  const headers: RawHeader[] = [];
  const malformed: number[] = [];
  let line = 0;
  let at = 0;
  let header: { name: string; valueStart: number; line: number } | null = null;
  const flush = (end: number) => {
    if (!header) return;
    headers.push(new LazyHeader(header.name, text, header.valueStart, end, header.line));
    header = null;
  };
  for (;;) {
    const nl = text.indexOf('\n', at);
    const lineEnd = nl === -1 ? text.length : nl;
    const c = text.charCodeAt(at);
    if ((c === 0x20 || c === 0x09) && header) {
      // a folded line: the header goes on
    } else {
      flush(at - 1);
      if (lineEnd > at) {
        const colon = nameEnd(text, at, lineEnd);
        if (colon !== -1) header = { name: text.slice(at, colon.name), valueStart: colon.value, line };
        else malformed.push(line);
      }
    }
    if (nl === -1) break;
    at = nl + 1;
    line++;
  }
  flush(text.length);
  return { headers, bodyOffset, headerLines: line + 2, malformed };
}

/**
 * Where the name of the header line [start, end) ends and its value starts, as `^([\x21-\x39\x3b-\x7e]+)[ \t]*:`
 * reads it; -1 when the line is not `Name: value`.
 */
function nameEnd(text: string, start: number, end: number): { name: number; value: number } | -1 {
  let i = start;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x21 || c > 0x7e || c === 0x3a) break;
  }
  if (i === start) return -1;
  const name = i;
  while (i < end && (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09)) i++;
  return i < end && text.charCodeAt(i) === 0x3a ? { name, value: i + 1 } : -1;
}

export function getHeader(block: HeaderBlock, key: string): string | null {
  const h = block.headers.find((x) => x.key === key);
  return h ? h.value : null;
}

export function getHeaders(block: HeaderBlock, key: string): string[] {
  return block.headers.filter((x) => x.key === key).map((x) => x.value);
}
