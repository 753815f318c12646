// Thread → Symptoms: one per distinct crash report posted in the thread, in message order. Reports are
// read from the messages' trace segments (body and attachments) and, to catch what the segmenter did
// not mark as a trace, from the rest of the message's own text; quoted text is never read, since a
// quoted report is a repeat of one posted before. A report posted again later (same title) stays with
// the message that posted it first.
import type { Message, Segment, Thread } from '../../thread/types.ts';
import type { Symptom } from '../types.ts';
import { findCrashReports, type CrashReport, type DescriptionMemo } from './find-crash-reports.ts';
import { refineVersion } from './refine-version.ts';

// Segments that can hold kernel output a person pasted; diffs, trailers and headers never hold a report
// (a diff's `pr_err("BUG: …")` is code, not a crash).
const PASTED_KINDS = new Set<Segment['kind']>(['text', 'trace', 'log', 'code']);

export function findSymptoms(thread: Thread): Symptom[] {
  const symptoms: Symptom[] = [];
  const seen = new Set<string>();
  const messages = [...thread.messages].sort((a, b) => a.index - b.index);
  for (const message of messages) {
    for (const report of reportsIn(message)) {
      if (seen.has(report.title)) continue;
      seen.add(report.title);
      symptoms.push(toSymptom(report, message, thread));
    }
  }
  return symptoms;
}

/** The symptom title of a crash report: the report's syzbot-style title. */
export function symptomTitle(report: Pick<CrashReport, 'title'>): string {
  return report.title;
}

function reportsIn(message: Message): CrashReport[] {
  const found: CrashReport[] = [];
  const memo: DescriptionMemo = new Map();
  for (const segment of message.segments) {
    if (segment.kind === 'trace') found.push(...findCrashReports(segment.text, memo));
  }
  // The segmenter may have missed a report (or cut one in two): read the unquoted text as a whole, but
  // only believe reports there that show a stack or a faulting frame, since prose mentions "BUG:",
  // "WARNING:" and whole syzbot titles too.
  const text = message.segments.filter((s) => PASTED_KINDS.has(s.kind)).map((s) => s.text).join('\n');
  for (const report of findCrashReports(text, memo)) {
    if (report.frames.length > 0 || report.guiltyFrame !== null) found.push(report);
  }
  // A report cut in two by the segmenter reads as "… in corrupted" from its first piece; the whole text
  // names the function, and the damaged title is dropped.
  return found.filter((r) => !r.title.endsWith(' in corrupted') || !found.some((o) => o !== r && o.title.startsWith(r.title.slice(0, -'corrupted'.length))));
}

function toSymptom(report: CrashReport, message: Message, thread: Thread): Symptom {
  const texts = message.segments.filter((s) => s.kind !== 'quote').map((s) => s.text);
  return {
    title: symptomTitle(report),
    kind: report.kind,
    function: report.function,
    kernelVersion: refineVersion(report.kernelVersion, { subjects: subjectsOf(message, thread), texts }),
    arch: report.arch,
    messageIndex: message.index,
  };
}

/**
 * The subject lines that speak for a message: its own, or — when the source kept none (web-archive
 * scrapes) — the thread's, but only for the thread starter's messages: another poster's oops in the
 * same thread may come from another kernel.
 */
function subjectsOf(message: Message, thread: Thread): string[] {
  if (message.subject) return [message.subject];
  const root = thread.messages[0];
  const sameAuthor = !!root?.author && message.author?.email === root.author.email && message.author?.name === root.author.name;
  return message === root || sameAuthor ? [thread.title] : [];
}
