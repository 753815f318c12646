// Is a thread a bug hunt? What `--bugs-only` keeps from a list mbox: a thread that carries a crash report (a
// kernel log the symptom reader recognised: oops, KASAN, lockdep, a hang …), a regression report, a report
// in words of something broken, or a bug-fix patch. A feature series, a cleanup, a question or an announcement is left out. The evidence is what the mail
// says, never the analysis's own guesses: every thread gets a symptom (the subject, kind "other") and most
// patches the role "fix" when nothing better is known, so neither counts on its own.
import type { Thread } from '../thread/index.ts';
import type { Analysis } from './types.ts';

/** Why a thread counts as a bug hunt, or null when it does not. */
export type BugEvidence = 'crash report' | 'regression report' | 'bug report' | 'bug-fix patch';

/** Words a subject uses for a regression report: `[REGRESSION]`, "regression in 6.1", regzbot's tag. */
const REGRESSION = /\bregress(?:ion|ed)\b|#regzbot\b/i;

/**
 * Words a bug-fix patch's subject uses. Kernel subjects are `subsystem: fix …`, "Revert …", or name the kind of
 * bug mended; "fix" inside a word ("prefix", "fixup" of a series) does not count.
 */
const FIX_SUBJECT =
  /(?:^|[\s:(])(?:fix(?:es|ed)?|revert|avoid (?:a |the )?(?:crash|deadlock|oops|panic|leak|race|hang)|(?:use-after-free|uaf|null[- ]pointer|null[- ]ptr|out[- ]of[- ]bounds|double[- ]free|memory leak|refcount leak|deadlock|data race|race condition|lockdep splat|crash|oops|panic|hang)\b)/i;

/** Words a report's subject uses for something broken: "filesystem corruption with …", "hang on resume". */
const FAILURE =
  /\b(?:bugs?|crash(?:es|ed|ing)?|hangs?|hung|deadlocks?|corrupt(?:s|ed|ion)?|oops|panics?|fail(?:s|ed|ing|ure)?|broken|breaks|lockups?|stalls?|leaks?|leaking|splats?|warnings?|issues?|problems?|errors?)\b/i;

/** A patch posting's subject: `[PATCH v2 1/3]`, `[net,v2,1/2]`, `[RFC]`. */
const PATCH_TAG = /^\s*(?:re:\s*)?\[[^\]]*\b(?:patch|rfc|net|net-next|pull)\b[^\]]*\]/i;

/** Trailers that only a patch mending a reported bug carries. */
const BUG_TRAILERS = new Set(['Fixes', 'Reported-by', 'Closes', 'Reported-and-tested-by', 'BugLink']);

export function bugEvidence(thread: Thread, analysis: Analysis): BugEvidence | null {
  if (analysis.symptoms.some((s) => s.kind !== 'other')) return 'crash report';
  const subjects = thread.messages.filter((m) => !m.ghost && m.subject).map((m) => m.subject!);
  if (REGRESSION.test(thread.title) || subjects.some((s) => REGRESSION.test(s))) return 'regression report';
  // A report in words: the thread starts with a message that is not a patch and says something broke.
  const root = thread.messages.find((m) => !m.ghost && m.parentIndex === null);
  if (root?.subject && !PATCH_TAG.test(root.subject) && FAILURE.test(thread.title)) return 'bug report';
  for (const p of analysis.patches) {
    if (p.role === 'unrelated' || p.role === 'debug') continue;
    if (p.trailers.some((t) => BUG_TRAILERS.has(t.key))) return 'bug-fix patch';
    const subject = (p.subject ?? '').replace(/^\s*(?:\[[^\]]*\]\s*)+/, '');
    if (FIX_SUBJECT.test(subject)) return 'bug-fix patch';
  }
  return null;
}
