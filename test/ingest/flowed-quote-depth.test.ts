// Regression: format=flowed decoding joined a soft-broken line with the next one whatever its quote depth
// (libmime's decodeFlowed, used by the fast paths and inside mailparser). A reply whose quote ended in an
// empty quoted line `> ` (the space is space-stuffing, not a soft break) had the sender's own next paragraph
// glued into the quote, so the reply's text was read as quoted. RFC 3676 §4.5: lines of different quote depth
// are never joined. Every path a message can take — the simple-body and multipart fast paths and mailparser
// (parse-mail.ts gives it flowed.ts) — must give the same, RFC 3676 text.
import { describe, expect, it } from 'vitest';
import { type MimePath, parseMail } from '../../src/ingest/parse-mail.ts';
import { segmentBody } from '../../src/thread/index.ts';

const HEAD = [
  'From: Some Reporter <reporter@example.org>',
  'Subject: Re: [bug] task hung in foo_unmount',
  'Date: Sat, 5 Oct 2024 10:00:00 +0200',
  'Message-ID: <reply@example.org>',
  'MIME-Version: 1.0',
];

/** A reply shaped like the ones that showed the bug: quotes closed by `> `, soft breaks in quotes and text. */
const FLOWED_BODY = [
  'A Maintainer wrote:',
  '> ',
  '> My guess is that it waits for a wakeup rather than a lock, since a ',
  '> lock would show up in the list above.',
  '> ',
  '',
  'I saw this too, with the server running inside a container. It ',
  'stopped answering after an out-of-memory message.',
  '',
  '> A full task list would help.',
  '> ',
  '',
  'I turned on the sysctl for that on my server.',
  '',
  'Thanks',
  '',
].join('\n');

const DECODED = [
  'A Maintainer wrote:',
  '> ',
  '> My guess is that it waits for a wakeup rather than a lock, since a lock would show up in the list above.',
  '> ',
  '',
  'I saw this too, with the server running inside a container. It stopped answering after an out-of-memory message.',
  '',
  '> A full task list would help.',
  '> ',
  '',
  'I turned on the sysctl for that on my server.',
  '',
  'Thanks',
].join('\n');

const ctx = { file: 'reply.eml', firstLine: 1 };

function simple(body: string, eol = '\n'): Buffer {
  const head = [...HEAD, 'Content-Type: text/plain; charset=UTF-8; format=flowed', 'Content-Transfer-Encoding: 7bit'];
  return Buffer.from(`${head.join(eol)}${eol}${eol}${body.replace(/\n/g, eol)}`);
}

/** The same body as a single base64 part: no fast path reads base64 at the top, so mailparser does. */
function base64(body: string): Buffer {
  const head = [...HEAD, 'Content-Type: text/plain; charset=UTF-8; format=flowed', 'Content-Transfer-Encoding: base64'];
  return Buffer.from(
    `${head.join('\n')}\n\n${Buffer.from(body)
      .toString('base64')
      .replace(/.{1,76}/g, '$&\n')}`,
  );
}

/** text/plain with an HTML alternative (what Thunderbird sends): mailparser reads it. */
function alternative(body: string): Buffer {
  return Buffer.from(
    [
      ...HEAD,
      'Content-Type: multipart/alternative; boundary="alt"',
      '',
      '--alt',
      'Content-Type: text/plain; charset=UTF-8; format=flowed',
      '',
      body,
      '--alt',
      'Content-Type: text/html; charset=UTF-8',
      '',
      '<p>html</p>',
      '--alt--',
      '',
    ].join('\n'),
  );
}

/** The flowed text part beside a patch attachment: the multipart fast path reads it. */
function mixed(body: string): Buffer {
  return Buffer.from(
    [
      ...HEAD,
      'Content-Type: multipart/mixed; boundary="mix"',
      '',
      '--mix',
      'Content-Type: text/plain; charset=UTF-8; format=flowed',
      '',
      body,
      '--mix',
      'Content-Type: text/x-patch; charset=UTF-8; name="fix.patch"',
      'Content-Disposition: attachment; filename="fix.patch"',
      '',
      '--- a/x.c',
      '+++ b/x.c',
      '--mix--',
      '',
    ].join('\n'),
  );
}

/** The body as the fast paths (or, with `fast` false, mailparser) read it, and the reader that did. */
async function read(bytes: Buffer, fast: boolean): Promise<{ body: string; path: MimePath }> {
  const r = await parseMail(bytes, { ...ctx, mime: { fastPath: fast } });
  return { body: r.message.body, path: r.path };
}
const bodyOf = async (bytes: Buffer, fast: boolean) => (await read(bytes, fast)).body;

describe('flowed quote depth', () => {
  it('keeps the reply after a quote closed by `> ` out of the quote, on the simple fast path and in mailparser', async () => {
    for (const eol of ['\n', '\r\n']) {
      expect(await read(simple(FLOWED_BODY, eol), true)).toEqual({ body: DECODED, path: 'simple' });
      expect(await bodyOf(simple(FLOWED_BODY, eol), false)).toBe(DECODED);
    }
  });

  it('gives the same text when mailparser reads the message (base64, an HTML alternative)', async () => {
    for (const bytes of [base64(FLOWED_BODY), alternative(FLOWED_BODY)]) {
      expect(await read(bytes, true)).toEqual({ body: DECODED, path: 'mailparser' });
    }
  });

  it('gives the same text on the multipart fast path', async () => {
    expect(await read(mixed(FLOWED_BODY), true)).toEqual({ body: DECODED, path: 'multipart' });
    expect(await bodyOf(mixed(FLOWED_BODY), false)).toBe(DECODED);
  });

  it('leaves the reply in text segments and only the quoted lines in quotes', async () => {
    const segments = segmentBody(await bodyOf(simple(FLOWED_BODY), true));
    const quoted = segments
      .filter((s) => s.kind === 'quote')
      .map((s) => s.text)
      .join('\n');
    const text = segments
      .filter((s) => s.kind === 'text')
      .map((s) => s.text)
      .join('\n');
    expect(quoted).toContain('since a lock would show up');
    expect(quoted).not.toContain('I saw this too');
    expect(quoted).not.toContain('I turned on');
    expect(text).toContain('I saw this too, with the server running inside a container. It stopped answering');
    expect(text).toContain('I turned on the sysctl');
  });
});
