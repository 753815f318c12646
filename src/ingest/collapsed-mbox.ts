// One mbox message that went through an HTML scraper: every newline became a single space and every `<…>`
// lost its contents (`From: "A. Person" To: Some One Cc: Other Person , …`). The headers are recovered by
// walking known header names, the body by re-inserting line breaks before quote markers and kernel-trace line
// starters, so the line-based stages after this one (quotes, traces) can read it. All of it is heuristic and
// the result says so in its warnings.
import { normalizeMessageId, parseAddress, parseAddressList, parseMessageIdList } from './address.ts';
import { rebuildCollapsedBody } from './collapsed-body.ts';
import type { SourceWarningCode } from '../vocabulary/index.ts';
import { emptyMessage, type IngestResult, type Warning, warning } from './types.ts';

/** Header names a collapsed message is walked by; any `X-Name:` is accepted too. Lower-case for lookup. */
const KNOWN_HEADERS = new Set(
  [
    'Return-Path',
    'Received',
    'Date',
    'From',
    'To',
    'Cc',
    'Bcc',
    'Subject',
    'Message-ID',
    'Reply-To',
    'References',
    'In-Reply-To',
    'MIME-Version',
    'Content-Type',
    'Content-Transfer-Encoding',
    'Content-Disposition',
    'Content-Language',
    'User-Agent',
    'Sender',
    'List-ID',
    'List-Post',
    'List-Help',
    'List-Unsubscribe',
    'List-Subscribe',
    'List-Archive',
    'Precedence',
    'Mail-Followup-To',
    'Organization',
    'Organisation',
    'Delivered-To',
    'Lines',
    'Status',
    'Thread-Topic',
    'Thread-Index',
    'Importance',
    'Comments',
    'Keywords',
    'Errors-To',
    'Envelope-To',
    'Resent-From',
    'Resent-To',
    'Resent-Date',
    'Resent-Message-ID',
    'DKIM-Signature',
    'Authentication-Results',
    'Mailing-List',
    'Approved-By',
    'Path',
    'Newsgroups',
    'Xref',
    'NNTP-Posting-Host',
  ].map((n) => n.toLowerCase()),
);
/** Headers a message may carry more than once; any other name seen again is text, not a header. */
const REPEATABLE = /^(?:received|x-.*|delivered-to|comments|keywords|dkim-signature|authentication-results|resent-.*)$/;
/** A header name at a token start: capitalised, followed by `:` and a space or the end. */
const HEADER_NAME = /(?<=^| )([A-Z][A-Za-z0-9-]*):(?= |$)/g;
/** The mbox `From_` line: `From sender Thu Jan  1 00:00:00 1970`. */
const FROM_LINE = /^From \S+ +(?:[A-Z][a-z]{2},? +){1,2}\d{1,2} +\d{1,2}:\d{2}(?::\d{2})? +(?:[A-Z]{3,4} +)?\d{4}(?: +[+-]\d{4})?(?: |$)/;

/**
 * How far a header's value can reach when nothing but the body follows it. `token`: one word (plus a
 * `(comment)`); `id`: one address- or id-like word (`@`, `.` or `<`), else nothing, since the scraper empties
 * `<…>` values and the next word is then the body's; `params`: `text/plain; charset=us-ascii`; `product`: `Mutt/1.5.18 (2008-05-17)`; `ids`:
 * Message-IDs; `date` and `received`: their RFC shapes; `free`: unknown, so the body start is guessed.
 */
type Shape = 'token' | 'id' | 'params' | 'product' | 'ids' | 'date' | 'received' | 'free';
const SHAPES: Record<string, Shape> = {
  'message-id': 'id',
  'resent-message-id': 'id',
  'mime-version': 'id',
  'x-mailing-list': 'id',
  'list-id': 'id',
  sender: 'id',
  'return-path': 'id',
  'delivered-to': 'id',
  'errors-to': 'id',
  'envelope-to': 'id',
  precedence: 'token',
  'content-transfer-encoding': 'token',
  lines: 'token',
  status: 'token',
  importance: 'token',
  'content-language': 'token',
  'content-type': 'params',
  'content-disposition': 'params',
  'user-agent': 'product',
  'x-mailer': 'product',
  'x-newsreader': 'product',
  references: 'ids',
  'in-reply-to': 'ids',
  date: 'date',
  'resent-date': 'date',
  received: 'received',
};
/** Longest plausible value of a free-text header; a longer stretch before the next header name holds the body. */
const MAX_FREE_VALUE: Record<string, number> = {
  to: 4000,
  cc: 8000,
  bcc: 4000,
  'mail-followup-to': 8000,
  references: 8000,
  received: 1000,
  'dkim-signature': 2000,
  'authentication-results': 2000,
  subject: 300,
  from: 300,
  'reply-to': 300,
  organization: 200,
};
const DEFAULT_MAX_FREE_VALUE = 500;
/** A shaped value followed by more than this much text before the next header name is followed by the body. */
const MAX_SHAPE_LEFTOVER = 60;

const RFC_DATE = /^(?:[A-Z][a-z]{2},? +)?\d{1,2} +[A-Z][a-z]{2} +\d{2,4} +\d{1,2}:\d{2}(?::\d{2})?(?: +(?:[+-]\d{4}|[A-Z]{1,5}))?(?: +\([^()]*\))?/;

function isHeaderName(name: string): boolean {
  const n = name.toLowerCase();
  return KNOWN_HEADERS.has(n) || /^x-[a-z0-9][a-z0-9-]*$/.test(n);
}

export function looksLikeCollapsedMbox(text: string): boolean {
  if (!text.startsWith('From ')) return false;
  const lines = text.split('\n', 6).filter((l) => l.trim() !== '');
  if (lines.length > 4) return false;
  const first = lines[0] ?? '';
  if (first.length < 300) return false;
  const names = [/ Date: /, / From: /, / Subject: /, / Message-I[Dd]: /, / To: /];
  return names.filter((re) => re.test(first)).length >= 3;
}

/** Length of `value`'s start that fits the header's shape, or null when the header is free text. */
function shapeLength(shape: Shape, value: string): number | null {
  const tokens = [...value.matchAll(/\S+/g)];
  const endOf = (k: number) => tokens[k].index + tokens[k][0].length;
  /** Takes a `(comment …)` starting at token k; returns the token after it. */
  const comment = (k: number) => {
    if (k >= tokens.length || !tokens[k][0].startsWith('(')) return k;
    for (let j = k; j < tokens.length && j < k + 12; j++) if (tokens[j][0].endsWith(')')) return j + 1;
    return k;
  };
  if (tokens.length === 0) return 0;
  switch (shape) {
    case 'token':
      return endOf(comment(1) - 1);
    case 'id':
      return /[@.<]/.test(tokens[0][0]) ? endOf(comment(1) - 1) : 0;
    case 'params': {
      let k = 0;
      while (k < tokens.length - 1 && tokens[k][0].endsWith(';')) k++;
      return endOf(k);
    }
    case 'product': {
      let k = 1;
      for (;;) {
        const next = comment(k);
        if (next > k) k = next;
        else if (k < tokens.length && /\/|^v?\d[\w.+-]*$/.test(tokens[k][0])) k++;
        else break;
      }
      return endOf(k - 1);
    }
    case 'ids': {
      let k = 0;
      while (k < tokens.length && /^<[^<>]*>$|^[^\s@<>]+@[^\s@<>]+$/.test(tokens[k][0])) k++;
      return k === 0 ? 0 : endOf(k - 1);
    }
    case 'date':
      return RFC_DATE.exec(value)?.[0].length ?? null;
    case 'received': {
      const m = /;\s*/.exec(value);
      if (!m) return null;
      const d = RFC_DATE.exec(value.slice(m.index + m[0].length));
      return d ? m.index + m[0].length + d[0].length : null;
    }
    case 'free':
      return null;
  }
}

/** Where a body plausibly starts in the text after a free-text header: an attribution, a quote, a greeting. */
function guessBodyStart(text: string): number | null {
  const openers = [
    /(?<=^| )On [^>]{0,200}? wrote:(?= |$)/,
    /(?<= )>(?: >)*(?= )/,
    /(?<= )(?:Hi|Hello|Hey|Dear|Hallo)\b/,
    /(?<= )-{3,}\s*Original Message\s*-{3,}/,
    /(?<= )(?:diff --git|Signed-off-by:|---(?= ))/,
  ];
  let best: number | null = null;
  for (const re of openers) {
    const m = re.exec(text);
    if (m && m.index > 0 && (best === null || m.index < best)) best = m.index;
  }
  return best;
}

interface RecoveredHeaders {
  headers: { name: string; value: string }[];
  body: string;
  uncertain: string | null;
}

/** Walks the header names from the start of `text` (after the From_ line) until the body. */
function recoverHeaders(text: string): RecoveredHeaders {
  const candidates: { at: number; name: string }[] = [];
  for (const m of text.matchAll(HEADER_NAME)) if (isHeaderName(m[1])) candidates.push({ at: m.index, name: m[1] });
  const headers: { name: string; value: string }[] = [];
  if (candidates[0]?.at !== 0) return { headers, body: text.trim(), uncertain: null };

  const seen = new Set<string>();
  let c = 0;
  for (;;) {
    const { at, name } = candidates[c];
    const key = name.toLowerCase();
    seen.add(key);
    const valueStart = Math.min(text.length, at + name.length + 2);
    let next = c + 1;
    // A name that cannot occur again (a second `To:`) is text inside this value, not a new header.
    while (next < candidates.length && !REPEATABLE.test(candidates[next].name.toLowerCase()) && seen.has(candidates[next].name.toLowerCase())) next++;
    const nextAt = next < candidates.length ? candidates[next].at : text.length;
    const raw = text.slice(valueStart, nextAt).trimEnd();
    const shape = SHAPES[key] ?? 'free';
    const fits = shapeLength(shape, raw);
    const more = next < candidates.length;
    const leftover = fits === null ? '' : raw.slice(fits).trim();
    const tooLong = fits === null && raw.length > (MAX_FREE_VALUE[key] ?? DEFAULT_MAX_FREE_VALUE);
    if (more && !tooLong && leftover.length <= MAX_SHAPE_LEFTOVER) {
      headers.push({ name, value: raw.trim() });
      c = next;
      continue;
    }
    // The last header: its shape (or a guess) says where its value ends and the body begins.
    const rest = text.slice(valueStart);
    if (fits !== null) {
      headers.push({ name, value: rest.slice(0, fits).trim() });
      return { headers, body: rest.slice(fits).trim(), uncertain: null };
    }
    const start = guessBodyStart(rest);
    if (start === null) {
      headers.push({ name, value: '' });
      return {
        headers,
        body: rest.trim(),
        uncertain: `could not tell where the ${name}: header ends, so all text after it is kept as the body and ${name}: is left empty`,
      };
    }
    headers.push({ name, value: rest.slice(0, start).trim() });
    return { headers, body: rest.slice(start).trim(), uncertain: `the ${name}: header is free text, so where the body begins was guessed` };
  }
}

export function readCollapsedMbox(text: string, file: string): IngestResult {
  const warnings: Warning[] = [];
  const warn = (code: SourceWarningCode, message: string, line: number | null) => warnings.push(warning(code, message, line, file));
  // trimEnd() and a whitespace-run callback, not /\s+$/ and /\s*\r?\n\s*/g: those regexes rescan a long run
  // of blanks from each of its characters (quadratic; a megabyte of tabs took minutes).
  const lineCount = Math.max(1, text.trimEnd().split('\n').length);
  const flat = text.replace(/\s+/g, (ws) => (ws.includes('\n') ? ' ' : ws)).trim();

  const fromLine = FROM_LINE.exec(flat);
  let afterFrom = flat.startsWith('From ') ? flat.slice(5) : flat;
  if (fromLine) afterFrom = flat.slice(fromLine[0].length);
  else {
    // Without a readable From_ line, the headers start at the first known header name.
    const first = [...afterFrom.matchAll(HEADER_NAME)].find((m) => isHeaderName(m[1]));
    if (first) afterFrom = afterFrom.slice(first.index);
    warn('from-line-unreadable', 'The mbox `From ` line has no readable date; headers were looked for after it.', 1);
  }

  const { headers, body, uncertain } = recoverHeaders(afterFrom.trimStart());
  warn(
    'headers-recovered',
    'The message was collapsed onto one line and stripped of `<…>` contents; its headers were recovered heuristically and its line breaks re-inserted.',
    1,
  );
  if (headers.length === 0) warn('headers-missing', 'No known header name was found at the start of the message; all of it is kept as the body.', 1);
  if (uncertain) warn('body-start-uncertain', `The body start is uncertain: ${uncertain}.`, 1);
  const empty = headers.filter((h) => h.value === '').map((h) => h.name);
  if (empty.length > 0)
    warn('header-values-empty', `These headers lost their values (they were \`<…>\` the scraper removed): ${[...new Set(empty)].join(', ')}.`, 1);

  const get = (name: string) => headers.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value ?? null;
  const idsOf = (raw: string | null) => {
    const ids = parseMessageIdList(raw);
    return ids.length > 0 ? ids : (raw ?? '').split(/\s+/).filter((t) => /^[^\s@<>]+@[^\s@<>]+$/.test(t));
  };
  const inReplyTo = idsOf(get('In-Reply-To'));
  const fromValue = get('From');
  const message = emptyMessage({
    messageId: normalizeMessageId(get('Message-ID')),
    from: fromValue ? parseAddress(fromValue) : null,
    to: parseAddressList(get('To')),
    cc: parseAddressList(get('Cc')),
    dateRaw: get('Date') || null,
    subject: get('Subject') || null,
    inReplyTo: inReplyTo[0] ?? null,
    references: idsOf(get('References')),
    body: rebuildCollapsedBody(body),
    lines: [1, lineCount],
  });
  if (!message.from) warn('author-unknown', 'The recovered headers name no author.', 1);
  return { format: 'collapsed-mbox', messages: [message], warnings };
}
