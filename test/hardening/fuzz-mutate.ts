// Mutations of a real source file: the damage mail suffers on its way through MTAs, archives and scrapers
// (bit flips, truncation, reordered or doubled header lines, CRLF, NULs, invalid UTF-8) and the shapes a
// hostile sender can choose (megabyte lines, thousands of quote levels, repeated blocks, forged From_ lines
// and MIME headers). Every choice comes from the seeded generator, so a mutation is reproducible.
import type { Prng } from './fuzz-prng.ts';

export interface MutationOptions {
  /** Largest line without a newline that `huge-line` inserts. */
  maxHugeLine: number;
  /** Most `>` levels that `deep-quote` nests. */
  maxQuoteDepth: number;
}

export const LONG_RUN: MutationOptions = { maxHugeLine: 8 << 20, maxQuoteDepth: 20_000 };

type Mutator = (data: Buffer, rng: Prng, opts: MutationOptions, donor: Buffer) => Buffer;

/** Byte offsets where lines start. */
function lineStarts(data: Buffer): number[] {
  const starts = [0];
  for (let i = data.indexOf(10); i !== -1 && i + 1 < data.length; i = data.indexOf(10, i + 1)) starts.push(i + 1);
  return starts;
}

/** The header block's lines (up to the first empty line), as [start, end) byte ranges with their newline. */
function headerLines(data: Buffer): [number, number][] {
  const out: [number, number][] = [];
  let at = 0;
  while (at < data.length && out.length < 400) {
    const nl = data.indexOf(10, at);
    const end = nl < 0 ? data.length : nl + 1;
    const line = data.subarray(at, end);
    if (line.length <= 2 && line.toString('latin1').trim() === '') break;
    out.push([at, end]);
    at = end;
  }
  return out;
}

function insertAt(data: Buffer, at: number, piece: Buffer | string): Buffer {
  const p = typeof piece === 'string' ? Buffer.from(piece, 'latin1') : piece;
  return Buffer.concat([data.subarray(0, at), p, data.subarray(at)]);
}

const randomLineStart = (data: Buffer, rng: Prng) => {
  const starts = lineStarts(data);
  return starts[rng.int(starts.length)] ?? 0;
};

const INVALID_UTF8 = [[0xff], [0xc3], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0xfe, 0xfe, 0xff]];
const HOSTILE_LINES = [
  'From nobody Thu Jan  1 00:00:00 1970',
  'From ',
  'Content-Type: multipart/mixed; boundary="x"',
  'Content-Type: message/rfc822',
  'Content-Transfer-Encoding: base64',
  'Content-Type: text/plain; charset="x-unknown-8bit"',
  'Content-Type: text/plain; charset=iso-2022-jp',
  '--x',
  '--x--',
  '=?utf-8?B?AAAA?= =?iso-8859-1?Q?=FF=FE?=',
  'Date: Saturday, April 19, 2008 - 6:22 am',
  'Date: Thu, 31 Feb 99999 99:99:99 +9999',
  'From: Somebody',
  'Messages in current thread:',
  'Previous message: [thread]',
  'In-Reply-To: <a@b>',
  'References: <a@b> <a@b> <a@b>',
  'diff --git a/x b/x',
  '@@ -1,99999 +1,99999 @@',
  'BUG: unable to handle kernel NULL pointer dereference at 0000000000000000',
  'Call Trace:',
  ' [<ffffffff81000000>] foo+0x0/0x10',
  '-- ',
  '---',
  '>From the archive',
  'List: linux-kernel',
];

const MUTATORS: Record<string, Mutator> = {
  'bit-flip': (data, rng) => {
    const out = Buffer.from(data);
    for (let n = rng.range(1, 16); n > 0 && out.length > 0; n--) out[rng.int(out.length)] ^= 1 << rng.int(8);
    return out;
  },
  'random-bytes': (data, rng) => {
    const out = Buffer.from(data);
    for (let n = rng.range(1, 64); n > 0 && out.length > 0; n--) out[rng.int(out.length)] = rng.int(256);
    return out;
  },
  truncate: (data, rng) => data.subarray(0, rng.int(data.length + 1)),
  'cut-chunk': (data, rng) => {
    const a = rng.int(data.length + 1);
    const b = Math.min(data.length, a + rng.int(4096));
    return Buffer.concat([data.subarray(0, a), data.subarray(b)]);
  },
  'duplicate-headers': (data, rng) => {
    const lines = headerLines(data);
    if (lines.length === 0) return data;
    const [s, e] = rng.pick(lines);
    // Capped by size: a header line that an earlier mutation made megabytes long, copied 3,000 times, once
    // asked for a 5.6 GB input.
    const copies = Math.max(1, Math.min(rng.chance(0.2) ? rng.range(100, 3000) : rng.range(1, 5), Math.floor((4 << 20) / Math.max(1, e - s))));
    const piece = Buffer.concat(Array.from({ length: copies }, () => data.subarray(s, e)));
    return insertAt(data, e, piece);
  },
  'shuffle-headers': (data, rng) => {
    const lines = headerLines(data);
    if (lines.length < 2) return data;
    const parts = lines.map(([s, e]) => data.subarray(s, e));
    for (let i = parts.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [parts[i], parts[j]] = [parts[j]!, parts[i]!];
    }
    return Buffer.concat([...parts, data.subarray(lines[lines.length - 1]![1])]);
  },
  'huge-line': (data, rng, opts) => {
    const size = rng.range(Math.min(1 << 20, opts.maxHugeLine), opts.maxHugeLine);
    const units = [
      'a',
      `${'x'.repeat(63)} `,
      '> ',
      'BUG: ',
      '[<ffffffff81000000>] ',
      '=?utf-8?Q?',
      'From: a@b, ',
      '<a@b> ',
      '\t',
      ' ',
      '-',
      '=',
      ', ',
      '\r',
      '0',
      'On x, ',
      '(',
      '\\',
      '.',
      '!',
      '*',
      '#',
      '_',
      'ffff',
    ];
    const unit = Buffer.from(rng.pick(units), 'latin1');
    const line = Buffer.alloc(size);
    for (let i = 0; i < size; i += unit.length) unit.copy(line, i);
    return insertAt(data, randomLineStart(data, rng), line);
  },
  nul: (data, rng) => {
    let out = data;
    for (let n = rng.range(1, 8); n > 0; n--) out = insertAt(out, rng.int(out.length + 1), Buffer.alloc(rng.range(1, 64)));
    return out;
  },
  'invalid-utf8': (data, rng) => {
    let out = data;
    for (let n = rng.range(1, 12); n > 0; n--) out = insertAt(out, rng.int(out.length + 1), Buffer.from(rng.pick(INVALID_UTF8)));
    return out;
  },
  'deep-quote': (data, rng, opts) => {
    const depth = rng.range(100, opts.maxQuoteDepth);
    const marker = rng.pick(['>', '> ', ' >']);
    const lines = rng.range(1, 20);
    const block = Array.from({ length: lines }, (_, k) => `${marker.repeat(Math.max(1, depth - k * rng.int(50)))} quoted ${k}\n`).join('');
    return insertAt(data, randomLineStart(data, rng), block);
  },
  'repeat-chunk': (data, rng) => {
    if (data.length === 0) return data;
    const a = rng.int(data.length);
    const chunk = data.subarray(a, Math.min(data.length, a + rng.range(1, 2048)));
    const times = rng.range(2, Math.max(2, Math.floor((2 << 20) / Math.max(1, chunk.length))));
    return insertAt(data, a, Buffer.concat(Array.from({ length: Math.min(times, 5000) }, () => chunk)));
  },
  splice: (data, rng, _opts, donor) => {
    const a = rng.int(donor.length + 1);
    const piece = donor.subarray(a, Math.min(donor.length, a + rng.range(1, 16384)));
    return insertAt(data, randomLineStart(data, rng), piece);
  },
  'hostile-line': (data, rng) => {
    let out = data;
    for (let n = rng.range(1, 6); n > 0; n--) out = insertAt(out, randomLineStart(out, rng), `${rng.pick(HOSTILE_LINES)}\n`);
    return out;
  },
  'line-ends': (data, rng) => {
    const text = data.toString('latin1');
    const style = rng.pick(['crlf', 'cr', 'mixed', 'lf']);
    if (style === 'crlf') return Buffer.from(text.replace(/\r?\n/g, '\r\n'), 'latin1');
    if (style === 'cr') return Buffer.from(text.replace(/\r?\n/g, '\r'), 'latin1');
    if (style === 'lf') return Buffer.from(text.replace(/\r\n?/g, '\n'), 'latin1');
    return Buffer.from(
      text.replace(/\n/g, () => (rng.chance(0.5) ? '\r\n' : '\n')),
      'latin1',
    );
  },
  'collapse-lines': (data, rng) => {
    const a = rng.int(data.length + 1);
    const b = Math.min(data.length, a + rng.range(100, 1 << 20));
    // A callback per whitespace run, not /\s*\n\s*/g, which is quadratic on a long run of blanks.
    const mid = Buffer.from(
      data
        .subarray(a, b)
        .toString('latin1')
        .replace(/\s+/g, (ws) => (ws.includes('\n') ? ' ' : ws)),
      'latin1',
    );
    return Buffer.concat([data.subarray(0, a), mid, data.subarray(b)]);
  },
  numbers: (data, rng) => {
    const text = data.toString('latin1');
    let k = 0;
    return Buffer.from(
      text.replace(/\d+/g, (d) => (k++ % 7 === rng.int(7) ? rng.pick(['0', '99999999999', '-1', '4294967296', d + d]) : d)),
      'latin1',
    );
  },
};

export const MUTATOR_NAMES = Object.keys(MUTATORS);

/** No mutated input grows past this: the fuzzer tests the readers, not the disk (the worst cases go bigger). */
export const MAX_MUTATED_BYTES = 64 << 20;

/** 1–4 mutations of `data`, named, e.g. `truncate+nul`. */
export function mutate(data: Buffer, donor: Buffer, rng: Prng, opts: MutationOptions): { bytes: Buffer; name: string } {
  const names: string[] = [];
  let out = data;
  for (let n = rng.range(1, 4); n > 0; n--) {
    const name = rng.pick(MUTATOR_NAMES);
    names.push(name);
    out = MUTATORS[name]!(out, rng, opts, donor);
    if (out.length > MAX_MUTATED_BYTES) out = out.subarray(0, MAX_MUTATED_BYTES);
  }
  return { bytes: out, name: names.join('+') };
}
