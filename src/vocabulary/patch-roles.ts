// What a patch posted in a thread was to the bug hunt. The one list for the analysis and the case schema.

export const PATCH_ROLES = [
  /** The patch that fixed the reported bug. */
  'fix',
  /** Offered as a fix, not (or not yet) the one that fixed it: an earlier version, a guess, a rejected approach. */
  'candidate',
  /** Written to learn something: printks, WARN_ONs, a diagnostic hack. */
  'debug',
  /** A cleanup, rename or refactor that changes no behaviour the bug depends on. */
  'cleanup',
  /** Takes a commit back out. */
  'revert',
  /** Adds or changes tests only (selftests, KUnit, lib/test_*): a way to catch the bug, not its fix. */
  'test',
  /** About another bug: an earlier patch the thread started from, a hijacked side discussion. */
  'unrelated',
] as const;

export type PatchRole = (typeof PATCH_ROLES)[number];
