// The file formats are one registry (src/ingest/adapters.ts): detection tries them in its order, `--format`
// takes their names, and the README's table lists them. A format added in one place and forgotten in another
// fails here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectTextFormat, FILE_ADAPTERS, SOURCE_FORMATS } from '../../src/ingest/index.ts';
import { ROOT } from '../helpers/paths.ts';

describe('the adapter registry', () => {
  it('names every format --format takes, but the two folder shapes', () => {
    expect([...FILE_ADAPTERS.map((a) => a.name), 'maildir', 'folder'].sort()).toEqual([...SOURCE_FORMATS].sort());
  });

  it("has a row in the README's table of sources for every format", () => {
    const readme = readFileSync(`${ROOT}README.md`, 'utf8');
    const table = readme.slice(readme.indexOf('| format | what it reads |'));
    for (const name of SOURCE_FORMATS) expect(table, name).toContain(`| \`${name}\` |`);
  });

  it('detects a file by the first adapter that accepts its text', () => {
    expect(detectTextFormat('From alice@example.org Mon Apr 21 06:00:00 2008\nFrom: Alice <alice@example.org>\nSubject: oops\n\nbody\n')).toBe('mbox');
    expect(detectTextFormat('From: Alice <alice@example.org>\nSubject: oops\nDate: Mon, 21 Apr 2008 06:00:00 +0200\n\nbody\n')).toBe('eml');
    expect(detectTextFormat('just some notes\n')).toBeNull();
    // Each adapter is reachable: none is shadowed by one before it that accepts everything.
    for (const [i, a] of FILE_ADAPTERS.entries())
      expect(
        FILE_ADAPTERS.slice(0, i).some((b) => b.looksLike('')),
        a.name,
      ).toBe(false);
  });
});
