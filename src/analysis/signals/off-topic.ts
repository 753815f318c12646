// A hijacked subthread: someone new to the thread, after it had gone quiet, replies with a problem of their
// own — "I have seen something like this on my server", or a crash log of their own that is not the one the
// thread is about. That message and every reply under it are about another bug: kept out of the fix, the
// status and the timeline (the thread page still shows them).
import type { MessageReading } from '../read/read-message.ts';
import type { Symptom } from '../types.ts';
import { matchesAny, NEGATIVE_TEST, OWN_PROBLEM, POSITIVE_TEST } from './phrases.ts';

/** A thread quiet this long before a newcomer writes has moved on; a reply within it answers the discussion. */
const QUIET_DAYS = 21;
const DAY = 24 * 60 * 60 * 1000;

function epoch(r: MessageReading): number | null {
  const d = r.message.date;
  if (!d) return null;
  const t = Date.parse(/[zZ]|[+-]\d{2}:\d{2}$/.test(d) ? d : `${d}Z`);
  return Number.isNaN(t) ? null : t;
}

/** Marks `offTopic` on the readings of side discussions; returns the indices marked. */
export function markOffTopic(readings: MessageReading[], symptoms: readonly Symptom[] = []): number[] {
  // A crash the newcomer posts that is not the thread's main one (another title) is their own problem.
  const main = symptoms[0];
  const otherCrash = new Set(
    symptoms.filter((x) => main && x.kind !== 'other' && x.title !== main.title && x.messageIndex !== main.messageIndex).map((x) => x.messageIndex),
  );
  const real = readings.filter((r) => !r.message.ghost);
  if (real.length < 3) return [];
  const seen = new Set<string>();
  const roots = new Set<number>();
  let last: number | null = null;
  for (const r of real) {
    const t = epoch(r);
    const quiet = t !== null && last !== null && t - last >= QUIET_DAYS * DAY;
    const newcomer = !!r.who && !seen.has(r.who) && !r.bot && r.message.parentIndex !== null;
    const ownProblem = r.sentences.some((s) => OWN_PROBLEM.test(s.text)) || otherCrash.has(r.index);
    if (
      newcomer &&
      quiet &&
      r.posts.length === 0 &&
      ownProblem &&
      !r.sentences.some((s) => matchesAny(POSITIVE_TEST, s.text) || matchesAny(NEGATIVE_TEST, s.text))
    ) {
      roots.add(r.index);
    }
    if (r.who) seen.add(r.who);
    if (t !== null) last = Math.max(last ?? t, t);
  }
  if (roots.size === 0) return [];
  const marked: number[] = [];
  for (const r of readings) {
    for (let up: number | null = r.index; up !== null; up = readings[up]?.message.parentIndex ?? null) {
      if (roots.has(up)) {
        r.offTopic = true;
        marked.push(r.index);
        break;
      }
      if (up <= (readings[up]?.message.parentIndex ?? -1)) break;
    }
  }
  return marked;
}
