// The MIME fast path. Most list mail is one text/plain part (7bit, 8bit or quoted-printable), and for those
// mailparser's stream machinery (mailsplit, a Transform per step, setImmediate per chunk) cost more than
// everything else import does. This reads such a body in the same steps mailparser takes — transfer decoding,
// format=flowed with flowed.ts (which parse-mail.ts gives mailparser too: mailparser-flowed.ts), charset
// through decodeBytes as FallbackIconv does — and returns null for anything it is not sure about (multipart,
// HTML, base64, attachments, encoded words or comments in a MIME header, odd syntax), so that mailparser reads
// it. test/ingest/simple-body.test.ts runs both paths on every message of the corpus and on generated
// variants: the two must give the same message.
import { decodeBytes } from './charset.ts';
import { decodeFlowed } from './flowed.ts';

/** How the one text/plain part of a simple message is encoded. */
export interface SimpleMime {
  quotedPrintable: boolean;
  /** The charset parameter as written (without quotes), or null. */
  charset: string | null;
  flowed: boolean;
  delSp: boolean;
}

const MIME_HEADER = /(?:content-[\w-]*|mime-version)[ \t]*:/iy;

/**
 * The top-level header lines that shape the MIME tree (`Content-*`, `MIME-Version`, with their folded lines),
 * as latin1 text, in order: what mailparser is given of the header block.
 */
export function mimeHeaderLines(bytes: Buffer, bodyOffset: number): string[] {
  const head = bytes.toString('latin1', 0, bodyOffset);
  const kept: string[] = [];
  let keeping = false;
  let start = 0;
  while (start <= head.length) {
    let end = head.indexOf('\n', start);
    if (end === -1) end = head.length;
    const c = head.charCodeAt(start);
    if (c === 0x20 || c === 0x09) {
      if (keeping) kept.push(head.slice(start, end));
    } else {
      // Only lines starting with C/c or M/m can be MIME headers: skip the regex for the rest.
      MIME_HEADER.lastIndex = start;
      keeping = (c === 0x43 || c === 0x63 || c === 0x4d || c === 0x6d) && MIME_HEADER.test(head) && MIME_HEADER.lastIndex <= end;
      if (keeping) kept.push(head.slice(start, end));
    }
    start = end + 1;
  }
  return kept;
}

/** Anything but printable ASCII, tabs and line ends; an encoded word; a comment; an escape. */
const UNSURE = /[^\t\n\r\x20-\x7e]|=\?|[(\\]/;
const TOKEN = "[!#$%&'+\\-.^_`|~0-9A-Za-z]+";
// type/subtype, then `; name=value` parameters: no RFC 2231 `*`, quoted values without spaces or escapes.
const CONTENT_TYPE = new RegExp(`^\\s*(${TOKEN}/${TOKEN})\\s*((?:;\\s*[-.\\w]+\\s*=\\s*(?:${TOKEN}|"[^"\\s\\\\]*")\\s*)*);?\\s*$`);
const PARAM = new RegExp(`;\\s*([-.\\w]+)\\s*=\\s*(?:(${TOKEN})|"([^"\\s\\\\]*)")`, 'g');
const ENCODING = /^\s*([-.\w]*)\s*$/;
const INLINE = /^\s*inline\s*(;.*)?$/is;

/** The one text/plain part's encoding when the message is that simple; null when mailparser should read it. */
export function simpleMime(lines: readonly string[]): SimpleMime | null {
  let type: string | null = null;
  let encoding: string | null = null;
  let disposition: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    let text = lines[i];
    while (i + 1 < lines.length && (lines[i + 1].startsWith(' ') || lines[i + 1].startsWith('\t'))) text += `\n${lines[++i]}`;
    const colon = text.indexOf(':');
    const key = text.slice(0, colon).trim().toLowerCase();
    const value = text.slice(colon + 1);
    // Only these three shape the part; mailparser reads nothing else of MIME-Version, Content-Language, ….
    if (key !== 'content-type' && key !== 'content-transfer-encoding' && key !== 'content-disposition') continue;
    if (UNSURE.test(text)) return null;
    if (key === 'content-type') {
      if (type !== null) return null;
      type = value;
    } else if (key === 'content-transfer-encoding') {
      if (encoding !== null) return null;
      encoding = value;
    } else if (key === 'content-disposition') {
      if (disposition !== null) return null;
      disposition = value;
    }
  }
  let cte = '';
  if (encoding !== null) {
    const m = ENCODING.exec(encoding);
    if (!m) return null;
    cte = m[1].toLowerCase();
    if (cte === 'base64') return null; // mailparser decodes base64 chunk by chunk; not worth copying
  }
  if (disposition !== null) {
    const m = INLINE.exec(disposition);
    // Without a Content-Type, mailsplit guesses the type from a filename parameter.
    if (!m || (type === null && m[1] && m[1].replace(/[;\s]/g, '') !== '')) return null;
  }
  const params = new Map<string, string>();
  if (type !== null) {
    const m = CONTENT_TYPE.exec(type);
    if (m?.[1].toLowerCase() !== 'text/plain') return null;
    for (const p of m[2].matchAll(PARAM)) {
      const name = p[1].toLowerCase();
      if (params.has(name)) return null;
      params.set(name, p[2] ?? p[3]);
    }
  }
  const format = params.get('format');
  const flowed = format !== undefined && format.toLowerCase().trim() === 'flowed';
  const delsp = params.get('delsp');
  return {
    quotedPrintable: cte === 'quoted-printable',
    charset: params.get('charset') ?? null,
    flowed,
    delSp: flowed && delsp !== undefined && delsp.toLowerCase().trim() === 'yes',
  };
}

const QP_TRAILING_BLANKS = /(?<![\t ])[\t ]+(?=[\r\n]|$)/g;
const QP_SOFT_BREAK = /=(?:\r?\n|$)/g;
const QP_ESCAPE = /=([0-9A-Fa-f]{2})/g;

/**
 * libqp's decode (what mailparser uses), without its quadratic `/[\t ]+$/gm`: blanks before a line end go,
 * soft line breaks go, `=XX` becomes its byte, every other byte stays.
 */
export function decodeQuotedPrintable(buf: Buffer): Buffer {
  const text = buf
    .toString('latin1')
    .replace(QP_TRAILING_BLANKS, '')
    .replace(QP_SOFT_BREAK, '')
    .replace(QP_ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(text, 'latin1');
}

const SURROGATE = /[\ud800-\udfff]/;
const NO_CONVERSION = new Set(['ascii', 'usascii', 'utf8']);

/**
 * The text mailparser gives for a simple message's body bytes (before parse-mail's own line-end
 * normalisation), or null when decoding failed and mailparser should report it.
 */
export function decodeSimpleBody(body: Buffer, mime: SimpleMime): string | null {
  let bytes = body;
  if (mime.quotedPrintable && bytes.length > 0) bytes = decodeQuotedPrintable(bytes);
  if (mime.flowed && bytes.length > 0) bytes = Buffer.from(decodeFlowed(bytes.toString('latin1'), mime.delSp), 'latin1');
  const charset = mime.charset || 'utf-8';
  let text: string;
  if (NO_CONVERSION.has(charset.toLowerCase().replace(/[^a-z0-9]+/g, ''))) {
    text = bytes.toString('utf8');
  } else {
    // mailparser's IconvDecoder renames this one; FallbackIconv treats its own relabel as "no label".
    let label: string | null = charset.toLowerCase() === 'ks_c_5601-1987' ? 'CP949' : charset;
    if (label === 'x-casebook-auto') label = null;
    try {
      // FallbackIconv hands mailparser UTF-8 bytes, which turns lone surrogates into U+FFFD.
      text = decodeBytes(bytes, label).text;
      if (SURROGATE.test(text)) text = Buffer.from(text, 'utf8').toString('utf8');
    } catch {
      return null;
    }
  }
  return text.includes('\r') ? text.replace(/\r?\n/g, '\n') : text;
}
