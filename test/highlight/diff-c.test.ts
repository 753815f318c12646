// The diff grammar: diff structure as meta, the code on hunk lines as C, and where a hunk ends.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Highlighter } from 'shiki';
import { beforeAll, describe, expect, it } from 'vitest';
import { classifyDiffLines } from '../../src/highlight/transformer-diff-lines.ts';
import { FIXTURES } from '../helpers/paths.ts';
import { createTestHighlighter, scopedTokens, scopesOf, type ScopedToken } from './scope-dump.ts';

let h: Highlighter;
beforeAll(async () => {
  h = await createTestHighlighter();
});

const diff = (code: string): ScopedToken[][] => scopedTokens(h, code, 'diff');

describe('diff: Jiri Slaby’s alternative.c fix (seed 000)', () => {
  const patch = readFileSync(join(FIXTURES, 'highlight/diff-c/input.diff'), 'utf8');
  const source = patch.split('\n');
  const at = (prefix: string): ScopedToken[] => diff(patch)[source.findIndex((l) => l.startsWith(prefix))];

  it('colours the `+` line as inserted and its `if` as C', () => {
    const added = at('+\tif (core_kernel_text');
    expect(scopesOf(added, '+')).toEqual(['meta.diff.hunk', 'markup.inserted.diff', 'punctuation.definition.inserted.diff']);
    expect(scopesOf(added, 'if')).toEqual(expect.arrayContaining(['markup.inserted.diff', 'keyword.control.c']));
    expect(scopesOf(added, 'core_kernel_text')).toEqual(expect.arrayContaining(['entity.name.function.c']));
  });

  it('colours the `-` line as deleted, with C inside', () => {
    const removed = at('-\tif (kernel_text_address');
    expect(scopesOf(removed, '-')).toContain('markup.deleted.diff');
    expect(scopesOf(removed, 'if')).toEqual(expect.arrayContaining(['markup.deleted.diff', 'keyword.control.c']));
  });

  it('reads context lines as C and keeps the headers and diffstat as meta', () => {
    expect(scopesOf(at(' \t\tstruct page'), 'struct')).toContain('storage.type.struct.c');
    expect(scopesOf(at('diff --git'), source.find((l) => l.startsWith('diff --git'))!)).toEqual(['meta.diff.header.git']);
    expect(scopesOf(at('--- a/'), '---')).toContain('meta.diff.header.from-file');
    expect(scopesOf(at('+++ b/'), '+++')).toContain('meta.diff.header.to-file');
    expect(scopesOf(at('@@ '), '@@')).toContain('meta.diff.range.unified');
    expect(scopesOf(at('@@ '), 'text_poke')).toContain('entity.name.function.c');
    expect(scopesOf(at(' arch/x86/kernel/alternative.c |'), 'arch/x86/kernel/alternative.c')).toContain('meta.diff.stat');
    expect(scopesOf(at(' 1 files changed'), ' 1 files changed, 1 insertions(+), 1 deletions(-)')).toEqual(['meta.diff.stat.summary']);
  });

  it('takes the `-- ` signature as the end of the patch, not as a removed line', () => {
    expect(scopesOf(at('-- '), '-- ')).toEqual(['comment.block.signature.diff']);
    expect(scopesOf(at('1.5.4.5'), '1.5.4.5')).toEqual(['comment.block.signature.diff']);
  });
});

describe('diff: C on hunk lines', () => {
  const HUNK = [
    '@@ -10,6 +10,9 @@ static void foo_release(struct foo *f)',
    '+#include <linux/slab.h>',
    '+	/* the list may still hold f:',
    '+	 * take it out first */',
    '+	if (f->buf) {',
    '+#ifdef CONFIG_FOO_DEBUG',
    '-	kfree(f);',
    '+	kfree(f->buf);',
    ' 	return;',
  ];
  let lines: ScopedToken[][];
  beforeAll(() => {
    lines = diff(HUNK.join('\n'));
  });

  it('gives kfree( a function scope, and struct and return keyword scopes', () => {
    expect(scopesOf(lines[6], 'kfree')).toContain('entity.name.function.c');
    expect(scopesOf(lines[0], 'struct')).toContain('storage.type.struct.c');
    expect(scopesOf(lines[8], 'return')).toContain('keyword.control.c');
  });

  it('carries a block comment across the lines of a run', () => {
    expect(scopesOf(lines[3], '\t * take it out first ')).toContain('comment.block.c');
  });

  it('finds preprocessor directives after the diff marker, at any depth of C', () => {
    expect(scopesOf(lines[1], 'include')).toContain('keyword.control.directive.include.c');
    expect(scopesOf(lines[1], '<linux/slab.h>')).toContain('string.quoted.other.include.c');
    expect(scopesOf(lines[5], 'ifdef')).toContain('keyword.control.directive.conditional.c');
  });
});

describe('diff: where a hunk ends', () => {
  it('takes `--- a/…` after a hunk as the next file, not as a removal', () => {
    const code = ['@@ -1 +1 @@', '-a;', '+b;', '--- a/y.c', '+++ b/y.c', '@@ -1 +1 @@', ' c;'].join('\n');
    const lines = diff(code);
    expect(scopesOf(lines[3], '---')).toEqual(['meta.diff.header.from-file', 'punctuation.definition.from-file.diff']);
    expect(scopesOf(lines[4], '+++')).toEqual(['meta.diff.header.to-file', 'punctuation.definition.to-file.diff']);
    expect(classifyDiffLines(code.split('\n'))).toEqual([null, 'remove', 'add', null, null, null, null]);
  });

  it('keeps an empty line (a mailer-stripped context line) in the hunk and ends it at prose', () => {
    const code = ['@@ -1,3 +1,3 @@', '-a;', '', '+b;', 'Thanks,', '+not a diff line'].join('\n');
    expect(classifyDiffLines(code.split('\n'))).toEqual([null, 'remove', null, 'add', null, null]);
    expect(scopesOf(diff(code)[5], '+not a diff line')).toEqual([]);
  });
});

describe('diff: a snippet pasted without its @@ line', () => {
  const SNIPPET = [
    'something like this (untested):',
    '',
    '- fix the leak in the error path',
    '-\tif (kernel_text_address((unsigned long)addr)) {',
    '+\tif (core_kernel_text((unsigned long)addr)) {',
    '+}',
    '---',
  ];
  it('colours tab-indented `+`/`-` code as a loose run, and leaves prose bullets alone', () => {
    const lines = diff(SNIPPET.join('\n'));
    expect(scopesOf(lines[2], '- fix the leak in the error path')).toEqual([]);
    expect(scopesOf(lines[3], 'if')).toEqual(expect.arrayContaining(['markup.deleted.diff', 'keyword.control.c']));
    expect(scopesOf(lines[4], 'if')).toEqual(expect.arrayContaining(['markup.inserted.diff', 'keyword.control.c']));
    expect(scopesOf(lines[5], '+')).toContain('markup.inserted.diff');
    expect(scopesOf(lines[6], '---')).toEqual(['meta.separator.diff']);
    expect(classifyDiffLines(SNIPPET)).toEqual([null, null, null, 'remove', 'add', 'add', null]);
  });
});

describe('diff: the line classes follow the grammar', () => {
  // classifyDiffLines re-reads the grammar's line rules for the transformer; this keeps the two in step.
  const kindByGrammar = (tokens: ScopedToken[]) => {
    const marker = tokens[0]?.scopes ?? [];
    if (marker.includes('punctuation.definition.inserted.diff')) return 'add';
    if (marker.includes('punctuation.definition.deleted.diff')) return 'remove';
    return null;
  };
  it.each(['diff-c', 'diff-quilt'])('%s', (name) => {
    const code = readFileSync(join(FIXTURES, `highlight/${name}/input.diff`), 'utf8').replace(/\n$/, '');
    expect(classifyDiffLines(code.split('\n'))).toEqual(diff(code).map(kindByGrammar));
  });
});
