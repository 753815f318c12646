// Which threads each phrase rule of the analysis fires on: the seeds, the judged development set, and the rest
// (../shared/corpus's kernel list threads and b4's samples, and the fresh threads of test/fixtures/analysis-fresh). A rule that fires on seed
// text only, or on one judged thread and nothing else, was shaped on that text: it is a defect to remove or
// generalise. A measurement: it prints a table and exits 0.
//
//   npm run -s audit:rules [-- --all]
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspectSource } from '../src/casebook.ts';
import * as phrases from '../src/analysis/signals/phrases.ts';

const SHARED = fileURLToPath(new URL('../../shared/', import.meta.url));

function files(dir: string, test: (f: string) => boolean): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...files(path, test));
    else if (test(name)) out.push(path);
  }
  return out;
}

const groups: Record<string, string[]> = {
  seeds: files(`${SHARED}seeds`, (f) => f.endsWith('.txt')),
  judged: files(`${SHARED}corpus/judged/threads`, (f) => f.endsWith('.mbox')),
  corpus: [
    ...files(`${SHARED}corpus/linux-mailinglist-archives`, (f) => f.endsWith('.mbox')),
    ...files(`${SHARED}corpus/b4`, (f) => f.endsWith('.mbox')),
    ...files(fileURLToPath(new URL('../test/fixtures/analysis-fresh/threads', import.meta.url)), (f) => f.endsWith('.mbox')),
  ],
};

/** Every rule: each element of an exported pattern list, and each exported pattern. */
const rules: { name: string; re: RegExp }[] = [];
for (const [name, value] of Object.entries(phrases)) {
  if (value instanceof RegExp) rules.push({ name, re: value });
  else if (Array.isArray(value)) {
    for (const [i, re] of value.entries()) if (re instanceof RegExp) rules.push({ name: `${name}[${i}]`, re });
  }
}

const hits = new Map<string, Record<string, Set<string>>>(rules.map((r) => [r.name, { seeds: new Set(), judged: new Set(), corpus: new Set() }]));
for (const [group, paths] of Object.entries(groups)) {
  for (const path of paths) {
    let t: Awaited<ReturnType<typeof inspectSource>>;
    try {
      t = await inspectSource(path);
    } catch {
      continue;
    }
    const { sentencesOf } = await import('../src/analysis/sentences.ts');
    const texts = t.messages.filter((m) => !m.ghost).flatMap((m) => sentencesOf(m).map((s) => s.text));
    const name = path.split('/').pop()!;
    for (const r of rules) if (texts.some((x) => r.re.test(x))) hits.get(r.name)![group].add(name);
  }
}

console.log(`threads: seeds ${groups.seeds.length}, judged ${groups.judged.length}, other corpus ${groups.corpus.length}\n`);
console.log('rule'.padEnd(24), 'seeds judged corpus  verdict');
for (const r of rules) {
  const h = hits.get(r.name)!;
  const outside = h.judged.size + h.corpus.size;
  const verdict =
    outside === 0 && h.seeds.size > 0
      ? 'SEED ONLY'
      : outside === 0
        ? 'never fires'
        : h.corpus.size === 0 && h.judged.size === 1 && h.seeds.size === 0
          ? 'ONE JUDGED THREAD'
          : '';
  if (verdict || process.argv.includes('--all'))
    console.log(r.name.padEnd(24), String(h.seeds.size).padStart(5), String(h.judged.size).padStart(6), String(h.corpus.size).padStart(6), ' ', verdict);
}
