// The notices that a patch went into a tree: patchwork-bot's "This patch was applied to netdev/net.git",
// tip-bot2's "The following commit has been merged into the x86/urgent branch of tip", Andrew Morton's
// "The patch titled … has been added to the -mm tree", the stable team's "I've just added the patch titled …
// to the 6.1-stable tree". Tied to the patch they name by title, else to the patch they answer.
import { normalizeSubject } from '../patches/same-subject.ts';
import { postedIn } from './link-to-patch.ts';
import type { Evidence, SignalContext } from './types.ts';

const NOTICE =
  /\b(?:(?:This|The) (?:patch|series|pull request) was applied to|The following commit has been merged into|has been added to the -?mm\b|I've just added the (?:patch|commit) titled|(?:patch|commit) (?:has been|was) (?:added|queued) to the [\w.-]+(?:-stable)? tree|Here is the summary with links)\b/i;

/** The line of `text` that holds `index`. */
function lineAt(text: string, index: number): string {
  const end = text.indexOf('\n', index);
  return text.slice(text.lastIndexOf('\n', index) + 1, end < 0 ? undefined : end);
}
/** Where a notice names the patch's title: on the next indented line, or after `Subject:`. */
const TITLED = /(?:patch titled|Subject:|commit titled)\s*\n?\s*(?:Subject:\s*)?(\S[^\n]*)/i;
/** tip-bot2 puts the branch in the subject: `[tip: x86/urgent] x86/foo: Fix bar`. */
const TIP_SUBJECT = /^\s*(?:re:\s*)?\[tip:\s*[^\]]+\]\s*(.+)$/i;

export function botNoticeSignals(ctx: SignalContext): Evidence[] {
  const out: Evidence[] = [];
  for (const r of ctx.readings) {
    if (r.offTopic || r.message.ghost) continue;
    const m = NOTICE.exec(r.own);
    if (!m) continue;
    const title = TITLED.exec(r.own)?.[1] ?? TIP_SUBJECT.exec(r.message.subject ?? '')?.[1] ?? null;
    let patchId: string | null = null;
    if (title) {
      const key = normalizeSubject(title);
      const named = ctx.patches.filter((p) => p.messageIndex <= r.index && p.subject && normalizeSubject(p.subject) === key);
      patchId = named.length ? named[named.length - 1].id : null;
    }
    if (!patchId && r.message.parentIndex !== null) {
      const answered = postedIn(ctx, r.message.parentIndex);
      patchId = answered.length ? answered[answered.length - 1].id : null;
    }
    out.push({ kind: 'bot-applied', messageIndex: r.index, quote: lineAt(r.own, m.index).trim().replace(/\s+/g, ' '), patchId, actor: r.author });
  }
  return out;
}
