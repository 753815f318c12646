// Classes on the added and removed lines of a diff, so CSS can tint whole lines, not only their text:
//   +	if (core_kernel_text(…)) {      →   <span class="line diff add">
//   -	if (kernel_text_address(…)) {   →   <span class="line diff remove">
// Header lines (`--- a/…`, `+++ b/…`), diffstat and commit message get none. The line rules are the
// diff grammar's own, so a line is tinted exactly when the grammar colours it as added or removed.
import type { ShikiTransformer } from 'shiki';
import { HUNK_HEADER, HUNK_LINE, LOOSE_RUN, diffCGrammar } from './diff-c.ts';

export type DiffLineKind = 'add' | 'remove';

const DIFF_LANGS = new Set<string>([diffCGrammar.name, ...(diffCGrammar.aliases ?? [])]);
const KIND = { '+': 'add', '-': 'remove' } as const;
const hunkHeader = new RegExp(HUNK_HEADER);
const hunkLine = new RegExp(HUNK_LINE);
const loose = {
  '+': { begin: new RegExp(LOOSE_RUN['+'].begin), while: new RegExp(LOOSE_RUN['+'].while) },
  '-': { begin: new RegExp(LOOSE_RUN['-'].begin), while: new RegExp(LOOSE_RUN['-'].while) },
};

/** `add`, `remove` or null for each line, by the grammar's rules for hunks and loose runs. */
export function classifyDiffLines(lines: readonly string[]): (DiffLineKind | null)[] {
  let inHunk = false;
  let run: '+' | '-' | null = null;
  return lines.map((line) => {
    if (hunkHeader.test(line)) {
      inHunk = true;
      run = null;
      return null;
    }
    inHunk &&= hunkLine.test(line);
    const marker = line[0];
    if (inHunk) return marker === '+' || marker === '-' ? KIND[marker] : null;
    if (run && !loose[run].while.test(line)) run = null;
    if (!run && (marker === '+' || marker === '-') && loose[marker].begin.test(line)) run = marker;
    return run ? KIND[run] : null;
  });
}

export function transformerDiffLines(): ShikiTransformer {
  return {
    name: 'casebook:diff-lines',
    code() {
      if (!DIFF_LANGS.has(this.options.lang)) return;
      const kinds = classifyDiffLines(this.source.split(/\r\n|\r|\n/));
      this.lines.forEach((line, i) => {
        const kind = kinds[i];
        if (kind) this.addClassToHast(line, ['diff', kind]);
      });
    },
  };
}
