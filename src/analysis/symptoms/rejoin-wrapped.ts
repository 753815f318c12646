// Mail clients wrap long lines at 72–80 columns, and a pasted console log comes out with its headers cut in
// two: `[ 13.37] WARNING: CPU: 0 PID: 21 at drivers/opp/core.c:678` / `dev_pm_opp_set_rate+0x4cc/0x5d4`.
// In a log whose kernel lines all carry a timestamp, a line without one between two that have one is the
// tail of the line above, when the wrap could have happened there: the line above is about the width mail
// is wrapped at, and the tail's first word would not have fitted on it.
import type { ConsoleLine } from './console-line.ts';
import { familyOf } from './report-families.ts';

// Mail is wrapped at 72 (most clients) to 78 columns; nobody wraps narrower, and a line longer than this was
// not wrapped at all.
const MIN_WRAP_WIDTH = 72;
const MAX_WRAP_WIDTH = 100;
// A console line longer than two wrap widths is rare; a longer run of bare lines is the reporter's own text.
const MAX_TAIL_LINES = 2;
const EMPTY_CONSOLE_LINE = /^(?:<\d+>)?\[ *\d+\.\d+\]/;

/** Joins wrapped tails back onto their console lines, in place; a joined tail becomes an empty line. */
export function rejoinWrapped(raws: readonly string[], lines: ConsoleLine[]): void {
  for (let i = 1; i < lines.length; i++) {
    const head = lines[i - 1];
    if (head.context === '' || lines[i].context !== '') continue;
    const tails: number[] = [];
    let width = raws[i - 1].trimEnd().length;
    let j = i;
    while (j < lines.length && tails.length < MAX_TAIL_LINES && lines[j].context === '' && isTail(lines[j].text, width)) {
      tails.push(j);
      width = raws[j].trimEnd().length;
      j++;
    }
    // Only inside a log: the line after the tails is a console line again.
    if (tails.length === 0 || j >= lines.length || lines[j].context === '') continue;
    head.text = [head.text.trimEnd(), ...tails.map((k) => lines[k].text.trim())].join(' ');
    head.family = undefined;
    for (const k of tails) lines[k] = { text: '', context: head.context, questionable: false, family: null };
    i = j;
  }
}

function isTail(text: string, widthAbove: number): boolean {
  const trimmed = text.trim();
  if (trimmed === '' || widthAbove > MAX_WRAP_WIDTH) return false;
  // An empty console line (`[   67.06][ T4926]`, no space after it) is a line of its own.
  if (EMPTY_CONSOLE_LINE.test(trimmed)) return false;
  const firstWord = trimmed.split(/\s/, 1)[0];
  // A tail that starts a report of its own is a line of its own.
  return widthAbove + 1 + firstWord.length > MIN_WRAP_WIDTH && familyOf(trimmed) === null;
}
