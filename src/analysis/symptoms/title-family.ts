// What a crash title says about the kind of bug, read from its leading words. Used twice: to fill a
// Symptom's `kind`, and to compare two titles by family ("same kind of report, maybe another function").
import type { SymptomKind } from '../types.ts';

interface Family {
  /** A stable name for the family; null: the title's words before " in " name it. */
  name: string | null;
  kind: SymptomKind;
  test: RegExp;
}

// First match wins: the lockdep and RCU-usage WARNINGs before the generic WARNING, the specific BUGs
// before the generic "BUG: …".
const FAMILIES: Family[] = [
  { name: 'KASAN', kind: 'kasan', test: /^KASAN:/ },
  { name: 'KMSAN', kind: 'kmsan', test: /^KMSAN:/ },
  { name: 'KCSAN', kind: 'kasan', test: /^KCSAN:/ },
  { name: 'UBSAN', kind: 'ubsan', test: /^UBSAN:/ },
  { name: 'KFENCE', kind: 'kasan', test: /^KFENCE:/ },
  {
    name: 'lockdep',
    kind: 'lockdep',
    test: /^(?:possible deadlock|inconsistent lock state|WARNING: possible (?:circular|recursive|irq lock)|WARNING: inconsistent lock state|(?:WARNING|INFO): suspicious RCU usage|(?:WARNING|BUG): bad unlock balance|WARNING: locking bug|(?:WARNING|BUG): held lock freed|(?:WARNING|BUG): (?:.*)?still has locks held|(?:WARNING|BUG): lock held when returning|WARNING: nested lock|INFO: trying to register non-static key|INFO: possible|INFO: inconsistent lock state)/,
  },
  // A hung-task header whose line no format could read ("INFO: task kworker/u8:NUM:NUM blocked") is one too.
  { name: 'task hung', kind: 'hang', test: /^INFO: task (?:hung|can't die|.* blocked\b)/ },
  { name: 'rcu stall', kind: 'rcu-stall', test: /^INFO: rcu detected stall/ },
  { name: 'soft lockup', kind: 'hang', test: /^BUG: soft lockup/ },
  { name: 'lockup', kind: 'hang', test: /^BUG: (?:workqueue lockup|spinlock lockup|rwlock lockup)|^unregister_netdevice: waiting/ },
  { name: 'unable to handle kernel', kind: 'oops', test: /^BUG: unable to handle kernel|^Unable to handle kernel/ },
  { name: 'general protection fault', kind: 'gpf', test: /^general protection fault/ },
  { name: 'Oops', kind: 'oops', test: /^Oops\b/ },
  {
    name: 'arch fault',
    kind: 'oops',
    test: /^(?:divide error|invalid opcode|stack segment fault|Internal error|Unhandled fault|Alignment trap|PANIC: double fault)\b/,
  },
  { name: 'WARNING', kind: 'warning', test: /^WARNING\b/ },
  // lockdep running out of its tables ("BUG: MAX_LOCKDEP_CHAIN_HLOCKS too low!") is lockdep's report.
  { name: null, kind: 'lockdep', test: /^BUG: MAX_LOCKDEP_\w+ too low/ },
  { name: 'kernel BUG', kind: 'bug', test: /^kernel BUG\b/ },
  { name: 'memory leak', kind: 'other', test: /^memory leak/ },
  // A panic whose message names the report it ends, the report itself lost, is of that report's kind.
  { name: 'panic', kind: 'oops', test: /^kernel panic: (?:Oops: )?Fatal exception/ },
  { name: 'panic', kind: 'warning', test: /^kernel panic: panic_on_warn set/ },
  { name: 'panic', kind: 'hang', test: /^kernel panic: (?:hung_task: blocked tasks|softlockup: hung tasks|[Hh]ard LOCKUP)/ },
  { name: 'panic', kind: 'panic', test: /^(?:kernel panic|Kernel panic|panic:|kernel stack overflow)/ },
  { name: null, kind: 'bug', test: /^BUG\b|^VFS: |^INFO:/ },
];

/**
 * The family of a syzbot-style title: one of the names above, or — for other BUGs and titles outside
 * the list — the words before " in " ("BUG: scheduling while atomic", "SYZFAIL: …").
 */
export function titleFamily(title: string): string {
  const family = FAMILIES.find((f) => f.test.test(title));
  if (family?.name) return family.name;
  const at = title.indexOf(' in ');
  return at < 0 ? title : title.slice(0, at);
}

/** The contract's symptom kind for a title. */
export function titleKind(title: string): SymptomKind {
  return FAMILIES.find((f) => f.test.test(title))?.kind ?? 'other';
}
