// Reads a message's header block from raw bytes ourselves: mailparser decodes raw 8-bit headers as UTF-8
// and turns other charsets into U+FFFD, and replaces a bad Date: with "now". We keep raw values instead.
import libmime from 'libmime';
import { decodeBytes, isValidUtf8 } from './charset.ts';

export interface RawHeader {
  name: string;
  /** Lower-case name for lookups. */
  key: string;
  /** Unfolded, charset-decoded, RFC 2047-decoded value. */
  value: string;
  /** 0-based line within the message where the header starts. */
  line: number;
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

const NAME = /^([\x21-\x39\x3b-\x7e]+)[ \t]*:(.*)$/s;

function findHeaderEnd(buf: Buffer): { end: number; bodyOffset: number } {
  const limit = Math.min(buf.length, MAX_HEADER_BYTES);
  for (let i = 0; i < limit; i++) {
    if (buf[i] !== 0x0a) continue;
    if (buf[i + 1] === 0x0a) return { end: i, bodyOffset: i + 2 };
    if (buf[i + 1] === 0x0d && buf[i + 2] === 0x0a) return { end: i, bodyOffset: i + 3 };
  }
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
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  const headers: RawHeader[] = [];
  const malformed: number[] = [];
  let current: { name: string; raw: string; line: number } | null = null;
  const flush = () => {
    if (!current) return;
    const unfolded = current.raw.replace(/\r?\n[ \t]+/g, ' ').trim();
    headers.push({ name: current.name, key: current.name.toLowerCase(), value: decodeHeaderValue(unfolded), line: current.line });
    current = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if ((line.startsWith(' ') || line.startsWith('\t')) && current) {
      current.raw += '\n' + line;
      continue;
    }
    flush();
    if (line === '') continue;
    const m = NAME.exec(line);
    if (m) current = { name: m[1], raw: m[2], line: i };
    else malformed.push(i);
  }
  flush();
  return { headers, bodyOffset, headerLines: lines.length + 1, malformed };
}

export function getHeader(block: HeaderBlock, key: string): string | null {
  const h = block.headers.find((x) => x.key === key);
  return h ? h.value : null;
}

export function getHeaders(block: HeaderBlock, key: string): string[] {
  return block.headers.filter((x) => x.key === key).map((x) => x.value);
}
