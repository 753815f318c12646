// Thread → Symptoms: one per distinct crash report posted in the thread, in message order and, within a
// message, in the order the reports were printed. Reports are read from the messages' trace segments (body
// and attachments) and, to catch what the segmenter did not mark as a trace, from the rest of the message's
// own text; quoted text is never read, since a quoted report is a repeat of one posted before. A report
// posted again later (same title) stays with the message that posted it first. A message that shows no crash
// report may still show what the thread is about in the kernel's words: a file system's error, a task
// blocked in D state, an allocation the kernel warns failed; those are its symptoms then.
import type { Message, Segment, Thread } from '../../thread/types.ts';
import type { Symptom, SymptomKind } from '../types.ts';
import { findAllocFailures } from './alloc-failures.ts';
import { findBlockedTasks } from './blocked-tasks.ts';
import { findCrashReports, type CrashReport, type DescriptionMemo } from './find-crash-reports.ts';
import { findFsMessages } from './fs-messages.ts';
import { plainTitle } from './plain-title.ts';
import { refineVersion } from './refine-version.ts';
import { readTaint } from './report-facts.ts';

// Segments that can hold kernel output a person pasted; diffs, trailers and headers never hold a report
// (a diff's `pr_err("BUG: …")` is code, not a crash).
const PASTED_KINDS = new Set<Segment['kind']>(['text', 'trace', 'log', 'code']);
// A stack dump's header lines follow the message that asked for it within a few lines.
const TAINT_WINDOW = 4;

/** What a message shows, before a thread's symptoms are made of it. */
export interface Shown {
  title: string;
  kind: SymptomKind;
  function: string | null;
  kernelVersion: string | null;
  arch: string | null;
  /** A crash report (false: a file system's message, a blocked task or an allocation failure: no crash). */
  crash: boolean;
  /** The report shows a stack or a faulting function (a one-line complaint shows neither). */
  stack: boolean;
}

// What each message shows, read once: findSymptoms and mainSymptomFirst both ask.
const shownCache = new WeakMap<Message, Shown[]>();

export function findSymptoms(thread: Thread): Symptom[] {
  const symptoms: Symptom[] = [];
  const seen = new Set<string>();
  const messages = [...thread.messages].sort((a, b) => a.index - b.index);
  for (const message of messages) {
    for (const shown of shownIn(message)) {
      if (seen.has(shown.title)) continue;
      seen.add(shown.title);
      symptoms.push(toSymptom(shown, message, thread));
    }
  }
  return symptoms;
}

/** The symptom title of a crash report: the report's syzbot-style title, as a person reads it. */
export function symptomTitle(report: Pick<CrashReport, 'title' | 'function' | 'frames'>): string {
  return plainTitle(report).title;
}

/** What the message shows, in the order it shows it. */
export function shownIn(message: Message): Shown[] {
  let shown = shownCache.get(message);
  if (!shown) shownCache.set(message, (shown = readMessage(message)));
  return shown;
}

function readMessage(message: Message): Shown[] {
  const pasted = message.segments.filter((s) => PASTED_KINDS.has(s.kind));
  const text = pasted.map((s) => s.text).join('\n');
  const found = reportsIn(pasted, text);
  if (found.length > 0) {
    return found.map(({ report }) => {
      const plain = plainTitle(report);
      const stack = report.frames.length > 0 || report.guiltyFrame !== null || plain.function !== null;
      return { title: plain.title, kind: report.kind, function: plain.function, kernelVersion: report.kernelVersion, arch: report.arch, crash: true, stack };
    });
  }
  const messages = [
    ...findFsMessages(text).map((m) => ({ line: m.line, title: m.title, kind: m.kind, function: m.function })),
    ...findBlockedTasks(text).map((t) => ({ line: t.line, title: t.title, kind: 'hang' as const, function: t.function })),
    ...findAllocFailures(text).map((f) => ({ line: f.line, title: f.title, kind: f.kind, function: f.function })),
  ].sort((a, b) => a.line - b.line);
  if (messages.length === 0) return [];
  const lines = text.split('\n');
  return messages.map((m) => ({
    title: m.title,
    kind: m.kind,
    function: m.function,
    // The kernel's "CPU: 1 PID: 46 Comm: … Not tainted 6.4.0-rc6 #0" line, when a stack dump follows the message.
    kernelVersion: readTaint(lines.slice(m.line, m.line + TAINT_WINDOW)).kernelVersion,
    arch: null,
    crash: false,
    stack: m.function !== null,
  }));
}

/** The crash reports of the pasted segments, with the line of the joined text each starts on, in order. */
function reportsIn(pasted: readonly Segment[], text: string): { report: CrashReport; line: number }[] {
  const found: { report: CrashReport; line: number }[] = [];
  const memo: DescriptionMemo = new Map();
  let segmentLine = 0;
  for (const segment of pasted) {
    if (segment.kind === 'trace') {
      for (const report of findCrashReports(segment.text, memo)) found.push({ report, line: segmentLine + report.startLine });
    }
    segmentLine += segment.text.split('\n').length;
  }
  // The segmenter may have missed a report (or cut one in two): read the unquoted text as a whole, but
  // only believe reports there that show a stack or a faulting frame, or whose header is a timestamped
  // console line, since prose mentions "BUG:", "WARNING:" and whole syzbot titles too.
  for (const report of findCrashReports(text, memo)) {
    if (report.frames.length > 0 || report.guiltyFrame !== null || report.timestamped) found.push({ report, line: report.startLine });
  }
  // A report cut in two by the segmenter reads as "… in corrupted" from its first piece; the whole text
  // names the function, and the damaged title is dropped.
  // (The same damaged report read twice is kept.)
  const damaged = (title: string) => title.endsWith(' in corrupted');
  const whole = found.filter(
    ({ report: r }) => !damaged(r.title) || !found.some(({ report: o }) => !damaged(o.title) && o.title.startsWith(r.title.slice(0, -'corrupted'.length))),
  );
  // Stable: a report found in both readings keeps its first place.
  return whole.sort((a, b) => a.line - b.line);
}

function toSymptom(shown: Shown, message: Message, thread: Thread): Symptom {
  const texts = message.segments.filter((s) => s.kind !== 'quote').map((s) => s.text);
  return {
    title: shown.title,
    kind: shown.kind,
    function: shown.function,
    kernelVersion: refineVersion(shown.kernelVersion, { subjects: subjectsOf(message, thread), texts }),
    arch: shown.arch,
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
