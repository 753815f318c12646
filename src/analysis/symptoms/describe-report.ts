// Titles one report: among its family's formats the one whose title pattern matches earliest in the
// report wins (on a tie, the first listed that fully applies); the captured words and the guilty
// function(s) fill its template. When no format applies, the header line itself is the title.
import type { ReportFamily, ReportFormat } from './format-types.ts';
import { headerIndex, literalNeedle } from './report-families.ts';
import { walkFrames, type WalkedFrame } from './walk-frames.ts';

export interface Description {
  /** The title before normalisation (see clean-title.ts). */
  title: string;
  format: ReportFormat | null;
  /** The frame named in the title (the first frame group), if the format names one. */
  guilty: WalkedFrame | null;
  /** A function the report's words name (see ReportFormat.names), for reports without a stack walk. */
  named: string | null;
  corrupted: boolean;
}

/** A literal every match of a title pattern holds (report-families.ts literalNeedle), by pattern. */
const titleNeedles = new WeakMap<RegExp, string | null>();

function titleNeedle(title: RegExp): string | null {
  let needle = titleNeedles.get(title);
  if (needle === undefined) titleNeedles.set(title, (needle = literalNeedle(title)));
  return needle;
}

/**
 * The title pattern's match in `text`. Most of a family's formats cannot match a given report (the BUG: family
 * has 37): a pattern whose literal is not in the text is not run, and formats sharing a pattern run it once.
 */
function titleMatchIn(text: string, title: RegExp, seen: Map<string, RegExpExecArray | null>): RegExpExecArray | null {
  // With the g or y flag, exec reads and sets lastIndex: run it as it was.
  if (title.global || title.sticky) return title.exec(text);
  const needle = titleNeedle(title);
  if (needle !== null && !text.includes(needle)) return null;
  // Otherwise the same pattern gives the same match.
  const key = `${title.flags}/${title.source}`;
  let m = seen.get(key);
  if (m === undefined) seen.set(key, (m = title.exec(text)));
  return m;
}

export function describeReport(text: string, family: ReportFamily): Description {
  let best: Description | null = null;
  let bestAt = text.length;
  let matchedTitle = false;
  const seen = new Map<string, RegExpExecArray | null>();
  for (const format of family.formats) {
    const titleMatch = titleMatchIn(text, format.title, seen);
    if (!titleMatch || titleMatch.index > bestAt) continue;
    if (titleMatch.index === bestAt && best) continue;
    if (titleMatch.index < bestAt) {
      best = null;
      bestAt = titleMatch.index;
    }
    matchedTitle = true;
    const match = format.detail ? format.detail.exec(text) : titleMatch;
    if (!match) continue;
    const args: string[] = match.slice(1).map((g) => g ?? '');
    let guilty: WalkedFrame | null = null;
    let corrupted = false;
    if (format.frames) {
      const walked = walkFrames(text.slice(match.index), format.frames);
      corrupted = !walked.ok;
      guilty = walked.groups[0] ?? null;
      for (const group of walked.groups) args.push(group?.name ?? 'corrupted');
    }
    const named = format.names ? args[format.names - 1] || null : null;
    best = { title: fill(format.template, args), format, guilty, named, corrupted: corrupted || !!format.corrupted };
  }
  if (best) return best;
  // No format applies: the header line is all we can say, and the report is likely damaged.
  const at = Math.max(0, headerIndex(family, text));
  const end = text.indexOf('\n', at);
  const title = text.slice(at, end < 0 ? undefined : end);
  return { title, format: null, guilty: null, named: null, corrupted: matchedTitle };
}

function fill(template: string, args: string[]): string {
  return template.replace(/\{(\d+(?:\|\d+)*)\}/g, (_, refs: string) => {
    const values = refs.split('|').map((n) => args[Number(n) - 1] ?? '');
    return values.find((v) => v !== '' && v !== 'corrupted') ?? values[0];
  });
}
