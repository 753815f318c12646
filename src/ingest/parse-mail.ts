// One RFC 822/MIME message (bytes) → IngestedMessage. mailparser decodes the MIME tree, except for simple
// one-part text/plain mail, which simple-body.ts decodes the same way without mailparser's streams; headers,
// dates and charset fallbacks are ours so that nothing is invented and nothing becomes U+FFFD.
import { gunzipSync } from 'node:zlib';
import type { Attachment, ParsedMail } from 'mailparser';
import { parseAddressList, normalizeMessageId, parseMessageIdList } from './address.ts';
import { decodeBytes, FallbackIconv } from './charset.ts';
import { useRfcFlowedDecoding } from './mailparser-flowed.ts';
import { getHeader, readHeaderBlock, type HeaderBlock } from './raw-headers.ts';
import { decodeSimpleBody, mimeHeaderLines, simpleMime } from './simple-body.ts';
import { readSimpleMultipart, type MimeAttachment } from './simple-multipart.ts';
import type { SourceWarningCode } from '../vocabulary/index.ts';
import { emptyMessage, type IngestedMessage, type TextAttachment, type Warning, warning } from './types.ts';

/** A gzip attachment is inflated up to this size: it stops a gzip bomb from filling memory. */
export const MAX_INFLATED_BYTES = 32 * 1024 * 1024;
/** Text attachments past this size are cut: a multi-megabyte log would drown the case page. */
export const MAX_ATTACHMENT_TEXT = 4 * 1024 * 1024;
/** How many message/rfc822 levels are opened: it stops a message nested in itself from recursing forever. */
export const MAX_NESTING_DEPTH = 8;
/** mailparser turns HTML into text up to this size; larger HTML parts are kept as a warning. */
export const MAX_HTML_TO_TEXT = 4 * 1024 * 1024;
/**
 * Runs of spaces and tabs longer than this are cut before mailparser reads the message (with a warning). A mail
 * line holds at most 998 characters (RFC 5322), and mailparser's quoted-printable decoder (libqp's
 * `/[\t ]+$/gm`) rescans a blank run from each of its characters: a megabyte of tabs took minutes.
 */
export const MAX_BLANK_RUN = 1000;

export interface MailContext {
  /** The file the message came from, for warnings. */
  file: string;
  /** Line of the file where the message's first header line is (1-based). */
  firstLine: number;
  /** Current nesting depth for message/rfc822 parts. */
  depth?: number;
  /**
   * The file lines the message spans, when the caller knows them (an mbox scanner counted them): the
   * message's lines are then not counted again.
   */
  lines?: [number, number];
  /** How the MIME body may be decoded (tests compare the fast paths with mailparser through it). */
  mime?: MimeOptions;
}

/** Which reader decoded a message's body: simple-body.ts, simple-multipart.ts, or mailparser. */
export type MimePath = 'simple' | 'multipart' | 'mailparser';

export interface MimeOptions {
  /** False: every body goes to mailparser, as if the fast paths did not exist (default true). */
  fastPath?: boolean;
  /** Called with the reader that decoded each message's body. */
  onPath?: (path: MimePath) => void;
}

export interface ParsedMailMessage {
  message: IngestedMessage;
  warnings: Warning[];
  /** The reader that decoded the body. */
  path: MimePath;
}

const TEXTUAL_NAME = /\.(patch|diff|txt|log|dmesg|config|c|h|sh|py|out|trace|report)$/i;
const TEXTUAL_TYPE = /^(text\/|application\/(x-)?(patch|diff|shellscript|x-sh|json|xml))/i;
const GZIP_TYPE = /^application\/(x-)?gzip$/i;

function looksPrintable(text: string): boolean {
  if (text.length === 0) return false;
  let bad = 0;
  const n = Math.min(text.length, 65536);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0xfffd) bad++;
  }
  return bad / n < 0.02;
}

/** What parse-mail reads of a mailparser attachment (simple-multipart.ts gives the same for its messages). */
function mimeAttachment(att: Attachment): MimeAttachment {
  const ct = att.headers?.get('content-type') as { params?: Record<string, string> } | undefined;
  return { filename: att.filename ?? null, contentType: att.contentType, content: att.content, charset: ct?.params?.charset ?? null };
}

async function textOfAttachment(
  att: MimeAttachment,
  ctx: MailContext,
  warn: (code: SourceWarningCode, message: string) => void,
): Promise<TextAttachment | null> {
  const name = att.filename;
  const type = (att.contentType || 'application/octet-stream').toLowerCase();
  const label = name ?? type;
  let bytes: Buffer = att.content;
  let contentType = type;
  if (type === 'message/rfc822' || type === 'message/global') {
    if ((ctx.depth ?? 0) >= MAX_NESTING_DEPTH) {
      warn('nesting-limit', `message/rfc822 part ${label} nested deeper than ${MAX_NESTING_DEPTH} levels: not opened`);
      return null;
    }
    const inner = await parseMail(bytes, { ...ctx, depth: (ctx.depth ?? 0) + 1 });
    const m = inner.message;
    const head = [
      m.from ? `From: ${[m.from.name, m.from.email && `<${m.from.email}>`].filter(Boolean).join(' ')}` : null,
      m.dateRaw ? `Date: ${m.dateRaw}` : null,
      m.subject ? `Subject: ${m.subject}` : null,
    ].filter(Boolean);
    const parts = [head.join('\n'), m.body, ...m.attachments.map((a) => a.text)];
    return { filename: name, contentType: type, text: parts.join('\n\n') };
  }
  if (GZIP_TYPE.test(type) || (name && /\.gz$/i.test(name))) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: MAX_INFLATED_BYTES });
      contentType = 'text/plain';
    } catch (err) {
      warn('attachment-unreadable', `gzip attachment ${label} could not be inflated: ${(err as Error).message}`);
      return null;
    }
  } else if (!TEXTUAL_TYPE.test(type) && !(name && TEXTUAL_NAME.test(name))) {
    return null;
  }
  if (type === 'text/html') return null; // the HTML alternative of the body, or a page: not kept as text
  let text = decodeBytes(bytes, att.charset).text;
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  if (!looksPrintable(text)) {
    warn('attachment-binary', `attachment ${label} is not text: skipped`);
    return null;
  }
  if (text.length > MAX_ATTACHMENT_TEXT) {
    warn('attachment-cut', `attachment ${label} is ${text.length} characters: kept the first ${MAX_ATTACHMENT_TEXT}`);
    text = text.slice(0, MAX_ATTACHMENT_TEXT);
  }
  return { filename: name, contentType, text };
}

/**
 * HTML with more tag openings (`<`) than this is not given to mailparser's HTML-to-text conversion: its
 * parser (htmlparser2) keeps unclosed tags on a stack it searches at every closing tag, so a megabyte line of
 * `<a@b> ` took 24 s. Such a part is turned into text by removing its tags (linear), with a warning.
 */
export const MAX_HTML_TAGS = 20_000;

/** HTML as text by removing its tags and decoding the commonest entities: linear whatever the nesting. */
export function stripTags(html: string): string {
  const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
  return (
    html
      .replace(/<(?:br|p|div|tr|li|h[1-6])\b[^<>]*>/gi, '\n')
      .replace(/<[^<>]*>/g, '')
      .replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,6});/gi, (m, e: string) => {
        if (e[0] !== '#') return entities[e.toLowerCase()] ?? m;
        const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : m;
      })
      // Blanks before a line end, each run matched once (/[ \t]+\n/ would rescan a long run from each blank).
      .replace(/[ \t]+/g, (ws: string, at: number, all: string) => (all[at + ws.length] === '\n' ? '' : ws))
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  );
}

/**
 * mailparser, loaded by the first message the fast paths (simple-body.ts, simple-multipart.ts) leave to it:
 * loading it costs about 0.15 s, in every import worker, and most kernel mail never needs it. It decodes
 * format=flowed with flowed.ts, as the fast paths do (mailparser-flowed.ts says how and why).
 */
let mailparser: Promise<typeof import('mailparser')> | undefined;

function loadMailparser(): Promise<typeof import('mailparser')> {
  useRfcFlowedDecoding();
  return import('mailparser');
}

async function runParser(bytes: Buffer, skipHtmlToText = false): Promise<ParsedMail> {
  const { simpleParser } = await (mailparser ??= loadMailparser());
  return simpleParser(bytes, {
    skipHtmlToText,
    // The typings want an iconv-lite stream; mailparser only needs a node-iconv-like constructor.
    Iconv: FallbackIconv as never,
    skipImageLinks: true,
    skipTextToHtml: true,
    skipTextLinks: true,
    maxHtmlLengthToParse: MAX_HTML_TO_TEXT,
  });
}

/** mailparser skips decoding for parts labelled us-ascii or utf-8; a lying label leaves U+FFFD. */
function relabelTextCharsets(bytes: Buffer): Buffer {
  const text = bytes.toString('latin1');
  return Buffer.from(text.replace(/charset\s*=\s*"?(us-ascii|ascii|utf-?8)"?/gi, 'charset=x-casebook-auto'), 'latin1');
}

const isBlankByte = (c: number) => c === 0x20 || c === 0x09;
/**
 * Any MAX_BLANK_RUN + 1 consecutive bytes hold two consecutive multiples of this: only where both are blank
 * can a run too long start, so the scan looks at one byte in BLANK_STRIDE and the rest of a body is not read.
 */
const BLANK_STRIDE = Math.floor((MAX_BLANK_RUN + 1) / 2);

/** `bytes` with every run of spaces/tabs longer than MAX_BLANK_RUN cut to it; the same buffer when none is. */
export function cutBlankRuns(bytes: Buffer): { bytes: Buffer; runs: number } {
  let parts: Buffer[] | null = null;
  let runs = 0;
  let kept = 0;
  for (let p = BLANK_STRIDE; p < bytes.length; p += BLANK_STRIDE) {
    if (!isBlankByte(bytes[p]) || !isBlankByte(bytes[p - BLANK_STRIDE])) continue;
    let start = p;
    while (start > kept && isBlankByte(bytes[start - 1])) start--;
    let end = p + 1;
    while (end < bytes.length && isBlankByte(bytes[end])) end++;
    if (end - start > MAX_BLANK_RUN) {
      (parts ??= []).push(bytes.subarray(kept, start + MAX_BLANK_RUN));
      kept = end;
      runs++;
    }
    // The next run starts past this one's end: go on with the first pair of probes beyond it.
    p = (Math.floor(end / BLANK_STRIDE) + 1) * BLANK_STRIDE;
  }
  if (!parts) return { bytes, runs: 0 };
  parts.push(bytes.subarray(kept));
  return { bytes: Buffer.concat(parts), runs };
}

/**
 * The message as mailparser reads it: the top-level header lines that shape the MIME tree (`Content-*`,
 * `MIME-Version`, with their folded lines), a blank line, then the body where raw-headers.ts found it. Every
 * other header is ours to read (raw-headers.ts), and mailparser parsing them all again (addresses, encoded
 * words) cost microseconds a byte: a megabyte `From:` line took seconds, and the header block raw-headers.ts
 * cuts at MAX_HEADER_BYTES ran on unbounded in mailparser.
 */
function mimeView(bytes: Buffer, bodyOffset: number, kept: readonly string[]): Buffer {
  return Buffer.concat([Buffer.from(`${kept.map((l) => `${l}\n`).join('')}\n`, 'latin1'), bytes.subarray(bodyOffset)]);
}

const REPLACEMENT_UTF8 = Buffer.from([0xef, 0xbf, 0xbd]);
const LT = Buffer.from('<');

function countBytes(haystack: Buffer, needle: Buffer): number {
  let n = 0;
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + needle.length)) n++;
  return n;
}

function countReplacementChars(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\ufffd'); i !== -1; i = s.indexOf('\ufffd', i + 1)) n++;
  return n;
}

/**
 * The body of a simple message (one text/plain part, see simple-body.ts) as mailparser would give it, with
 * the blank-run cut; null when mailparser must read the message. A body where decoding made U+FFFD goes to
 * mailparser too: its second pass with the charset relabelled decides.
 */
function simpleBody(bytes: Buffer, bodyOffset: number, mimeLines: readonly string[]): { text: string; runs: number } | null {
  const mime = simpleMime(mimeLines);
  if (!mime) return null;
  for (const line of mimeLines) if (line.length > MAX_BLANK_RUN && cutBlankRuns(Buffer.from(line, 'latin1')).runs > 0) return null;
  const cut = cutBlankRuns(bytes.subarray(bodyOffset));
  const text = decodeSimpleBody(cut.bytes, mime);
  if (text === null) return null;
  if (text.includes('\ufffd') && countReplacementChars(text) > countBytes(cut.bytes, REPLACEMENT_UTF8)) return null;
  return { text, runs: cut.runs };
}

export async function parseMail(bytes: Buffer, ctx: MailContext): Promise<ParsedMailMessage> {
  const warnings: Warning[] = [];
  const warn = (code: SourceWarningCode, message: string, line: number | null = ctx.firstLine) => warnings.push(warning(code, message, line, ctx.file));
  const block: HeaderBlock = readHeaderBlock(bytes);
  const h = (k: string) => getHeader(block, k);
  for (const i of block.malformed.slice(0, 5)) warn('header-malformed', 'a header line is not `Name: value`: skipped', ctx.firstLine + i);

  const mimeLines = mimeHeaderLines(bytes, block.bodyOffset);
  // What the MIME tree holds: the text parts joined, whether one was HTML, the attachments. Null when
  // it could not be decoded.
  let tree: { text: string | undefined; html: boolean; attachments: MimeAttachment[] } | null = null;
  const fastPath = ctx.mime?.fastPath !== false;
  let path: MimePath = 'mailparser';
  const body = fastPath ? simpleBody(bytes, block.bodyOffset, mimeLines) : null;
  if (body !== null) {
    path = 'simple';
    if (body.runs > 0) warn('blank-run-cut', `${body.runs} run(s) of more than ${MAX_BLANK_RUN} spaces or tabs were cut to ${MAX_BLANK_RUN}`);
  } else {
    const mime = cutBlankRuns(mimeView(bytes, block.bodyOffset, mimeLines));
    if (mime.runs > 0) warn('blank-run-cut', `${mime.runs} run(s) of more than ${MAX_BLANK_RUN} spaces or tabs were cut to ${MAX_BLANK_RUN}`);
    // Only U+FFFD that decoding made counts, not one the sender really wrote (bytes EF BF BD).
    const rawFffd = countBytes(mime.bytes, REPLACEMENT_UTF8);
    const quick = fastPath ? readSimpleMultipart(mime.bytes) : null;
    // Text where decoding made U+FFFD goes to mailparser: its second pass with the charset relabelled decides.
    if (quick && !(quick.text && countReplacementChars(quick.text) > rawFffd)) {
      path = 'multipart';
      tree = { ...quick, html: false };
    } else {
      // Counted on the raw bytes: quoted-printable keeps `<` as it is (a base64 part is not counted).
      const manyTags = countBytes(mime.bytes, LT) > MAX_HTML_TAGS;
      try {
        let parsed: ParsedMail = await runParser(mime.bytes, manyTags);
        if (manyTags && parsed.html && !parsed.text?.trim()) {
          parsed.text = stripTags(parsed.html);
          warn('html-too-complex', `the HTML part has more than ${MAX_HTML_TAGS} tags (MAX_HTML_TAGS): turned into text by removing them`);
        }
        if (parsed.text && countReplacementChars(parsed.text) > rawFffd) {
          const again = await runParser(relabelTextCharsets(mime.bytes), manyTags);
          if (again.text && countReplacementChars(again.text) < countReplacementChars(parsed.text)) parsed = again;
        }
        tree = { text: parsed.text, html: !!parsed.html, attachments: parsed.attachments.map(mimeAttachment) };
      } catch (err) {
        warn('mime-unreadable', `MIME structure could not be decoded (${(err as Error).message}); the raw body is kept`);
      }
    }
  }

  let text: string;
  if (body !== null) {
    text = body.text;
  } else if (tree) {
    text = tree.text ?? '';
    if (tree.html && !/^content-type:\s*text\/plain/im.test(bytes.toString('latin1'))) {
      warn('html-only', 'the message has only an HTML part; it was turned into text');
    }
  } else {
    text = decodeBytes(bytes.subarray(block.bodyOffset), null).text;
  }
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');

  const attachments: TextAttachment[] = [];
  for (const att of tree?.attachments ?? []) {
    const t = await textOfAttachment(att, ctx, (c, m) => warn(c, m));
    if (t) attachments.push(t);
  }

  const dateRaw = h('date');
  if (dateRaw === null) warn('date-missing', 'the message has no Date: header');
  const fromList = parseAddressList(h('from'));
  if (fromList.length === 0) warn('author-missing', 'the message has no usable From: header');
  const inReplyTo = parseMessageIdList(h('in-reply-to'))[0] ?? null;
  const references = parseMessageIdList(h('references'));
  const message = emptyMessage({
    messageId: normalizeMessageId(h('message-id')),
    from: fromList[0] ?? null,
    to: parseAddressList(h('to')),
    cc: parseAddressList(h('cc')),
    dateRaw,
    subject: h('subject'),
    inReplyTo,
    references,
    replyTo: h('reply-to'),
    body: text,
    attachments,
    lines: ctx.lines ? [ctx.lines[0], ctx.lines[1]] : [ctx.firstLine, ctx.firstLine + Math.max(0, countLines(bytes) - 1)],
    file: ctx.file,
  });
  ctx.mime?.onPath?.(path);
  return { message, warnings, path };
}

function countLines(bytes: Buffer): number {
  let n = 0;
  for (let i = bytes.indexOf(0x0a); i !== -1; i = bytes.indexOf(0x0a, i + 1)) n++;
  if (bytes.length > 0 && bytes[bytes.length - 1] !== 0x0a) n++;
  return n;
}
