// Five real threads read by a person (test/fixtures/analysis/*/notes.md says why): the analysis must reach
// the same conclusions — main symptom, fix, distractors, culprit, status, reporter.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectSource } from '../../src/casebook.ts';
import { FIXTURES, hasShared, ROOT } from '../helpers/paths.ts';
import { checkInvariants } from '../helpers/invariants.ts';

interface Judgement {
  source: string;
  /** `function` may list several acceptable readings when the notes say the thread allows them. */
  symptom: { titleContains: string; kind: string; function: string | string[] | null };
  fix: { present: boolean; author: string | null; subjectContains: string | null; files: string[] };
  notFix: { author: string; why: string }[];
  culpritCommit: string | null;
  status: string;
  reporter: string;
}

const dir = join(FIXTURES, 'analysis');
const cases = existsSync(dir)
  ? readdirSync(dir)
      .filter((d) => existsSync(join(dir, d, 'expected.json')))
      .sort()
  : [];

describe.skipIf(!hasShared)('hand-judged corpus threads', () => {
  for (const name of cases) {
    it(name, async () => {
      const j = JSON.parse(readFileSync(join(dir, name, 'expected.json'), 'utf8')) as Judgement;
      const t = await inspectSource(join(ROOT, j.source));
      const a = t.analysis;
      const main = a.symptoms[0];
      expect(main?.title, 'main symptom').toContain(j.symptom.titleContains);
      expect(main?.kind).toBe(j.symptom.kind);
      if (j.symptom.function) expect([j.symptom.function].flat()).toContain(main?.function);
      if (j.fix.present) {
        expect(a.fix, 'a fix').not.toBeNull();
        const patch = a.patches.find((p) => p.id === a.fix!.patchId);
        if (j.fix.author) expect(patch?.author, 'fix author').toBe(j.fix.author);
        if (j.fix.subjectContains) expect(a.fix!.subject ?? '', 'fix subject').toContain(j.fix.subjectContains);
        if (j.fix.files.length) expect([...(patch?.files ?? [])].sort(), 'fix files').toEqual([...j.fix.files].sort());
      } else {
        expect(a.fix, 'no fix').toBeNull();
      }
      for (const n of j.notFix) {
        for (const p of a.patches.filter((x) => x.author === n.author)) expect(p.role, `${n.author}: ${n.why}`).not.toBe('fix');
      }
      if (j.culpritCommit) {
        expect(a.culprit?.commit ?? '', 'culprit').toMatch(new RegExp(`^${j.culpritCommit.slice(0, 12)}`));
      }
      expect(a.status, 'status').toBe(j.status);
      const reporters = a.participants.filter((p) => p.roles.includes('reporter')).map((p) => `${p.name} ${p.email ?? ''}`);
      expect(reporters.join('; '), 'reporter').toContain(j.reporter);
      checkInvariants(t);
    });
  }
});
