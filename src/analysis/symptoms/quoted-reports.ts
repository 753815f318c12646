// Thread → the crash reports it shows only in quotes. When the report's own message is not in the source
// (the archive lost it, or the thread was saved from a later reply on), the replies still quote it, and a
// quote is then the only place the thread shows what it is about. Read only for such threads: where a
// message shows a report itself, a quote of it is a repeat.
import type { Message, Thread } from '../../thread/types.ts';
import type { Symptom } from '../types.ts';
import { findCrashReports } from './find-crash-reports.ts';
import { plainTitle } from './plain-title.ts';
import { refineVersion } from './refine-version.ts';

// `> > [ 65.76] BUG: …`, `>> foo`, and the `| ` some clients quote with.
const QUOTE_MARKS = /^(?:[ \t]*[>|])+ ?/;

/** The reports the first message that quotes one quotes, as symptoms of that message. */
export function findQuotedSymptoms(thread: Thread): Symptom[] {
  const messages = thread.messages.filter((m) => !m.ghost).sort((a, b) => a.index - b.index);
  for (const message of messages) {
    const symptoms = quotedIn(message);
    if (symptoms.length > 0) return symptoms;
  }
  return [];
}

function quotedIn(message: Message): Symptom[] {
  const quoted = message.segments
    .filter((s) => s.kind === 'quote')
    .map((s) =>
      s.text
        .split('\n')
        .map((l) => l.replace(QUOTE_MARKS, ''))
        .join('\n'),
    )
    .join('\n');
  const symptoms: Symptom[] = [];
  for (const report of findCrashReports(quoted)) {
    // As for a message's own text: a quoted title in prose is no report.
    if (report.frames.length === 0 && report.guiltyFrame === null && !report.timestamped) continue;
    const plain = plainTitle(report);
    if (symptoms.some((s) => s.title === plain.title)) continue;
    symptoms.push({
      title: plain.title,
      kind: report.kind,
      function: plain.function,
      kernelVersion: refineVersion(report.kernelVersion, { subjects: [message.subject], texts: [] }),
      arch: report.arch,
      messageIndex: message.index,
    });
  }
  return symptoms;
}
