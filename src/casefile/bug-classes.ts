// Bug class tags for a case (use-after-free, race, deadlock, …), from the symptom's kind and title and from
// what the fix and the root-cause draft say. Tags are for browsing, so they are few and plain.
import type { Analysis } from '../analysis/types.ts';

const RULES: [tag: string, test: RegExp][] = [
  ['use-after-free', /use-after-free|use after free|\bfreed (?:too early|before)|\bUAF\b|\bfreed\b.*\bstill\b/i],
  ['double-free', /double[- ]free|invalid-free|freed twice/i],
  ['out-of-bounds', /out-of-bounds|out of bounds|overflow|\bOOB\b/i],
  ['null-dereference', /NULL pointer dereference|null-ptr-deref|NULL deref/i],
  ['memory-corruption', /corrupt|paging request|general protection fault|poison|scribbl|overwrit/i],
  ['memory-leak', /memory leak|\bleak(?:s|ed)?\b/i],
  ['deadlock', /deadlock|circular locking|recursive locking|lock inversion|ABBA/i],
  ['race', /\brace\b|racing|races with|data-race|concurrent/i],
  ['locking', /lock state|invalid wait context|sleeping function called from invalid context|scheduling while atomic|bad unlock/i],
  ['hang', /task hung|blocked for more than|soft lockup|hard lockup|hung solid|\bhangs?\b/i],
  ['rcu', /\bRCU\b|rcu_/i],
  ['uninitialized-memory', /uninit-value|uninitiali[sz]ed/i],
  ['undefined-behaviour', /UBSAN|shift-out-of-bounds|signed integer overflow/i],
  ['refcount', /refcount/i],
];

export function bugClasses(a: Analysis, subject: string): string[] {
  const main = a.symptoms[0];
  const text = [main?.title ?? '', subject, a.rootCause?.summary ?? '', a.fix?.subject ?? ''].join('\n');
  const tags = new Set<string>();
  for (const [tag, re] of RULES) if (re.test(text)) tags.add(tag);
  if (main?.kind === 'lockdep') tags.add('locking');
  if (main?.kind === 'hang' || main?.kind === 'rcu-stall') tags.add('hang');
  if (a.culprit || /\bregression\b/i.test(text)) tags.add('regression');
  return [...tags].sort();
}
