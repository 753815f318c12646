// Every file of ../shared/corpus goes through the pipeline without a crash: it becomes a thread or a
// clear SourceError. Patchwork's fuzz crashers give warnings, not exceptions; valid dates are never lost.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inspectSource, type AnalyzedThread } from '../../src/casebook.ts';
import { SourceError } from '../../src/ingest/index.ts';
import { CORPUS, hasShared } from '../helpers/paths.ts';
import { filesUnder } from '../helpers/files.ts';

/** RFC 2822 date-time (weekday optional, numeric zone): a header in this form is valid. */
const RFC2822 =
  /^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (?:19[7-9]\d|20\d\d) \d\d:\d\d(?::\d\d)? [+-]\d{4}(?: \(.*\))?$/;

describe.skipIf(!hasShared)('the whole corpus', () => {
  it('reads every file without an exception other than a SourceError', async () => {
    const threads: AnalyzedThread[] = [];
    const crashes: string[] = [];
    let rejected = 0;
    for (const file of filesUnder(CORPUS)) {
      try {
        threads.push(await inspectSource(file));
      } catch (err) {
        if (err instanceof SourceError) {
          rejected++;
          expect(err.message).toContain(file);
          expect(err.hint.length).toBeGreaterThan(0);
        } else crashes.push(`${file}: ${(err as Error).stack}`);
      }
    }
    expect(crashes).toEqual([]);
    // The mail parts of the corpus (eml, mbox, maildirs) are read, not rejected.
    expect(threads.length).toBeGreaterThan(700);
    expect(rejected).toBeLessThan(650);
    let valid = 0;
    for (const t of threads) {
      for (const m of t.messages) {
        if (m.dateRaw && RFC2822.test(m.dateRaw.replace(/\s+/g, ' ').trim())) {
          valid++;
          expect(m.date, `${t.source.path}: ${m.dateRaw}`).not.toBeNull();
        }
      }
    }
    expect(valid).toBeGreaterThan(1000);
  }, 300_000);

  it('reads every patchwork fuzz crasher as a thread, problems as warnings', async () => {
    const dir = `${CORPUS}patchwork/patchwork/tests/data/fuzz/`;
    const files = readdirSync(dir).filter((f) => f.endsWith('.mbox'));
    expect(files.length).toBeGreaterThanOrEqual(15);
    let warned = 0;
    for (const f of files) {
      const t = await inspectSource(dir + f);
      expect(t.messages.length, f).toBeGreaterThan(0);
      if (t.warnings.length > 0) warned++;
    }
    expect(warned).toBeGreaterThanOrEqual(files.length - 3);
  });

  it('reads maildirs (cur/ and new/) and merges duplicate Message-IDs', async () => {
    const t = await inspectSource(`${CORPUS}notmuch/test/corpora/default`);
    expect(t.source.format).toBe('maildir');
    expect(t.messages.length).toBeGreaterThan(40);
    const dup = await inspectSource(`${CORPUS}notmuch/test/corpora/duplicate`);
    const ids = dup.messages.map((m) => m.messageId).filter(Boolean);
    expect(new Set(ids).size).toBe(ids.length);
    expect(dup.warnings.some((w) => w.code === 'duplicate-merged')).toBe(true);
  });
});
