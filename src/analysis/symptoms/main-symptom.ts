// Which of a thread's symptoms the thread is about. Kernel people read a bug thread from its subject and
// its first report: the report the subject names wins wherever it was posted; otherwise the first message
// that shows a report holds the main one. Within that message, a sanitizer's report (KASAN, KMSAN, UBSAN) or
// else the first full report printed is the bug, and the rest is fallout — the "Kernel panic - not syncing"
// that panic_on_warn or a fatal oops prints after it, a one-line complaint without a stack, a file system's
// own message. Between reports of the same standing, the one more replies name by its function is the one
// the thread is about.
// A thread that shows its report only in quotes is about the quoted one; a thread with no report at all is
// about what its subject says.
import type { Message, Thread } from '../../thread/types.ts';
import type { Symptom, SymptomKind } from '../types.ts';
import { shownIn, type Shown } from './find-symptoms.ts';
import { UNKNOWN_FUNCTION } from './plain-title.ts';
import { findQuotedSymptoms } from './quoted-reports.ts';
import { cleanSubject, rootMessageIndex, subjectSymptom } from './subject-symptom.ts';

// A sanitizer names the bad access itself; a WARN or an oops printed around its report is what the access
// led to, or a check someone added to chase it.
const SANITIZER_KINDS = new Set<SymptomKind>(['kasan', 'kmsan', 'ubsan']);
// A function name shorter than this ("open", "read") is a common word in a subject or a reply.
const MIN_NAMED_FUNCTION = 5;

/**
 * The symptoms with the main one first (the rest keep their order). With none found, the reports the thread
 * only quotes, or else its subject as a symptom of kind `other`: every thread with a subject has one.
 */
export function mainSymptomFirst(thread: Thread, found: Symptom[]): Symptom[] {
  const symptoms = found.length > 0 ? found : findQuotedSymptoms(thread);
  if (symptoms.length === 0) {
    const fallback = subjectSymptom(thread);
    return fallback ? [fallback] : [];
  }
  const root = rootMessageIndex(thread);
  const subject = words(cleanSubject(root === null ? thread.title : (thread.messages[root].subject ?? thread.title)));
  const byName = symptoms.map((s) => subjectNames(subject, s));
  const best = Math.max(...byName);
  // The report the subject names, wherever it is; else every report counts.
  const candidates = symptoms.filter((_, i) => byName[i] === best);
  const first = Math.min(...candidates.map((s) => s.messageIndex));
  const inMessage = candidates.filter((s) => s.messageIndex === first);
  const main = inMessage.length === 1 ? inMessage[0] : mainOfMessage(thread, inMessage);
  return [main, ...symptoms.filter((s) => s !== main)];
}

/** 2: the subject is the title (or holds it); 1: it names the report's function; 0: neither. */
function subjectNames(subject: string, s: Symptom): number {
  if (!subject) return 0;
  const title = words(s.title);
  if (title && (contains(subject, title) || (contains(title, subject) && subject.length >= 12))) return 2;
  return named(subject, s.function) ? 1 : 0;
}

function mainOfMessage(thread: Thread, symptoms: Symptom[]): Symptom {
  const message = thread.messages[symptoms[0].messageIndex];
  const shown = shownIn(message);
  const facts = (s: Symptom): Shown | undefined => shown.find((x) => x.title === s.title);
  const othersCrash = symptoms.some((s) => !isPanic(s) && facts(s)?.crash !== false);
  const rank = (s: Symptom): number => {
    const f = facts(s);
    if (f && !f.crash) return 3;
    if (isPanic(s) && othersCrash) return 2;
    return f && !f.stack ? 1 : 0;
  };
  const talkedOf = discussed(thread, message);
  // Replies decide only between reports of the same standing: the one whose function more of them name.
  return symptoms
    .map((s, order) => ({ s, order, rank: rank(s), sanitizer: SANITIZER_KINDS.has(s.kind) ? 0 : 1, talked: talkedOf(s.function) }))
    .sort((a, b) => a.rank - b.rank || a.sanitizer - b.sanitizer || b.talked - a.talked || a.order - b.order)[0].s;
}

/** A panic, whatever report it names as its reason ("kernel panic: Fatal exception" is of kind oops). */
function isPanic(s: Symptom): boolean {
  return s.kind === 'panic' || /^kernel panic\b/i.test(s.title);
}

/** How many messages other than `message` name a function in their own prose (not quoted, not pasted output). */
function discussed(thread: Thread, message: Message): (fn: string | null) => number {
  const prose = (m: Message) =>
    m.segments
      .filter((s) => s.kind === 'text')
      .map((s) => s.text)
      .join('\n');
  const texts = thread.messages.filter((m) => m !== message && !m.ghost).map((m) => words(prose(m)));
  return (fn) => texts.filter((t) => named(t, fn)).length;
}

function named(text: string, fn: string | null): boolean {
  if (!fn || fn.length < MIN_NAMED_FUNCTION || fn === UNKNOWN_FUNCTION) return false;
  return contains(text, fn.toLowerCase());
}

/** Whether `text` holds `part` as whole words (both as words() leaves them). */
function contains(text: string, part: string): boolean {
  return ` ${text} `.includes(` ${part} `);
}

/** Lower case, every run of characters that is no part of an identifier one space. */
function words(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, ' ')
    .trim();
}
