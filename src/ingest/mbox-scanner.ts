// Finds the messages of an mbox fed in chunks of any size, with splitMbox's rules (split-mbox.ts): the same
// From_ lines, escaping, blank-line and line-number results, but holding only the current message.
import {
  isBlankLine,
  isMalformedFromLine,
  newVariantEvidence,
  noteFromLine,
  noteTextLine,
  startsMessage,
  unescapeLine,
  type MboxVariant,
  type VariantEvidence,
} from './split-mbox.ts';

export interface ScannedMessage {
  /** The message bytes without the From_ line, unescaped; only the first `maxMessageBytes` when cut. */
  bytes: Buffer;
  fromLine: string;
  /** 1-based line of the From_ line and the last line of the message. */
  lines: [number, number];
  /** The size of the whole message when it was cut to `maxMessageBytes`, else null. */
  cutFrom: number | null;
}

export interface ScannerOptions {
  /** The variant to unescape with; null gathers only the facts (From_ lines, variant evidence) and keeps no message. */
  variant: MboxVariant | null;
  /** A message past this many bytes is cut to its first lines that fit (mid-line when its first line does not). */
  maxMessageBytes: number;
  onMessage?: (m: ScannedMessage) => void;
}

const NL = Buffer.from('\n');
const GT = 0x3e;
const LF = 0x0a;

/** A line of the text: bytes [start, end) of buf, the LF at buf[end] when `nl`. */
interface Line {
  buf: Buffer;
  start: number;
  end: number;
  nl: boolean;
  /** A line longer than the message limit keeps only its head: the bytes dropped, and whether they were blank. */
  dropped: number;
  restBlank: boolean;
}

const latin1 = (l: Line) => l.buf.toString('latin1', l.start, l.end);
const startsWithFromAt = (b: Buffer, i: number, end: number) =>
  i + 5 <= end && b[i] === 0x46 && b[i + 1] === 0x72 && b[i + 2] === 0x6f && b[i + 3] === 0x6d && b[i + 4] === 0x20;
const startsWithFrom = (l: Line) => startsWithFromAt(l.buf, l.start, l.end);
const blank = (l: Line) => l.restBlank && isBlankLine(latin1(l));
// The characters String.prototype.trim() removes that a latin1 byte can be (LF never occurs inside a line).
const isTrimmedByte = (b: number) => b === 0x09 || b === 0x0b || b === 0x0c || b === 0x0d || b === 0x20 || b === 0xa0;

export class MboxScanner {
  /** Lines seen so far (complete lines). */
  lineCount = 0;
  preambleLines = 0;
  malformedFromLines: number[] = [];
  readonly evidence: VariantEvidence = newVariantEvidence();
  messages = 0;

  private readonly opts: ScannerOptions;
  private prev: Line | null = null;
  private cur: Line | null = null;
  /**
   * Line objects reused in turn for the lines of a chunk: an object per line was the largest allocation of
   * a corpus import (two passes over every line). No line is held longer than the two after it arrive
   * (prev, cur and pending are among the last three; append() copies what it keeps).
   */
  private readonly pool: Line[] = [0, 1, 2].map(() => ({ buf: NL, start: 0, end: 0, nl: true, dropped: 0, restBlank: true }));
  private poolAt = 0;
  // The line being assembled across chunks.
  private carry: Buffer[] = [];
  private carryBytes = 0;
  private carryDropped = 0;
  private carryRestBlank = true;
  // Where the next `\r>` is in a buffer (a /m `^` after a bare CR), cached so lines do not search again.
  private crScanBuf: Buffer | null = null;
  private crScanAt = -1;
  // The current message.
  private begin = 0;
  private fromLine = '';
  private bodyLines = 0;
  private pending: Line | null = null;
  private parts: Line[] = [];
  private size = 0;
  private wholeSize = 0;
  private cut = false;
  private cutMidLine = false;

  constructor(opts: ScannerOptions) {
    this.opts = opts;
  }

  push(chunk: Buffer): void {
    let pos = 0;
    for (;;) {
      const nl = chunk.indexOf(LF, pos);
      if (nl < 0) break;
      if (this.carryBytes > 0) {
        this.addCarry(chunk.subarray(pos, nl));
        this.line(this.takeCarry());
      } else {
        const l = this.pool[this.poolAt]!;
        this.poolAt = this.poolAt === 2 ? 0 : this.poolAt + 1;
        l.buf = chunk;
        l.start = pos;
        l.end = nl;
        this.line(l);
      }
      pos = nl + 1;
    }
    if (pos < chunk.length) this.addCarry(chunk.subarray(pos));
  }

  /** The end of the text: the last line (when it has no line end) and the last message. */
  end(): void {
    if (this.carryBytes > 0) this.line(this.takeCarry());
    if (this.cur) this.process(this.cur, undefined);
    if (this.messages > 0) this.finishMessage(false);
  }

  private addCarry(piece: Buffer): void {
    if (piece.length === 0) return;
    const room = this.opts.maxMessageBytes - this.carryBytes;
    if (room > 0) {
      const kept = piece.length <= room ? piece : piece.subarray(0, room);
      // A copy: the chunk it came from is not kept alive by a line that spans chunks.
      this.carry.push(Buffer.from(kept));
      this.carryBytes += kept.length;
      if (kept.length === piece.length) return;
      piece = piece.subarray(room);
    }
    this.carryDropped += piece.length;
    if (this.carryRestBlank) {
      for (let i = 0; i < piece.length; i++) {
        if (!isTrimmedByte(piece[i])) {
          this.carryRestBlank = false;
          break;
        }
      }
    }
  }

  private takeCarry(): Line {
    const buf = this.carry.length === 1 ? this.carry[0] : Buffer.concat(this.carry, this.carryBytes);
    const l: Line = { buf, start: 0, end: buf.length, nl: false, dropped: this.carryDropped, restBlank: this.carryRestBlank };
    this.carry = [];
    this.carryBytes = 0;
    this.carryDropped = 0;
    this.carryRestBlank = true;
    return l;
  }

  /** A complete line arrived: the one before it can now be judged, since a From_ line needs its next line. */
  private line(l: Line): void {
    if (this.cur) this.process(this.cur, l);
    this.prev = this.cur;
    this.cur = l;
  }

  private noteEvidence(l: Line): void {
    // Once a double-escaped line was seen there is nothing more to learn from lines.
    if (this.evidence.doubleEscaped) return;
    const { buf, start, end } = l;
    if (this.crScanBuf !== buf || (this.crScanAt >= 0 && this.crScanAt < start)) {
      this.crScanBuf = buf;
      this.crScanAt = buf.indexOf('\r>', start, 'latin1');
    }
    // A `\r>` inside the line is a line start for /m: the pattern reads the whole line.
    if (this.crScanAt >= 0 && this.crScanAt < end) {
      noteTextLine(this.evidence, latin1(l));
      return;
    }
    // Otherwise only its head can match: `>>…>From `, read off the bytes (a quoted reply has many `>>` lines,
    // and making each a string was 2 % of a corpus import).
    if (end - start >= 2 && buf[start] === GT && buf[start + 1] === GT) {
      let j = start + 2;
      while (j < end && buf[j] === GT) j++;
      if (startsWithFromAt(buf, j, end)) this.evidence.doubleEscaped = true;
    }
  }

  private process(l: Line, next: Line | undefined): void {
    const n = ++this.lineCount;
    if (this.opts.variant === null) this.noteEvidence(l);
    if (startsWithFrom(l)) {
      const text = latin1(l);
      const nextText = next === undefined ? undefined : latin1(next);
      const prev = this.prev;
      const first = this.messages === 0;
      if (startsMessage(text, first, () => prev !== null && blank(prev), nextText?.endsWith('\r') ? nextText.slice(0, -1) : nextText)) {
        const fromLine = text.endsWith('\r') ? text.slice(0, -1) : text;
        if (!first) this.finishMessage(true);
        this.messages++;
        noteFromLine(this.evidence, fromLine);
        if (isMalformedFromLine(fromLine)) this.malformedFromLines.push(n);
        this.startMessage(n, fromLine);
        return;
      }
    }
    if (this.messages === 0) {
      if (!blank(l)) this.preambleLines++;
      return;
    }
    this.bodyLines++;
    if (this.opts.variant === null) return;
    // The last line waits: a blank one just before the next From_ line is dropped.
    if (this.pending) this.append(this.pending);
    this.pending = l;
  }

  private startMessage(n: number, fromLine: string): void {
    this.begin = n;
    this.fromLine = fromLine;
    this.bodyLines = 0;
    this.pending = null;
    this.parts = [];
    this.size = 0;
    this.wholeSize = 0;
    this.cut = false;
    this.cutMidLine = false;
  }

  private append(l: Line): void {
    let start = l.start;
    if (l.buf[start] === GT) {
      // Only a `>…>From ` head can be unescaped: look at that much of the line.
      let j = start;
      while (j < l.end && l.buf[j] === GT) j++;
      if (startsWithFromAt(l.buf, j, l.end)) {
        const head = l.buf.toString('latin1', start, j + 5);
        start += head.length - unescapeLine(head, this.opts.variant!).length;
      }
    }
    const len = l.end - start + l.dropped + 1;
    this.wholeSize += len;
    if (this.cut) return;
    const max = this.opts.maxMessageBytes;
    if (this.size + len > max) {
      this.cut = true;
      // Whole lines only, unless not even the first line fits: then its first bytes, without a line end.
      if (this.size > 0) return;
      this.cutMidLine = true;
      this.parts.push({ buf: l.buf, start, end: Math.min(l.end, start + max), nl: false, dropped: 0, restBlank: true });
      return;
    }
    this.size += len;
    const last = this.parts[this.parts.length - 1];
    if (l.nl && last && last.buf === l.buf && last.nl && last.end + 1 === start) {
      last.end = l.end;
      return;
    }
    this.parts.push({ buf: l.buf, start, end: l.end, nl: l.nl, dropped: 0, restBlank: true });
  }

  private finishMessage(hasNext: boolean): void {
    const p = this.pending;
    if (p) {
      // The blank line before the next From_ line belongs to the mbox format, not to the message.
      if (hasNext && blank(p)) this.bodyLines--;
      else if (this.opts.variant !== null) this.append(p);
    }
    this.pending = null;
    if (this.opts.variant === null) return;
    const pieces: Buffer[] = [];
    for (const part of this.parts) {
      if (part.nl) pieces.push(part.buf.subarray(part.start, part.end + 1));
      else {
        pieces.push(part.buf.subarray(part.start, part.end));
        if (!this.cutMidLine) pieces.push(NL);
      }
    }
    if (this.parts.length === 0) pieces.push(NL);
    const bytes = Buffer.concat(pieces);
    this.parts = [];
    const begin = this.begin;
    this.opts.onMessage?.({ bytes, fromLine: this.fromLine, lines: [begin, begin + this.bodyLines], cutFrom: this.cut ? this.wholeSize : null });
  }
}
