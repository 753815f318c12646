// A counter-proposal: someone other than a patch's author answers it with a diff of their own to the same files
// ("How about this instead:", a maintainer's "something like this"). The patch answered is being replaced by
// the reviewer's idea — not rejected outright, but no longer the one on the table.
import { personKey } from '../read/read-message.ts';
import { postedIn } from './link-to-patch.ts';
import type { Evidence, SignalContext } from './types.ts';

export function counterPatchSignals(ctx: SignalContext): Evidence[] {
  const out: Evidence[] = [];
  for (const r of ctx.readings) {
    if (r.offTopic || r.message.ghost || r.posts.length === 0 || r.message.parentIndex === null) continue;
    const answered = postedIn(ctx, r.message.parentIndex).filter((p) => personKey(p.author) !== r.who);
    if (answered.length === 0) continue;
    // Their own diff: a copy of someone else's patch in it (an Outlook reply quotes without `>`) counters nothing.
    const mine = ctx.patches.filter((p) => r.posts.includes(p.id) && personKey(p.author) === r.who);
    if (mine.length === 0) continue;
    const files = new Set(mine.flatMap((p) => [...p.identifiers].filter((w) => w.includes('/') || /\.[ch]$/.test(w))));
    const target = answered[answered.length - 1];
    // Same code: the counter-diff names the answered patch's files (or, for a diff without them, its functions).
    const touches = [...target.identifiers].some((w) => mine.some((p) => p.identifiers.has(w))) || files.size === 0;
    if (!touches) continue;
    const said = r.sentences.find((s) => s.text.length >= 12) ?? null;
    out.push({ kind: 'countered', messageIndex: r.index, quote: said?.text ?? r.message.subject ?? '', patchId: target.id, actor: r.author });
  }
  return out;
}
