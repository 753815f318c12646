// MIME through mailparser with our own header decoding: charsets (and lies about them), encodings,
// multipart choices, text attachments, raw 8-bit headers, and the corpus' real edge cases.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseMail } from '../../src/ingest/parse-mail.ts';
import { CORPUS, hasShared } from '../helpers/paths.ts';

const ctx = { file: 'test.eml', firstLine: 1 };
const EDGE = `${CORPUS}linux-mailinglist-archives/edge-cases/`;
const edge = async (prefix: string) => {
  const { readdirSync } = await import('node:fs');
  const name = readdirSync(EDGE).find((f) => f.startsWith(prefix))!;
  return parseMail(readFileSync(EDGE + name), { file: name, firstLine: 1 });
};
const noReplacement = (s: string) => expect(s.includes('\ufffd'), 'contains U+FFFD').toBe(false);

describe('headers', () => {
  it('decodes raw 8-bit headers in the body charset instead of turning them into U+FFFD', async () => {
    const head = iconv.encode(
      'From: Jürgen Groß <jg@example.org>\nSubject: Überlauf in für_each\nDate: Mon, 21 Apr 2008 06:00:00 +0200\nContent-Type: text/plain; charset=iso-8859-1\n\nGrüße\n',
      'latin1',
    );
    const { message } = await parseMail(head, ctx);
    expect(message.from).toEqual({ name: 'Jürgen Groß', email: 'jg@example.org' });
    expect(message.subject).toBe('Überlauf in für_each');
    expect(message.body.trim()).toBe('Grüße');
  });

  it('decodes raw koi8-r headers with a koi8-r body', async () => {
    const raw = iconv.encode('From: Роман Смирнов <r@example.ru>\nSubject: Ошибка\nContent-Type: text/plain; charset=koi8-r\n\nПривет\n', 'koi8-r');
    const { message } = await parseMail(raw, ctx);
    expect(message.from?.name).toBe('Роман Смирнов');
    expect(message.subject).toBe('Ошибка');
    expect(message.body.trim()).toBe('Привет');
  });

  it('falls back to windows-1252 for 8-bit headers when the body says us-ascii', async () => {
    const raw = iconv.encode('From: Zoë <z@example.org>\nSubject: naïve\nContent-Type: text/plain; charset=us-ascii\n\nplain\n', 'latin1');
    const { message } = await parseMail(raw, ctx);
    expect(message.from?.name).toBe('Zoë');
    expect(message.subject).toBe('naïve');
  });

  it('decodes RFC 2047 words (iso-2022-jp) and keeps a bad Date raw', async () => {
    const raw = Buffer.from('From: =?iso-2022-jp?B?GyRCJDMkcyRLJEEkTxsoQg==?= <jp@example.jp>\nDate: yesterday-ish\nSubject: =?utf-8?q?caf=C3=A9?=\n\nx\n');
    const { message, warnings } = await parseMail(raw, ctx);
    expect(message.from?.name).toBe('こんにちは');
    expect(message.subject).toBe('café');
    expect(message.dateRaw).toBe('yesterday-ish');
    expect(warnings).toEqual([]);
  });

  it('reads Message-ID, In-Reply-To and References without brackets, and warns on a missing Date', async () => {
    const raw = Buffer.from(
      "From: A <a@example.org>\nMessage-ID: <m1@example.org>\nIn-Reply-To: <m0@example.org> (A's message)\nReferences: <r0@example.org>\n <m0@example.org>\n\nx\n",
    );
    const { message, warnings } = await parseMail(raw, ctx);
    expect(message).toMatchObject({
      messageId: 'm1@example.org',
      inReplyTo: 'm0@example.org',
      references: ['r0@example.org', 'm0@example.org'],
      dateRaw: null,
    });
    expect(warnings.map((w) => w.code)).toEqual(['date-missing']);
  });
});

describe('bodies', () => {
  it('falls back when the body charset label is bogus or a lie', async () => {
    const bogus = Buffer.concat([
      Buffer.from('From: a@example.org\nContent-Type: text/plain; charset=x-no-such-charset\nContent-Transfer-Encoding: 8bit\n\n'),
      iconv.encode('façade déjà\n', 'latin1'),
    ]);
    noReplacement((await parseMail(bogus, ctx)).message.body);
    expect((await parseMail(bogus, ctx)).message.body.trim()).toBe('façade déjà');
    const lie = Buffer.concat([Buffer.from('From: a@example.org\nContent-Type: text/plain; charset=us-ascii\n\n'), iconv.encode('résumé\n', 'latin1')]);
    expect((await parseMail(lie, ctx)).message.body.trim()).toBe('résumé');
  });

  it('prefers text/plain in multipart/alternative and turns HTML-only mail into text', async () => {
    const alt = Buffer.from(
      'From: a@example.org\nContent-Type: multipart/alternative; boundary=XX\n\n--XX\nContent-Type: text/plain\n\nplain words\n--XX\nContent-Type: text/html\n\n<p>html <b>words</b></p>\n--XX--\n',
    );
    expect((await parseMail(alt, ctx)).message.body.trim()).toBe('plain words');
    const html = Buffer.from('From: a@example.org\nContent-Type: text/html\n\n<p>BUG: unable to handle <b>page fault</b></p><script>alert(1)</script>\n');
    const r = await parseMail(html, ctx);
    expect(r.message.body).toContain('BUG: unable to handle page fault');
    expect(r.message.body).not.toContain('<b>');
    expect(r.warnings.map((w) => w.code)).toContain('html-only');
  });

  it('keeps text attachments, inflates gzip ones and skips binary ones', async () => {
    const log = Buffer.from('[  1.0] BUG: kernel NULL pointer dereference\n').toString('base64');
    const gz = gzipSync(Buffer.from('Call Trace:\n foo+0x1/0x2\n')).toString('base64');
    const bin = Buffer.from([0, 1, 2, 3, 0, 0, 255, 254, 0, 7]).toString('base64');
    const raw = Buffer.from(
      [
        'From: a@example.org',
        'Content-Type: multipart/mixed; boundary=B',
        '',
        '--B',
        'Content-Type: text/plain',
        '',
        'see attached',
        '--B',
        'Content-Type: text/x-log; name=dmesg.log',
        'Content-Disposition: attachment; filename=dmesg.log',
        'Content-Transfer-Encoding: base64',
        '',
        log,
        '--B',
        'Content-Type: application/gzip; name=trace.txt.gz',
        'Content-Disposition: attachment; filename=trace.txt.gz',
        'Content-Transfer-Encoding: base64',
        '',
        gz,
        '--B',
        'Content-Type: application/octet-stream; name=core.bin',
        'Content-Disposition: attachment; filename=core.bin',
        'Content-Transfer-Encoding: base64',
        '',
        bin,
        '--B--',
        '',
      ].join('\n'),
    );
    const { message } = await parseMail(raw, ctx);
    expect(message.body.trim()).toBe('see attached');
    expect(message.attachments.map((a) => a.filename)).toEqual(['dmesg.log', 'trace.txt.gz']);
    expect(message.attachments[1].text).toContain('foo+0x1/0x2');
  });
});

describe.skipIf(!hasShared)('corpus edge cases', () => {
  it('koi8-r, gbk and iso-2022-jp bodies and senders decode without U+FFFD', async () => {
    for (const p of ['koi8-r', 'gbk-with-trace', 'iso-2022-jp--', 'iso-2022-jp-from-header', 'spam-windows-1251', 'iso-8859-1-qp']) {
      const { message } = await edge(p);
      noReplacement(message.body);
      noReplacement(message.from?.name ?? '');
      noReplacement(message.subject ?? '');
    }
    expect((await edge('iso-2022-jp-from-header')).message.from?.name).toBe('Jerry Lee 李修賢');
    expect((await edge('gbk-with-trace')).message.body).toContain('写道');
  });

  it('keeps traces and patches that live in attachments', async () => {
    const gz = await edge('gzip-attachment-with-trace');
    expect(gz.message.attachments.map((a) => a.filename)).toContain('btrfs_oops3_decoded.gz');
    expect(gz.message.attachments.find((a) => a.filename === 'btrfs_oops3_decoded.gz')?.text).toMatch(/Call Trace|RIP:/);
    const log = await edge('text-x-log-attachment');
    expect(log.message.attachments.some((a) => /NULL pointer dereference|BUG:/.test(a.text))).toBe(true);
    const patch = await edge('text-x-patch-attachment');
    expect(patch.message.attachments[0].text).toMatch(/^diff --git|\n---\s/m);
  });

  it('reads HTML-alternative, PGP-signed, base64 and bogus-8-bit mails as text', async () => {
    for (const p of ['html-alternative-kasan', 'html-alternative-syzbot', 'pgp-signed', 'base64-body-trace', 'bogus-cte-8-bit', 'qp-trace-and-diff']) {
      const { message } = await edge(p);
      expect(message.body.length, p).toBeGreaterThan(200);
      expect(message.body, p).not.toMatch(/<html|<div|-----BEGIN PGP SIGNATURE/i);
      noReplacement(message.body);
    }
  });
});
