// The shared view of one mail body that every block detector reads: its lines plus per-line caches.
import type { SegmentKind } from '../types.ts';

/**
 * Classifiers only look at this many leading characters of a line. A body line can be megabytes long (a pasted
 * base64 blob, a log without newlines); bounding the view keeps every per-line test O(1) and every regex safe.
 */
export const CLASSIFY_MAX_CHARS = 512;

/** A run of lines `[start, end)` recognised as one kind. */
export interface Block {
  kind: SegmentKind;
  start: number;
  end: number;
  quoteDepth?: number;
}

export interface Body {
  lines: string[];
  /** 1 when the line is empty or whitespace only. */
  blank: Uint8Array;
  /** Index of the last non-blank line, -1 for an empty body. */
  last: number;
  /**
   * Each line's head (see head()): every detector asks for it, several times a line, so it is made once. Most
   * lines are their own head (the same string, no copy).
   */
  heads: string[];
  /** Each line's quote depth + 1, 0 while not computed (quote.ts depthAt). */
  depths: Uint16Array;
  /**
   * A lazy cache. Most lines need none (an unprefixed line is its own stripped text), so it is a map of the
   * few that do: a body of millions of tiny lines then costs no per-line allocation.
   */
  strippedTexts: Map<number, string>;
  /** 0 not computed yet, 1 no console prefix, 2 printk timestamp or syslog prefix removed. */
  stampState: Uint8Array;
}

/** A line with its console prefix (syslog, `<4>`, `[ 12.345678]`, `[  T123]`) removed. */
export interface Stripped {
  /** The rest of the line, left-trimmed, bounded to CLASSIFY_MAX_CHARS. */
  text: string;
  /** True when a printk timestamp or syslog prefix was removed. */
  stamped: boolean;
}

export function makeBody(text: string): Body {
  const lines = text.split('\n');
  const n = lines.length;
  const blank = new Uint8Array(n);
  const heads = new Array<string>(n);
  let last = -1;
  for (let i = 0; i < n; i++) {
    const line = lines[i]!;
    if (isBlankText(line)) blank[i] = 1;
    else last = i;
    heads[i] = line.length <= CLASSIFY_MAX_CHARS && line.charCodeAt(line.length - 1) !== 13 ? line : headOf(line);
  }
  return { lines, blank, last, heads, depths: new Uint16Array(n), strippedTexts: new Map(), stampState: new Uint8Array(n) };
}

/** The first CLASSIFY_MAX_CHARS characters of a line, without a trailing CR. */
function headOf(line: string): string {
  const h = line.length > CLASSIFY_MAX_CHARS ? line.slice(0, CLASSIFY_MAX_CHARS) : line;
  return h.endsWith('\r') ? h.slice(0, -1) : h;
}

function isBlankText(s: string): boolean {
  // A hand loop, not /^\s*$/, so a multi-megabyte line of spaces costs one pass and no regex state.
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c !== 32 && c !== 9 && c !== 13 && c !== 12 && c !== 11 && c !== 0xa0) return false;
  }
  return true;
}

export function isBlank(b: Body, i: number): boolean {
  return i >= b.lines.length || b.blank[i] === 1;
}

/** The first CLASSIFY_MAX_CHARS characters of line i ('' past the end). */
export function head(b: Body, i: number): string {
  return i < 0 || i >= b.heads.length ? '' : b.heads[i]!;
}

// Console prefixes, outermost first. Each is anchored and free of nested quantifiers.
const SYSLOG = /^(?:[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\S*) \S+ kernel: ?/;
const LOGLEVEL = /^<\d>/;
// `[   12.345678]`, optionally with the caller id (`[   12.345678][  T123]`), or the caller id alone. Serial
// consoles leave a stray byte or two before the timestamp (`B[   67.487529] …`).
const PRINTK_TS = /^(?:[^\s[]{1,2}(?=\[ *\d+\.\d{6}\]))?(?:\[ *\d+\.\d+\](?: ?\[ *[TC]\d+\])?|\[ *[TC]\d+\])/;
const DMESG_T = /^\[(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4}\]/;

/** Line i without its console prefix, left-trimmed. */
export function strippedText(b: Body, i: number): string {
  const line = head(b, i);
  if (b.stampState[i] === 1 || !mayHavePrefix(line)) {
    b.stampState[i] = 1;
    return line.trimStart();
  }
  let t = b.strippedTexts.get(i);
  if (t === undefined) {
    const s = stripConsolePrefix(line);
    t = s.text;
    b.stampState[i] = s.stamped ? 2 : 1;
    b.strippedTexts.set(i, t);
  }
  return t;
}

/** Line i carried a printk timestamp or a syslog prefix. */
export function isStamped(b: Body, i: number): boolean {
  if (b.stampState[i] === 0) strippedText(b, i);
  return b.stampState[i] === 2;
}

/** Characters a console prefix can open with: a syslog month or ISO year, `<`, `[`, or a stray byte. */
function mayHavePrefix(line: string): boolean {
  const c = line.charCodeAt(0);
  if (c === 91 /* [ */ || c === 60 /* < */) return true;
  if (c >= 65 && c <= 90) return line.charCodeAt(3) === 32 || line.charCodeAt(1) === 91 || line.charCodeAt(2) === 91;
  if (c >= 48 && c <= 57) return line.charCodeAt(4) === 45 || line.charCodeAt(1) === 91 || line.charCodeAt(2) === 91;
  return c > 32 && (line.charCodeAt(1) === 91 || line.charCodeAt(2) === 91);
}

export function stripConsolePrefix(line: string): Stripped {
  let rest = line;
  let stamped = false;
  let m = SYSLOG.exec(rest);
  if (m) {
    rest = rest.slice(m[0].length);
    stamped = true;
  }
  m = LOGLEVEL.exec(rest);
  if (m) {
    rest = rest.slice(m[0].length);
    stamped = true;
  }
  m = PRINTK_TS.exec(rest) ?? DMESG_T.exec(rest);
  if (m) {
    rest = rest.slice(m[0].length);
    stamped = true;
  }
  return { text: rest.trimStart(), stamped };
}
