// The times a case's timeline shows read in order: in UTC when the source states a zone, as written when it does
// not, on every shipped case and every judged corpus thread.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectSource } from '../../src/casebook.ts';
import { generateCase } from '../../src/casefile/generate-case.ts';
import { newCaseFile } from '../../src/casefile/merge-case.ts';
import { displayTime } from '../../src/thread/parse-date.ts';
import { ROOT } from '../helpers/paths.ts';

const JUDGED = join(ROOT, '../shared/corpus/judged/threads');
const sources = [
  ...readdirSync(join(ROOT, 'content/sources')).map((f) => join(ROOT, 'content/sources', f)),
  ...(existsSync(JUDGED) ? readdirSync(JUDGED).map((f) => join(JUDGED, f)) : []),
];

describe('timeline times', () => {
  it('shows a zoned date in UTC and a zone-less one as written, never with a zone made up', () => {
    expect(displayTime('2010-04-06T13:02:00-07:00')).toBe('2010-04-06 20:02 UTC');
    expect(displayTime('2009-05-11T22:50:34+05:30')).toBe('2009-05-11 17:20 UTC');
    expect(displayTime('2008-04-19T06:22:00')).toBe('2008-04-19 06:22');
    expect(displayTime(null)).toBe('undated');
  });

  it.each(sources.map((s) => [s.split('/').pop()!, s]))('reads in ascending order: %s', async (_name, source) => {
    const text = newCaseFile(generateCase(await inspectSource(source)));
    const section = /^## Timeline\n([\s\S]*?)(?=^## )/m.exec(text)?.[1] ?? '';
    const times = [...section.matchAll(/^- `(\d{4}-\d\d-\d\d \d\d:\d\d)(?: UTC)?`/gm)].map((m) => m[1]!);
    for (let i = 1; i < times.length; i++) expect(times[i]! >= times[i - 1]!, `${times[i - 1]} then ${times[i]}`).toBe(true);
  });
});
