// The MIME fast path (simple-body.ts) must give exactly what mailparser gives: every source of the corpus,
// the seeds and the ingest fixtures is read both ways and compared whole, and so are generated simple
// messages covering the header syntax, transfer encodings, charsets and bodies the fast path accepts.
// mailparser decodes format=flowed with flowed.ts here too (mailparser-flowed.ts): for flowed mail these
// tests check that both paths decode the same part the same way, not the flowed decoding itself, which
// flowed.test.ts and flowed-quote-depth.test.ts pin.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readSource, SourceError } from '../../src/ingest/index.ts';
import { cutBlankRuns, MAX_BLANK_RUN, type MimeOptions, parseMail } from '../../src/ingest/parse-mail.ts';
import { decodeQuotedPrintable, mimeHeaderLines, simpleMime } from '../../src/ingest/simple-body.ts';
import { CORPUS, FIXTURES, SEEDS, hasShared } from '../helpers/paths.ts';
import { prng } from '../hardening/fuzz-prng.ts';
import { filesUnder } from '../helpers/files.ts';
import { budget } from '../helpers/budget.ts';

async function readBothWays(file: string): Promise<{ fast: unknown; slow: unknown; took: number }> {
  const read = async (mime: MimeOptions) => {
    try {
      return await readSource(file, { mime });
    } catch (err) {
      if (err instanceof SourceError) return { error: err.message };
      throw err;
    }
  };
  let took = 0;
  const fast = await read({ onPath: (p) => (took += p === 'mailparser' ? 0 : 1) });
  const slow = await read({ fastPath: false });
  return { fast, slow, took };
}

describe.skipIf(!hasShared)('fast path and mailparser agree on real mail', () => {
  it('on every file of the corpus and the seeds', async () => {
    let took = 0;
    let files = 0;
    for (const root of [CORPUS, SEEDS]) {
      for (const file of filesUnder(root)) {
        const r = await readBothWays(file);
        expect(r.fast, file).toEqual(r.slow);
        took += r.took;
        files++;
      }
    }
    expect(files).toBeGreaterThan(1000);
    // Most list mail is simple: if this drops, the fast path stopped recognising it.
    expect(took).toBeGreaterThan(600);
  }, 300_000);
});

describe('fast path and mailparser agree', () => {
  it('on the ingest fixtures', async () => {
    const dir = join(FIXTURES, 'ingest');
    for (const name of readdirSync(dir).sort()) {
      for (const file of readdirSync(join(dir, name))) {
        if (!file.startsWith('input')) continue;
        const r = await readBothWays(join(dir, name, file));
        expect(r.fast, `${name}/${file}`).toEqual(r.slow);
      }
    }
  });

  const CHARSETS = [
    'us-ascii',
    '"us-ascii"',
    'US-ASCII',
    'utf-8',
    '"UTF-8"',
    'utf8',
    'iso-8859-1',
    '"iso-8859-15"',
    'windows-1252',
    'koi8-r',
    'gbk',
    'iso-2022-jp',
    'shift_jis',
    'unknown-8bit',
    'x-unknown',
    'utf-16',
    'utf-7',
    'ks_c_5601-1987',
    'x-casebook-auto',
    '""',
  ];
  const ENCODINGS = [
    null,
    '7bit',
    '8bit',
    '8BIT',
    'binary',
    'quoted-printable',
    'Quoted-Printable',
    ' quoted-printable ',
    '8-bit',
    '',
    'base64',
    'x-uuencode (old)',
  ];
  const PIECES = [
    'BUG: KASAN: use-after-free in ext4_find_extent+0x1a/0x2b\n',
    'plain words and more words ',
    'trailing blanks   \t \n',
    'soft break =\n',
    'soft break with blanks =  \n',
    '=3D=20=C3=A9=e9=ZZ==41=\r\n',
    'flowed line \n',
    '-- \n',
    '> quoted \n',
    '>> deeper \n',
    '> \n',
    ' stuffed \n',
    'caf\xc3\xa9 ',
    '\xef\xbf\xbd',
    'line\r\n',
    'lone\rcr ',
    'charset=utf-8 ',
    '\t\t',
    ' '.repeat(1003),
    `${'\t'.repeat(500) + ' '.repeat(600)}x\n`,
    '\n\n',
    '=',
  ];
  /** Bytes that are not UTF-8: where a UTF-8 label made U+FFFD, mailparser's second pass decides. */
  const DIRTY = ['na\xefve ', '\xff\xfe', '\x1b$B$3$s\x1b(B', '\xa4\xa2'];

  function generate(seed: number): Buffer {
    // The fuzzer's seeded generator (mulberry32), so a failure names a seed that reproduces it.
    const r = prng(seed).next;
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
    const eol = r() < 0.2 ? '\r\n' : '\n';
    const head: string[] = ['From: A <a@example.org>', 'Subject: test', 'Date: Mon, 1 Jan 2024 00:00:00 +0000', 'Message-ID: <m@example.org>'];
    if (r() < 0.5) head.push(pick(['MIME-Version: 1.0', 'Mime-Version: 1.0 (Apple)']));
    if (r() < 0.85) {
      const params: string[] = [];
      if (r() < 0.85) params.push(`${pick(['charset', 'CHARSET', 'Charset'])}${pick(['=', ' = '])}${pick(CHARSETS)}`);
      if (r() < 0.25) params.push(`format=${pick(['flowed', 'Flowed', '"flowed"', 'fixed'])}`);
      if (r() < 0.15) params.push(`delsp=${pick(['yes', 'no', '"Yes"'])}`);
      if (r() < 0.05) params.push('name="x.txt"');
      if (r() < 0.05) params.push("charset*=utf-8''x");
      const type = pick(['text/plain', 'text/plain', 'TEXT/PLAIN', 'Text/Plain', 'text/html', 'text/x-patch', 'multipart/mixed; boundary=b']);
      const sep = pick(['; ', ';', ';\n\t', ' ;', `;${eol} `]);
      let value = [type, ...params].join(sep);
      if (r() < 0.05) value += ';';
      if (r() < 0.05) value += ' (comment)';
      head.push(`${pick(['Content-Type', 'content-type', 'Content-type', 'Content-Type '])}:${pick([' ', '', '  ', '\t'])}${value}`);
    }
    const enc = pick(ENCODINGS);
    if (enc !== null) head.push(`Content-Transfer-Encoding: ${enc}`);
    if (r() < 0.25)
      head.push(
        `Content-Disposition: ${pick(['inline', 'INLINE', 'inline; filename="a.patch"', 'attachment', 'attachment; filename="a.txt"', '', 'inline;'])}`,
      );
    if (r() < 0.03) head.push('Content-Type: text/plain; charset=koi8-r');
    if (r() < 0.03) head.push('Content-Type: =?utf-8?q?text/plain?=');
    let body = '';
    const n = Math.floor(r() * 30);
    for (let i = 0; i < n; i++) body += r() < 0.03 ? pick(DIRTY) : pick(PIECES);
    if (r() < 0.1) body = body.replace(/\n$/, '');
    const text = head.join(eol).replace(/\n/g, eol) + eol + eol + body.replace(/(?<!\r)\n/g, eol);
    return Buffer.from(text, 'latin1');
  }

  it('on generated simple and not-so-simple messages', async () => {
    let took = 0;
    for (let seed = 1; seed <= 2000; seed++) {
      const bytes = generate(seed);
      const ctx = { file: `seed-${seed}.eml`, firstLine: 1 };
      const { path, ...fast } = await parseMail(bytes, ctx);
      if (path !== 'mailparser') took++;
      const { path: _, ...slow } = await parseMail(bytes, { ...ctx, mime: { fastPath: false } });
      expect(fast, `seed ${seed}: ${JSON.stringify(bytes.toString('latin1').slice(0, 600))}`).toEqual(slow);
    }
    expect(took).toBeGreaterThan(400);
  }, 120_000);

  it('on charsets encoded for real', async () => {
    const cases: [string, string][] = [
      ['koi8-r', 'Привет, мир\n'],
      ['iso-8859-1', 'Grüße aus Köln\n'],
      ['gbk', '内核错误\n'],
      ['shift_jis', 'こんにちは\n'],
      ['utf-16le', 'wide\n'],
    ];
    for (const [charset, words] of cases) {
      for (const enc of ['8bit', 'quoted-printable']) {
        let body = iconv.encode(words, charset);
        if (enc === 'quoted-printable')
          body = Buffer.from(
            [...body].map((b) => (b >= 0x80 || b === 0x3d ? `=${b.toString(16).toUpperCase().padStart(2, '0')}` : String.fromCharCode(b))).join(''),
            'latin1',
          );
        const bytes = Buffer.concat([
          Buffer.from(`From: a@example.org\nContent-Type: text/plain; charset=${charset}\nContent-Transfer-Encoding: ${enc}\n\n`),
          body,
        ]);
        const { path, ...fast } = await parseMail(bytes, { file: 'x.eml', firstLine: 1 });
        expect(path, `${charset} ${enc} takes the fast path`).toBe('simple');
        const { path: _, ...slow } = await parseMail(bytes, { file: 'x.eml', firstLine: 1, mime: { fastPath: false } });
        expect(fast, `${charset} ${enc}`).toEqual(slow);
      }
    }
  });
});

describe('simple-body pieces', () => {
  const lines = (head: string) => mimeHeaderLines(Buffer.from(`${head}\n\nbody\n`), head.length + 2);

  it('accepts one text/plain part only', () => {
    expect(simpleMime(lines('From: a@b.c'))).toEqual({ quotedPrintable: false, charset: null, flowed: false, delSp: false });
    expect(simpleMime(lines('Content-Type: text/plain; charset="UTF-8"; format=flowed; delsp=yes\nContent-Transfer-Encoding: quoted-printable'))).toEqual({
      quotedPrintable: true,
      charset: 'UTF-8',
      flowed: true,
      delSp: true,
    });
    for (const head of [
      'Content-Type: multipart/mixed; boundary=x',
      'Content-Type: text/html',
      'Content-Type: text/plain\nContent-Transfer-Encoding: base64',
      "Content-Type: text/plain; charset*=utf-8''x",
      'Content-Type: text/plain (comment)',
      'Content-Type: text/plain; charset=utf-8; charset=koi8-r',
      'Content-Type: text/plain\nContent-Type: text/html',
      'Content-Disposition: attachment',
      'Content-Disposition: inline; filename=a.patch',
      'Content-Type: =?utf-8?q?text/plain?=',
    ]) {
      expect(simpleMime(lines(head)), head).toBeNull();
    }
  });

  it('decodes quoted-printable as libqp does, in linear time on blank runs', () => {
    expect(decodeQuotedPrintable(Buffer.from('a=3Db  \nc =\nd=\r\ne= \n==41=ZZ=')).toString('latin1')).toBe('a=b\nc de=A=ZZ');
    const blanks = Buffer.from(`${' '.repeat(1000)}x`.repeat(2000));
    const t = performance.now();
    expect(decodeQuotedPrintable(blanks).length).toBe(blanks.length);
    expect(performance.now() - t).toBeLessThan(budget(2000));
  });
});

describe('cutBlankRuns', () => {
  /** The plain byte loop it replaced. */
  function reference(bytes: Buffer): { bytes: Buffer; runs: number } {
    const parts: Buffer[] = [];
    let runs = 0;
    let kept = 0;
    for (let i = 0; i < bytes.length; ) {
      if (bytes[i] !== 0x20 && bytes[i] !== 0x09) {
        i++;
        continue;
      }
      let end = i;
      while (end < bytes.length && (bytes[end] === 0x20 || bytes[end] === 0x09)) end++;
      if (end - i > MAX_BLANK_RUN) {
        parts.push(bytes.subarray(kept, i + MAX_BLANK_RUN));
        kept = end;
        runs++;
      }
      i = end;
    }
    parts.push(bytes.subarray(kept));
    return { bytes: Buffer.concat(parts), runs };
  }

  it('cuts exactly the runs a byte-by-byte scan cuts', () => {
    let seed = 7;
    const r = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let n = 0; n < 400; n++) {
      const pieces: string[] = [];
      const count = Math.floor(r() * 12);
      for (let k = 0; k < count; k++) {
        const len = [0, 1, 499, 500, 501, 999, 1000, 1001, 1002, 1500, 2001, 3000][Math.floor(r() * 12)];
        pieces.push(r() < 0.5 ? 'x' : '\n', Array.from({ length: len }, () => (r() < 0.7 ? ' ' : '\t')).join(''));
      }
      const bytes = Buffer.from(pieces.join(''), 'latin1');
      const got = cutBlankRuns(bytes);
      const want = reference(bytes);
      expect(got.runs, `case ${n}`).toBe(want.runs);
      expect(got.bytes.equals(want.bytes), `case ${n}`).toBe(true);
    }
  });
});
