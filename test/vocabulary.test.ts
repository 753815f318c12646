// The domain's words are defined once (src/vocabulary/): each list holds distinct kebab-case words, and the
// warning codes the code raises are all in the lists (the type makes a new code fail to compile elsewhere;
// this test also catches one spelled in a string the types do not see).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as vocabulary from '../src/vocabulary/index.ts';
import { ROOT } from './helpers/paths.ts';

const lists = Object.entries(vocabulary as Record<string, unknown>).filter((e): e is [string, readonly string[]] => Array.isArray(e[1]));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('vocabulary', () => {
  it.each(lists)('%s: distinct kebab-case words', (_, words) => {
    expect(words.length).toBeGreaterThan(0);
    expect(new Set(words).size).toBe(words.length);
    for (const w of words) expect(w).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it('every warning code raised in src/ is in a list', () => {
    const known = new Set<string>([...vocabulary.SOURCE_WARNING_CODES, ...vocabulary.CASE_FILE_WARNING_CODES]);
    const raised = new Set<string>();
    for (const file of sources(join(ROOT, 'src'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\b(?:warning|warn)\(\s*'([a-z0-9-]+)'|\bcode: '([a-z0-9-]+)'/g)) raised.add(m[1] ?? m[2]!);
    }
    // Problems `casebook check` reports have their own codes (src/casefile/check/types.ts).
    const check = readFileSync(join(ROOT, 'src/casefile/check/types.ts'), 'utf8');
    for (const m of check.matchAll(/'([a-z0-9]+(?:-[a-z0-9]+)+)'/g)) known.add(m[1]!);
    expect(raised.size).toBeGreaterThan(40);
    expect([...raised].filter((c) => !known.has(c)).sort()).toEqual([]);
  });
});
