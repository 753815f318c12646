// The multipart fast path (simple-multipart.ts) must give exactly what mailparser gives: every source of
// the corpus, the seeds and the ingest fixtures is read both ways and compared whole, and so are generated
// multipart messages (text parts in several charsets and transfer encodings, named and unnamed attachments,
// nested multiparts, odd boundaries, parts cut short) and a few hand-written ones whose result is spelled out.
// mailparser decodes format=flowed with flowed.ts here too (mailparser-flowed.ts), so for flowed parts the
// comparison checks the part splitting and decoding steps, not the flowed decoding itself (flowed.test.ts).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readSource, SourceError } from '../../src/ingest/index.ts';
import { type MimeOptions, type MimePath, parseMail } from '../../src/ingest/parse-mail.ts';
import { decodeBase64Body } from '../../src/ingest/base64-body.ts';
import { readSimpleMultipart } from '../../src/ingest/simple-multipart.ts';
import { CORPUS, FIXTURES, SEEDS, hasShared } from '../helpers/paths.ts';
import { prng } from '../hardening/fuzz-prng.ts';
import { filesUnder } from '../helpers/files.ts';

async function readBothWays(file: string): Promise<{ fast: unknown; slow: unknown; took: number }> {
  const read = async (mime: MimeOptions) => {
    try {
      return await readSource(file, { mime });
    } catch (err) {
      if (err instanceof SourceError) return { error: err.message };
      throw err;
    }
  };
  const paths: MimePath[] = [];
  const fast = await read({ onPath: (p) => paths.push(p) });
  const slow = await read({ fastPath: false });
  return { fast, slow, took: paths.filter((p) => p === 'multipart').length };
}

/** parseMail with the fast paths and without; `took` says whether the multipart one read it. */
async function parseBothWays(bytes: Buffer): Promise<{ fast: unknown; slow: unknown; took: boolean }> {
  const ctx = { file: 'x.eml', firstLine: 1 };
  const { path, ...fast } = await parseMail(bytes, ctx);
  const { path: _, ...slow } = await parseMail(bytes, { ...ctx, mime: { fastPath: false } });
  return { fast, slow, took: path === 'multipart' };
}

describe.skipIf(!hasShared)('multipart fast path and mailparser agree on real mail', () => {
  it('on every file of the corpus and the seeds', async () => {
    let took = 0;
    for (const root of [CORPUS, SEEDS]) {
      for (const file of filesUnder(root)) {
        const r = await readBothWays(file);
        expect(r.fast, file).toEqual(r.slow);
        took += r.took;
      }
    }
    // Patches and configs attached, signed mail: if this drops, the fast path stopped recognising them.
    expect(took).toBeGreaterThan(60);
  }, 300_000);
});

describe('multipart fast path and mailparser agree', () => {
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

  const WORDS = [
    'BUG: KASAN: use-after-free in ext4_find_extent+0x1a/0x2b\n',
    'Signed-off-by: A <a@example.org>\n',
    '--- a/fs/ext4/inode.c\n+++ b/fs/ext4/inode.c\n@@ -1,2 +1,2 @@\n-old\n+new\n',
    'plain words ',
    'trailing blanks  \t\n',
    '-- \n',
    '--\n',
    '---\n',
    '> quoted \n',
    '>> deeper \n',
    '> \n',
    '\n',
    '\n\n',
    'caf\xc3\xa9 ',
    '=3D=20 ',
    'soft =\n',
    'line\r\n',
    '\r',
    'na\xefve ',
    '\xff\xfe',
    'AAAA',
    '====',
    'QUJD\n',
  ];
  const TYPES = [
    'text/plain',
    'text/plain; charset=us-ascii',
    'text/plain; charset="UTF-8"',
    'TEXT/PLAIN; CHARSET=iso-8859-1',
    'text/plain; charset=koi8-r; format=flowed',
    'text/plain; format=flowed; delsp=yes',
    'text/plain; charset=utf-8; name="a.txt"',
    'text/x-patch; charset=us-ascii',
    'text/x-diff',
    'text/x-log; name=dmesg.log',
    'application/octet-stream',
    'application/octet-stream; name="0001-fix.patch"',
    'application/x-gzip; name="dmesg.gz"',
    'application/pgp-signature; name="signature.asc"',
    'application/pkcs7-signature; name="smime.p7s"',
    'application/x-sh',
    'image/png',
    'text/html; charset=utf-8',
    'message/rfc822',
    'text/plain; name==?utf-8?q?caf=C3=A9.txt?=',
    "text/plain; charset*=utf-8''x",
    'text/plain (comment)',
    '',
    null,
  ];
  const DISPOSITIONS = [
    null,
    null,
    'inline',
    'attachment',
    'attachment; filename="0001-ext4-fix.patch"',
    'inline; filename=config',
    'attachment;\n\tfilename="config-6.1.0"',
    'ATTACHMENT',
    'form-data',
    'attachment; filename="x y.txt"',
  ];
  const ENCODINGS = [null, null, '7bit', '8bit', 'quoted-printable', 'base64', 'Base64', 'binary', 'x-uue'];
  const BOUNDARIES = ['b1', '=-nhZapBP0dFGjcwjAtr27', 'Apple-Mail=_73E2C4F6-8DAC', '----=_Part_1', 'y39PJWlKXoxsGQ8h'];

  function encode(body: Buffer, enc: string | null): Buffer {
    if (enc && enc.toLowerCase() === 'base64') {
      const b64 = body.toString('base64').replace(/.{1,76}/g, '$&\n');
      return Buffer.from(b64, 'latin1');
    }
    if (enc === 'quoted-printable') {
      return Buffer.from(
        [...body].map((b) => (b >= 0x80 || b === 0x3d ? `=${b.toString(16).toUpperCase().padStart(2, '0')}` : String.fromCharCode(b))).join(''),
        'latin1',
      );
    }
    return body;
  }

  function generate(seed: number): Buffer {
    // The fuzzer's seeded generator (mulberry32), so a failure names a seed that reproduces it.
    const r = prng(seed).next;
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
    const eol = r() < 0.15 ? '\r\n' : '\n';
    const text = () => {
      let s = '';
      const n = Math.floor(r() * 12);
      for (let i = 0; i < n; i++) s += pick(WORDS);
      return s;
    };
    const part = (depth: number): string => {
      if (depth < 2 && r() < 0.15) return multipart(depth + 1);
      const head: string[] = [];
      const type = pick(TYPES);
      if (type !== null) head.push(`Content-Type: ${type}`);
      const disp = pick(DISPOSITIONS);
      if (disp !== null) head.push(`Content-Disposition: ${disp}`);
      const enc = pick(ENCODINGS);
      if (enc !== null) head.push(`Content-Transfer-Encoding: ${enc}`);
      if (r() < 0.1) head.push('Content-Description: a part');
      if (r() < 0.05) head.push('Content-Type: text/plain');
      let raw: Buffer;
      if (type?.startsWith('application/x-gzip')) raw = gzipSync(Buffer.from(text() || 'log\n'));
      else if (type?.includes('koi8-r')) raw = iconv.encode('Привет\n', 'koi8-r');
      else raw = Buffer.from(text(), 'latin1');
      // Now and then a body that is not what its encoding says (stray characters, padding inside base64).
      let body = (r() < 0.15 ? raw : encode(raw, enc)).toString('latin1');
      if (r() < 0.1) body = body.replace(/\n$/, '');
      if (r() < 0.05) body = '';
      if (r() < 0.03) body = '\n';
      return `${head.join('\n')}\n${r() < 0.03 ? '' : '\n'}${body}`;
    };
    const multipart = (depth: number): string => {
      const b = `${pick(BOUNDARIES)}${depth}`;
      const sub = pick(['mixed', 'signed', 'alternative', 'MIXED']);
      const head = `Content-Type: multipart/${sub}; ${r() < 0.5 ? `boundary="${b}"` : `boundary=${b.replace(/[=/]/g, 'x')}`}${r() < 0.3 ? ';\n\tprotocol="application/pgp-signature"' : ''}`;
      const bnd = head.includes(`"${b}"`) ? b : b.replace(/[=/]/g, 'x');
      let s = `${head}\n\n`;
      if (r() < 0.3) s += 'This is a multi-part message in MIME format.\n';
      const n = Math.floor(r() * 4);
      for (let i = 0; i < n; i++) s += `--${bnd}${r() < 0.03 ? '  ' : ''}\n${part(depth)}\n`;
      const close = r();
      if (close < 0.85) s += `--${bnd}--\n`;
      else if (close < 0.9) s += `--${bnd}--`;
      if (r() < 0.2) s += 'epilogue\n';
      if (r() < 0.05) s += `--${bnd}\n`;
      return s;
    };
    const top = ['From: A <a@example.org>', 'Subject: test', 'Date: Mon, 1 Jan 2024 00:00:00 +0000', 'Message-ID: <m@example.org>', 'MIME-Version: 1.0'];
    const msg = `${top.join('\n')}\n${multipart(0)}`;
    return Buffer.from(msg.replace(/\r?\n/g, eol), 'latin1');
  }

  it('on generated multipart messages', async () => {
    let took = 0;
    // MULTIPART_SEEDS=30000 for a longer search.
    const seeds = Number(process.env.MULTIPART_SEEDS ?? 3000);
    for (let seed = 1; seed <= seeds; seed++) {
      const bytes = generate(seed);
      const r = await parseBothWays(bytes);
      expect(r.fast, `seed ${seed}: ${JSON.stringify(bytes.toString('latin1').slice(0, 1500))}`).toEqual(r.slow);
      if (r.took) took++;
    }
    expect(took).toBeGreaterThan(600);
  }, 120_000);
});

describe('multipart fast path on hand-written mail', () => {
  const mail = (s: string) => Buffer.from(s.replace(/^\n/, ''), 'latin1');

  it('reads text parts and attachments, named and unnamed, in every transfer encoding', async () => {
    const bytes = mail(`
From: A <a@example.org>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="zz"

preamble
--zz
Content-Type: text/plain; charset=iso-8859-1
Content-Transfer-Encoding: quoted-printable

Gr=FC=DFe, soft=
 break
--zz
Content-Type: text/x-patch; charset=us-ascii
Content-Disposition: attachment; filename="0001-fix.patch"

--- a/x.c
+++ b/x.c

--zz
Content-Type: application/octet-stream
Content-Disposition: attachment; filename="dmesg.txt"
Content-Transfer-Encoding: base64

${Buffer.from('BUG: oops\n').toString('base64')}
--zz
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: base64

${Buffer.from('second part\n').toString('base64')}
--zz
Content-Type: application/pgp-signature

-----BEGIN PGP SIGNATURE-----
--zz--
epilogue
`);
    const r = await parseBothWays(bytes);
    expect(r.took).toBe(true);
    expect(r.fast).toEqual(r.slow);
    const { message } = r.fast as Awaited<ReturnType<typeof parseMail>>;
    expect(message.body).toBe('Grüße, soft break\nsecond part\n');
    expect(message.attachments).toEqual([
      { filename: '0001-fix.patch', contentType: 'text/x-patch', text: '--- a/x.c\n+++ b/x.c\n' },
      { filename: 'dmesg.txt', contentType: 'text/plain', text: 'BUG: oops\n' },
      // The signature is read but not kept: not a text type.
    ]);
  });

  it('reads nested multiparts (signed around mixed) and CRLF line ends', async () => {
    const bytes = mail(
      `
From: A <a@example.org>
Content-Type: multipart/signed; micalg=pgp-sha256;
\tprotocol="application/pgp-signature"; boundary="outer"

--outer
Content-Type: multipart/mixed; boundary="inner"

--inner
Content-Type: text/plain; format=flowed

flowed and 
joined
--inner
Content-Type: text/plain; charset=us-ascii
Content-Disposition: inline; filename="repro.c"

int main(void) { return 0; }
--inner--

--outer
Content-Type: application/pgp-signature; name="signature.asc"

sig
--outer--
`.replace(/\n/g, '\r\n'),
    );
    const r = await parseBothWays(bytes);
    expect(r.took).toBe(true);
    expect(r.fast).toEqual(r.slow);
    const { message } = r.fast as Awaited<ReturnType<typeof parseMail>>;
    // An inline text/plain part is text even with a filename: mailparser joins it to the body.
    expect(message.body).toBe('flowed and joined\nint main(void) { return 0; }');
  });

  it('leaves to mailparser what it is not sure about', () => {
    const wrap = (part: string, tail = '--b--\n') => mail(`Content-Type: multipart/mixed; boundary=b\n\n--b\n${part}\n${tail}`);
    const cases: [string, Buffer][] = [
      ['an HTML part', wrap('Content-Type: text/html\n\n<p>x</p>')],
      ['a message/rfc822 part', wrap('Content-Type: message/rfc822\n\nFrom: b@c\n\nx')],
      ['an encoded-word filename', wrap('Content-Type: text/plain; name="=?utf-8?q?a=C3=A9?="\nContent-Disposition: attachment\n\nx')],
      ['an RFC 2231 parameter', wrap("Content-Disposition: attachment; filename*=utf-8''a.txt\n\nx")],
      ['8-bit bytes in a part header', wrap('Content-Type: text/plain; name="caf\xe9.txt"\nContent-Disposition: attachment\n\nx')],
      ['a repeated Content-Type', wrap('Content-Type: text/plain\nContent-Type: text/x-patch\n\nx')],
      ['a part with a header only', wrap('Content-Type: text/plain', '--b--\n')],
      ['a part cut off by the end', wrap('Content-Type: text/plain\n\nx', '')],
      ['a body that is one line end', wrap('Content-Type: text/plain\n\n', '--b\n\nx\n--b--\n')],
      ['a multipart without a boundary', mail('Content-Type: multipart/mixed\n\nx\n')],
      ['one text part', mail('Content-Type: text/plain\n\nx\n')],
    ];
    for (const [what, bytes] of cases) expect(readSimpleMultipart(bytes), what).toBeNull();
  });

  it('decodes base64 as libbase64 does, padding inside the text included', () => {
    const cases: [string, string][] = [
      ['QUJD\n', 'ABC'],
      ['QQ==\nQkM=\n', 'ABC'],
      ['QUJ\nD', 'ABC'],
      ['Q', ''],
      ['QU', 'A'],
      ['QUJDRA', 'ABCD'],
      ['QU!!JD', 'ABC'],
      ['', ''],
    ];
    for (const [input, want] of cases) expect(decodeBase64Body(Buffer.from(input, 'latin1')).toString('latin1'), JSON.stringify(input)).toBe(want);
  });
});
