// The streaming mbox reader against the whole-buffer split it replaced: the same messages, From_ lines, line
// numbers, preamble and malformed-line counts for every file of ../shared (as mbox or not), fed in chunks of
// every size down to one byte, so chunk boundaries fall inside From_ lines, CRLFs and `>From` escapes. Then
// readSource against the old whole-buffer reading, and the limits on message size and message count.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants as zlibConstants, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { bufferBytes, WHOLE_FILE_BYTES } from '../../src/ingest/byte-stream.ts';
import { MAX_MESSAGE_BYTES, MAX_MESSAGES_PER_THREAD, MAX_SOURCE_BYTES, readSource } from '../../src/ingest/index.ts';
import { MboxScanner } from '../../src/ingest/mbox-scanner.ts';
import { parseMail } from '../../src/ingest/parse-mail.ts';
import { readMbox } from '../../src/ingest/read-mbox.ts';
import { probeSource } from '../../src/ingest/read-source.ts';
import { splitMbox, variantOf } from '../../src/ingest/split-mbox.ts';
import type { Warning } from '../../src/ingest/types.ts';
import { CORPUS, hasShared, SEEDS } from '../helpers/paths.ts';
import { filesUnder } from '../helpers/files.ts';

const work = mkdtempSync(join(tmpdir(), 'casebook-mbox-stream-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Both passes of the streaming reader over `data` fed `size` bytes at a time, in splitMbox's shape. */
function streamed(data: Buffer, size: number, maxMessageBytes = 1 << 30) {
  const feed = (s: MboxScanner) => {
    for (let i = 0; i < data.length; i += size) s.push(data.subarray(i, i + size));
    s.end();
  };
  const first = new MboxScanner({ variant: null, maxMessageBytes });
  feed(first);
  const variant = variantOf(first.evidence);
  const messages: { bytes: string; fromLine: string; lines: [number, number]; cutFrom: number | null }[] = [];
  const second = new MboxScanner({ variant, maxMessageBytes, onMessage: (m) => messages.push({ ...m, bytes: m.bytes.toString('latin1') }) });
  feed(second);
  return { variant, messages, preambleLines: first.preambleLines, malformedFromLines: first.malformedFromLines };
}

function whole(data: Buffer) {
  const s = splitMbox(data);
  return { ...s, messages: s.messages.map((m) => ({ bytes: m.bytes.toString('latin1'), fromLine: m.fromLine, lines: m.lines, cutFrom: null })) };
}

function expectSame(data: Buffer, sizes: number[], label: string): void {
  const expected = whole(data);
  for (const size of sizes) expect(streamed(data, size), `${label}, chunks of ${size}`).toEqual(expected);
}

describe('the streaming mbox scanner finds what splitMbox finds', () => {
  const edge: Record<string, string> = {
    'CRLF, mboxo escapes':
      'From a@b Mon Jan  1 00:00:00 2001\r\nSubject: one\r\n\r\nbody\r\n>From here\r\n>>From there\r\n\r\nFrom c@d Mon Jan  1 00:00:01 2001\r\nSubject: two\r\n\r\nx\r\n',
    'a bare CR before >>From makes it mboxrd': 'From a@b Mon Jan  1 00:00:00 2001\nSubject: x\n\nfoo\r>>From bar\n>From baz\n',
    'no newline at the end': 'From a@b Mon Jan  1 00:00:00 2001\nSubject: x\n\nlast line',
    'damaged first From_ line, preamble, blank runs': '\n  \njunk\n\nFrom lib\nSubject: x\n\n\n\nFrom a@b Mon Jan  1 00:00:00 2001\nSubject: y\n\n\n',
    'From_ without a blank line before it':
      'From a@b Mon Jan  1 00:00:00 2001\nSubject: x\n\nFrom me, a body line\nFrom c@d Mon Jan  1 00:00:01 2001\nSubject: y\n\nz\n',
    'empty messages and a From_ line at the end':
      'From a@b Mon Jan  1 00:00:00 2001\n\nFrom a@b Mon Jan  1 00:00:00 2001\nSubject: y\n\nb\n\nFrom a@b Mon Jan  1 00:00:00 2001',
    'git format-patch: unescaped':
      'From 1234 Mon Sep 17 00:00:00 2001\nSubject: [PATCH] x\n\n>From kept\n\nFrom 5678 Mon Sep 17 00:00:00 2001\nSubject: [PATCH] y\n\n>From kept\n',
    'lore mboxrd':
      'From mboxrd@z Thu Jan  1 00:00:00 1970\nSubject: x\n\n>From one\n>>From two\n\nFrom mboxrd@z Thu Jan  1 00:00:00 1970\nSubject: y\n\n\xa0\n',
    'nothing but text': 'no From_ line here\nat all\n',
    empty: '',
  };
  for (const [name, text] of Object.entries(edge)) {
    it(name, () => expectSame(Buffer.from(text, 'latin1'), [1, 2, 3, 4, 5, 6, 7, 8, 13, 1 << 16], name));
  }

  it.skipIf(!hasShared)(
    'on every file of the corpus and the seeds, in chunks of 64 KiB, 4 KiB, 13 and 3 bytes (and 1 byte for the mboxes)',
    () => {
      let files = 0;
      let mboxes = 0;
      for (const root of [CORPUS, SEEDS]) {
        for (const file of filesUnder(root)) {
          const data = readFileSync(file);
          const isMbox = whole(data).messages.length > 0;
          expectSame(data, isMbox ? [1 << 16, 4096, 13, 3, 1] : [1 << 16, 13], file);
          files++;
          if (isMbox) mboxes++;
        }
      }
      expect(files).toBeGreaterThan(1000);
      expect(mboxes).toBeGreaterThan(100);
    },
    300_000,
  );
});

/** What read-source.ts did before streaming: the whole file in memory, split, each message parsed. */
async function wholeBufferRead(data: Buffer, file: string) {
  const split = splitMbox(data);
  const warnings: Warning[] = [];
  if (split.preambleLines > 0)
    warnings.push({
      code: 'mbox-preamble',
      message: `${split.preambleLines} non-blank line(s) before the first From_ line were ignored`,
      line: 1,
      messageIndex: null,
      file,
    });
  for (const line of split.malformedFromLines)
    warnings.push({
      code: 'from-line-malformed',
      message: 'the From_ separator line has no sender and date; read as a message start anyway',
      line,
      messageIndex: null,
      file,
    });
  const messages = [];
  for (const m of split.messages) {
    if (m.bytes.toString('latin1').trim() === '') {
      warnings.push({ code: 'empty-message', message: 'a From_ line with no message after it: skipped', line: m.lines[0], messageIndex: null, file });
      continue;
    }
    const r = await parseMail(m.bytes, { file, firstLine: m.lines[0] + 1 });
    r.message.lines = [m.lines[0], m.lines[1]];
    messages.push(r.message);
    warnings.push(...r.warnings);
  }
  return { messages, warnings };
}

describe.skipIf(!hasShared)('readSource streams an mbox with the same result as the whole-buffer reading', () => {
  const lore = [...filesUnder(`${CORPUS}linux-mailinglist-archives/`)].filter((f) => f.endsWith('.mbox'));
  const t5100 = `${CORPUS}git/t/t5100/sample.mbox`;

  it('on the lore threads and git t5100 sample.mbox, plain, CRLF and gzip-compressed', async () => {
    expect(lore.length).toBeGreaterThan(15);
    for (const file of [...lore, t5100]) {
      const data = readFileSync(file);
      const expected = await wholeBufferRead(data, file);
      const r = await readSource(file);
      expect({ messages: r.messages, warnings: r.warnings }, file).toEqual(expected);
      const gz = join(work, 'thread.mbox.gz');
      writeFileSync(gz, gzipSync(data));
      const z = await readSource(gz);
      expect(
        z.messages.map((m) => ({ ...m, file: undefined })),
        `${file}.gz`,
      ).toEqual(expected.messages.map((m) => ({ ...m, file: undefined })));
      expect(z.sha256).toBe((await import('node:crypto')).createHash('sha256').update(readFileSync(gz)).digest('hex'));
    }
    const crlf = Buffer.from(readFileSync(lore[0], 'latin1').replace(/\n/g, '\r\n'), 'latin1');
    const path = join(work, 'crlf.mbox');
    writeFileSync(path, crlf);
    const r = await readSource(path);
    expect({ messages: r.messages, warnings: r.warnings }).toEqual(await wholeBufferRead(crlf, path));
  }, 120_000);

  it(`streams a file past WHOLE_FILE_BYTES (${WHOLE_FILE_BYTES / 2 ** 20} MiB) in chunks, with chunk ends inside messages, to the same result`, async () => {
    // Smaller files are read whole (the tests above); this one goes through the 1 MiB chunks.
    const one = Buffer.concat(lore.map((f) => readFileSync(f)));
    const data = Buffer.concat(Array.from({ length: Math.ceil((WHOLE_FILE_BYTES + 1) / one.length) }, () => one));
    expect(data.length).toBeGreaterThan(WHOLE_FILE_BYTES);
    const path = join(work, 'big.mbox');
    writeFileSync(path, data);
    const expected = await wholeBufferRead(data, path);
    const r = await readSource(path);
    expect(r.messages.length).toBe(expected.messages.length);
    expect({ messages: r.messages, warnings: r.warnings }).toEqual(expected);
  }, 120_000);

  it('reads a truncated gzip up to its cut, with a warning, like gunzip with Z_SYNC_FLUSH', async () => {
    const gz = gzipSync(readFileSync(lore[1]));
    const cut = gz.subarray(0, gz.length >> 1);
    const path = join(work, 'cut.mbox.gz');
    writeFileSync(path, cut);
    const partial = gunzipSync(cut, { finishFlush: zlibConstants.Z_SYNC_FLUSH });
    const expected = await wholeBufferRead(partial, path);
    const r = await readSource(path);
    expect(r.warnings[0].code).toBe('gzip-truncated');
    expect(r.messages).toEqual(expected.messages);
    expect(r.warnings.slice(1)).toEqual(expected.warnings);
  });
});

describe('limits', () => {
  it('keep a 200 MB (even a 1 GB) mbox readable and the 100,000-message worst case whole', () => {
    expect(MAX_SOURCE_BYTES).toBeGreaterThanOrEqual(1e9);
    expect(MAX_MESSAGES_PER_THREAD).toBeGreaterThanOrEqual(100_000);
  });

  it('the scanner cuts a message past the limit at a line end and keeps its line range and the next message', () => {
    const text = `From a@b Mon Jan  1 00:00:00 2001\nSubject: big\n\n${'line of text\n'.repeat(100)}\nFrom c@d Mon Jan  1 00:00:01 2001\nSubject: next\n\nok\n`;
    const data = Buffer.from(text, 'latin1');
    const full = whole(data).messages;
    for (const size of [1, 7, 1 << 16]) {
      const { messages } = streamed(data, size, 200);
      expect(messages[0].bytes).toBe(`Subject: big\n\n${'line of text\n'.repeat(14)}`);
      expect(messages[0].cutFrom).toBe(full[0].bytes.length);
      expect(messages[0].lines).toEqual(full[0].lines);
      expect(messages[1]).toEqual(full[1]);
      // A first line longer than the limit is cut inside the line; the From_ line after it is still found.
      const long = Buffer.from(
        `From a@b Mon Jan  1 00:00:00 2001\nX-Long: ${'x'.repeat(1000)}\n\nFrom c@d Mon Jan  1 00:00:01 2001\nSubject: next\n\nok\n`,
        'latin1',
      );
      const l = streamed(long, size, 100);
      expect(l.messages[0].bytes).toBe(`X-Long: ${'x'.repeat(1000)}`.slice(0, 100));
      expect(l.messages[1]).toEqual(whole(long).messages[1]);
    }
  });

  it(`cuts an mbox message past MAX_MESSAGE_BYTES (${MAX_MESSAGE_BYTES / 2 ** 20} MiB) with a warning naming file and line, and reads the next one`, async () => {
    const path = join(work, 'huge-message.mbox');
    const line = `${'A'.repeat(75)}\n`;
    const big = line.repeat(Math.ceil((MAX_MESSAGE_BYTES + (1 << 20)) / line.length));
    writeFileSync(
      path,
      `From a@b Mon Jan  1 00:00:00 2001\nFrom: A <a@example.org>\nSubject: huge\nMessage-ID: <1@x>\n\n${big}\nFrom c@d Mon Jan  1 00:00:01 2001\nFrom: C <c@example.org>\nSubject: Re: huge\nMessage-ID: <2@x>\nIn-Reply-To: <1@x>\n\nok\n`,
    );
    const r = await readSource(path);
    expect(r.messages.map((m) => m.messageId)).toEqual(['1@x', '2@x']);
    expect(r.messages[0].truncated).toBe(true);
    expect(r.messages[1].truncated).toBe(false);
    expect(r.messages[1].body.trim()).toBe('ok');
    const w = r.warnings.find((x) => x.code === 'message-too-large')!;
    expect(w).toMatchObject({ line: 1, file: path });
    expect(w.message).toMatch(/MAX_MESSAGE_BYTES/);
    expect(r.messages[0].body.length).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
    expect(r.messages[0].body.length).toBeGreaterThan(MAX_MESSAGE_BYTES - (1 << 20));
  }, 60_000);

  it('stops reading an mbox when the thread has its messages, with a warning at the first message not read', async () => {
    const text = [1, 2, 3, 4].map((k) => `From a@b Mon Jan  1 00:00:0${k} 2001\nSubject: m${k}\nMessage-ID: <${k}@x>\n\nbody ${k}\n`).join('\n');
    const src = bufferBytes(Buffer.from(text));
    const warnings: Warning[] = [];
    const probe = await probeSource(src, 'four.mbox', warnings);
    const passOptions = { maxRaw: MAX_SOURCE_BYTES, maxInflated: MAX_SOURCE_BYTES, tooLarge: () => new Error('too large') };
    const r = await readMbox(src, 'four.mbox', probe, warnings, { pass: passOptions, budget: 2 });
    expect(r.messages.map((m) => m.messageId)).toEqual(['1@x', '2@x']);
    const limit = r.warnings.filter((w) => w.code === 'too-many-messages');
    expect(limit).toEqual([expect.objectContaining({ line: 13, file: 'four.mbox' })]);
    expect(limit[0].message).toMatch(/MAX_MESSAGES_PER_THREAD/);
  });
});
