// Splits mbox bytes into raw messages on real From_ separator lines and undoes `>From ` escaping per
// variant. Works on a latin1 view of the bytes so every byte survives until MIME decoding.

/** The mbox dialects that differ in how a body line starting with `From ` was escaped. */
export type MboxVariant = 'mboxrd' | 'mboxo' | 'unescaped';

export interface RawMboxMessage {
  /** The message bytes without the From_ line, unescaped. */
  bytes: Buffer;
  /** The From_ line itself (without line end). */
  fromLine: string;
  /** 1-based line of the From_ line in the file, and the last line of the message. */
  lines: [number, number];
}

export interface MboxSplit {
  variant: MboxVariant;
  messages: RawMboxMessage[];
  /** Lines before the first From_ line that are not blank (junk a tool put there). */
  preambleLines: number;
  /** 1-based lines of From_ separators that do not have the usual `From sender date` form. */
  malformedFromLines: number[];
}

// `From sender Www Mmm dd hh:mm[:ss] [zone] yyyy` (asctime, as written by MTAs, git, lore and mutt).
const FROM_LINE = /^From \S*\s+(?:[A-Z][a-z]{2}\s+)?[A-Z][a-z]{2}\s+\d{1,2}\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s+[A-Za-z+-]\S*)?\s+\d{4}\s*$/;
// Some writers (lore's public-inbox: `From mboxrd@z Thu Jan  1 00:00:00 1970`) fit the pattern above;
// a looser form only counts when a header line follows.
const LOOSE_FROM_LINE = /^From \S+ .*\d{4}\s*$/;
const HEADER_LINE = /^[\x21-\x39\x3b-\x7e]+:(?:[ \t]|$)/;
const GIT_FORMAT_PATCH_DATE = / Mon Sep 17 00:00:00 2001\s*$/;

export function isFromLine(line: string, next: string | undefined): boolean {
  if (!line.startsWith('From ')) return false;
  const l = line.endsWith('\r') ? line.slice(0, -1) : line;
  const nextIsHeader = next !== undefined && HEADER_LINE.test(next);
  if (FROM_LINE.test(l)) return nextIsHeader || next === undefined || next === '' || next === '\r';
  return LOOSE_FROM_LINE.test(l) && nextIsHeader;
}

/** What the variant is decided from; a whole-buffer split and the streaming reader gather the same facts. */
export interface VariantEvidence {
  /** A From_ line names lore's `mboxrd@` sender. */
  mboxrdFrom: boolean;
  /** A line (or a part after a bare CR: `^` of a /m regex) starts with `>>From `, `>>>From `, … */
  doubleEscaped: boolean;
  fromLines: number;
  /** Every From_ line carries git format-patch's fixed date. */
  allGitDates: boolean;
}

const DOUBLE_ESCAPED_IN_TEXT = /^>>+From /m;
// The same test on one line of the text (split on LF): a /m `^` also matches after a CR inside the line.
const DOUBLE_ESCAPED_IN_LINE = /(?:^|\r)>>+From /;

export function newVariantEvidence(): VariantEvidence {
  return { mboxrdFrom: false, doubleEscaped: false, fromLines: 0, allGitDates: true };
}

/** Adds one From_ separator line (without line end) to the evidence. */
export function noteFromLine(e: VariantEvidence, fromLine: string): void {
  e.fromLines++;
  if (fromLine.startsWith('From mboxrd@')) e.mboxrdFrom = true;
  if (!GIT_FORMAT_PATCH_DATE.test(fromLine)) e.allGitDates = false;
}

/** Adds one line of the text (any line, split on LF) to the evidence. */
export function noteTextLine(e: VariantEvidence, line: string): void {
  if (!e.doubleEscaped && DOUBLE_ESCAPED_IN_LINE.test(line)) e.doubleEscaped = true;
}

/**
 * mboxrd escapes every `>*From ` line with one more `>`; mboxo escapes only `From `, so `>From ` lines
 * are ambiguous there; git format-patch output escapes nothing (git mailsplit keeps `>From` as written).
 */
export function variantOf(e: VariantEvidence): MboxVariant {
  if (e.mboxrdFrom) return 'mboxrd';
  if (e.doubleEscaped) return 'mboxrd';
  if (e.fromLines > 0 && e.allGitDates) return 'unescaped';
  return 'mboxo';
}

export function detectVariant(fromLines: string[], text: string): MboxVariant {
  const e = newVariantEvidence();
  for (const l of fromLines) noteFromLine(e, l);
  e.doubleEscaped = DOUBLE_ESCAPED_IN_TEXT.test(text);
  return variantOf(e);
}

/** Undoes the variant's `>From ` escaping; it looks only at the line's first `>…From ` characters. */
export function unescapeLine(line: string, variant: MboxVariant): string {
  if (variant === 'mboxrd' && /^>+From /.test(line)) return line.slice(1);
  if (variant === 'mboxo' && line.startsWith('>From ')) return line.slice(1);
  return line;
}

/**
 * The first line of a file gets more latitude: a damaged `From lib` separator followed by header lines
 * still opens an mbox (patchwork's fuzz corpus has many), where mid-file it could be body text.
 */
function isFirstFromLine(line: string, next: string | undefined): boolean {
  if (isFromLine(line, next)) return true;
  return /^From \S/.test(line) && next !== undefined && HEADER_LINE.test(next);
}

export function looksLikeMbox(head: string): boolean {
  const lines = head.split('\n', 50);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i].replace(/\r$/, '');
    if (l.trim() === '') continue;
    return isFirstFromLine(l, lines[i + 1]?.replace(/\r$/, ''));
  }
  return false;
}

const stripCr = (line: string) => (line.endsWith('\r') ? line.slice(0, -1) : line);

/** A blank line: it may sit before a From_ line, and one just before a From_ line belongs to the mbox format. */
export const isBlankLine = (line: string) => line.trim() === '';

/**
 * Whether a line starting with `From ` opens a message. `line` is as written (CR kept), `next` the following
 * line without its CR (undefined at the end of the text), `prevBlank` tells whether the line before is blank
 * (asked only when needed); `first` is true until a message has started.
 */
export function startsMessage(line: string, first: boolean, prevBlank: () => boolean, next: string | undefined): boolean {
  const l = stripCr(line);
  if (first) return isFirstFromLine(l, next);
  // Like git mailsplit, a full `From sender date` line followed by a header starts a message even
  // without a blank line before it; looser separators need the blank line.
  const strict = FROM_LINE.test(l) && next !== undefined && HEADER_LINE.test(next);
  return strict || (prevBlank() && isFromLine(l, next));
}

/** A From_ separator (without line end) that lacks the usual `From sender date` form. */
export const isMalformedFromLine = (fromLine: string) => !FROM_LINE.test(fromLine) && !LOOSE_FROM_LINE.test(fromLine);

/** Splits an mbox held in memory. `forceVariant` overrides detection. read-mbox.ts streams with the same rules. */
export function splitMbox(data: Buffer, forceVariant?: MboxVariant): MboxSplit {
  const text = data.toString('latin1');
  const lines = text.split('\n');
  // A trailing newline yields one empty last element that is not a line.
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const starts: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith('From ')) continue;
    const next = lines[i + 1] === undefined ? undefined : stripCr(lines[i + 1]);
    if (startsMessage(lines[i], starts.length === 0, () => isBlankLine(lines[i - 1]), next)) starts.push(i);
  }
  const fromLines = starts.map((i) => stripCr(lines[i]));
  const variant = forceVariant ?? detectVariant(fromLines, text);
  let preambleLines = 0;
  for (let i = 0; i < (starts[0] ?? lines.length); i++) if (!isBlankLine(lines[i])) preambleLines++;
  const messages: RawMboxMessage[] = [];
  for (let k = 0; k < starts.length; k++) {
    const begin = starts[k];
    const end = k + 1 < starts.length ? starts[k + 1] : lines.length;
    const body: string[] = [];
    for (let i = begin + 1; i < end; i++) body.push(unescapeLine(lines[i], variant));
    // The blank line before the next From_ line belongs to the mbox format, not to the message.
    if (k + 1 < starts.length && body.length > 0 && isBlankLine(body[body.length - 1])) body.pop();
    let last = begin + body.length;
    if (last < begin) last = begin;
    messages.push({
      bytes: Buffer.from(`${body.join('\n')}\n`, 'latin1'),
      fromLine: fromLines[k],
      lines: [begin + 1, last + 1],
    });
  }
  const malformedFromLines = starts.filter((i) => isMalformedFromLine(stripCr(lines[i]))).map((i) => i + 1);
  return { variant, messages, preambleLines, malformedFromLines };
}
