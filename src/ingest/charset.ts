// Decodes bytes in a stated charset, with a fallback for lies and bogus labels: mail that says us-ascii
// but carries 8-bit text, `charset=unknown-8bit`, raw 8-bit headers. Valid UTF-8 wins; else windows-1252,
// which maps every byte, so nothing becomes U+FFFD.
import { isAscii as bufferIsAscii } from 'node:buffer';
import { Transform, type TransformCallback } from 'node:stream';
import iconv from 'iconv-lite';
// libmime's charset helpers handle the Japanese encodings iconv-lite lacks.
import mimeCharset from 'libmime/lib/charset.js';

export interface Decoded {
  text: string;
  /** The charset actually used. */
  charset: string;
  /** True when the stated charset was missing, unknown or wrong and a fallback decoded the bytes. */
  fellBack: boolean;
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

export function isValidUtf8(buf: Uint8Array): boolean {
  try {
    utf8Strict.decode(buf);
    return true;
  } catch {
    return false;
  }
}

// Native: a byte loop here was 1-2 % of a corpus import (every body and attachment is checked).
const isAscii = (buf: Uint8Array): boolean => bufferIsAscii(buf);

/** Normalises a charset label; null when no decoder knows it. */
export function knownCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const cleaned = label
    .trim()
    .replace(/^["']|["']$/g, '')
    .toLowerCase();
  if (!cleaned) return null;
  if (/^(jis|iso-?2022-?jp|euc-?jp|shift[-_]?jis|sjis)/.test(cleaned)) return cleaned;
  const normalized = mimeCharset.normalizeCharset(cleaned);
  if (iconv.encodingExists(normalized)) return normalized;
  if (iconv.encodingExists(cleaned)) return cleaned;
  return null;
}

function fallback(buf: Uint8Array): Decoded {
  if (isValidUtf8(buf)) return { text: Buffer.from(buf).toString('utf8'), charset: 'utf-8', fellBack: true };
  return { text: iconv.decode(Buffer.from(buf), 'windows-1252'), charset: 'windows-1252', fellBack: true };
}

/** Decodes `buf` stated to be in `label`. */
export function decodeBytes(buf: Uint8Array, label: string | null | undefined): Decoded {
  if (isAscii(buf)) {
    // iso-2022-jp is 7-bit: it still needs its decoder.
    const k = knownCharset(label);
    if (k && /2022|jis/i.test(k)) return { text: mimeCharset.decode(Buffer.from(buf), k), charset: k, fellBack: false };
    return { text: Buffer.from(buf).toString('latin1'), charset: 'us-ascii', fellBack: false };
  }
  const charset = knownCharset(label);
  if (!charset) return fallback(buf);
  if (/^(us-)?ascii$|^utf-?8$/i.test(charset) || (charset === 'windows-1252' && /ascii/i.test(label ?? ''))) {
    // A label of us-ascii or utf-8 on 8-bit bytes that are not UTF-8 is a lie: fall back.
    if (isValidUtf8(buf)) return { text: Buffer.from(buf).toString('utf8'), charset: 'utf-8', fellBack: !/utf/i.test(charset) };
    return fallback(buf);
  }
  const text = /2022|jis/i.test(charset) ? mimeCharset.decode(Buffer.from(buf), charset) : iconv.decode(Buffer.from(buf), charset);
  return { text, charset, fellBack: false };
}

/**
 * A node-iconv lookalike for mailparser's `Iconv` option, so mailparser's body decoding gets the same
 * fallback as ours instead of silently keeping undecoded bytes for unknown labels.
 */
export class FallbackIconv extends Transform {
  private readonly label: string;
  private readonly chunks: Buffer[] = [];

  constructor(from: string, _to: string) {
    super();
    this.label = from;
  }

  override _transform(chunk: Buffer | string, _enc: BufferEncoding, done: TransformCallback): void {
    this.chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk);
    done();
  }

  override _flush(done: TransformCallback): void {
    const label = this.label === 'x-casebook-auto' ? null : this.label;
    this.push(Buffer.from(decodeBytes(Buffer.concat(this.chunks), label).text, 'utf8'));
    done();
  }
}
