// How a report was closed without a fix in the thread: as a duplicate (`#syz dup:`, `#regzbot dup:`, "this is
// a duplicate of …"), as invalid or not a bug (`#syz invalid`, `#regzbot invalid:`, "not a kernel bug",
// "expected behaviour", "a firmware bug", "bad test"); or kept going with a workaround, or with a fix promised.
import type { MessageReading } from '../read/read-message.ts';
import { DUPLICATE, NOT_A_BUG, PROMISE, WORKAROUND } from './phrases.ts';
import type { SignalContext } from './types.ts';

export interface Verdict {
  kind: 'duplicate' | 'not-a-bug' | 'workaround' | 'promise' | 'undup';
  messageIndex: number;
  quote: string;
  /** command: a bot command; statement: a sentence. */
  strength: 'command' | 'statement';
  signal: string;
  /** For a duplicate: the report it duplicates, as named. */
  of?: string | null;
}

/**
 * A verdict put as a question, a condition or a denial is not one: "is this a hardware problem?", "if it is
 * expected behaviour", "I don't think it's a bad test", "this isn't a firmware bug".
 */
function asserted(text: string): boolean {
  if (/\?\s*$/.test(text)) return false;
  if (/\b(?:if|whether|unless|not sure|rather than|instead of|without)\b/i.test(text)) return false;
  if (/\b(?:don't|do not|doesn't|does not|didn't|did not) (?:think|believe|look like|seem|sound like)\b/i.test(text)) return false;
  return !/\b(?:isn't|is not|wasn't|was not|not|no)\s+(?:a |an |the |just )?(?:really |actually )?(?:faulty|bad|broken|defective|hardware|user|userspace|firmware|BIOS|expected|false|bogus|wrong|invalid|duplicate|dup|same)\b/i.test(
    text,
  );
}

function fromCommands(r: MessageReading): Verdict[] {
  const out: Verdict[] = [];
  for (const c of r.commands) {
    const signal = `${c.bot === 'syz' ? 'syz' : 'regzbot'}-${c.verb}`;
    if (c.verb === 'dup') out.push({ kind: 'duplicate', messageIndex: r.index, quote: c.text, strength: 'command', signal, of: c.arg || null });
    else if (c.verb === 'undup') out.push({ kind: 'undup', messageIndex: r.index, quote: c.text, strength: 'command', signal });
    else if (c.verb === 'invalid') out.push({ kind: 'not-a-bug', messageIndex: r.index, quote: c.text, strength: 'command', signal });
  }
  return out;
}

export function findVerdicts(ctx: SignalContext): Verdict[] {
  const out: Verdict[] = [];
  const reporter = ctx.readings.find((r) => !r.message.ghost)?.who;
  for (const r of ctx.readings) {
    if (r.offTopic || r.message.ghost || r.bot) continue;
    out.push(...fromCommands(r));
    // A message that posts a patch describes what it fixes ("… so there is a false positive"): no verdict.
    if (r.posts.length) continue;
    for (const s of r.sentences) {
      if (!asserted(s.text)) continue;
      const push = (kind: Verdict['kind'], signal: string) => out.push({ kind, messageIndex: r.index, quote: s.text, strength: 'statement', signal });
      // The reporter calling their own report a duplicate or not a bug is less than a developer saying so,
      // but a reporter finding their own hardware at fault is a verdict too.
      if (DUPLICATE.test(s.text) && r.who !== reporter) push('duplicate', 'said-duplicate');
      else if (NOT_A_BUG.test(s.text)) push('not-a-bug', 'said-not-a-bug');
      else if (WORKAROUND.test(s.text)) push('workaround', 'said-workaround');
      else if (PROMISE.test(s.text)) push('promise', 'promised-fix');
    }
  }
  return out;
}
