// mbox splitting and >From unescaping, measured against git's own golden data (t/t5100) and against the
// lore threads: a body line starting with `From ` never splits a message.
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectSource } from '../../src/casebook.ts';
import { parseMail } from '../../src/ingest/parse-mail.ts';
import { splitMbox } from '../../src/ingest/split-mbox.ts';
import { CORPUS, hasShared } from '../helpers/paths.ts';

const T5100 = `${CORPUS}git/t/t5100/`;
const LORE = [
  `${CORPUS}linux-mailinglist-archives/linux-ext4.vger.kernel.org.0/threads/`,
  `${CORPUS}linux-mailinglist-archives/kasan-dev.googlegroups.com.0/threads/`,
];

function infoFields(path: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const m = /^(Author|Email|Subject|Date): ?(.*)$/.exec(line);
    if (m) out[m[1]] = m[2].trim();
  }
  return out;
}

describe.skipIf(!hasShared)('git t5100 golden data', () => {
  it('splits sample.mbox into the 18 messages git mailsplit finds', () => {
    const split = splitMbox(readFileSync(`${T5100}sample.mbox`));
    expect(split.messages).toHaveLength(18);
  });

  it('reads each sample.mbox message with the sender, subject and date git mailinfo reports', async () => {
    const split = splitMbox(readFileSync(`${T5100}sample.mbox`));
    let compared = 0;
    for (let i = 0; i < split.messages.length; i++) {
      const info = infoFields(`${T5100}info${String(i + 1).padStart(4, '0')}`);
      const { message } = await parseMail(split.messages[i].bytes, { file: 'sample.mbox', firstLine: split.messages[i].lines[0] });
      const body = message.body.trimStart();
      // git takes in-body From:/Subject:/Date: lines over the mail's headers; those messages say other things.
      if (/^(From|Subject|Date):/m.test(body.split('\n').slice(0, 15).join('\n'))) continue;
      compared++;
      if (info.Email) expect(message.from?.email, `message ${i + 1}`).toBe(info.Email);
      if (info.Date) expect(message.dateRaw?.replace(/\s+/g, ' '), `message ${i + 1}`).toBe(info.Date);
      // git also takes a `[PATCH] …` first body line as the subject.
      if (info.Subject && !body.startsWith('[PATCH'))
        expect(message.subject ?? '', `message ${i + 1}`).toContain(info.Subject.split(' ').slice(0, 3).join(' '));
    }
    expect(compared).toBeGreaterThanOrEqual(10);
  });

  it('unescapes mboxrd exactly as git mailsplit --mboxrd does', async () => {
    const split = splitMbox(readFileSync(`${T5100}sample.mboxrd`));
    expect(split.variant).toBe('mboxrd');
    expect(split.messages).toHaveLength(2);
    for (const [i, name] of ['0001mboxrd', '0002mboxrd'].entries()) {
      const { message } = await parseMail(split.messages[i].bytes, { file: 'sample.mboxrd', firstLine: 1 });
      expect(message.body.trimEnd()).toBe(readFileSync(`${T5100}${name}`, 'utf8').trimEnd());
    }
  });

  it('keeps >From in git format-patch output, which escapes nothing (quoted-from)', async () => {
    const split = splitMbox(readFileSync(`${T5100}quoted-from.in`));
    expect(split.variant).toBe('unescaped');
    const { message } = await parseMail(split.messages[0].bytes, { file: 'quoted-from.in', firstLine: 1 });
    expect(message.body).toContain(readFileSync(`${T5100}quoted-from.expect`, 'utf8').trim().split('\n')[0]);
  });

  it('reads comment and bare-address senders as git does', async () => {
    for (const name of ['comment', 'info-from']) {
      const split = splitMbox(readFileSync(`${T5100}${name}.in`));
      const info = infoFields(`${T5100}${name}.expect`);
      const { message } = await parseMail(split.messages[0].bytes, { file: name, firstLine: 1 });
      expect(message.from?.email).toBe(info.Email);
    }
  });
});

describe('From_ separators', () => {
  it('does not split on a body line starting with From ', () => {
    const mbox = [
      'From a@b Mon Sep 17 00:00:00 2001',
      'From: A <a@example.org>',
      'Subject: one',
      '',
      'From the start this is body text, not a separator.',
      '',
      'From here on too',
      'Subject: still body',
      '',
      'From b@c Tue Sep 18 00:00:00 2001',
      'From: B <b@example.org>',
      'Subject: two',
      '',
      'body two',
      '',
    ].join('\n');
    const split = splitMbox(Buffer.from(mbox));
    expect(split.messages).toHaveLength(2);
    expect(split.messages[0].bytes.toString()).toContain('From here on too');
    expect(split.messages[0].bytes.toString()).toContain('From the start this is body text');
    expect(split.messages[1].lines[0]).toBe(10);
  });

  it('splits CRLF mbox files and undoes mboxo escaping', () => {
    const mbox =
      'From a@b Mon Sep 17 00:00:00 2001\r\nFrom: A <a@example.org>\r\n\r\n>From the past\r\n> From a quote\r\n\r\nFrom b@c Tue Sep 18 00:00:00 2001\r\nFrom: B <b@example.org>\r\n\r\nbody\r\n';
    const split = splitMbox(Buffer.from(mbox));
    expect(split.variant).toBe('mboxo');
    expect(split.messages).toHaveLength(2);
    const text = split.messages[0].bytes.toString();
    expect(text).toContain('\nFrom the past');
    expect(text).toContain('> From a quote');
  });

  it('reads a .mbox.gz as the mbox inside it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casebook-gz-'));
    const file = join(dir, 'thread.mbox.gz');
    writeFileSync(
      file,
      gzipSync(Buffer.from('From a@b Mon Sep 17 00:00:00 2001\nFrom: A <a@example.org>\nDate: Mon, 17 Sep 2001 00:00:00 +0000\nSubject: gz\n\nhello\n')),
    );
    const t = await inspectSource(file);
    expect(t.source.format).toBe('mbox');
    expect(t.messages).toHaveLength(1);
    expect(t.messages[0].date).toBe('2001-09-17T00:00:00+00:00');
  });
});

describe.skipIf(!hasShared)('lore threads', () => {
  const files = LORE.flatMap((d) =>
    readdirSync(d)
      .filter((f) => f.endsWith('.mbox'))
      .map((f) => d + f),
  );
  it('finds the corpus threads', () => expect(files.length).toBeGreaterThanOrEqual(20));
  for (const file of files) {
    it(`yields one message per From_ line: ${file.split('/').pop()}`, async () => {
      const fromLines = readFileSync(file, 'latin1')
        .split('\n')
        .filter((l) => l.startsWith('From ')).length;
      const t = await inspectSource(file);
      expect(t.messages.filter((m) => !m.ghost)).toHaveLength(fromLines);
      expect(t.messages).toHaveLength(fromLines);
      // Every message whose Date: header is valid has a date.
      for (const m of t.messages) if (m.dateRaw) expect(m.date, m.dateRaw).not.toBeNull();
    });
  }
});
