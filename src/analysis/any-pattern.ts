// "Does any of these patterns match?" asked of every sentence or line of a thread. Trying a list of regexes one
// after another scans the text once per pattern; one alternation of them all (per flag set) scans it once.
// Patterns that cannot be joined (global or sticky state, backreferences, named groups) are tried alone.

interface Joined {
  length: number;
  tests: RegExp[];
}

const joined = new WeakMap<readonly RegExp[], Joined>();

const ALONE_FLAGS = /[gy]/;
const NUMBERED = /\\[1-9]|\\k<|\(\?<(?![=!])/;

function join(patterns: readonly RegExp[]): Joined {
  const byFlags = new Map<string, string[]>();
  const alone: RegExp[] = [];
  for (const p of patterns) {
    if (ALONE_FLAGS.test(p.flags) || NUMBERED.test(p.source)) alone.push(p);
    else byFlags.set(p.flags, [...(byFlags.get(p.flags) ?? []), `(?:${p.source})`]);
  }
  const tests = [...byFlags].map(([flags, sources]) => new RegExp(sources.join('|'), flags));
  return { length: patterns.length, tests: [...tests, ...alone] };
}

/** True when one of `patterns` matches `text` (the same answer as `patterns.some((p) => p.test(text))`). */
export function anyPatternMatches(patterns: readonly RegExp[], text: string): boolean {
  let j = joined.get(patterns);
  if (!j || j.length !== patterns.length) {
    j = join(patterns);
    joined.set(patterns, j);
  }
  for (const t of j.tests) if (t.test(text)) return true;
  return false;
}
