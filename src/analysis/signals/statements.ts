// What people say about the patches, sentence by sentence: it works, it fails, it is applied, it will be
// taken, it is wrong, it is only a debug hack; and the trailers they add (Tested-by, Reviewed-by, Acked-by,
// Nacked-by). Each statement is linked to the patch it is about (link-to-patch.ts).
import type { MessageReading } from '../read/read-message.ts';
import { personKey } from '../read/read-message.ts';
import type { Sentence } from '../sentences.ts';
import { linkToPatch, namedOwner, postedIn } from './link-to-patch.ts';
import {
  APPLIED,
  APPLIED_BY_TESTER,
  DISCLAIMER,
  matchesAny,
  NEGATIVE_TEST,
  POSITIVE_TEST,
  PRAISE,
  REJECTION,
  SELF_CLAIM,
  testPolarity,
  UNTESTED,
  WILL_APPLY,
} from './phrases.ts';
import type { Evidence, SignalContext, SignalName } from './types.ts';

/** Every statement below needs one of these phrases: a sentence holding none (most) is passed over with one scan. */
const ANY_STATEMENT = [...DISCLAIMER, ...UNTESTED, ...SELF_CLAIM, ...NEGATIVE_TEST, ...POSITIVE_TEST, ...APPLIED, ...WILL_APPLY, ...REJECTION, PRAISE];

function sentenceStatements(ctx: SignalContext, r: MessageReading, s: Sentence, out: Evidence[]): void {
  const own = postedIn(ctx, r.index);
  const push = (kind: SignalName, patchId: string | null) => out.push({ kind, messageIndex: r.index, quote: s.text, patchId, actor: r.author });
  // "With Andrey's patch it works": a sentence that names someone else's patch is about that one, even in a
  // message that posts a patch of its own.
  const named = namedOwner(ctx, r, s.text);
  // What a patch's author says in the message that posts it is about that patch.
  if (own.length && !named && (matchesAny(DISCLAIMER, s.text) || matchesAny(UNTESTED, s.text) || matchesAny(SELF_CLAIM, s.text))) {
    push(matchesAny(DISCLAIMER, s.text) ? 'disclaimer' : matchesAny(SELF_CLAIM, s.text) ? 'claim' : 'untested', own[0].id);
    return;
  }
  // A rejection first: "just passes the reproducer without fixing the real problem" is no passed test.
  if (matchesAny(REJECTION, s.text) && !/\?\s*$/.test(s.text)) {
    const patchId = linkToPatch(ctx, r, s.text);
    const author = ctx.patches.find((p) => p.id === patchId)?.author;
    if (patchId && personKey(author) !== r.who) push('rejected', patchId);
    return;
  }
  const polarity = testPolarity(s.text);
  // In the message that posts a patch, "still …" describes what the patch keeps doing, not a failed test.
  if (polarity && !(polarity === 'negative' && own.length)) {
    const patchId = named ?? (own.length && polarity === 'positive' ? own[0].id : linkToPatch(ctx, r, s.text));
    const author = ctx.patches.find((p) => p.id === patchId)?.author;
    const mine = (own.length > 0 && !named) || (author !== undefined && personKey(author) === r.who);
    push(polarity === 'negative' ? 'failed' : mine ? 'claim' : 'tested', patchId);
    return;
  }
  if (matchesAny(APPLIED, s.text) && !APPLIED_BY_TESTER.test(s.text) && !/\?\s*$/.test(s.text)) {
    push('applied', linkToPatch(ctx, r, s.text));
    return;
  }
  if (matchesAny(WILL_APPLY, s.text) && !/\?\s*$/.test(s.text) && !/\bif\b/i.test(s.text)) {
    push('will-apply', linkToPatch(ctx, r, s.text));
    return;
  }
  if (matchesAny(SELF_CLAIM, s.text) && /\bmy\b/i.test(s.text)) push('claim', linkToPatch(ctx, r, s.text));
  else if (PRAISE.test(s.text)) push('praise', linkToPatch(ctx, r, s.text));
}

const TRAILER_SIGNAL: Record<string, SignalName> = {
  'tested-by': 'tested-by',
  'reported-and-tested-by': 'tested-by',
  'reviewed-by': 'reviewed-by',
  'acked-by': 'reviewed-by',
  'nacked-by': 'rejected',
};

function trailerStatements(ctx: SignalContext, r: MessageReading, out: Evidence[]): void {
  const own = postedIn(ctx, r.index);
  for (const t of r.trailers) {
    const kind = TRAILER_SIGNAL[t.key.toLowerCase()];
    if (!kind) continue;
    // The line as written (its key may be spelled `Tested_by`, its spacing anything).
    const key = t.key.toLowerCase().replace(/[-_]/g, '');
    const line =
      r.own
        .split('\n')
        .find((l) => l.includes(t.value) && l.toLowerCase().replace(/[-_]/g, '').includes(key))
        ?.trim() ?? `${t.key}: ${t.value}`;
    const who = t.name ?? t.email;
    if (own.length === 0) {
      // A reply that gives a trailer gives it to the patch it answers; syzbot's own tag is its test result.
      if (r.bot) continue;
      out.push({ kind, messageIndex: r.index, quote: line, patchId: linkToPatch(ctx, r, null), actor: who ?? r.author });
    } else if (who && personKey(who) !== r.who && !/syzbot|syzkaller/i.test(`${t.name} ${t.email}`)) {
      // A patch that carries someone else's Tested-by or Reviewed-by was tested or reviewed by them. A
      // Reported-and-tested-by the author copied from syzbot's report is not a test of this patch.
      out.push({ kind, messageIndex: r.index, quote: line, patchId: own[own.length - 1].id, actor: who });
    }
  }
}

/** Every statement about a patch in the thread's on-topic messages, linked to its patch. */
export function collectStatements(ctx: SignalContext): Evidence[] {
  const out: Evidence[] = [];
  for (const r of ctx.readings) {
    if (r.message.ghost || r.offTopic || r.bot) continue;
    for (const s of r.sentences) if (matchesAny(ANY_STATEMENT, s.text)) sentenceStatements(ctx, r, s, out);
    trailerStatements(ctx, r, out);
  }
  return out;
}
