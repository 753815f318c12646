// A mail whose body quotes a message pasted from a marc.info page: the page's `List:`/`Subject:`/`From:`/
// `Date:`/`Message-ID:` block names the quoted message, so that message becomes a message of its own (the
// reply's parent) with those headers, and its quoted text as body.
import { normalizeMessageId, parseAddress } from './address.ts';
import { emptyMessage, type IngestedMessage } from './types.ts';

/** A quote prefix: optional indentation, then `>` markers. */
const PREFIX = /^(\s*>\s?)/;
const FIELD = /^(List|Subject|From|Date|Message-ID):\s+(.*)$/;
const DOWNLOAD = /^\[Download (?:message )?RAW\]/i;
const NAV = /^\[prev in list\] \[next in list\]/;

function dequote(line: string): { quoted: boolean; text: string } {
  const m = PREFIX.exec(line);
  if (!m) return { quoted: false, text: line };
  return { quoted: true, text: line.slice(m[1].length) };
}

export interface MarcExtraction {
  quoted: IngestedMessage;
  /** The outer message, with its parent filled in where the quoted message's id is known. */
  outer: IngestedMessage;
}

/** Returns null unless the body holds a marc.info header block with at least From: and Date:. */
export function extractMarcInfoQuote(msg: IngestedMessage): MarcExtraction | null {
  // The block opens with a `List:` line: a body without one (nearly every mail) is not split into lines.
  if (!msg.body.includes('List:')) return null;
  const lines = msg.body.split('\n');
  let blockStart = -1;
  const fields: Record<string, string> = {};
  for (let i = 0; i < lines.length; i++) {
    const { text } = dequote(lines[i]);
    if (text.startsWith('List:') && FIELD.test(text)) {
      blockStart = i;
      break;
    }
  }
  if (blockStart < 0) return null;
  let i = blockStart;
  for (; i < lines.length; i++) {
    const { text } = dequote(lines[i]);
    const f = FIELD.exec(text);
    if (f) fields[f[1]] = f[2].trim();
    else if (DOWNLOAD.test(text.trim())) {
      i++;
      break;
    } else if (text.trim() !== '') break;
  }
  if (!fields.From || !fields.Date) return null;

  // The quoted message's text: the quoted lines after the header block, across the reply's interleaved text.
  const body: string[] = [];
  let elided = false;
  for (; i < lines.length; i++) {
    const raw = lines[i];
    if (NAV.test(raw.trim())) break;
    const { quoted, text } = dequote(raw);
    if (quoted) {
      if (NAV.test(text.trim())) break;
      body.push(text);
    } else if (/^\s*\[(\.\.\.|…|snip)\]\s*$/i.test(raw)) {
      elided = true;
      body.push('[...]');
    } else if (raw.trim() !== '') {
      elided = true; // the reply's own text interrupts the quote: parts may be missing
    }
  }
  while (body.length && body[0].trim() === '') body.shift();
  while (body.length && body[body.length - 1].trim() === '') body.pop();

  const messageId = normalizeMessageId(fields['Message-ID'] ?? null);
  const quoted = emptyMessage({
    messageId,
    from: parseAddress(fields.From),
    dateRaw: fields.Date,
    subject: fields.Subject ?? null,
    body: body.join('\n'),
    truncated: elided,
    lines: msg.lines,
    file: msg.file,
    origin: 'marc-info-quote',
  });
  const outer = { ...msg };
  if (!outer.inReplyTo && messageId) {
    const replyToId = normalizeMessageId(msg.replyTo ?? null);
    const named = msg.references.includes(messageId) || replyToId === messageId;
    if (named || outer.references.length === 0) outer.inReplyTo = messageId;
  }
  return { quoted, outer };
}
