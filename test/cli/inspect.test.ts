// `casebook inspect`: the JSON contract, exit codes, standard input, and bad input that must give a
// clear error naming the file (exit 2 only when nothing usable was read).
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasShared, SEEDS, CORPUS } from '../helpers/paths.ts';
import { runCli, spawnCli } from '../helpers/run-cli.ts';

const MBOX = [
  'From alice@example.org Mon Apr 21 06:00:00 2008',
  'From: Alice Example <alice@example.org>',
  'Date: Mon, 21 Apr 2008 06:00:00 +0200',
  'Subject: [BUG] oops in foo_bar',
  'Message-ID: <root@example.org>',
  '',
  'It crashes:',
  '',
  'BUG: unable to handle kernel NULL pointer dereference at 0000000000000010',
  'IP: [<ffffffff802a7b3c>] foo_bar+0xf1/0x117',
  'Call Trace:',
  ' [<ffffffff802a7b3c>] foo_bar+0xf1/0x117',
  ' [<ffffffff802a7c00>] baz+0x10/0x20',
  '',
  'From bob@example.org Mon Apr 21 07:00:00 2008',
  'From: Bob <bob@example.org>',
  'Date: Mon, 21 Apr 2008 07:00:00 +0200',
  'Subject: Re: [BUG] oops in foo_bar',
  'Message-ID: <reply@example.org>',
  'In-Reply-To: <root@example.org>',
  'References: <root@example.org>',
  '',
  '> It crashes:',
  '',
  'Does this help?',
  '',
].join('\n');

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'casebook-cli-'));
  writeFileSync(join(dir, 'thread.mbox'), MBOX);
  writeFileSync(join(dir, 'empty.mbox'), '');
  writeFileSync(join(dir, 'blank.mbox'), '\n\n   \n');
  writeFileSync(join(dir, 'zero.mbox'), 'From MAILER-DAEMON Mon Apr 21 06:00:00 2008\n\n');
  writeFileSync(join(dir, 'garbage.bin'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
  mkdirSync(join(dir, 'images'));
  writeFileSync(join(dir, 'images', 'a.png'), Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.alloc(200)]));
  writeFileSync(join(dir, 'images', 'b.jpg'), Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]), Buffer.alloc(300)]));
  const gz = gzipSync(Buffer.from(MBOX + MBOX.replace(/root@/g, 'root2@').replace(/reply@/g, 'reply2@')));
  writeFileSync(join(dir, 'cut.mbox.gz'), gz.subarray(0, Math.floor(gz.length * 0.8)));
  writeFileSync(join(dir, 'header-only.gz'), gz.subarray(0, 10));
});

describe('inspect --json', () => {
  it('prints schemaVersion 1 with every contract field', async () => {
    const r = await runCli(['inspect', join(dir, 'thread.mbox'), '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.schemaVersion).toBe(1);
    const t = out.threads[0];
    expect(Object.keys(t)).toEqual(expect.arrayContaining(['slug', 'title', 'source', 'messages', 'warnings', 'analysis']));
    expect(t.slug).toMatch(/^[a-z0-9-]+$/);
    expect(t.title).toBe('[BUG] oops in foo_bar');
    expect(t.source).toEqual({ path: join(dir, 'thread.mbox'), format: 'mbox', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const m = t.messages[1];
    for (const key of [
      'index',
      'messageId',
      'author',
      'date',
      'dateRaw',
      'subject',
      'inReplyTo',
      'references',
      'parentIndex',
      'ghost',
      'truncated',
      'lines',
      'segments',
    ]) {
      expect(m, key).toHaveProperty(key);
    }
    expect(m).toMatchObject({ index: 1, messageId: 'reply@example.org', parentIndex: 0, date: '2008-04-21T07:00:00+02:00', lines: [15, 25] });
    expect(m.segments.map((s: { kind: string }) => s.kind)).toEqual(['quote', 'text']);
    expect(t.messages[0].segments.map((s: { kind: string }) => s.kind)).toContain('trace');
    // The contract's fields, and the ones added since (decisions with their evidence, duplicateOf, the report and fixed messages).
    expect(Object.keys(t.analysis).sort()).toEqual([
      'culprit',
      'decisions',
      'duplicateOf',
      'fix',
      'fixedIndex',
      'participants',
      'patches',
      'reportIndex',
      'rootCause',
      'status',
      'symptoms',
      'timeline',
    ]);
    expect(t.analysis.participants.map((p: { name: string }) => p.name)).toEqual(['Alice Example', 'Bob']);
  });

  it('gives byte-identical output for the same source', async () => {
    const a = await runCli(['inspect', join(dir, 'thread.mbox'), '--json']);
    const b = await runCli(['inspect', join(dir, 'thread.mbox'), '--json']);
    expect(a.stdout).toBe(b.stdout);
  });

  it('reads standard input for -', () => {
    const r = spawnCli(['inspect', '-', '--json'], MBOX);
    expect(r.code).toBe(0);
    const t = JSON.parse(r.stdout).threads[0];
    expect(t.source.path).toBe('-');
    expect(t.messages).toHaveLength(2);
  });

  it.skipIf(!hasShared)('reads several sources into one thread each', async () => {
    const r = await runCli(['inspect', `${SEEDS}003_4e4bcdce53d9d2e1.txt`, join(dir, 'thread.mbox'), '--json']);
    expect(JSON.parse(r.stdout).threads.map((t: { source: { format: string } }) => t.source.format)).toEqual(['archive-text', 'mbox']);
  });

  it('lets --format force a reading', async () => {
    const r = await runCli(['inspect', join(dir, 'thread.mbox'), '--format', 'eml', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).threads[0].source.format).toBe('eml');
  });
});

describe('bad input', () => {
  const cases: [string, string, RegExp][] = [
    ['an empty file', 'empty.mbox', /the file is empty/],
    ['a file of blank lines', 'blank.mbox', /no mail headers|no message/],
    ['a 0-message mbox', 'zero.mbox', /holds no message/],
    ['binary garbage', 'garbage.bin', /binary data/],
    ['a directory of images', 'images', /no mail file in it/],
    ['a gzip cut in its header', 'header-only.gz', /gzip|empty|no message/],
  ];
  for (const [what, name, message] of cases) {
    it(`rejects ${what} with exit 2 and an error naming the file`, async () => {
      const r = await runCli(['inspect', join(dir, name), '--json']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(join(dir, name));
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toMatch(/hint: /);
      expect(JSON.parse(r.stdout).threads).toEqual([]);
    });
  }

  it('reads what a truncated gzip holds, with a warning', async () => {
    const r = await runCli(['inspect', join(dir, 'cut.mbox.gz'), '--json']);
    expect(r.code).toBe(0);
    // Its messages do not reply to each other: each is a thread of its own.
    const threads: { messages: unknown[]; warnings: { code: string }[] }[] = JSON.parse(r.stdout).threads;
    expect(threads.reduce((n, t) => n + t.messages.length, 0)).toBeGreaterThanOrEqual(2);
    expect(threads.flatMap((t) => t.warnings.map((w) => w.code))).toContain('gzip-truncated');
    expect(r.stderr).toContain('cut.mbox.gz');
  });

  it('exits 1 when one source of several is unreadable, names it, and still prints the rest', async () => {
    const r = await runCli(['inspect', join(dir, 'garbage.bin'), join(dir, 'thread.mbox'), '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).threads).toHaveLength(1);
    expect(r.stderr).toContain('garbage.bin');
  });

  it('rejects a missing path, an unknown option, an unknown format and an unknown command', async () => {
    expect((await runCli(['inspect', join(dir, 'nope.mbox')])).code).toBe(2);
    const flag = await runCli(['inspect', join(dir, 'thread.mbox'), '--jsn']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/Unknown option `--jsn`[\s\S]*--help/);
    expect((await runCli(['inspect', join(dir, 'thread.mbox'), '--format', 'pdf'])).stderr).toMatch(/Unknown format `pdf`[\s\S]*archive-text/);
    expect((await runCli(['frobnicate'])).code).toBe(2);
  });

  it('says where content problems are: file and line', async () => {
    const bad = join(dir, 'bad-date.eml');
    writeFileSync(bad, 'From: A <a@example.org>\nDate: the day before yesterday\nSubject: x\n\nbody\n');
    const r = await runCli(['inspect', bad, '--json']);
    expect(r.code).toBe(0);
    const t = JSON.parse(r.stdout).threads[0];
    expect(t.messages[0].date).toBeNull();
    expect(t.messages[0].dateRaw).toBe('the day before yesterday');
    expect(r.stderr).toContain(`${bad}:1: warning: cannot parse the date`);
  });
});

describe('help', () => {
  it('lists the commands and the inspect options', async () => {
    const top = await runCli(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/inspect/);
    const sub = await runCli(['inspect', '--help']);
    expect(sub.stdout).toMatch(/--json[\s\S]*--format NAME/);
  });
});

describe.skipIf(!hasShared)('large sources', () => {
  it('shows progress on stderr for a source over a few MB', () => {
    const lore = readFileSync(
      `${CORPUS}linux-mailinglist-archives/linux-ext4.vger.kernel.org.0/threads/07-syzbot-possible-deadlock-in-jbd2-journal-lock-updates.mbox`,
      'latin1',
    );
    let big = '';
    let n = 0;
    while (big.length < 5 * 1024 * 1024) big += lore.replace(/^Message-ID: <([^>]+)>/gim, (_m, id) => `Message-ID: <${n++}.${id}>`);
    const file = join(dir, 'big.mbox');
    writeFileSync(file, big, 'latin1');
    const r = spawnCli(['inspect', file]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/reading .*big\.mbox \d+% of \d+\.\d MB/);
  });
});
