// Commit trailers: `Signed-off-by: Name <email>` and every other `X-by:`, `Fixes: <sha> ("subject")`, `Link:`,
// `Closes:`, `Cc: stable@vger.kernel.org # 5.10+`. Read from a message's own text only: a quoted
// `Signed-off-by` is the quoted author's, repeated.
//
//   parseTrailers('Signed-off-by: Jiri Slaby <jirislaby@gmail.com>')
//     → [{ key: 'Signed-off-by', name: 'Jiri Slaby', email: 'jirislaby@gmail.com' }]
import type { Message, Segment } from '../thread/types.ts';
import type { Trailer } from './types.ts';

/** A trailer with what the contract form leaves out. */
export interface ParsedTrailer extends Trailer {
  /** The value as written after the colon. */
  value: string;
  /** What follows ` # ` (`5.10+`) or sits in brackets after the address. */
  comment: string | null;
  /** For `Fixes:`. */
  commit?: string;
  subject?: string | null;
  /** For `Link:`, `Closes:`. */
  url?: string;
}

export interface FoundTrailer extends ParsedTrailer {
  messageIndex: number;
  /** Index into the message's segments. */
  segmentIndex: number;
}

/** `Signed-off-by`, `Signed_off_by`, `Reported-and-tested-by`, any `X-by`; then the non-person keys. */
const TRAILER_LINE = /^([A-Za-z][A-Za-z0-9]*(?:[-_][A-Za-z0-9]+)*[-_][Bb][Yy]|Fixes|FIXES|Link|Closes|Cc|CC|BugLink|Buglink)[ \t]*:[ \t]*(\S.*?)\s*$/;
/** Longer values are prose that happens to start like a trailer. */
const MAX_VALUE_CHARS = 300;
/** Longer lines are not tried at all, which also keeps the lazy pattern from backtracking over a huge line. */
const MAX_LINE_CHARS = 400;
const SHA = /^(?:commit\s+)?([0-9a-f]{7,40})\b/i;

const KEY_SPELLING: Record<string, string> = { buglink: 'BugLink', cc: 'Cc' };

/** `Signed_off_by`, `SIGNED-OFF-BY`, `CC` → `Signed-off-by`, `Cc`. */
function canonicalKey(raw: string): string {
  const k = raw.replace(/_/g, '-').toLowerCase();
  return KEY_SPELLING[k] ?? k.charAt(0).toUpperCase() + k.slice(1);
}

/** `Fixes: e587cadd8f47 ("x86: enhance DEBUG_RODATA support")`; the `Fixes:` key is optional. */
export function parseFixesTag(line: string): { commit: string; subject: string | null } | null {
  const value = line.trim().replace(/^fixes\s*:\s*/i, '');
  const sha = SHA.exec(value);
  if (!sha) return null;
  let rest = value.slice(sha[0].length).trim();
  if (!rest) return { commit: sha[1].toLowerCase(), subject: null };
  if (rest.startsWith('(')) {
    rest = rest.slice(1);
    if (rest.endsWith(')')) rest = rest.slice(0, -1);
  }
  rest = rest
    .trim()
    .replace(/^["“']/, '')
    .replace(/["”']$/, '')
    .trim();
  return { commit: sha[1].toLowerCase(), subject: rest || null };
}

function unquoteName(name: string): string | null {
  let n = name.replace(/\s+/g, ' ').trim();
  if (n.length >= 2 && /^".*"$|^'.*'$/.test(n)) n = n.slice(1, -1).trim();
  return n || null;
}

function cleanEmail(email: string): string | null {
  const e = email.trim().replace(/^mailto:/i, '');
  return e.includes('@') ? e : null;
}

/** `Name <email>`, `"Name" <email>`, `Name (email)`, `email (Name)`, `<email>`, bare email, bare name. */
export function parsePerson(value: string): { name: string | null; email: string | null; comment: string | null } {
  let v = value;
  let comment: string | null = null;
  const hash = /\s#\s*(.*)$/.exec(v);
  if (hash) {
    comment = hash[1].trim() || null;
    v = v.slice(0, hash.index);
  }
  // Outlook's HTML-to-text doubles addresses: `<a@b<mailto:a@b>>`.
  v = v.replace(/<mailto:[^<>]*>/gi, '').trim();
  const angle = /^(.*?)\s*<([^<>]*)>\s*(.*)$/.exec(v);
  if (angle) {
    const email = cleanEmail(angle[2]);
    const after = angle[3].trim();
    if (after && !comment) comment = after.replace(/^[[(](.*)[\])]$/, '$1').trim() || null;
    return { name: unquoteName(angle[1]), email, comment };
  }
  // Outlook's quoted header: `Sagi Grimberg [mailto:sagi@grimberg.me]`.
  const nameMailto = /^(.*?)\s*\[mailto:([^\]\s]+@[^\]\s]+)\]$/i.exec(v);
  if (nameMailto) return { name: unquoteName(nameMailto[1]), email: cleanEmail(nameMailto[2]), comment };
  const nameParen = /^(.*?)\s*\(([^()\s]+@[^()\s]+)\)$/.exec(v);
  if (nameParen) return { name: unquoteName(nameParen[1]), email: nameParen[2], comment };
  const emailParen = /^(\S+@\S+)\s*\((.*)\)$/.exec(v);
  if (emailParen) return { name: unquoteName(emailParen[2]), email: emailParen[1], comment };
  const bare = /^(\S+@\S+)(?:\s+(.*))?$/.exec(v);
  if (bare) {
    const more = bare[2]?.trim();
    return { name: null, email: bare[1], comment: comment ?? (more ? more.replace(/^[[(](.*)[\])]$/, '$1') : null) };
  }
  return { name: unquoteName(v), email: null, comment };
}

/** One line → a trailer, or null when the line is not one. */
export function parseTrailerLine(line: string): ParsedTrailer | null {
  // A trailer has a colon after its key: most lines of a message have none.
  if (line.length > MAX_LINE_CHARS || !line.includes(':')) return null;
  const m = TRAILER_LINE.exec(line.endsWith('\r') ? line.slice(0, -1) : line);
  if (!m || m[2].length > MAX_VALUE_CHARS) return null;
  const key = canonicalKey(m[1]);
  const value = m[2];
  if (key === 'Fixes') {
    const fixes = parseFixesTag(value);
    if (!fixes) return null;
    return { key, name: null, email: null, value, comment: null, commit: fixes.commit, subject: fixes.subject };
  }
  if (key === 'Link' || key === 'Closes' || key === 'BugLink') {
    const url = /^<?(\S+?)>?(?:\s+#\s*(.*))?$/.exec(value);
    if (!url) return null;
    return { key, name: null, email: null, value, comment: url[2]?.trim() || null, url: url[1] };
  }
  const person = parsePerson(value);
  // `Cc:` without an address is a header remnant, not a trailer.
  if (key === 'Cc' && !person.email) return null;
  if (!person.name && !person.email) return null;
  return { key, name: person.name, email: person.email, value, comment: person.comment };
}

/** Every trailer line in a block of text, in order. */
export function parseTrailerLines(text: string): ParsedTrailer[] {
  const out: ParsedTrailer[] = [];
  for (const line of text.split('\n')) {
    const t = parseTrailerLine(line);
    if (t) out.push(t);
  }
  return out;
}

/** The contract form: key, name, email. */
export function parseTrailers(text: string): Trailer[] {
  return parseTrailerLines(text).map(({ key, name, email }) => ({ key, name, email }));
}

/**
 * Prose that merely starts like a trailer (`Reported-by: the nightly run, which…`) is not one: without an
 * address, a person's name is a few words.
 */
function looksLikeTrailerInProse(t: ParsedTrailer): boolean {
  if (t.email || t.commit || t.url) return true;
  return (t.name ?? '').split(/\s+/).length <= 4;
}

/** Where a diff segment's patch starts; trailer lines before it still belong to the message. */
const DIFF_START = /^(?:diff |Index: |--- |\+\+\+ |@@|\s*\S[^|]*\|\s+\d|\s*\d+ files? changed)/;

/**
 * Trailers in the given segments of one message: whole `trailers` segments, trailer lines standing in `text`
 * (a one-line `Reviewed-by:` reply), and lines at the head of a `diff` segment before the diff proper. Quotes,
 * signatures and header blocks are skipped; an attached format-patch file counts (its sign-offs are the patch's).
 */
export function trailersInSegments(segments: readonly Segment[]): { trailer: ParsedTrailer; segment: number }[] {
  const out: { trailer: ParsedTrailer; segment: number }[] = [];
  segments.forEach((s, i) => {
    if (s.kind === 'trailers' || s.kind === 'text') {
      for (const t of parseTrailerLines(s.text)) if (looksLikeTrailerInProse(t)) out.push({ trailer: t, segment: i });
    } else if (s.kind === 'diff') {
      for (const line of s.text.split('\n')) {
        if (DIFF_START.test(line)) break;
        const t = parseTrailerLine(line);
        if (t) out.push({ trailer: t, segment: i });
      }
    }
  });
  return out;
}

/** All trailers a message's author wrote, in order. */
export function findTrailers(m: Message): FoundTrailer[] {
  return trailersInSegments(m.segments).map(({ trailer, segment }) => ({
    ...trailer,
    messageIndex: m.index,
    segmentIndex: segment,
  }));
}
