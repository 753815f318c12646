// A 1–3 sentence root-cause draft for an editor, every sentence a verbatim citation: the fix's own
// commit message first (it says what was wrong), then the bisection's conclusion, then the cause
// statements made in the thread that name the code the fix touches.
import type { Thread } from '../thread/types.ts';
import { CAUSE, matchesAny } from './signals/phrases.ts';
import { codeIdentifiers } from './signals/link-to-patch.ts';
import { sentencesOf, type Sentence } from './sentences.ts';
import type { Quote } from './types.ts';

export interface RootCauseDraft {
  summary: string;
  citations: Quote[];
  /** Always true: the machine drafts, an editor decides. */
  draft: true;
}

const MAX_SENTENCES = 3;

export interface RootCauseInput {
  thread: Thread;
  fixMessageIndex: number | null;
  /** Identifiers in the fix's diff, to prefer statements about the code it changes. */
  fixIdentifiers: Set<string>;
  culprit: { messageIndex: number; quote: string } | null;
  /** The fix patch's commit message, when it has one. */
  fixCommitMessage?: string | null;
}

/** A sentence that is mostly code (a pasted call or declaration) explains nothing on its own. */
const CODE_LIKE = /[;{}]\s*$|\(\*|\)\s*\{|^\s*#\s*(?:define|include|if)/;

function mentions(s: Sentence, identifiers: Set<string>): number {
  return [...codeIdentifiers(s.text)].filter((w) => identifiers.has(w)).length;
}

export function draftRootCause(input: RootCauseInput): RootCauseDraft | null {
  const { thread, fixMessageIndex, fixIdentifiers } = input;
  const picked: Sentence[] = [];
  const take = (s: Sentence | undefined) => {
    if (s && picked.length < MAX_SENTENCES && !picked.some((p) => p.text === s.text)) picked.push(s);
  };
  if (fixMessageIndex !== null) {
    const own = sentencesOf(thread.messages[fixMessageIndex]).filter((x) => !CODE_LIKE.test(x.text) && !/\?\s*$/.test(x.text));
    // The fix's commit message says what was wrong: its cause statements, else its opening sentence.
    const commit = (input.fixCommitMessage ?? '').replace(/\s+/g, ' ');
    const inCommit = commit ? own.filter((x) => commit.includes(x.text)) : [];
    const causes = inCommit.filter((x) => matchesAny(CAUSE, x.text));
    for (const s of causes.length ? causes.slice(0, 2) : inCommit.slice(0, 2)) take(s);
    if (picked.length === 0) for (const s of own.filter((x) => matchesAny(CAUSE, x.text)).slice(0, 2)) take(s);
    if (picked.length === 0) for (const s of own.filter((x) => mentions(x, fixIdentifiers) > 0).slice(0, 2)) take(s);
  }
  if (input.culprit && picked.length < MAX_SENTENCES) {
    const s = sentencesOf(thread.messages[input.culprit.messageIndex]).find((x) => x.text.includes(input.culprit!.quote.slice(0, 40)));
    take(s);
  }
  if (picked.length < MAX_SENTENCES) {
    const others = thread.messages
      .filter((m) => !m.ghost && m.index !== fixMessageIndex)
      .flatMap((m) => sentencesOf(m))
      .filter((s) => matchesAny(CAUSE, s.text) && !/\?\s*$/.test(s.text) && !CODE_LIKE.test(s.text))
      .map((s) => ({ s, score: mentions(s, fixIdentifiers) }))
      .filter((x) => fixIdentifiers.size === 0 || x.score > 0)
      .sort((a, b) => b.score - a.score || a.s.messageIndex - b.s.messageIndex);
    for (const x of others) take(x.s);
  }
  if (picked.length === 0) return null;
  // Kept in order of authority: the fix's own words first.
  return {
    summary: picked.map((s) => s.text).join(' '),
    citations: picked.map((s) => ({ messageIndex: s.messageIndex, quote: s.text })),
    draft: true,
  };
}
