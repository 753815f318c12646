// The short fuzz run of `npm test`: a few hundred seeded mutations of the corpus, and every generated worst
// case at a reduced size that still takes the same paths (the gzip bomb for real), each in a child process
// against a wall-clock budget. No input may crash the pipeline or hang it, and every rejection is a
// SourceError naming the file. `npm run fuzz` is the long version. Then the bugs the fuzzer found, pinned.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { inspectSource } from '../../src/casebook.ts';
import { MAX_SOURCE_BYTES } from '../../src/ingest/index.ts';
import { MAX_BLANK_RUN, MAX_HTML_TAGS } from '../../src/ingest/parse-mail.ts';
import { emptyMessage, type IngestedMessage } from '../../src/ingest/types.ts';
import { buildThread } from '../../src/thread/index.ts';
import { CORPUS, hasShared, ROOT, SEEDS } from '../helpers/paths.ts';
import { writeGzipBomb } from './fuzz-generate.ts';
import { listFiles, mutationInputs, worstCases, type WorstCaseSizes } from './fuzz-plan.ts';
import { describeFailure, failures, runInputs, summarize, type Result } from './fuzz-run.ts';
import { budget } from '../helpers/budget.ts';

const SEED = 20_240_601;
/**
 * The suite shares the machine's cores with other test files (and CI with other jobs): budgets five times
 * those of `npm run fuzz`, which still catch a hang or a superlinear blow-up and never a busy machine.
 */
const BUDGET_SCALE = 5;
const MUTATIONS = 500;
const REDUCED: WorstCaseSizes = {
  chain: 2_000,
  mbox: 10_000,
  bomb: 1_200_000_000,
  attachments: 1_000,
  collapsedBytes: 1 << 20,
  archiveBlocks: 5_000,
  quoteLevels: 1_000,
  mimeLevels: 200,
  hugeHeaderMessages: 10,
  hugeLineBytes: 2 << 20,
  maildirMessages: 200,
  budgetMs: 20_000,
};

const work = mkdtempSync(join(tmpdir(), 'casebook-fuzz-test-'));
const keepDir = join(ROOT, 'test-output', 'fuzz-test');
afterAll(() => rmSync(work, { recursive: true, force: true }));

function report(results: Result[]): string {
  return failures(results).map(describeFailure).join('\n');
}

describe.skipIf(!hasShared)('fuzzing the pipeline', () => {
  it(`survives ${MUTATIONS} mutations of the corpus (seed ${SEED}): no crash, no hang, every rejection names its file`, async () => {
    const files = listFiles([CORPUS, SEEDS]);
    const results = await runInputs(mutationInputs(SEED, files, join(CORPUS, '..'), { maxHugeLine: 2 << 20, maxQuoteDepth: 5_000 }, MUTATIONS), {
      concurrency: 2,
      workDir: join(work, 'mutations'),
      keepDir,
      budgetScale: BUDGET_SCALE,
    });
    const s = summarize(results);
    expect(s.tried).toBe(MUTATIONS);
    expect(report(results)).toBe('');
    // The mutations still reach the threading and analysis stages, not only the format detector.
    expect(s.threads).toBeGreaterThan(MUTATIONS / 3);
  }, 180_000);

  it('survives every generated worst case at reduced size, and stops the gzip bombs at the inflate limit', async () => {
    const results = await runInputs(worstCases(SEED, REDUCED), { concurrency: 2, workDir: join(work, 'worst'), keepDir, budgetScale: BUDGET_SCALE });
    expect(report(results)).toBe('');
    const byLabel = (part: string) => results.find((r) => r.input.label.includes(part))!;
    expect(byLabel('reply chain').messages).toBe(REDUCED.chain);
    expect(byLabel('reply loop').messages).toBe(REDUCED.chain);
    expect(byLabel(`mbox of ${REDUCED.mbox}`).messages).toBe(REDUCED.mbox);
    expect(byLabel('web-archive scrape').messages).toBe(REDUCED.archiveBlocks);
    for (const bomb of results.filter((r) => r.input.label.includes('gzip bomb'))) {
      expect(bomb.kind, bomb.input.label).toBe('rejected');
      expect(bomb.detail).toMatch(/inflates to more than 1024 MiB \(MAX_SOURCE_BYTES\)/);
      // Stopped at the limit as the inflated bytes flow, never holding them: memory stays low.
      expect(bomb.rssKb / 1024).toBeLessThan(1024);
    }
  }, 180_000);
});

describe('bugs the fuzzer found', () => {
  const chain = (n: number, loop: boolean): IngestedMessage[] =>
    Array.from({ length: n }, (_, k) =>
      emptyMessage({
        messageId: `${k}@chain`,
        inReplyTo: k > 0 ? `${k - 1}@chain` : loop ? `${n - 1}@chain` : null,
        dateRaw: new Date(Date.UTC(2010, 0, 1) + k * 60_000).toUTCString(),
        from: { name: `Dev ${k % 7}`, email: null },
        body: `reply ${k}`,
        lines: [k * 3 + 1, k * 3 + 3],
        file: 'chain.mbox',
      }),
    );
  const source = { path: 'chain.mbox', format: 'mbox' as const, sha256: '' };

  it('breakCycles walks a 20,000-message reply chain once, not once per message (was quadratic)', () => {
    const t0 = performance.now();
    const t = buildThread({ format: 'mbox', messages: chain(20_000, false), warnings: [] }, source);
    // The quadratic walk took ten seconds here; the linear one takes a fraction of a second.
    expect(performance.now() - t0).toBeLessThan(budget(5_000));
    expect(t.messages.filter((m) => m.parentIndex === null).map((m) => m.index)).toEqual([0]);
    expect(t.messages[19_999].parentIndex).toBe(19_998);
  });

  it('a 20,000-message reply loop is cut once, at its earliest message', () => {
    const t = buildThread({ format: 'mbox', messages: chain(20_000, true), warnings: [] }, source);
    expect(t.messages.filter((m) => m.parentIndex === null).map((m) => m.index)).toEqual([0]);
    expect(t.warnings.filter((w) => w.code === 'reply-loop')).toHaveLength(1);
  });

  it('ties 50,000 adapter warnings to their messages by line, in linear time (was a scan per warning)', () => {
    const messages = chain(50_000, false);
    const warnings = messages.map((m, k) => ({
      code: 'header-malformed' as const,
      message: 'w',
      line: m.lines![0] + 1,
      messageIndex: null,
      file: k % 2 ? '/data/chain.mbox' : 'chain.mbox',
    }));
    const t0 = performance.now();
    const t = buildThread({ format: 'mbox', messages, warnings }, source);
    expect(performance.now() - t0).toBeLessThan(budget(10_000));
    const placed = t.warnings.filter((w) => w.code === 'header-malformed');
    expect(placed.map((w) => w.messageIndex)).toEqual(messages.map((_, k) => k));
  });

  /** Runs one file through the pipeline in a fuzz child: a regression that hangs fails here instead of freezing the suite. */
  async function inspectInChild(name: string, write: (path: string) => void | Promise<void>, budgetMs = 10_000): Promise<Result> {
    const dir = join(work, 'regressions', name);
    mkdirSync(dir, { recursive: true });
    const path = join(dir, name);
    await write(path);
    const [r] = await runInputs([{ label: name, group: 'generated', budgetMs, prepare: async () => ({ path, names: path }) }], {
      concurrency: 1,
      workDir: join(dir, 'work'),
      budgetScale: BUDGET_SCALE,
    });
    return r!;
  }

  it('rejects a gzip bomb at MAX_SOURCE_BYTES with a SourceError naming the file (was "gzip data is corrupt" after inflating 1 GiB)', async () => {
    const r = await inspectInChild('bomb.mbox.gz', (p) => writeGzipBomb(p, MAX_SOURCE_BYTES + (1 << 20), 'text'), 20_000);
    expect(r.kind, r.detail).toBe('rejected');
    expect(r.clear).toBe(true);
    expect(r.detail).toMatch(/inflates to more than 1024 MiB/);
    // Streamed: the inflated gigabyte is never held.
    expect(r.rssKb / 1024).toBeLessThan(512);
  }, 60_000);

  it('reads a mail whose quoted-printable body holds a megabyte of tabs (libqp rescanned the run: minutes)', async () => {
    const r = await inspectInChild('tabs.eml', (p) =>
      writeFileSync(
        p,
        `From: A <a@example.org>\nSubject: tabs\nDate: Mon, 1 Jun 2015 10:00:00 +0000\nContent-Type: text/plain\nContent-Transfer-Encoding: quoted-printable\n\nbefore${'\t'.repeat(1 << 20)}after\n`,
      ),
    );
    expect(r.kind, r.detail).toBe('thread');
    expect(r.warnings).toBeGreaterThan(0);
  }, 30_000);

  it('cuts blank runs past MAX_BLANK_RUN before mailparser, and says so', async () => {
    const path = join(work, 'blank-run.eml');
    writeFileSync(
      path,
      `From: A <a@example.org>\nSubject: tabs\nDate: Mon, 1 Jun 2015 10:00:00 +0000\nContent-Transfer-Encoding: quoted-printable\n\nbefore${'\t'.repeat(MAX_BLANK_RUN + 10)}after\n`,
    );
    const t = await inspectSource(path);
    expect(t.warnings.map((w) => w.code)).toContain('blank-run-cut');
    expect(t.messages[0].segments.map((s) => s.text).join('\n')).toContain(`before${'\t'.repeat(MAX_BLANK_RUN)}after`);
  });

  it('titles a report holding a megabyte line of `BUG: BUG: …` in linear time (the title patterns rescanned the line)', async () => {
    const r = await inspectInChild('bug-line.eml', (p) =>
      writeFileSync(
        p,
        `From: A <a@example.org>\nSubject: oops\nDate: Mon, 1 Jun 2015 10:00:00 +0000\n\n${'BUG: '.repeat(200_000)}\nCall Trace:\n [<ffffffff81000000>] foo+0x0/0x10\n`,
      ),
    );
    expect(r.kind, r.detail).toBe('thread');
  }, 30_000);

  it('reads a collapsed mbox whose trace breaks into 200,000 lines (spreading them into push() overflowed the stack)', async () => {
    const frames = ' [<ffffffff81000000>] foo+0x0/0x10'.repeat(200_000);
    const r = await inspectInChild('collapsed.mbox', (p) =>
      writeFileSync(
        p,
        `From mboxrd@z Thu Jan  1 00:00:00 1970 Date: Mon, 11 May 2009 22:50:34 +0530 From: "K.Prasad" To: Alan Stern Subject: Re: oops Message-ID: <1@x> Hi, BUG: unable to handle kernel NULL pointer dereference at 0000000000000008 Call Trace:${frames}\n`,
      ),
    );
    expect(r.kind, r.detail).toBe('thread');
  }, 30_000);

  it('reads a collapsed mbox with a megabyte of blanks (/\\s+$/ and /\\s*\\n\\s*/ rescanned the run)', async () => {
    const r = await inspectInChild('blanks.mbox', (p) =>
      writeFileSync(
        p,
        `From mboxrd@z Thu Jan  1 00:00:00 1970 Date: Mon, 11 May 2009 22:50:34 +0530 From: "K.Prasad" To: Alan Stern Subject: Re: x Message-ID: <1@x> Hi,${' '.repeat(1 << 20)}bye\n`,
      ),
    );
    expect(r.kind, r.detail).toBe('thread');
  }, 30_000);

  it('looks for an attribution only in short lines (a megabyte line made the `… wrote:` pattern backtrack for minutes)', async () => {
    const r = await inspectInChild('attribution', (p) => {
      mkdirSync(join(p, 'cur'), { recursive: true });
      mkdirSync(join(p, 'new'), { recursive: true });
      writeFileSync(join(p, 'cur', '1'), 'From: A <a@example.org>\nSubject: x\nDate: Mon, 1 Jun 2015 10:00:00 +0000\n\nfirst\n');
      writeFileSync(
        join(p, 'cur', '2'),
        `From: B <b@example.org>\nSubject: Re: x\nDate: Mon, 1 Jun 2015 11:00:00 +0000\n\nOn x, ${'On x, '.repeat(150_000)}\n`,
      );
    });
    expect(r.kind, r.detail).toBe('thread');
  }, 30_000);

  it('decides the fix for a message posting 3,000 patches under 5 MB of prose without re-reading it per patch (was quadratic)', async () => {
    const patch = (k: number) =>
      `Signed-off-by: A <a@example.org>\n---\ndiff --git a/d${k}/x.c b/d${k}/x.c\nindex 1111111..2222222 100644\n--- a/d${k}/x.c\n+++ b/d${k}/x.c\n@@ -1,1 +1,1 @@\n-a\n+b${k}\n\n`;
    const prose = 'The lock is taken twice on this path and the second taker waits forever on the first.\n'.repeat(60_000);
    // 25 s before the fix, 5 s after.
    const r = await inspectInChild(
      'patches.eml',
      (p) =>
        writeFileSync(
          p,
          `From: A <a@example.org>\nSubject: [PATCH] fix\nDate: Mon, 1 Jun 2015 10:00:00 +0000\n\n${prose}\n${Array.from({ length: 3_000 }, (_, k) => patch(k)).join('')}`,
        ),
      15_000,
    );
    expect(r.kind, r.detail).toBe('thread');
  }, 30_000);

  it('reads an HTML-only mail whose body is a megabyte line of `<a@b> ` (htmlparser2 searched its tag stack per tag: 24 s)', async () => {
    const r = await inspectInChild('tags.eml', (p) =>
      writeFileSync(
        p,
        `From: A <a@example.org>\nSubject: html\nDate: Mon, 1 Jun 2015 10:00:00 +0000\nContent-Type: text/html; charset=us-ascii\n\n<html><p>before</p>${'<a@b> '.repeat(200_000)}<p>after &amp; done</p></html>\n`,
      ),
    );
    expect(r.kind, r.detail).toBe('thread');
    expect(r.warnings).toBeGreaterThan(0);
  }, 30_000);

  it('turns too-complex HTML into text by removing tags, in linear time, with a warning', async () => {
    const path = join(work, 'many-tags.eml');
    writeFileSync(
      path,
      `From: A <a@example.org>\nSubject: html\nDate: Mon, 1 Jun 2015 10:00:00 +0000\nContent-Type: text/html\n\n<p>The lock is &lt;held&gt; twice&#33;</p>${'<i>'.repeat(MAX_HTML_TAGS)}${' '.repeat(100_000)}<br>tail\n`,
    );
    const t = await inspectSource(path);
    expect(t.warnings.map((w) => w.code)).toContain('html-too-complex');
    const text = t.messages[0]!.segments.map((s) => s.text).join('\n');
    expect(text).toContain('The lock is <held> twice!');
    expect(text).toContain('tail');
    expect(text).not.toContain('<i>');
  });

  it('still reads a gzip source that is merely small (the limit did not break gzip)', async () => {
    const path = join(work, 'small.mbox.gz');
    writeFileSync(path, gzipSync(`From a@b Mon Jun  1 10:00:00 2015\nFrom: A <a@example.org>\nSubject: hi\nDate: Mon, 1 Jun 2015 10:00:00 +0000\n\nhello\n`));
    const t = await inspectSource(path);
    expect(t.messages).toHaveLength(1);
  });
});
