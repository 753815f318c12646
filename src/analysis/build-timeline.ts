// The hunt as typed key events — the report, new traces, hypotheses, questions, bisections, patches, tests,
// reviews, the maintainer's hand, reverts and the verdict that closed it — at most one per message, each
// summarised by a whole sentence of that message's own text. Messages of a hijacked side discussion are left
// out; so is the thread before the report, when it began as something else.
import type { Thread } from '../thread/types.ts';
import type { MessageReading } from './read/read-message.ts';
import { personKey } from './read/read-message.ts';
import type { NamedFix } from './signals/named-fix.ts';
import {
  APPLIED,
  ATTACHED_LOG,
  BISECT,
  CAUSE,
  EXPERIMENT,
  HYPOTHESIS,
  matchesAny,
  QUESTION,
  QUEUED,
  REVERTED,
  testPolarity,
  WEIGHS_IN,
} from './signals/phrases.ts';
import type { Evidence } from './signals/types.ts';
import type { Verdict } from './signals/verdicts.ts';
import type { Sentence } from './sentences.ts';
import type { Patch, PatchRole, Symptom, TimelineEvent, TimelineKind } from './types.ts';

/** A patch as the timeline sees it: reposts are not news. */
type TimelinePatch = Patch & { quotedFrom?: string | null };

/** A timeline holds at most this many events, and about this share of the thread's messages. */
/** A fix posted elsewhere by the one who says so ("submitted for review: <link>"). */
const SUBMITTED = /\b(?:submitted|posted|sent)\b/i;

export const MAX_EVENTS = 20;
export const MIN_EVENTS = 4;
const SHARE_OF_MESSAGES = 1;
const MAX_TRACE_EVENTS = 4;
/** A summary is one whole sentence; sentences.ts cuts run-ons at this length, so a cut one says so. */
const CUT_SENTENCE = 300;

interface Candidate {
  messageIndex: number;
  kind: TimelineKind;
  priority: number;
  summary: string;
}

const GREETING =
  /^(?:hi|hello|hey|dear|thanks?|thank you|cheers|regards|ok|okay|yes|no|nope|hmm+|ah|oh|sure|right|indeed|great|cool)\b[\s,!.]*\S{0,24}[,!.]?$/i;
/** Console output that the segmenter left in prose: a printk line, addresses, hex dumps. */
const LOG_LIKE = /^\[\s*\d+\.\d+\]|\b0x[0-9a-f]{6,}\b|\b[0-9a-f]{16,}\b|^[\w.-]+: [\w-]+ \d/i;

/** The headers `git send-email` puts atop a patch sent inside a reply ("From: Pat <pat@…>", "Subject: …"). */
const IN_BODY_HEADER = /^(?:from|subject|date|to|cc):\s/i;

function saysSomething(s: Sentence): boolean {
  return (
    s.text.length >= 12 && !GREETING.test(s.text) && !LOG_LIKE.test(s.text) && !/^(?:[-=_*#>]{3,}|#syz|#regzbot)/.test(s.text) && !IN_BODY_HEADER.test(s.text)
  );
}

/** A sentence as a summary: whole; one that sentences.ts had to cut at its limit is marked as cut. */
function asSummary(raw: string): string {
  // A separator line the sentence swallowed ("… removed. ____") is not part of it.
  const text = raw.replace(/\s+[_=*~-]{3,}$/, '');
  return text.length >= CUT_SENTENCE && !/[.!?:)"']$/.test(text) ? `${text} …` : text;
}

/** The message's first sentence that says something (not a greeting, not a sign-off). */
function firstSaying(sentences: readonly Sentence[]): Sentence | null {
  return sentences.find((s) => s.text.length >= 20 && saysSomething(s)) ?? sentences.find(saysSomething) ?? null;
}

/** The sentence that introduces a trace: the last one of the prose just before it. */
function introOfTrace(r: MessageReading): Sentence | null {
  const m = r.message;
  const at = m.segments.findIndex((s) => s.kind === 'trace');
  for (let i = at - 1; i >= 0; i--) {
    const seg = m.segments[i];
    if (seg.kind === 'quote') continue;
    if (seg.kind !== 'text') break;
    const flat = seg.text.replace(/\s+/g, ' ');
    const inSeg = r.sentences.filter((s) => flat.includes(s.text) && saysSomething(s));
    if (inSeg.length) return inSeg[inSeg.length - 1];
  }
  return firstSaying(r.sentences);
}

/**
 * Whether the message's text, whitespace runs collapsed to one space, holds `subject`. The pieces of the
 * subject between whitespace are in the text as they are when it does: one missing answers without
 * collapsing the whole message (a patch message is its diff).
 */
function flatIncludes(r: MessageReading, subject: string): boolean {
  const text = r.message.segments.map((seg) => seg.text).join('\n');
  for (const piece of subject.split(/\s+/)) if (piece && !text.includes(piece)) return false;
  return text.replace(/\s+/g, ' ').includes(subject);
}

export interface TimelineInput {
  thread: Thread;
  readings: MessageReading[];
  symptoms: Symptom[];
  patches: TimelinePatch[];
  roles: Map<string, PatchRole>;
  evidence: Evidence[];
  named: NamedFix[];
  verdicts: Verdict[];
  fixPatchId: string | null;
  /** The fix and its reposts and versions: statements about any of them are about the fix. */
  fixGroup: Set<string>;
  culpritMessageIndex: number | null;
  reportIndex: number | null;
  /** The messages the status rests on when the thread closed without a fix (a verdict). */
  closing: number[];
  /** The report's line that names the crash, verbatim. */
  reportLine?: { messageIndex: number; quote: string } | null;
}

const EVIDENCE_EVENT: Partial<Record<Evidence['kind'], { kind: TimelineKind; fix: number; other: number }>> = {
  'syz-test-ok': { kind: 'test', fix: 86, other: 66 },
  tested: { kind: 'test', fix: 85, other: 64 },
  'tested-by': { kind: 'test', fix: 84, other: 62 },
  failed: { kind: 'test', fix: 70, other: 64 },
  'syz-test-crash': { kind: 'test', fix: 70, other: 64 },
  'syz-test-broken': { kind: 'test', fix: 60, other: 56 },
  'syz-test-request': { kind: 'test', fix: 58, other: 54 },
  applied: { kind: 'applied', fix: 88, other: 58 },
  'bot-applied': { kind: 'applied', fix: 88, other: 58 },
  pull: { kind: 'applied', fix: 88, other: 58 },
  'will-apply': { kind: 'review', fix: 62, other: 50 },
  'reviewed-by': { kind: 'review', fix: 60, other: 48 },
  rejected: { kind: 'review', fix: 66, other: 56 },
  praise: { kind: 'review', fix: 40, other: 30 },
};

/** Salutations that open a mail without saying anything. */
const GREETING_ONLY = /^(?:hi|hello|hey|dear)\b[^.!?]{0,40}[,.!]?$/i;
/** Running a bisection, not talking about one: "I bisected it to", "git bisect log", "first bad commit". */
const BISECTION_RUN =
  /\b(?:I|we)(?:'ve| have| had|'d)? (?:\w+ )?(?:bisected|bisect(?:ing)?|ran (?:a )?(?:git )?bisect(?:ion)?|did (?:a )?(?:git )?bisect(?:ion)?)\b|\bfirst bad commit\b|\bgit bisect (?:start|good|bad|log|skip|reset)\b|\bbisect(?:ion)? log\b|^bisected\b/i;
/** syzbot's own bisection mails and a new reproducer: steps of the hunt that no person writes. */
const SYZBOT_BISECTION = /\bsyzbot has bisected this (?:issue|bug) to\b|\bbisection is inconclusive\b|\bsyzbot suspects this (?:issue|bug) was fixed by\b/i;
const SYZBOT_REPRODUCER = /\bsyzbot has found a reproducer\b/i;

export function buildTimeline(input: TimelineInput): TimelineEvent[] {
  const { thread, readings, symptoms, patches, roles, evidence, fixPatchId } = input;
  const candidates: Candidate[] = [];
  const add = (messageIndex: number, kind: TimelineKind, priority: number, sentence: Sentence | string | null | undefined) => {
    const text = typeof sentence === 'string' ? sentence : sentence?.text;
    if (text && !readings[messageIndex].offTopic) candidates.push({ messageIndex, kind, priority, summary: asSummary(text.replace(/\s+/g, ' ').trim()) });
  };
  const real = readings.filter((r) => !r.message.ghost && !r.offTopic);
  const reportIndex = input.reportIndex ?? real[0]?.index ?? 0;
  const report = readings[reportIndex];
  if (report) {
    const opening = report === real[0];
    // A sentence that only introduces what follows ("syzbot found the following issue on:") says less than the
    // crash's title.
    const said = opening ? firstSaying(report.sentences) : introOfTrace(report);
    const crashLine = input.reportLine?.messageIndex === reportIndex ? input.reportLine.quote : null;
    add(reportIndex, 'report', 100, said && !(crashLine && /:\s*$/.test(said.text)) ? said : (crashLine ?? said ?? report.message.subject));
  }
  // New kinds of trace move the hunt; the tenth variant of the same oops does not.
  const seenTraces = new Set<string>();
  for (const s of symptoms) {
    const key = `${s.kind}:${s.function ?? s.title}`;
    if (seenTraces.has(key) || s.messageIndex === reportIndex || seenTraces.size >= MAX_TRACE_EVENTS || s.kind === 'other') continue;
    seenTraces.add(key);
    add(s.messageIndex, 'trace', 52, introOfTrace(readings[s.messageIndex]) ?? s.title);
  }
  for (const p of patches) {
    const role = roles.get(p.id);
    const isFix = p.id === fixPatchId;
    const r = readings[p.messageIndex];
    // A change posted again is news only when its author sends it on (with the acks gathered, to another tree);
    // the same diff under a `#syz test` or in someone else's mail is the test or the review it is part of.
    const first = p.quotedFrom ? patches.find((q) => q.id === p.quotedFrom) : null;
    const resent = !!first && personKey(first.author) === r.who && !r.commands.some((c) => c.bot === 'syz' && c.verb === 'test');
    if (!isFix && ((p.quotedFrom && !resent) || role === 'unrelated')) continue;
    const summary = p.subject && flatIncludes(r, p.subject) ? p.subject : firstSaying(r.sentences);
    const priority = isFix ? 95 : resent ? 62 : role === 'revert' ? 60 : role === 'debug' ? 50 : input.fixGroup.has(p.id) ? 72 : 68;
    // A debugging patch (printks, dumps, "not for merging") probes a theory of the bug; it is not a fix tried.
    const kind: TimelineKind = role === 'revert' ? 'revert' : role === 'debug' && !isFix ? 'hypothesis' : 'patch';
    add(
      p.messageIndex,
      kind,
      priority,
      role === 'debug' && !isFix ? (r.sentences.find((s) => matchesAny(CAUSE, s.text) || HYPOTHESIS.test(s.text)) ?? summary) : summary,
    );
  }
  for (const e of evidence) {
    const event = EVIDENCE_EVENT[e.kind];
    if (!event) continue;
    const aboutFix = e.patchId !== null && input.fixGroup.has(e.patchId);
    add(e.messageIndex, event.kind, aboutFix ? event.fix : event.other, e.quote);
  }
  for (const n of input.named) {
    if (n.strength === 'command' || n.strength === 'bisection')
      add(n.messageIndex, n.strength === 'bisection' ? 'bisect' : 'resolution', n.strength === 'command' ? 92 : 70, n.quote);
    // A commit named as the fix is news of a test ("applying it resolves it"), of a maintainer's tree ("it is in
    // the -rc pile"), or the verdict itself.
    // the posting of it elsewhere ("submitted for review: <link>"), or a claim about it.
    else {
      const kind: TimelineKind =
        testPolarity(n.quote) === 'positive'
          ? 'test'
          : QUEUED.test(n.quote) || matchesAny(APPLIED, n.quote)
            ? 'applied'
            : SUBMITTED.test(n.quote)
              ? 'patch'
              : 'hypothesis';
      // A claim about the fix names it, but a result or a review said in the same message is what the step is.
      add(n.messageIndex, kind, kind === 'hypothesis' ? 49 : 74, n.quote);
    }
  }
  for (const v of input.verdicts) {
    if (v.kind !== 'duplicate' && v.kind !== 'not-a-bug') continue;
    // Commands close a report; of the things said, only the verdict the status rests on.
    const deciding = v.strength === 'command' || input.closing.includes(v.messageIndex);
    add(v.messageIndex, deciding ? 'resolution' : 'hypothesis', deciding ? (v.strength === 'command' ? 92 : 72) : 42, v.quote);
  }
  for (const r of real) {
    if (r.bot === 'syzbot') {
      const bisection = r.sentences.find((s) => SYZBOT_BISECTION.test(s.text));
      if (bisection && r.index !== reportIndex) add(r.index, 'bisect', 70, bisection);
      const repro = r.sentences.find((s) => SYZBOT_REPRODUCER.test(s.text));
      if (repro && r.index !== reportIndex) add(r.index, 'trace', 56, repro);
      continue;
    }
    const parentPosts = r.message.parentIndex !== null && readings[r.message.parentIndex].posts.length > 0;
    const answersPatch = (parentPosts || r.quotesPatches.length > 0) && r.posts.length === 0;
    const patchAuthors = new Set(
      [...(parentPosts ? readings[r.message.parentIndex!].posts : []), ...r.quotesPatches].map((id) => personKey(patches.find((p) => p.id === id)?.author)),
    );
    let said = false;
    let triedToReproduce = false;
    let asked: Sentence | null = null;
    for (const s of r.sentences) {
      if (!saysSomething(s)) continue;
      const question = /\?\s*$/.test(s.text);
      if (question && QUESTION.test(s.text)) asked ??= s;
      if (!question && BISECT.test(s.text)) {
        // Someone who did not run the bisection and talks about it ("bisect points at …, but I think …") reasons
        // about the cause; the step is theirs only when they ran it or it is their report.
        const ranIt = BISECTION_RUN.test(s.text) || r.who === report?.who || r.index === input.culpritMessageIndex;
        add(r.index, ranIt ? 'bisect' : 'hypothesis', ranIt ? (r.index === input.culpritMessageIndex ? 90 : 75) : 46, s);
      } else if (!question && REVERTED.test(s.text)) add(r.index, 'revert', 58, s);
      else if (!question && testPolarity(s.text) !== null) add(r.index, 'test', 50, s);
      else if (!question && EXPERIMENT.test(s.text)) {
        triedToReproduce = true;
        add(r.index, 'test', 50, s);
      } else if (!question && ATTACHED_LOG.test(s.text) && r.posts.length === 0) add(r.index, 'trace', 52, s);
      else if (!question && matchesAny(CAUSE, s.text)) add(r.index, 'hypothesis', 46, s);
      else if (!question && HYPOTHESIS.test(s.text)) add(r.index, 'hypothesis', 45, s);
      else if (question && QUESTION.test(s.text) && r.who !== report?.who) add(r.index, 'question', 44, s);
      else continue;
      said = true;
    }
    // "I tried it here and it does not reproduce; which config do you use?": a reproduction that is not a patch's
    // test, followed by a question, asks the reporter for what the hunt needs next.
    const testsAPatch = evidence.some((e) => e.messageIndex === r.index && e.patchId !== null);
    if (triedToReproduce && asked && !testsAPatch && r.posts.length === 0 && r.who !== report?.who) add(r.index, 'question', 51, asked);
    // A reply to a patch by someone else is a review of it, whatever analysis it holds; so is a reply that opens
    // by weighing what it answers ("Yes, …", "I don't think that's enough", "Makes sense").
    const opening = r.sentences.find((x) => x.text.length >= 3 && !GREETING_ONLY.test(x.text));
    const parentWho = r.message.parentIndex !== null ? readings[r.message.parentIndex].who : null;
    if (answersPatch && !patchAuthors.has(r.who)) add(r.index, 'review', 48, firstSaying(r.sentences));
    else if (
      opening &&
      parentWho &&
      parentWho !== r.who &&
      !readings[r.message.parentIndex!].bot &&
      WEIGHS_IN.test(opening.text) &&
      r.sentences.filter(saysSomething).length >= 2
    )
      add(r.index, 'review', 47, firstSaying(r.sentences) ?? opening);
    else if (!said) {
      // Nothing a rule names: a new log is a trace; talk about the code is analysis; the rest is other.
      const ownLog = r.message.segments.some((seg) => (seg.kind === 'trace' || seg.kind === 'log') && !seg.attachment);
      const technical = r.sentences.find((x) => saysSomething(x) && /\b\w+\(\)|\b[a-z]+_[a-z_]+\b|\b[A-Z]{2,}_[A-Z_]+\b/.test(x.text));
      if (ownLog) add(r.index, 'trace', 30, introOfTrace(r));
      else if (technical) add(r.index, 'hypothesis', 28, technical);
      else add(r.index, 'other', 5, firstSaying(r.sentences));
    }
  }

  // One event per message: its most important one. Before the report the thread was about something else.
  const best = new Map<number, Candidate>();
  for (const c of candidates) {
    if (c.messageIndex < reportIndex) continue;
    const prior = best.get(c.messageIndex);
    if (!prior || c.priority > prior.priority) best.set(c.messageIndex, c);
  }
  const cap = Math.max(MIN_EVENTS, Math.min(MAX_EVENTS, Math.round(real.length * SHARE_OF_MESSAGES)));
  const ranked = [...best.values()].sort((a, b) => b.priority - a.priority || a.messageIndex - b.messageIndex);
  const chosen = ranked.filter((c, i) => i < cap && (c.kind !== 'other' || i < MIN_EVENTS)).sort((a, b) => a.messageIndex - b.messageIndex);
  return chosen.map((c) => ({
    date: thread.messages[c.messageIndex].date,
    kind: c.kind,
    messageIndex: c.messageIndex,
    actor: readings[c.messageIndex].author,
    summary: c.summary,
  }));
}
