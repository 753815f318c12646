// The hunt as 6–20 typed key events: the report, new traces, hypotheses, bisection, patches, tests,
// reviews, the maintainer's hand and the resolution — at most one per message, each summarised by a
// sentence of that message's own new text (never quoted text).
import type { Message, Thread } from '../thread/types.ts';
import type { Evidence } from './evidence/collect.ts';
import { BISECT, CAUSE, HYPOTHESIS, matchesAny, QUESTION, REVERT } from './evidence/phrases.ts';
import { sentencesOf, type Sentence } from './sentences.ts';
import type { Patch, PatchRole, Symptom, TimelineEvent, TimelineKind } from './types.ts';

/** A patch as the timeline sees it: reposts are not news. */
type TimelinePatch = Patch & { quotedFrom?: string | null };

export const MAX_EVENTS = 20;
export const MIN_EVENTS = 6;
const MAX_TRACE_EVENTS = 4;
const MAX_OTHER_PATCH_EVENTS = 5;
/** Summaries are one sentence; a run-on sentence is cut here. */
const MAX_SUMMARY = 220;

interface Candidate {
  messageIndex: number;
  kind: TimelineKind;
  priority: number;
  summary: string;
}

const GREETING = /^(?:hi|hello|hey|dear|thanks?|thank you|cheers|regards|ok|okay|yes|no|hmm+|ah|oh)\b[\s,!.]*\S{0,20}[,!.]?$/i;
/** Console output that the segmenter left in prose: a printk line, addresses, hex dumps. */
const LOG_LIKE = /^\[\s*\d+\.\d+\]|\b0x[0-9a-f]{6,}\b|\b[0-9a-f]{12,}\b|^[\w.-]+: [\w-]+ \d/i;

function saysSomething(s: Sentence): boolean {
  return !GREETING.test(s.text) && !LOG_LIKE.test(s.text);
}

function clip(s: string): string {
  if (s.length <= MAX_SUMMARY) return s;
  return s.slice(0, MAX_SUMMARY).replace(/\s+\S*$/, '') + ' …';
}

/** The message's first sentence that says something (not a greeting, not a sign-off). */
function firstSaying(sentences: readonly Sentence[]): Sentence | null {
  return sentences.find((s) => s.text.length >= 20 && saysSomething(s)) ?? sentences.find((s) => s.text.length >= 8 && saysSomething(s)) ?? null;
}

/**
 * The report: the first message, unless the thread started as something else (a release announcement, a
 * patch) and the bug was reported later in it, in the message that shows the first crash.
 */
export function reportMessage(thread: Thread, symptoms: Symptom[]): Message | null {
  const first = thread.messages.find((m) => !m.ghost) ?? null;
  const symptom = symptoms[0];
  if (!first || !symptom) return first;
  const crash = thread.messages[symptom.messageIndex];
  const early = symptom.messageIndex - first.index <= 3;
  const sameAuthor = (crash.author?.name ?? '') === (first.author?.name ?? '');
  return early || sameAuthor ? first : crash;
}

/** The sentence that introduces a trace: the last one of the prose just before it. */
function introOfTrace(m: Message, own: readonly Sentence[]): Sentence | null {
  const at = m.segments.findIndex((s) => s.kind === 'trace');
  for (let i = at - 1; i >= 0; i--) {
    const seg = m.segments[i];
    if (seg.kind === 'quote') continue;
    if (seg.kind !== 'text') break;
    const flat = seg.text.replace(/\s+/g, ' ');
    const inSeg = own.filter((s) => flat.includes(s.text) && s.text.length >= 12 && saysSomething(s));
    if (inSeg.length) return inSeg[inSeg.length - 1];
  }
  return firstSaying(own);
}

function actorOf(m: Message): string | null {
  return m.author?.name ?? m.author?.email ?? null;
}

export interface TimelineInput {
  thread: Thread;
  symptoms: Symptom[];
  patches: TimelinePatch[];
  roles: Map<string, PatchRole>;
  evidence: Evidence[];
  fixPatchId: string | null;
  /** The fix and its reposts and cut later versions: statements about any of them are about the fix. */
  fixGroup: Set<string>;
  culpritMessageIndex: number | null;
}

/**
 * Whether the message's text, whitespace runs collapsed to one space, holds `subject`. The pieces of the
 * subject between whitespace are in the text as they are when it does: one missing answers without
 * collapsing the whole message (a patch message is its diff).
 */
function flatIncludes(message: Message, subject: string): boolean {
  const text = message.segments.map((seg) => seg.text).join('\n');
  for (const piece of subject.split(/\s+/)) if (piece && !text.includes(piece)) return false;
  return text.replace(/\s+/g, ' ').includes(subject);
}

const ANY_EVENT = [QUESTION, BISECT, REVERT, ...CAUSE, HYPOTHESIS];

export function buildTimeline(input: TimelineInput): TimelineEvent[] {
  const { thread, symptoms, patches, roles, evidence, fixPatchId } = input;
  const candidates: Candidate[] = [];
  const add = (messageIndex: number, kind: TimelineKind, priority: number, sentence: Sentence | string | null) => {
    const text = typeof sentence === 'string' ? sentence : sentence?.text;
    if (text) candidates.push({ messageIndex, kind, priority, summary: clip(text) });
  };
  const real = thread.messages.filter((m) => !m.ghost);
  const sentencesByMessage = new Map(real.map((m) => [m.index, sentencesOf(m)]));
  const sentences = (i: number) => sentencesByMessage.get(i) ?? [];

  const report = reportMessage(thread, symptoms);
  // A thread that opens with the report is summarised by its opening; a report made later in a thread, by
  // the words that introduce its trace.
  const opening = report && report === real[0];
  if (report) add(report.index, 'report', 100, (opening ? firstSaying(sentences(report.index)) : introOfTrace(report, sentences(report.index))) ?? report.subject);
  // New kinds of trace move the hunt; the tenth variant of the same oops does not.
  const seenTraces = new Set<string>();
  let traces = 0;
  for (const s of symptoms) {
    const key = `${s.kind}:${s.function ?? s.title}`;
    if (seenTraces.has(key) || s.messageIndex === report?.index || traces >= MAX_TRACE_EVENTS) continue;
    seenTraces.add(key);
    traces++;
    add(s.messageIndex, 'trace', 60, introOfTrace(thread.messages[s.messageIndex], sentences(s.messageIndex)) ?? s.title);
  }
  // Patches: the fix always; a few candidates (a repost or a quoted copy is not news).
  let otherPatches = 0;
  for (const p of patches) {
    const role = roles.get(p.id);
    const isFix = p.id === fixPatchId;
    if (!isFix && (p.quotedFrom || otherPatches >= MAX_OTHER_PATCH_EVENTS || role === 'unrelated')) continue;
    if (!isFix) otherPatches++;
    const message = thread.messages[p.messageIndex];
    const summary = p.subject && flatIncludes(message, p.subject) ? p.subject : firstSaying(sentences(p.messageIndex));
    const priority = isFix ? 95 : role === 'revert' ? 55 : role === 'debug' ? 35 : 45;
    add(p.messageIndex, role === 'revert' ? 'revert' : 'patch', priority, summary);
  }
  for (const e of evidence) {
    const aboutFix = e.patchId !== null && input.fixGroup.has(e.patchId);
    switch (e.kind) {
      case 'tested':
      case 'tested-by':
        add(e.messageIndex, 'test', aboutFix ? 85 : 45, e.quote);
        break;
      case 'failed':
        add(e.messageIndex, 'test', 62, e.quote);
        break;
      case 'applied':
      case 'pull':
        add(e.messageIndex, 'applied', aboutFix || e.kind === 'pull' ? 88 : 40, e.quote);
        break;
      case 'reviewed-by':
        add(e.messageIndex, 'review', aboutFix ? 25 : 20, e.quote);
        break;
      default:
        break;
    }
  }
  for (const m of real) {
    for (const s of sentences(m.index)) {
      // Each event below needs one of these: one scan passes over a sentence holding none (most).
      if (!matchesAny(ANY_EVENT, s.text)) continue;
      if (/\?\s*$/.test(s.text)) {
        if (QUESTION.test(s.text)) add(m.index, 'question', 15, s);
      } else if (BISECT.test(s.text)) add(m.index, 'bisect', m.index === input.culpritMessageIndex ? 90 : 58, s);
      else if (REVERT.test(s.text)) add(m.index, 'revert', 42, s);
      else if (matchesAny(CAUSE, s.text)) add(m.index, 'hypothesis', 40, s);
      else if (HYPOTHESIS.test(s.text)) add(m.index, 'hypothesis', 30, s);
    }
  }

  // One event per message: its most important one. Before the report the thread was about something else.
  const best = new Map<number, Candidate>();
  for (const c of candidates) {
    if (report && c.messageIndex < report.index) continue;
    const prior = best.get(c.messageIndex);
    if (!prior || c.priority > prior.priority) best.set(c.messageIndex, c);
  }
  let chosen = [...best.values()].sort((a, b) => b.priority - a.priority || a.messageIndex - b.messageIndex).slice(0, MAX_EVENTS);
  // Too few key events: fill with what the remaining messages say first, spread over the thread.
  if (chosen.length < MIN_EVENTS) {
    const used = new Set(chosen.map((c) => c.messageIndex));
    const rest = real.filter((m) => !used.has(m.index));
    const step = Math.max(1, Math.floor(rest.length / (MIN_EVENTS - chosen.length + 1)));
    for (let i = step - 1; i < rest.length && chosen.length < MIN_EVENTS; i += step) {
      const s = firstSaying(sentences(rest[i].index));
      if (s) chosen.push({ messageIndex: rest[i].index, kind: 'other', priority: 0, summary: clip(s.text) });
    }
  }
  chosen = chosen.sort((a, b) => a.messageIndex - b.messageIndex);
  // The last confirmation of the fix, or the maintainer taking it, closes the hunt.
  const closing = chosen.filter((c) => (c.kind === 'test' && c.priority >= 85) || (c.kind === 'applied' && c.priority >= 88));
  const fixAt = chosen.findIndex((c) => c.priority === 95);
  const last = closing[closing.length - 1];
  if (last && fixAt >= 0 && last.messageIndex > chosen[fixAt].messageIndex) last.kind = 'resolution';
  return chosen.map((c) => ({
    date: thread.messages[c.messageIndex].date,
    kind: c.kind,
    messageIndex: c.messageIndex,
    actor: actorOf(thread.messages[c.messageIndex]),
    summary: c.summary,
  }));
}
