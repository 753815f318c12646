// Address lists as mail headers and archive pages write them: `"Name" <a@b>`, `a@b (Name)`, bare names,
// and obfuscated archive forms (`<mingo@...>`, `mgorman () suse ! de`).
import type { Address } from './types.ts';

/** marc.info writes `user () host ! tld`: a fixed, documented substitution, so undoing it is not guessing. */
const MARC_OBFUSCATED = /^([^\s@()]+) \(\) ([^\s@()!]+(?: ! [^\s@()!]+)+)$/;

/** Splits on commas that are outside quotes, angle brackets and comments. */
function splitList(value: string): string[] {
  const parts: string[] = [];
  let depthParen = 0;
  let inQuote = false;
  let inAngle = false;
  // Slices, not a string built a character at a time: LKML mail carries To/Cc lists of dozens of addresses.
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\' && i + 1 < value.length) {
      i++;
      continue;
    }
    if (c === '"' && depthParen === 0) inQuote = !inQuote;
    else if (!inQuote && c === '(') depthParen++;
    else if (!inQuote && c === ')' && depthParen > 0) depthParen--;
    else if (!inQuote && depthParen === 0 && c === '<') inAngle = true;
    else if (!inQuote && depthParen === 0 && c === '>') inAngle = false;
    if (c === ',' && !inQuote && depthParen === 0 && !inAngle) {
      parts.push(value.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(value.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

/** Whitespace that `replace(/\s+/g, ' ')` would change: anything but a lone space. */
const UNEVEN_SPACE = /[^\S ]| {2}/;

/** `s.replace(/\s+/g, ' ')`, without a new string when there is nothing to collapse (To/Cc lists are long). */
function collapseSpace(s: string): string {
  return UNEVEN_SPACE.test(s) ? s.replace(/\s+/g, ' ') : s;
}

function unquote(name: string): string {
  let n = name.trim();
  if (n.length >= 2 && n.startsWith('"') && n.endsWith('"')) n = n.slice(1, -1);
  if (n.includes('\\')) n = n.replace(/\\(.)/g, '$1');
  n = collapseSpace(n).trim();
  // Google Groups rewrites senders as `'Name' via list`: keep the person's name.
  const via = /^'(.+)' via \S+$/.exec(n);
  if (via) n = via[1];
  return n;
}

function isPartialEmail(email: string): boolean {
  return /@\.\.\.$|@…$|\.\.\.$/.test(email) || !/@[^.@\s]+\.[^@\s]+$/.test(email);
}

/** Parses one mailbox. Returns null for an empty string. */
export function parseAddress(raw: string): Address | null {
  const text = collapseSpace(raw).trim();
  if (!text) return null;
  const marc = MARC_OBFUSCATED.exec(text);
  if (marc) return { name: null, email: `${marc[1]}@${marc[2].replace(/ ! /g, '.')}` };
  const angle = /^(.*?)<([^<>]*)>\s*(\(.*\))?$/.exec(text);
  if (angle) {
    let email = angle[2].trim();
    let name: string | null = unquote(angle[1]) || null;
    const marcInner = MARC_OBFUSCATED.exec(email);
    if (marcInner) email = `${marcInner[1]}@${marcInner[2].replace(/ ! /g, '.')}`;
    if (!name && angle[3]) name = unquote(angle[3].slice(1, -1)) || null;
    // `"a@b" <a@b>` names nobody.
    if (name && name.toLowerCase() === email.toLowerCase()) name = null;
    if (!email) return name ? { name, email: null } : null;
    const partial = isPartialEmail(email);
    return partial ? { name, email, partial: true } : { name, email };
  }
  // `addr (Name)`
  const comment = /^(\S+@\S+)\s*\((.*)\)$/.exec(text);
  if (comment) return { name: unquote(comment[2]) || null, email: comment[1] };
  if (/^\S+@\S+$/.test(text)) {
    return isPartialEmail(text) ? { name: null, email: text, partial: true } : { name: null, email: text };
  }
  return { name: unquote(text) || null, email: null };
}

export function parseAddressList(raw: string | null | undefined): Address[] {
  if (!raw) return [];
  const out: Address[] = [];
  for (const part of splitList(raw)) {
    const a = parseAddress(part);
    if (a) out.push(a);
  }
  return out;
}

/** Strips angle brackets and whitespace from a Message-ID; marc.info's obfuscation is undone. */
export function normalizeMessageId(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let id = raw.trim();
  const angle = /<([^<>]+)>/.exec(id);
  if (angle) id = angle[1];
  id = id.trim();
  const marc = /^(\S+) \(\) (\S+(?: ! \S+)+)$/.exec(id);
  if (marc) id = `${marc[1]}@${marc[2].replace(/ ! /g, '.')}`;
  id = id.replace(/\s+/g, '');
  return id.length > 0 ? id : null;
}

/** All Message-IDs named in a References or In-Reply-To header, in order, without duplicates. */
export function parseMessageIdList(raw: string | null | undefined): string[] {
  if (!raw) return [];
  // A Set, not ids.includes(): a 256 KB References header names some 40,000 ids, and checking each against
  // the list so far was quadratic (seconds per message).
  const ids = new Set<string>();
  const re = /<([^<>\s]+)>/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw))) ids.add(m[1]);
  if (ids.size === 0) {
    // Some clients (and stripped archives) write ids without brackets.
    for (const token of raw.split(/\s+/)) {
      if (/^[^\s@]+@[^\s@]+$/.test(token)) ids.add(token);
    }
  }
  return [...ids];
}
