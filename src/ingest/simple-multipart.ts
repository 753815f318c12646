// The MIME fast path for multipart mail whose leaves are text/plain parts and attachments (a patch, a
// .config, a signature): what kernel developers send when they are not sending one text/plain part.
// mailparser reads such a message through a chain of streams (mailsplit's line splitter, a decoder, a
// charset stream, a hasher per part, setImmediate between chunks); this reads the same bytes in one pass
// with mailsplit's own rules — which line is a boundary (its checkBoundary), which part is text and which an
// attachment (mailparser's createNode), header values through the same libmime calls — and the same decoders
// (libbase64's single-chunk logic, simple-body.ts for quoted-printable, format=flowed and charsets). Anything
// it is not sure about gives null and mailparser reads the message: HTML or message/* parts, headers with
// encoded words, comments, 8-bit bytes or RFC 2231 parameters, a part cut off by the end of the message,
// a part with headers only. test/ingest/simple-multipart.test.ts runs both paths on every message of the
// corpus and on generated variants: the two must give the same message.
import { parse as parsePath } from 'node:path';
import libmime from 'libmime';
import { decodeBase64Body } from './base64-body.ts';
import { decodeQuotedPrintable, decodeSimpleBody } from './simple-body.ts';

/** An attachment as mailparser describes it, reduced to what parse-mail.ts reads of one. */
export interface MimeAttachment {
  filename: string | null;
  /** Lower case; application/octet-stream with a filename is guessed from its extension, as mailparser does. */
  contentType: string;
  /** The transfer-decoded bytes. */
  content: Buffer;
  /** The `charset` parameter of the part's Content-Type header, if it has one. */
  charset: string | null;
}

export interface SimpleMultipart {
  /** The inline text/plain parts, decoded and joined with '\n'; undefined when there is none (mailparser's `text`). */
  text: string | undefined;
  attachments: MimeAttachment[];
}

/** More parts than this go to mailparser (mailsplit's own limit is 1,000, past which it fails). */
const MAX_PARTS = 200;
/** A part whose header block is longer than this goes to mailparser (mailsplit fails past 1 MiB). */
const MAX_PART_HEAD = 64 * 1024;

/** Bytes a header block may hold here: printable ASCII, tab, CR, LF. */
const CLEAN_HEADER = /^[\t\n\r\x20-\x7e]*$/;
/** What libmime would decode or strip in a MIME header value: encoded words, comments, escapes, RFC 2231. */
const UNSURE_VALUE = /=\?|[(\\*]/;

interface Part {
  parent: Part | null;
  /** The boundary this part's children are separated by (a multipart part with a boundary parameter). */
  boundary: Buffer | null;
  /** The boundary of the multipart this part is a child of (mailsplit's _parentBoundary). */
  parentBoundary: Buffer | null;
  multipart: boolean;
  contentType: string;
  encoding: string;
  charset: string | null;
  /** The charset parameter of a Content-Type header actually present (mailparser's attachment headers). */
  headerCharset: string | null;
  disposition: string | null;
  filename: string | null;
  flowed: boolean;
  delSp: boolean;
  bodyStart: number;
}

/** mailsplit's compareBoundary: 1 for `--b`, 2 for `--b--`, each followed by at most a line end; else 0. */
function compareBoundary(line: Buffer, startpos: number, boundary: Buffer): 0 | 1 | 2 {
  if (line.length < boundary.length + 3 + startpos || line.length > boundary.length + 6 + startpos) return 0;
  for (let i = 0; i < boundary.length; i++) if (line[i + 2 + startpos] !== boundary[i]) return 0;
  let pos = 0;
  for (let i = boundary.length + 2 + startpos; i < line.length; i++) {
    const c = line[i];
    if (pos === 0 && (c === 0x0d || c === 0x0a)) return 1;
    if ((pos === 0 || pos === 1) && c !== 0x2d) return 0;
    if (pos === 2 && c !== 0x0d && c !== 0x0a) return 0;
    if (pos === 3 && c !== 0x0a) return 0;
    pos++;
  }
  return 2;
}

/**
 * mailsplit's checkBoundary: 1 next child, 2 end of this part's children, 3 next sibling, 4 end of the
 * parent's children; 0 when the line is no boundary of the current part.
 */
function checkBoundary(line: Buffer, part: Part, inEpilogue: boolean): number {
  let startpos = 0;
  if (line.length >= 1 && (line[0] === 0x0d || line[0] === 0x0a)) {
    startpos++;
    if (line.length >= 2 && line[0] === 0x0d && line[1] === 0x0a) startpos++;
  }
  if (line.length < 4 || line[startpos] !== 0x2d || line[startpos + 1] !== 0x2d) return 0;
  let b: number;
  if (!inEpilogue && part.boundary && (b = compareBoundary(line, startpos, part.boundary))) return b;
  if (part.parentBoundary && (b = compareBoundary(line, startpos, part.parentBoundary))) return b + 2;
  return 0;
}

/** The header block's logical lines as mailsplit's Headers splits them: key and the folded line. */
function headerLines(block: string): { key: string; line: string }[] | null {
  const raw = block.replace(/[\r\n]+$/, '').split(/\r?\n/);
  // A first line mailsplit would read as an mbox or HTTP preamble.
  if (/^(?:From|POST) /i.test(raw[0])) return null;
  const lines: { key: string; line: string }[] = [];
  for (const l of raw) {
    // Only a part without any header line has an empty one here.
    if (l === '') continue;
    const c = l.charAt(0);
    if (c === ' ' || c === '\t') {
      if (lines.length === 0) return null;
      lines[lines.length - 1].line += `\r\n${l}`;
    } else {
      if (!l.includes(':')) return null;
      lines.push({ key: l.slice(0, l.indexOf(':')).toLowerCase().trim(), line: l });
    }
  }
  return lines;
}

/** A part's header block read as mailsplit's MimeNode.parseHeaders reads it; null when unsure. */
function readPart(block: string, parent: Part | null, bodyStart: number): Part | null {
  if (!CLEAN_HEADER.test(block)) return null;
  const lines = headerLines(block);
  if (!lines) return null;
  const first = new Map<string, string>();
  for (const { key, line } of lines) {
    if (key !== 'content-type' && key !== 'content-disposition' && key !== 'content-transfer-encoding') continue;
    // mailsplit reads the first of a repeated header, mailparser's attachment headers the last.
    if (first.has(key) || UNSURE_VALUE.test(line)) return null;
    first.set(key, libmime.decodeHeader(line).value.trim());
  }
  const disposition = libmime.parseHeaderValue(first.get('content-disposition') ?? '');
  let contentHeader = first.get('content-type');
  if (contentHeader === undefined) {
    if (disposition.params.filename) {
      const extension = parsePath(disposition.params.filename).ext.replace(/^\./, '');
      if (extension) contentHeader = libmime.detectMimeType(extension);
    }
    if (!contentHeader) contentHeader = /^attachment$/i.test(disposition.value) ? 'application/octet-stream' : 'text/plain';
  }
  const type = libmime.parseHeaderValue(contentHeader);
  const contentType = (type.value || '').toLowerCase().trim();
  // An empty type or subtype is read differently by mailsplit and mailparser.
  const slash = contentType.indexOf('/');
  if (slash <= 0 || slash === contentType.length - 1) return null;
  const multipart = contentType.startsWith('multipart/');
  if (multipart && !type.params.boundary) return null;
  const flowed = !!type.params.format && type.params.format.toLowerCase().trim() === 'flowed';
  return {
    parent,
    boundary: multipart ? Buffer.from(type.params.boundary) : null,
    parentBoundary: parent?.boundary ?? null,
    multipart,
    contentType,
    encoding: (first.get('content-transfer-encoding') ?? '').toLowerCase().trim(),
    charset: type.params.charset || null,
    headerCharset: first.has('content-type') ? (type.params.charset ?? null) : null,
    disposition: (disposition.value || '').toLowerCase().trim() || null,
    filename: disposition.params.filename || type.params.name || null,
    flowed,
    delSp: flowed && !!type.params.delsp && type.params.delsp.toLowerCase().trim() === 'yes',
    bodyStart,
  };
}

/** A part whose header is still being read: only its parent's boundary is known (mailsplit's newNode). */
function headerOnly(parent: Part): Part {
  return {
    parent,
    boundary: null,
    parentBoundary: parent.boundary,
    multipart: false,
    contentType: '',
    encoding: '',
    charset: null,
    headerCharset: null,
    disposition: null,
    filename: null,
    flowed: false,
    delSp: false,
    bodyStart: -1,
  };
}

function transferDecode(body: Buffer, encoding: string): Buffer {
  if (encoding === 'base64') return decodeBase64Body(body);
  if (encoding === 'quoted-printable' && body.length > 0) return decodeQuotedPrintable(body);
  return body;
}

/**
 * Reads `bytes` — the message as parse-mail.ts hands it to mailparser (MIME header lines, a blank line, the
 * body) — when it is multipart mail this fast path is sure about; null when mailparser must read it.
 */
export function readSimpleMultipart(bytes: Buffer): SimpleMultipart | null {
  const texts: string[] = [];
  const attachments: MimeAttachment[] = [];
  let part = null as Part | null;
  let parts = 0;
  let head = true;
  let headStart = 0;
  let inEpilogue = false;
  let pos = 0;
  // The end of the leaf part's body: a boundary line ends it, without the line end before the boundary.
  const closeLeaf = (leaf: Part, lineStart: number): boolean => {
    let end = lineStart;
    if (end > leaf.bodyStart && bytes[end - 1] === 0x0a) {
      end--;
      if (end > leaf.bodyStart && bytes[end - 1] === 0x0d) end--;
    }
    // A body that is only a line end: mailsplit reports it as "\n" before a sibling and as empty before the
    // end of the multipart. Not worth copying.
    if (end === leaf.bodyStart && lineStart > leaf.bodyStart) return false;
    return takeLeaf(leaf, bytes.subarray(leaf.bodyStart, end));
  };
  const takeLeaf = (leaf: Part, body: Buffer): boolean => {
    const type = leaf.contentType;
    if (type === 'text/html' || type.startsWith('message/')) return false;
    let disposition = leaf.disposition;
    if (disposition && disposition !== 'attachment' && disposition !== 'inline') disposition = 'attachment';
    if (!disposition) disposition = type === 'text/plain' ? 'inline' : 'attachment';
    if (type === 'text/plain' && disposition === 'inline') {
      const text = decodeSimpleBody(transferDecode(body, leaf.encoding), {
        quotedPrintable: false,
        charset: leaf.charset,
        flowed: leaf.flowed,
        delSp: leaf.delSp,
      });
      if (text === null) return false;
      if (text) texts.push(text);
      return true;
    }
    let contentType = type;
    if (type === 'application/octet-stream' && leaf.filename) contentType = libmime.detectMimeType(leaf.filename) || type;
    // Decoded when read: most attachments that are not text (a signature, an xz log) never are.
    let content: Buffer | null = null;
    const encoding = leaf.encoding;
    attachments.push({
      filename: leaf.filename,
      contentType,
      get content() {
        return (content ??= transferDecode(body, encoding));
      },
      charset: leaf.headerCharset,
    });
    return true;
  };

  while (pos < bytes.length) {
    let next = bytes.indexOf(0x0a, pos);
    // A last line without a line end may only be epilogue (checked below).
    const partial = next === -1;
    next = partial ? bytes.length : next + 1;
    const line = bytes.subarray(pos, next);
    const lineStart = pos;
    pos = next;
    const boundary: number = part ? checkBoundary(line, part, inEpilogue) : 0;
    if (partial && (boundary || head || !part?.multipart)) return null;
    if (boundary) {
      // A boundary while a part's header is read leaves a part mailsplit never reports.
      if (head || !part) return null;
      if (!part.multipart && !closeLeaf(part, lineStart)) return null;
      if (boundary === 1 || boundary === 3) {
        if (++parts > MAX_PARTS) return null;
        const parent = boundary === 1 ? part : part.parent;
        if (!parent) return null;
        part = headerOnly(parent);
        head = true;
        headStart = pos;
        inEpilogue = false;
      } else if (boundary === 4) {
        if (!part.parent) return null;
        part = part.parent;
        inEpilogue = true;
      }
      continue;
    }
    if (!head) continue;
    const blank = line.length === 1 ? line[0] === 0x0a : line.length === 2 && line[0] === 0x0d && line[1] === 0x0a;
    if (!blank) {
      if (pos - headStart > MAX_PART_HEAD) return null;
      continue;
    }
    const parent: Part | null = part ? part.parent : null;
    const read = readPart(bytes.toString('latin1', headStart, pos), parent, pos);
    if (!read) return null;
    // The top of the message must be multipart: simple-body.ts and mailparser read the rest.
    if (!parent && !read.multipart) return null;
    part = read;
    head = false;
  }
  // The message must end outside any leaf part: a part cut off by the end goes to mailparser.
  if (!part || head || !part.multipart) return null;
  return { text: texts.length > 0 ? texts.join('\n') : undefined, attachments };
}
