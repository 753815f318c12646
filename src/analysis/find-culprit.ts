// The commit that introduced the bug: a bisection result ("… is the first bad commit", "bisected … down to
// …"), a statement ("a regression introduced in <sha>"), a `Fixes:` tag of the fix, or the commit a revert
// undoes. Only the thread's own text counts (never quoted text), and stronger kinds of evidence win.
import type { Message } from '../thread/types.ts';
import type { MessageReading } from './read/read-message.ts';
import { BISECTION_REJECTED } from './signals/phrases.ts';
import type { Confidence, Culprit } from './types.ts';

export interface CulpritCandidate extends Culprit {
  /** How it was found, strongest first: fixes-tag, revert, first-bad-commit, introduced, bisected. */
  how: 'fixes-tag' | 'revert' | 'first-bad-commit' | 'introduced' | 'bisected' | 'regzbot';
  /** The sentence or line that names it, verbatim. */
  quote: string;
  /** Set on the thread's culprit: high for a first bad commit, a revert that cures it or the fix's Fixes: tag. */
  confidence?: Confidence;
}

const RANK: Record<CulpritCandidate['how'], number> = { 'fixes-tag': 5, revert: 4, 'first-bad-commit': 3, introduced: 2, regzbot: 2, bisected: 1 };

const SHA = '[0-9a-f]{7,40}';
const SUBJECT = '\\(\\s*["“]([^"”\\n]{3,200})["”]\\s*\\)';
const FIRST_BAD = new RegExp(`\\b(${SHA})\\b\\s+is the first bad commit`, 'i');
const FIRST_BAD_PREFIX = new RegExp(`first bad commit:?\\s*\\[?(${SHA})\\]?\\s*([^\\n]*)`, 'i');
const INTRODUCED = new RegExp(
  `\\b(?:regression|bug|problem|breakage|issue)s? (?:was )?(?:introduced|caused) (?:in|by) (?:commit )?(${SHA})\\b(?:\\s*${SUBJECT})?`,
  'i',
);
const CAUSED_BY_COMMIT = new RegExp(
  `\\b(?:caused|introduced|broken|triggered) by (?:my |the |this |that |upstream )?(?:commit\\s+)?(${SHA})\\b(?:\\s*${SUBJECT})?|\\b(?:happens|happening|broken|started|starts|regressed|appeared|present) (?:since|after|with) (?:commit\\s+)?(${SHA})\\b(?:\\s*${SUBJECT})?`,
  'i',
);
const BISECTED_TO_SHA = new RegExp(
  `\\bbisect(?:ed|ion|ing)?\\b[^\\n]{0,80}?\\b(?:to|down to|points? to|lands? on)\\s+(?:commit\\s+)?(${SHA})\\b(?:\\s*${SUBJECT})?`,
  'i',
);
/** `bisected … down to` followed by a commit subject on the same or the next line. */
const BISECTED_TO_SUBJECT = /\bbisected\b[^\n]{0,80}\bdown to\s*\n?\s*([^\n]{8,120})$/im;
/**
 * A bisection's result pasted as git prints it, below the sentence that tells of the bisection: `git show`'s
 * `commit <sha>` line (then Author:, Date: and the indented subject) or `git bisect`'s `[<sha>] subject` line.
 */
const BISECT_DONE = /\b(?:bisect(?:ed|ing|ion)|(?:a|the|my|git) bisect)\b/gi;
const GIT_SHOW_COMMIT = /^[ \t]*commit ([0-9a-f]{12,40})\b[^\n]*\n(?:[ \t]*\S[^\n]*\n){1,5}?[ \t]*\n[ \t]{2,}(\S[^\n]*)/m;
const GIT_BISECT_LINE = /^[ \t]*\[([0-9a-f]{12,40})\][ \t]+(\S[^\n]*)/m;
/** A request or a plan ("could you bisect?", "I will bisect tonight") tells of no bisection done. */
const BISECT_NOT_DONE = /\?|\b(?:please|could you|can you|would you|try(?:ing)? to|will|going to|need to|should)\b/i;
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
const MAY_NAME_CULPRIT =
  /bisect|first bad commit|(?:introduced|caused|broken|triggered) (?:in|by)|reverts commit|revert|#regzbot|\b(?:since|after|with) (?:commit\s+)?[0-9a-f]{7}|\bcommit\s+[0-9a-f]{7}/i;
/** syzbot's report: "The bug (issue) was bisected to:" then `git show`-style commit, author, date and subject. */
const SYZBOT_BISECTED =
  /(?:The (?:bug|issue) was|syzbot has) bisected (?:this (?:bug|issue) )?to:\s*\n\s*commit ([0-9a-f]{12,40})[^\n]*\n(?:[^\n]*\n){0,3}?\s*\n\s{2,}(\S[^\n]*)/;
/** regzbot's bookkeeping: `#regzbot introduced: <sha>` (or a range, which names no one commit). */
const REGZBOT_INTRODUCED = /^[ \t]*#regzbot[ \t\u00a0]+introduced[ \t\u00a0]*:?[ \t\u00a0]*([0-9a-f]{7,40})\b(?!\.\.)[^\n]*$/im;
/** "with 1234567 reverted it works", "reverting 1234567 fixes it": a revert test names the commit that broke it. */
const REVERT_TEST = new RegExp(
  `\\brevert(?:ing|ed)?\\s+(?:commit\\s+)?(${SHA})\\b[^\\n.]{0,80}\\b(?:fix(?:es|ed)?|solves?|resolves?|works?|succeeds?|helps?|makes? (?:it|the \\w+) go away|(?:the )?(?:problem|issue|hang|crash) (?:goes away|disappears|is gone))\\b|\\(?with (?:commit\\s+)?(${SHA}) reverted\\)?[^\\n.]{0,40}?\\b(?:works?|succeeds?|fine|ok|passes|no (?:hang|crash|problem|issue))\\b`,
  'i',
);

function lineAt(text: string, index: number): string {
  const start = text.lastIndexOf('\n', index) + 1;
  const end = text.indexOf('\n', index);
  return text.slice(start, end < 0 ? undefined : end).trim();
}

/** A commit as git prints it within a few lines after a sentence that tells of a bisection done. */
function bisectionPasted(text: string): RegExpExecArray | null {
  for (const word of text.matchAll(BISECT_DONE)) {
    const start = text.lastIndexOf('\n\n', word.index) + 1;
    const end = text.indexOf('\n\n', word.index);
    if (BISECT_NOT_DONE.test(text.slice(start, end < 0 ? undefined : end))) continue;
    const from = end < 0 ? text.length : end;
    const after = text.slice(from, from + 400);
    const r = GIT_SHOW_COMMIT.exec(after) ?? GIT_BISECT_LINE.exec(after);
    if (r) {
      r.index += from;
      return r;
    }
  }
  return null;
}

/** Every culprit statement in one message (`text` is its own text: no quotes, no signature). */
export function culpritStatements(m: Message, text: string): CulpritCandidate[] {
  const out: CulpritCandidate[] = [];
  const add = (how: CulpritCandidate['how'], commit: string | null, subject: string | null, at: number) =>
    out.push({ how, commit: commit?.toLowerCase() ?? null, subject: subject?.trim() || null, messageIndex: m.index, quote: lineAt(text, at) });
  let r: RegExpExecArray | null;
  // A Fixes: tag counts on a patch; in a report (syzbot suggests one) it is only a suggestion.
  const postsPatch = m.segments.some((seg) => seg.kind === 'diff' && !seg.attachment);
  if (postsPatch && (r = FIXES_TAG.exec(text))) add('fixes-tag', r[1], r[2] ?? null, r.index);
  if (!MAY_NAME_CULPRIT.test(text)) return out;
  if ((r = SYZBOT_BISECTED.exec(text))) add('bisected', r[1], r[2], r.index);
  if ((r = REGZBOT_INTRODUCED.exec(text))) add('regzbot', r[1], null, r.index);
  if (!postsPatch && (r = REVERT_TEST.exec(text))) add('revert', r[1] ?? r[2], null, r.index);
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
  else if ((r = CAUSED_BY_COMMIT.exec(text))) add('introduced', r[1] ?? r[3], r[2] ?? r[4] ?? null, r.index);
  const bisect = MAY_BISECT.test(text);
  if (out.some((c) => c.how === 'bisected')) {
    // syzbot's bisection already read
  } else if (bisect && (r = BISECTED_TO_SHA.exec(text))) add('bisected', r[1], r[2] ?? null, r.index);
  else if (bisect && (r = bisectionPasted(text))) add('bisected', r[1], r[2] ?? null, r.index);
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
export function findCulprit(readings: readonly MessageReading[], fixMessageIndex: number | null): CulpritCandidate | null {
  // Each on-topic message's own text, as read once: a patch message's is its whole diff.
  const own = new Map(readings.filter((r) => !r.message.ghost && !r.offTopic).map((r) => [r.message, r.own]));
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
  const strong = merged.how === 'first-bad-commit' || merged.how === 'revert' || (merged.how === 'fixes-tag' && merged.messageIndex === fixMessageIndex);
  merged.confidence = strong && merged.commit ? 'high' : merged.commit ? 'medium' : 'low';
  return merged;
}
