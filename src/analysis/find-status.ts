// Where the hunt ended: fixed (a fix confirmed by a tester or taken by a maintainer, or a commit named as
// the fix), fix-proposed (a candidate or a promised patch, unconfirmed), workaround, not-a-bug, unresolved.
import type { Thread } from '../thread/types.ts';
import { NOT_A_BUG, SYZ_INVALID, WORKAROUND } from './evidence/phrases.ts';
import { sentencesOf } from './sentences.ts';
import type { CaseStatus, Fix, PatchRole } from './types.ts';

/** "I am sending the patchset again", "will post a fix", "here is a patch": a fix is on its way. */
const PROMISE = /\b(?:I(?:'m| am|'ll| will| shall)? (?:be )?(?:send(?:ing)?|post(?:ing)?|re-?send(?:ing)?|submit(?:ting)?)|will (?:send|post|submit)|here(?:'s| is) (?:a|the|my) (?:patch|fix))\b[^.?!]{0,40}\b(?:patch(?:set|es)?|series|fix|version|v\d+)\b/i;
/** syzbot's own bookkeeping: `#syz fix: subject` closes the bug with the named commit. */
export const SYZ_FIX = /^#syz fix:\s*(.+)$/m;

/**
 * Text where a person gave syzbot a command: not syzbot's own mail, whose footer teaches the commands with
 * placeholders (`#syz fix: exact-commit-title`).
 */
export function syzCommandText(thread: Thread): { messageIndex: number; text: string }[] {
  return thread.messages
    .filter((m) => !m.ghost && !/syzbot|syzkaller/i.test(`${m.author?.email ?? ''} ${m.author?.name ?? ''}`))
    .flatMap((m) => m.segments.filter((s) => s.kind !== 'quote').map((s) => ({ messageIndex: m.index, text: s.text.replace(/^#syz .*\b(?:exact-[\w-]+|new-subsystem|branch-or-commit-hash)\b.*$/gm, '') })));
}

/** `confirmed`: the fix was tested by someone other than its author, or applied; a fix named only as a commit counts as applied. */
export function findStatus(thread: Thread, fix: Fix | null, confirmed: boolean, roles: Map<string, PatchRole>): CaseStatus {
  if (fix) return confirmed || fix.patchId === null ? 'fixed' : 'fix-proposed';
  if (syzCommandText(thread).some((t) => SYZ_INVALID.test(t.text))) return 'not-a-bug';
  const sentences = thread.messages.flatMap((m) => (m.ghost ? [] : sentencesOf(m)));
  const asserted = (re: RegExp) => sentences.some((s) => re.test(s.text) && !/\?\s*$/.test(s.text));
  if (asserted(NOT_A_BUG)) return 'not-a-bug';
  if (asserted(WORKAROUND)) return 'workaround';
  const candidates = [...roles.values()].filter((r) => r === 'candidate').length;
  if (candidates > 0 || asserted(PROMISE)) return 'fix-proposed';
  return 'unresolved';
}
