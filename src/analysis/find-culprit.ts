// The commit that introduced the bug: a bisection result ("… is the first bad commit", "bisected … down to
// …"), a statement ("a regression introduced in <sha>"), a `Fixes:` tag of the fix, or the commit a revert
// undoes. Only the thread's own text counts (never quoted text), and stronger kinds of evidence win.
import type { Message, Thread } from '../thread/types.ts';
import { BISECTION_REJECTED } from './evidence/phrases.ts';
import type { Culprit } from './types.ts';

export interface CulpritCandidate extends Culprit {
  /** How it was found, strongest first: fixes-tag, revert, first-bad-commit, introduced, bisected. */
  how: 'fixes-tag' | 'revert' | 'first-bad-commit' | 'introduced' | 'bisected';
  /** The sentence or line that names it, verbatim. */
  quote: string;
}

const RANK: Record<CulpritCandidate['how'], number> = { 'fixes-tag': 5, revert: 4, 'first-bad-commit': 3, introduced: 2, bisected: 1 };

const SHA = '[0-9a-f]{7,40}';
const SUBJECT = '\\(\\s*["“]([^"”\\n]{3,200})["”]\\s*\\)';
const FIRST_BAD = new RegExp(`\\b(${SHA})\\b\\s+is the first bad commit`, 'i');
const FIRST_BAD_PREFIX = new RegExp(`first bad commit:?\\s*\\[?(${SHA})\\]?\\s*([^\\n]*)`, 'i');
const INTRODUCED = new RegExp(`\\b(?:regression|bug|problem|breakage|issue)s? (?:was )?(?:introduced|caused) (?:in|by) (?:commit )?(${SHA})\\b(?:\\s*${SUBJECT})?`, 'i');
const CAUSED_BY_COMMIT = new RegExp(`\\b(?:caused|introduced|broken) by commit (${SHA})\\b(?:\\s*${SUBJECT})?`, 'i');
const BISECTED_TO_SHA = new RegExp(`\\bbisect(?:ed|ion|ing)?\\b[^\\n]{0,80}?\\b(?:to|down to|points? to|lands? on)\\s+(?:commit\\s+)?(${SHA})\\b(?:\\s*${SUBJECT})?`, 'i');
/** `bisected … down to` followed by a commit subject on the same or the next line. */
const BISECTED_TO_SUBJECT = /\bbisected\b[^\n]{0,80}\bdown to\s*\n?\s*([^\n]{8,120})$/im;
const REVERTS = new RegExp(`This reverts commit (${SHA})`, 'i');
const REVERT_SUBJECT = /^Revert\s+"(.+)"\s*$/m;
const FIXES_TAG = new RegExp(`^Fixes:\\s*(${SHA})\\b(?:\\s*${SUBJECT})?`, 'im');
// Words the patterns above cannot match without: most messages hold none, and the patterns that start at
// every hex digit or word boundary (FIRST_BAD, INTRODUCED) cost more than testing for these first.
const MAY_FIRST_BAD = /first bad commit/i;
const MAY_INTRODUCED = /(?:introduced|caused|broken) (?:in|by)/i;
const MAY_BISECT = /bisect/i;
/**
 * Every pattern below but FIXES_TAG needs one of these (SYZBOT_BISECTED and BISECTED_* say "bisect", REVERTS
 * "reverts commit"): one scan of a message instead of five, most messages holding none.
 */
const MAY_NAME_CULPRIT = /bisect|first bad commit|(?:introduced|caused|broken) (?:in|by)|reverts commit/i;
/** syzbot's report: "The bug was bisected to:" then `git show`-style commit, author, date and subject. */
const SYZBOT_BISECTED = /The bug was bisected to:\s*\n\s*commit ([0-9a-f]{12,40})[^\n]*\n(?:[^\n]*\n){0,3}?\s*\n\s{2,}(\S[^\n]*)/;

function ownText(m: Message): string {
  return m.segments
    .filter((s) => s.kind !== 'quote' && s.kind !== 'signature')
    .map((s) => s.text)
    .join('\n');
}

function lineAt(text: string, index: number): string {
  const start = text.lastIndexOf('\n', index) + 1;
  const end = text.indexOf('\n', index);
  return text.slice(start, end < 0 ? undefined : end).trim();
}

/** Every culprit statement in one message (`text` is its ownText). */
export function culpritStatements(m: Message, text = ownText(m)): CulpritCandidate[] {
  const out: CulpritCandidate[] = [];
  const add = (how: CulpritCandidate['how'], commit: string | null, subject: string | null, at: number) =>
    out.push({ how, commit: commit?.toLowerCase() ?? null, subject: subject?.trim() || null, messageIndex: m.index, quote: lineAt(text, at) });
  let r: RegExpExecArray | null;
  // A Fixes: tag counts on a patch; in a report (syzbot suggests one) it is only a suggestion.
  const postsPatch = m.segments.some((seg) => seg.kind === 'diff' && !seg.attachment);
  if (postsPatch && (r = FIXES_TAG.exec(text))) add('fixes-tag', r[1], r[2] ?? null, r.index);
  if (!MAY_NAME_CULPRIT.test(text)) return out;
  if ((r = SYZBOT_BISECTED.exec(text))) add('bisected', r[1], r[2], r.index);
  if ((r = REVERTS.exec(text))) add('revert', r[1], REVERT_SUBJECT.exec(text)?.[1] ?? null, r.index);
  const firstBad = MAY_FIRST_BAD.test(text);
  if (firstBad && (r = FIRST_BAD.exec(text))) {
    // git bisect prints the commit's subject a few lines below: the first indented line after "Date:".
    const after = text.slice(r.index, r.index + 800);
    const subj = /\n\s*Date:[^\n]*\n\s*\n\s{2,}(\S[^\n]*)/.exec(after)?.[1] ?? null;
    add('first-bad-commit', r[1], subj, r.index);
  } else if (firstBad && (r = FIRST_BAD_PREFIX.exec(text))) {
    add('first-bad-commit', r[1], r[2].replace(/^[("“]+|[)"”]+$/g, '') || null, r.index);
  }
  const introduced = MAY_INTRODUCED.test(text);
  if (introduced && (r = INTRODUCED.exec(text))) add('introduced', r[1], r[2] ?? null, r.index);
  else if (introduced && (r = CAUSED_BY_COMMIT.exec(text))) add('introduced', r[1], r[2] ?? null, r.index);
  const bisect = MAY_BISECT.test(text);
  if (out.some((c) => c.how === 'bisected')) {
    // syzbot's bisection already read
  } else if (bisect && (r = BISECTED_TO_SHA.exec(text))) add('bisected', r[1], r[2] ?? null, r.index);
  else if (bisect && (r = BISECTED_TO_SUBJECT.exec(text))) {
    const subject = r[1].replace(/[.:]\s*$/, '');
    // A patch file name (`git-x86.patch`) is an intermediate step of the bisection, not the commit.
    if (!/\.patch\b/.test(subject)) add('bisected', null, subject, r.index);
  }
  return out;
}

/**
 * The culprit of the thread: the strongest statement, with a commit and a subject merged from weaker
 * statements that agree (a bisection names the subject, a later message the sha).
 */
export function findCulprit(thread: Thread, fixMessageIndex: number | null): CulpritCandidate | null {
  // Each message's own text once: a patch message's is its whole diff.
  const own = new Map(thread.messages.filter((m) => !m.ghost).map((m) => [m, ownText(m)]));
  let all = [...own].flatMap(([m, text]) => culpritStatements(m, text));
  // A bisection the thread itself rejects names no culprit.
  const rejects = (text: string) => MAY_BISECT.test(text) && BISECTION_REJECTED.test(text.replace(/\s+/g, ' '));
  if ([...own.values()].some(rejects)) {
    all = all.filter((c) => c.how !== 'bisected' && c.how !== 'first-bad-commit');
  }
  if (all.length === 0) return null;
  // The fix's own message speaks with the most authority about what it fixes.
  // A Fixes: tag on a patch that is not the fix speaks about another bug.
  const score = (c: CulpritCandidate) =>
    (c.how === 'fixes-tag' && fixMessageIndex !== null && c.messageIndex !== fixMessageIndex ? 0 : RANK[c.how] * 10) +
    (c.messageIndex === fixMessageIndex ? 15 : 0) +
    (c.commit ? 2 : 0);
  const best = [...all].sort((a, b) => score(b) - score(a) || a.messageIndex - b.messageIndex)[0];
  const merged = { ...best };
  for (const c of all) {
    if (c === best) continue;
    const sameCommit = merged.commit && c.commit && (merged.commit.startsWith(c.commit) || c.commit.startsWith(merged.commit));
    if (sameCommit) {
      if (c.commit!.length > merged.commit!.length) merged.commit = c.commit;
      merged.subject ??= c.subject;
    } else if (!merged.commit && c.commit && merged.subject && c.subject && c.subject === merged.subject) {
      merged.commit = c.commit;
    } else if (!merged.subject && c.subject && !c.commit && merged.how !== 'fixes-tag') {
      // A bisection that names only the subject, and a statement that names only the sha, describe one commit.
      merged.subject = c.subject;
    } else if (!merged.commit && c.commit && c.how !== 'bisected') {
      merged.commit = c.commit;
      merged.subject ??= c.subject;
    }
  }
  return merged;
}
