// Two ways of writing one commit title are one title: `[PATCH v2 1/3] mm: Fix foo()` in a mail, `mm: fix foo()`
// in a pull request, `"mm: fix foo()"` in a `#syz fix:` line.
import { parsePatchSubject } from './patch-subject.ts';

export function normalizeSubject(s: string): string {
  return parsePatchSubject(s.trim().replace(/^["“']|["”']$/g, ''))
    .subject.toLowerCase()
    .replace(/[^a-z0-9_]+/g, ' ')
    .trim();
}

/** Equal once normalised, or one holds the other whole (an editor's prefix added or dropped). */
export function sameSubject(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return false;
  const [x, y] = [normalizeSubject(a), normalizeSubject(b)];
  if (x.length < 8 || y.length < 8) return x === y && x.length > 0;
  return x === y || (x.length >= 16 && y.includes(x)) || (y.length >= 16 && x.includes(y));
}
