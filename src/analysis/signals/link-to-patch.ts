// Which patch a statement is about: the patch the message quotes, the patch in the message it answers (or
// higher up the same reply chain), the patch whose code the sentence names, the speaker's own patch when
// they say "my patch", the latest patch of the person they answer, or a patch posted just before.
import type { MessageReading } from '../read/read-message.ts';
import { personKey } from '../read/read-message.ts';
import { namedFixId, type PatchRef, type SignalContext } from './types.ts';

/** How many messages back a statement with no other link may still be about a patch. */
const NEARBY = 5;
/** How far up the reply chain a reply's statement may refer to a patch ("tested, works" under "try this"). */
const ANCESTORS = 3;

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

export function postedIn(ctx: SignalContext, messageIndex: number): PatchRef[] {
  const ids = ctx.readings[messageIndex]?.posts ?? [];
  return ctx.patches.filter((p) => ids.includes(p.id));
}

/**
 * "Jiri's commit", "Andrey Ryabinin's patch": the patch of the person the sentence names — posted before, else
 * (archive dates can be off by days) after. Null when the sentence names nobody's patch, or only the speaker's.
 */
export function namedOwner(ctx: SignalContext, r: MessageReading, sentence: string): string | null {
  const m = /\b([A-Z][\w.-]+(?: [A-Z][\w.-]+){0,2})(?:'s|s') (?:patch|fix|commit|change|diff|version)\b/.exec(sentence);
  if (!m) return null;
  // "With Andrey Ryabinin's patch": the name is the words just before the possessive, as many as an author has.
  const words = m[1].toLowerCase().split(' ');
  const owns = (author: string | null, n: number) => {
    const name = (author ?? '').toLowerCase().split(/\s+/);
    return words.slice(-n).every((w) => name.includes(w));
  };
  const candidates = ctx.patches.filter((p) => p.messageIndex !== r.index && personKey(p.author) !== r.who);
  let theirs: PatchRef[] = [];
  for (let n = Math.min(words.length, 3); n >= 1 && theirs.length === 0; n--) theirs = candidates.filter((p) => owns(p.author, n));
  const earlier = theirs.filter((p) => p.messageIndex < r.index);
  return theirs.length ? (earlier.length ? earlier[earlier.length - 1] : theirs[0]).id : null;
}

/** The patch a statement in message `r` is about, or null when no patch precedes it. */
export function linkToPatch(ctx: SignalContext, r: MessageReading, sentence: string | null): string | null {
  const owner = sentence ? namedOwner(ctx, r, sentence) : null;
  if (owner) return owner;
  const before = ctx.patches.filter((p) => p.messageIndex < r.index || (p.messageIndex === r.index && sentence === null));
  if (before.length === 0) return null;
  if (r.quotesPatches.length) return r.quotesPatches[r.quotesPatches.length - 1];
  // Up the reply chain: the message answered first, then its parents. A message on the way that names a fix
  // posted elsewhere ("the fix is submitted here: <link>") is what a "works for me" under it is about.
  let up = r.message.parentIndex;
  for (let depth = 0; up !== null && depth < ANCESTORS; depth++) {
    const at = up;
    const inIt = before.filter((p) => p.messageIndex === at);
    if (inIt.length) return inIt[inIt.length - 1].id;
    if (ctx.namedAt?.has(at)) return namedFixId(at);
    up = ctx.readings[at]?.message.parentIndex ?? null;
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
  if (sentence && /\bmy (?:patch|fix|change|version|diff)\b/i.test(sentence)) {
    const mine = before.filter((p) => personKey(p.author) === r.who);
    if (mine.length) return mine[mine.length - 1].id;
  }
  const to = personKey(r.answers);
  if (to) {
    const theirs = before.filter((p) => personKey(p.author) === to && p.messageIndex !== r.index);
    if (theirs.length) return theirs[theirs.length - 1].id;
  }
  // Otherwise the latest patch by someone else, if it is recent: a remark far from any patch is not about one.
  const others = before.filter((p) => personKey(p.author) !== r.who && p.messageIndex !== r.index && r.index - p.messageIndex <= NEARBY);
  return others.length ? others[others.length - 1].id : null;
}
