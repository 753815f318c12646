// syzbot's test protocol: a person replies with `#syz test` and a patch (or a tree to test), syzbot answers
// in a reply: the reproducer did not trigger (the patch works), still triggered (it does not), or the test
// never ran (the patch did not apply, the kernel did not build). The answer is tied to the patch tested: the
// one the request carries, else the requester's latest patch (a tree of their own holds it).
import type { MessageReading } from '../read/read-message.ts';
import { personKey } from '../read/read-message.ts';
import { postedIn } from './link-to-patch.ts';
import type { Evidence, SignalContext, SignalName } from './types.ts';

const OUTCOME_SIGNAL: Record<string, SignalName> = { ok: 'syz-test-ok', crash: 'syz-test-crash', broken: 'syz-test-broken' };

/** The patch a `#syz test` message asks about. */
function testedPatch(ctx: SignalContext, request: MessageReading): string | null {
  const own = postedIn(ctx, request.index);
  if (own.length) return own[own.length - 1].id;
  const mine = ctx.patches.filter((p) => p.messageIndex < request.index && personKey(p.author) === request.who);
  if (mine.length) return mine[mine.length - 1].id;
  // A test of someone else's patch: the one the request answers.
  const parent = request.message.parentIndex;
  const theirs = parent !== null ? postedIn(ctx, parent) : [];
  return theirs.length ? theirs[theirs.length - 1].id : null;
}

export function syzbotTestSignals(ctx: SignalContext): Evidence[] {
  const out: Evidence[] = [];
  for (const r of ctx.readings) {
    if (r.offTopic) continue;
    const test = r.commands.find((c) => c.bot === 'syz' && c.verb === 'test');
    if (test) out.push({ kind: 'syz-test-request', messageIndex: r.index, quote: test.text, patchId: testedPatch(ctx, r), actor: r.author });
    if (!r.syzResult) continue;
    // syzbot answers the request it was sent: its parent.
    const parent = r.message.parentIndex !== null ? ctx.readings[r.message.parentIndex] : null;
    const patchId = parent ? testedPatch(ctx, parent) : null;
    out.push({ kind: OUTCOME_SIGNAL[r.syzResult.outcome], messageIndex: r.index, quote: r.syzResult.text, patchId, actor: r.author });
  }
  return out;
}
