// A thread that shows no crash report is still about something: a slow reboot, a failed mount, a build
// error. Its symptom is what the reporter named it in the subject, in plain words: without the list's
// tags (`[PATCH v2 3/5]`, `[syzbot] [xfs?]`, `[REGRESSION]`, `Re:`, `Fwd:`) and syzbot's repeat counter,
// of kind `other` unless the subject is a crash title itself.
import type { Thread } from '../../thread/types.ts';
import type { Symptom, SymptomKind } from '../types.ts';
import { refineVersion } from './refine-version.ts';
import { titleKind } from './title-family.ts';

// `Re:`, `Fwd:`, `AW:` (German clients), `[tag]` and `Re[2]:`, in any order and number at the start.
const LEADING_TAGS = /^\s*(?:(?:re|fwd?|aw|sv|antw)(?:\[\d+\])?\s*:\s*|\[[^\]]*\]\s*)+/i;
// syzbot numbers a title it has seen before: "INFO: task hung in foo (4)".
const REPEAT_COUNTER = /\s+\(\d+\)$/;
// A subject is a line; a title stays a title.
const MAX_TITLE_LENGTH = 120;

/** The subject without its tags, or '' when nothing is left. */
export function cleanSubject(subject: string | null | undefined): string {
  let out = (subject ?? '').replace(/\s+/g, ' ').trim();
  for (let prev = ''; prev !== out; ) {
    prev = out;
    // `[PATCH]: fix …` leaves its colon behind.
    out = out
      .replace(LEADING_TAGS, '')
      .replace(REPEAT_COUNTER, '')
      .replace(/^[:\s-]+/, '')
      .trim();
  }
  return out.length > MAX_TITLE_LENGTH ? `${out.slice(0, MAX_TITLE_LENGTH - 1).replace(/\s+\S*$/, '')}…` : out;
}

/** The message the thread starts with: its first one the source holds. */
export function rootMessageIndex(thread: Thread): number | null {
  return thread.messages.find((m) => !m.ghost)?.index ?? null;
}

/** The thread's subject as its symptom, or null when the thread has no subject to tell. */
export function subjectSymptom(thread: Thread): Symptom | null {
  const root = rootMessageIndex(thread);
  if (root === null) return null;
  const message = thread.messages[root];
  const subject = message.subject ?? thread.title;
  const title = cleanSubject(subject);
  if (!title) return null;
  const texts = message.segments.filter((s) => s.kind === 'text').map((s) => s.text);
  const report = reportTitle(title);
  return {
    title,
    kind: report?.kind ?? 'other',
    function: report?.function ?? null,
    kernelVersion: refineVersion(null, { subjects: [subject], texts }),
    arch: null,
    messageIndex: root,
  };
}

/**
 * A subject that is itself a crash title — syzbot's ("WARNING in foo", "KASAN: … in foo") or a pasted header
 * ("WARNING: at drivers/foo/core.c:120 foo_set_rate+0x4c/0x5d4") — says the report's kind and
 * function, though the report is not in the thread (a reply saved without the report it answers).
 * A panic is left out: "Kernel panic on module load" is a person's sentence.
 */
function reportTitle(title: string): { kind: SymptomKind; function: string | null } | null {
  const kind = titleKind(title);
  if (kind === 'other' || kind === 'panic') return null;
  const fn = / in ([A-Za-z_]\w*)(?:\(\))?$/.exec(title)?.[1] ?? /\b([A-Za-z_]\w*)\+0x[0-9a-f]+/.exec(title)?.[1] ?? null;
  return { kind, function: fn };
}
