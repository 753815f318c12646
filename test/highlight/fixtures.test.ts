// Fixture folders: test/fixtures/highlight/<case>/input.log (kernel-log) or input.diff (diff) →
// expected.scopes.txt, the grammar's tokens and scopes line by line; a case may also pin the HTML of
// highlight() in expected.html. `UPDATE=1 npm test` rewrites them; a person reviews the diff.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Highlighter } from 'shiki';
import { beforeAll, describe, expect, it } from 'vitest';
import { highlight } from '../../src/highlight/index.ts';
import { FIXTURES } from '../helpers/paths.ts';
import { createTestHighlighter, scopeDump } from './scope-dump.ts';

const dir = join(FIXTURES, 'highlight');
const cases = existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()) : [];
const LANG_OF_INPUT = { 'input.log': 'kernel-log', 'input.diff': 'diff' } as const;
// The scope dumps say what the grammars do; one HTML file pins what the site gets from them (line
// classes, the dual-theme variables) without repeating that for every case.
const HTML_CASES = new Set(['diff-c']);

function checkFile(path: string, actual: string): void {
  if (process.env.UPDATE) writeFileSync(path, actual);
  expect(existsSync(path), `${path} is missing: run UPDATE=1 npm test and review it`).toBe(true);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

describe('highlight fixtures', () => {
  let h: Highlighter;
  beforeAll(async () => {
    h = await createTestHighlighter();
  });

  for (const { name } of cases.sort((a, b) => a.name.localeCompare(b.name))) {
    it(name, async () => {
      const folder = join(dir, name);
      const input = readdirSync(folder).find((f): f is keyof typeof LANG_OF_INPUT => f in LANG_OF_INPUT);
      expect(input, `${folder} has no input.log or input.diff`).toBeTruthy();
      const lang = LANG_OF_INPUT[input!];
      const code = readFileSync(join(folder, input!), 'utf8').replace(/\n$/, '');
      checkFile(join(folder, 'expected.scopes.txt'), scopeDump(h, code, lang));
      if (HTML_CASES.has(name)) checkFile(join(folder, 'expected.html'), `${await highlight(code, lang)}\n`);
    });
  }
});
