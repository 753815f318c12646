// Finds what each message says about the patches — works, fails, applied, only a debug hack — and links
// every statement to the patch it is about: the message it replies to, the patch it quotes, the code
// identifiers it names, the author it answers, or the nearest patch before it.
import type { Message, Thread } from '../../thread/types.ts';
import { sentencesOf, type Sentence } from '../sentences.ts';
import { APPLIED, DISCLAIMER, matchesAny, NEGATIVE_TEST, POSITIVE_TEST, PRAISE, PULL_REQUEST, SELF_CLAIM, testPolarity } from './phrases.ts';

/**
 * Every statement below needs one of these phrases: a sentence holding none (97 % of the corpus threads')
 * is passed over with one scan instead of the eight tests in turn.
 */
const ANY_STATEMENT = [...DISCLAIMER, ...SELF_CLAIM, ...NEGATIVE_TEST, ...POSITIVE_TEST, ...APPLIED, PRAISE];

export type EvidenceKind = 'tested' | 'failed' | 'applied' | 'disclaimer' | 'claim' | 'praise' | 'tested-by' | 'reviewed-by' | 'pull';

export interface Evidence {
  kind: EvidenceKind;
  messageIndex: number;
  /** Verbatim sentence (whitespace collapsed) from the message. */
  quote: string;
  patchId: string | null;
  /** Who said it. */
  actor: string | null;
}

/** What evidence linking needs to know about a patch. */
export interface PatchRef {
  id: string;
  messageIndex: number;
  author: string | null;
  /** Code identifiers in the patch's changed lines, hunk headers, file names and subject. */
  identifiers: Set<string>;
  /** Patch ids whose diff the message quotes (a review or test of that patch). */
}

/** Identifiers worth matching: with an underscore, a CamelCase hump, or a file name; not plain words. */
export function codeIdentifiers(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/\b[A-Za-z_][A-Za-z0-9_]*(?:\.[ch])?\b/g)) {
    const w = m[0];
    if (w.length < 5) continue;
    if (w.includes('_') || /[a-z][A-Z]/.test(w) || /\.[ch]$/.test(w)) out.add(w.replace(/\.[ch]$/, ''));
  }
  return out;
}

function personName(m: Message): string | null {
  return m.author?.name ?? m.author?.email ?? null;
}

function normName(name: string | null | undefined): string {
  return (name ?? '').toLowerCase().replace(/[^a-z]+/g, ' ').trim();
}

/**
 * An attribution or `From:` line is short; longer lines are not tried, since the patterns' lazy groups
 * backtrack polynomially on a long one (a pasted megabyte line made this quadratic or worse).
 */
const MAX_ATTRIBUTION_CHARS = 400;

/** The person a message answers, from its attribution line (`X wrote:`, or a bare `From: X <addr>` line). */
function addressee(m: Message): string | null {
  for (const s of m.segments) {
    if (s.kind !== 'text' && s.kind !== 'headers') continue;
    for (const line of s.text.split('\n', 6)) {
      if (line.length > MAX_ATTRIBUTION_CHARS) continue;
      const wrote = /^(?:On .*?,\s*)?(?:"?([^"<>,]+?)"?\s*(?:<[^>]*>)?)\s+(?:wrote|writes|said):\s*$/.exec(line.trim());
      if (wrote) return wrote[1].replace(/^.*\bat \d{1,2}:\d{2}(?::\d{2})?\s*(?:[AP]M)?\s*(?:[+-]\d{4})?,?\s*/i, '').trim();
      const from = /^From:\s*"?([^"<>]+?)"?\s*<[^>]+>\s*$/.exec(line.trim());
      if (from) return from[1].trim();
    }
  }
  return null;
}

export interface LinkContext {
  thread: Thread;
  patches: PatchRef[];
  /** messageIndex → ids of patches whose diff that message quotes. */
  quotedPatches: Map<number, string[]>;
  /** messageIndex → the patch that message's own statements were linked to (filled while collecting). */
  linked?: Map<number, string>;
}

/** The patch a statement in message `m` is about, or null when no patch precedes it. */
export function linkToPatch(ctx: LinkContext, m: Message, sentence: string | null): string | null {
  const before = ctx.patches.filter((p) => p.messageIndex < m.index || (p.messageIndex === m.index && sentence === null));
  if (before.length === 0) return null;
  const quoted = ctx.quotedPatches.get(m.index);
  if (quoted?.length) return quoted[quoted.length - 1];
  if (m.parentIndex !== null) {
    const inParent = before.filter((p) => p.messageIndex === m.parentIndex);
    if (inParent.length) return inParent[inParent.length - 1].id;
  }
  // Named code: "my PageSlab test in page_mapping" points at the patch that touches those identifiers.
  const named = codeIdentifiers(sentence ?? '');
  if (named.size > 0) {
    const scored = before
      .map((p) => ({ p, hits: [...named].filter((w) => p.identifiers.has(w)).length }))
      .filter((x) => x.hits > 0)
      .sort((a, b) => b.hits - a.hits || b.p.messageIndex - a.p.messageIndex);
    if (scored.length) return scored[0].p.id;
  }
  const me = normName(personName(m));
  if (sentence && /\bmy (?:patch|fix|change|test|version)\b/i.test(sentence)) {
    const mine = before.filter((p) => normName(p.author) === me);
    if (mine.length) return mine[mine.length - 1].id;
  }
  const to = normName(addressee(m));
  if (to) {
    const theirs = before.filter((p) => normName(p.author) === to && p.messageIndex !== m.index);
    if (theirs.length) return theirs[theirs.length - 1].id;
  }
  // An answer to a request by name ("it would be good to hear from Nicolas whether that fixes his oops") is
  // about the patch that request was about.
  const asked = askedBy(ctx, m);
  if (asked) return asked;
  // Otherwise the latest patch by someone else, if it is recent: a remark far from any patch is not about one.
  const others = before.filter((p) => normName(p.author) !== me && p.messageIndex !== m.index && m.index - p.messageIndex <= NEARBY);
  return others.length ? others[others.length - 1].id : null;
}

/** How many messages back a statement with no other link may still be about a patch. */
const NEARBY = 5;

/**
 * The patches each message posts, grouped once per patch list: filtering the whole list for every message
 * was quadratic on a list archive (100,000 messages, 10,000 patches: a billion comparisons).
 */
const postedCache = new WeakMap<PatchRef[], Map<number, PatchRef[]>>();
function postedIn(patches: PatchRef[], messageIndex: number): PatchRef[] {
  let byMessage = postedCache.get(patches);
  if (!byMessage) {
    byMessage = new Map();
    for (const p of patches) {
      const list = byMessage.get(p.messageIndex);
      if (list) list.push(p);
      else byMessage.set(p.messageIndex, [p]);
    }
    postedCache.set(patches, byMessage);
  }
  return byMessage.get(messageIndex) ?? [];
}

function askedBy(ctx: LinkContext, m: Message): string | null {
  const first = (m.author?.name ?? '').split(/\s+/)[0];
  if (!first || first.length < 3) return null;
  const named = new RegExp(`\\b${first.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`);
  for (let i = m.index - 1; i >= Math.max(0, m.index - NEARBY); i--) {
    const prev = ctx.thread.messages[i];
    if (prev.ghost || normName(personName(prev)) === normName(personName(m))) continue;
    if (!sentencesOf(prev).some((s) => named.test(s.text))) continue;
    const own = postedIn(ctx.patches, i);
    if (own.length) return own[own.length - 1].id;
    const linked = ctx.linked?.get(i);
    if (linked) return linked;
  }
  return null;
}

function trailerLines(m: Message): { key: string; line: string }[] {
  const out: { key: string; line: string }[] = [];
  for (const s of m.segments) {
    // Every trailer the pattern below takes ends in `ed-by:` (Tested, Reviewed, Acked).
    if ((s.kind !== 'trailers' && s.kind !== 'text') || !s.text.includes('ed-by:')) continue;
    for (const line of s.text.split('\n')) {
      const t = /^\s*((?:[A-Za-z]+-)*(?:Tested|Reviewed|Acked)-by):\s*\S/.exec(line);
      if (t) out.push({ key: t[1].toLowerCase(), line: line.trim() });
    }
  }
  return out;
}

/** Every statement about a patch in the thread, linked to its patch. */
export function collectEvidence(ctx: LinkContext): Evidence[] {
  const out: Evidence[] = [];
  ctx.linked ??= new Map();
  for (const m of ctx.thread.messages) {
    if (m.ghost) continue;
    const actor = personName(m);
    const ownPatches = postedIn(ctx.patches, m.index);
    const sentences: readonly Sentence[] = sentencesOf(m);
    for (const s of sentences) {
      if (!matchesAny(ANY_STATEMENT, s.text)) continue;
      const push = (kind: EvidenceKind, patchId: string | null) => {
        out.push({ kind, messageIndex: m.index, quote: s.text, patchId, actor });
        if (patchId) ctx.linked!.set(m.index, patchId);
      };
      // What a patch's author says in the message that posts it is about that patch.
      if (ownPatches.length && (matchesAny(DISCLAIMER, s.text) || matchesAny(SELF_CLAIM, s.text))) {
        push(matchesAny(DISCLAIMER, s.text) ? 'disclaimer' : 'claim', ownPatches[0].id);
        continue;
      }
      const polarity = testPolarity(s.text);
      if (polarity) {
        const patchId = ownPatches.length && polarity === 'positive' ? ownPatches[0].id : linkToPatch(ctx, m, s.text);
        push(polarity === 'positive' ? (ownPatches.length ? 'claim' : 'tested') : 'failed', patchId);
        continue;
      }
      // "applied here", "with all 5 patches applied": a tester's setup, not a maintainer taking the patch.
      if (matchesAny(APPLIED, s.text) && !/\bwith\b[^.]*\bapplied\b|\bpatches applied\b|\bif (?:\w+ )*applied\b|\bapplied (?:here|locally|on top|cleanly|fine|it and|them)\b|\b(?:test|boot|compil|build)/i.test(s.text)) {
        push('applied', linkToPatch(ctx, m, s.text));
        continue;
      }
      if (matchesAny(SELF_CLAIM, s.text) && /\bmy\b/i.test(s.text)) push('claim', linkToPatch(ctx, m, s.text));
      else if (PRAISE.test(s.text)) push('praise', linkToPatch(ctx, m, s.text));
    }
    for (const t of trailerLines(m)) {
      const kind: EvidenceKind = t.key.includes('tested') ? 'tested-by' : 'reviewed-by';
      if (ownPatches.length === 0) {
        out.push({ kind, messageIndex: m.index, quote: t.line, patchId: linkToPatch(ctx, m, null), actor });
      } else {
        // A patch that carries someone else's Tested-by or Reviewed-by was tested or reviewed by them.
        const who = /:\s*(.*?)\s*(?:<[^>]*>)?\s*$/.exec(t.line)?.[1] ?? null;
        if (who && normName(who) !== normName(actor)) out.push({ kind, messageIndex: m.index, quote: t.line, patchId: ownPatches[ownPatches.length - 1].id, actor: who });
      }
    }
    if (PULL_REQUEST.test(sentences.map((s) => s.text).join(' '))) {
      const quote = sentences.find((s) => PULL_REQUEST.test(s.text))?.text ?? '';
      out.push({ kind: 'pull', messageIndex: m.index, quote, patchId: null, actor });
    }
  }
  return out;
}
