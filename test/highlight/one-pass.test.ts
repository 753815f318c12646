// One TextMate pass for both themes (src/highlight/one-pass.ts) must give exactly shiki's own two-pass HTML:
// compared on every patch, trace and code block of the corpus threads and the seeds, and on a sample of
// syzkaller's kernel crash reports, with and without line numbers.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHighlighter } from 'shiki';
import { describe, expect, it } from 'vitest';
import { inspectSource } from '../../src/casebook.ts';
import { enableOnePass, withOnePass } from '../../src/highlight/one-pass.ts';
import { CASEBOOK_LANGS, CASEBOOK_THEMES, CASEBOOK_TRANSFORMERS } from '../../src/highlight/shiki-config.ts';
import { transformerLineNumbers } from '../../src/highlight/transformer-line-numbers.ts';
import { CORPUS, hasShared, SEEDS } from '../helpers/paths.ts';

const LANG = { diff: 'diff', trace: 'kernel-log', log: 'kernel-log', code: 'c' } as const;

async function blocks(): Promise<{ code: string; lang: string; where: string }[]> {
  const out: { code: string; lang: string; where: string }[] = [];
  const threads = join(CORPUS, 'linux-mailinglist-archives');
  const sources = [
    ...readdirSync(SEEDS).map((f) => join(SEEDS, f)),
    ...readdirSync(threads)
      .filter((d) => d.endsWith('.0'))
      .flatMap((d) =>
        readdirSync(join(threads, d, 'threads'))
          .filter((f) => f.endsWith('.mbox'))
          .map((f) => join(threads, d, 'threads', f)),
      ),
  ];
  for (const source of sources.sort()) {
    const thread = await inspectSource(source);
    for (const m of thread.messages) {
      for (const s of m.segments) {
        const lang = LANG[s.kind as keyof typeof LANG];
        if (lang) out.push({ code: s.text, lang, where: `${source} ${m.id}` });
      }
    }
  }
  const reports = join(CORPUS, 'syzkaller/pkg/report/testdata/linux/report');
  const names = readdirSync(reports).sort((a, b) => Number(a) - Number(b));
  for (let i = 0; i < names.length; i += 6)
    out.push({ code: readFileSync(join(reports, names[i]!), 'latin1'), lang: 'kernel-log', where: `syzkaller report ${names[i]}` });
  return out;
}

describe.skipIf(!hasShared)('one TextMate pass for both themes', () => {
  it('gives shiki’s HTML byte for byte on real patches, traces and code', async () => {
    const make = () => createHighlighter({ themes: Object.values(CASEBOOK_THEMES), langs: CASEBOOK_LANGS });
    const [plain, one] = await Promise.all([make(), make()]);
    enableOnePass(one, ['kernel-log', 'diff', 'c']);
    const all = await blocks();
    expect(all.length).toBeGreaterThan(200);
    expect(new Set(all.map((b) => b.lang))).toEqual(new Set(['diff', 'kernel-log', 'c']));
    let calls = 0;
    // Shiki asks for each line once per theme; the patched grammar tokenizes it with scopes once.
    const grammar = (one.getInternalContext() as unknown as { getLanguage(l: string): { tokenizeLine: (...a: unknown[]) => unknown } }).getLanguage(
      'kernel-log',
    );
    const tokenizeLine = grammar.tokenizeLine.bind(grammar);
    grammar.tokenizeLine = (...a: unknown[]) => {
      calls++;
      return tokenizeLine(...a);
    };
    let lines = 0;
    all.forEach((b, i) => {
      const options = {
        lang: b.lang,
        themes: CASEBOOK_THEMES,
        defaultColor: 'light' as const,
        tokenizeMaxLineLength: 10_000,
        transformers: i % 2 ? [...CASEBOOK_TRANSFORMERS, transformerLineNumbers()] : CASEBOOK_TRANSFORMERS,
      };
      const code = b.code.replace(/\r?\n$/, '');
      const expected = plain.codeToHtml(code, options);
      const got = withOnePass(() => one.codeToHtml(code, options));
      if (got !== expected) expect.fail(`different HTML for the ${b.lang} block of ${b.where}`);
      if (b.lang === 'kernel-log') lines += code.split('\n').filter((l) => l !== '' && l.length < 10_000).length;
    });
    // Once per line at most (a line repeated in a block, from the same state, is tokenized once), not twice.
    expect(calls).toBeGreaterThan(lines / 2);
    expect(calls).toBeLessThanOrEqual(lines);
  }, 120_000);
});
