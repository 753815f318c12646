// Fixture folders: test/fixtures/ingest/<case>/input.* → expected.json next to it. `UPDATE=1 npm test`
// rewrites the expected files; a person reviews the diff before committing it.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectSource } from '../../src/casebook.ts';
import { FIXTURES } from '../helpers/paths.ts';
import { summarize } from '../helpers/summarize.ts';

const dir = join(FIXTURES, 'ingest');
const cases = existsSync(dir) ? readdirSync(dir).sort() : [];

describe('ingest fixtures', () => {
  for (const name of cases) {
    it(name, async () => {
      const folder = join(dir, name);
      const input = readdirSync(folder).find((f) => f.startsWith('input'));
      expect(input, `${folder} has no input.* file or folder`).toBeTruthy();
      const thread = await inspectSource(join(folder, input!));
      const actual = `${JSON.stringify(summarize(thread), null, 2)}\n`;
      const expectedPath = join(folder, 'expected.json');
      if (process.env.UPDATE) writeFileSync(expectedPath, actual);
      expect(existsSync(expectedPath), `${expectedPath} is missing: run UPDATE=1 npm test and review it`).toBe(true);
      expect(actual).toBe(readFileSync(expectedPath, 'utf8'));
    });
  }
});
