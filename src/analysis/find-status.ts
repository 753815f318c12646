// Where the hunt ended, from the fix decision and the verdicts: closed as a duplicate (a bot command says so),
// fixed (a fix confirmed: tested by someone else or by syzbot, applied, or named by commit), not a bug (invalid,
// user error, hardware, a false positive), fix-proposed (a fix on the table or promised, unconfirmed),
// workaround, or unresolved. The last word counts: a verdict the thread goes on to overturn does not stand.
import type { FixDecision } from './decide-fix.ts';
import type { Verdict } from './signals/verdicts.ts';
import type { CaseStatus, Confidence, Reason } from './types.ts';

export interface StatusDecision {
  status: CaseStatus;
  confidence: Confidence;
  reasons: Reason[];
  duplicateOf: { title: string | null; messageIndex: number } | null;
}

const reason = (v: Verdict): Reason => ({ signal: v.signal, messageIndex: v.messageIndex, quote: v.quote });

export function findStatus(fix: FixDecision, verdicts: Verdict[]): StatusDecision {
  const last = (kind: Verdict['kind'], strength?: Verdict['strength']) =>
    verdicts.filter((v) => v.kind === kind && (!strength || v.strength === strength)).at(-1);
  const undup = last('undup');
  const dupCommand = last('duplicate', 'command');
  if (dupCommand && (!undup || undup.messageIndex < dupCommand.messageIndex)) {
    return {
      status: 'duplicate',
      confidence: 'high',
      reasons: [reason(dupCommand)],
      duplicateOf: { title: dupCommand.of ?? null, messageIndex: dupCommand.messageIndex },
    };
  }
  const fixReasons = fix.reasons.slice(0, 4);
  // A bot command closing the report as invalid outranks everything but a fix the bot itself confirmed.
  const invalid = last('not-a-bug', 'command');
  const botConfirmed = fix.reasons.some((r) => r.signal === 'syz-test-ok' || r.signal === 'syz-fix' || r.signal === 'regzbot-fix');
  if (invalid && !botConfirmed) return { status: 'not-a-bug', confidence: 'high', reasons: [reason(invalid)], duplicateOf: null };
  if (fix.fix && fix.confirmed) return { status: 'fixed', confidence: fix.confidence, reasons: fixReasons, duplicateOf: null };
  const said = last('not-a-bug', 'statement');
  // A verdict said before the fix was posted was overturned by it.
  const fixAt = fix.fixPatch?.messageIndex ?? -1;
  if (said && said.messageIndex > fixAt) return { status: 'not-a-bug', confidence: 'medium', reasons: [reason(said)], duplicateOf: null };
  const dupSaid = last('duplicate', 'statement');
  if (dupSaid && !fix.fix)
    return { status: 'duplicate', confidence: 'medium', reasons: [reason(dupSaid)], duplicateOf: { title: null, messageIndex: dupSaid.messageIndex } };
  if (fix.fix) return { status: 'fix-proposed', confidence: fix.how === 'proposed' ? 'low' : 'medium', reasons: fixReasons, duplicateOf: null };
  const workaround = last('workaround');
  if (workaround) return { status: 'workaround', confidence: 'medium', reasons: [reason(workaround)], duplicateOf: null };
  const promise = last('promise');
  if (promise) return { status: 'fix-proposed', confidence: 'low', reasons: [reason(promise)], duplicateOf: null };
  return { status: 'unresolved', confidence: 'medium', reasons: [], duplicateOf: null };
}
