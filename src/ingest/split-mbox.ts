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
const FROM_LINE =
  /^From \S*\s+(?:[A-Z][a-z]{2}\s+)?[A-Z][a-z]{2}\s+\d{1,2}\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s+[A-Za-z+-]\S*)?\s+\d{4}\s*$/;
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

/**
 * mboxrd escapes every `>*From ` line with one more `>`; mboxo escapes only `From `, so `>From ` lines
 * are ambiguous there; git format-patch output escapes nothing (git mailsplit keeps `>From` as written).
 */
export function detectVariant(fromLines: string[], text: string): MboxVariant {
  if (fromLines.some((l) => l.startsWith('From mboxrd@'))) return 'mboxrd';
  if (/^>>+From /m.test(text)) return 'mboxrd';
  if (fromLines.length > 0 && fromLines.every((l) => GIT_FORMAT_PATCH_DATE.test(l))) return 'unescaped';
  return 'mboxo';
}

function unescapeLine(line: string, variant: MboxVariant): string {
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

/** Splits an mbox held in memory. `forceVariant` overrides detection. */
export function splitMbox(data: Buffer, forceVariant?: MboxVariant): MboxSplit {
  const text = data.toString('latin1');
  const lines = text.split('\n');
  // A trailing newline yields one empty last element that is not a line.
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const starts: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith('From ')) continue;
    const next = lines[i + 1]?.replace(/\r$/, '');
    if (starts.length === 0) {
      if (isFirstFromLine(lines[i].replace(/\r$/, ''), next)) starts.push(i);
      continue;
    }
    // Like git mailsplit, a full `From sender date` line followed by a header starts a message even
    // without a blank line before it; looser separators need the blank line.
    const l = lines[i].replace(/\r$/, '');
    const strict = FROM_LINE.test(l) && next !== undefined && HEADER_LINE.test(next);
    if (strict || (lines[i - 1].trim() === '' && isFromLine(l, next))) starts.push(i);
  }
  const fromLines = starts.map((i) => lines[i].replace(/\r$/, ''));
  const variant = forceVariant ?? detectVariant(fromLines, text);
  let preambleLines = 0;
  for (let i = 0; i < (starts[0] ?? lines.length); i++) if (lines[i].trim() !== '') preambleLines++;
  const messages: RawMboxMessage[] = [];
  for (let k = 0; k < starts.length; k++) {
    const begin = starts[k];
    const end = k + 1 < starts.length ? starts[k + 1] : lines.length;
    const body: string[] = [];
    for (let i = begin + 1; i < end; i++) body.push(unescapeLine(lines[i], variant));
    // The blank line before the next From_ line belongs to the mbox format, not to the message.
    if (k + 1 < starts.length && body.length > 0 && body[body.length - 1].trim() === '') body.pop();
    let last = begin + body.length;
    if (last < begin) last = begin;
    messages.push({
      bytes: Buffer.from(body.join('\n') + '\n', 'latin1'),
      fromLine: fromLines[k],
      lines: [begin + 1, last + 1],
    });
  }
  const malformedFromLines = starts.filter((i) => !FROM_LINE.test(lines[i].replace(/\r$/, '')) && !LOOSE_FROM_LINE.test(lines[i].replace(/\r$/, ''))).map((i) => i + 1);
  return { variant, messages, preambleLines, malformedFromLines };
}
