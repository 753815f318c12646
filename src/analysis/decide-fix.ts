// Weighs the evidence for every patch — testers' "fixes it", Tested-by, a maintainer applying or pulling
// it, a Fixes: tag — against the counter-evidence — "still oopses", the author's own "I do not expect this
// to matter", debug-only changes — and gives each patch a role and the thread its fix.
import type { Thread } from '../thread/types.ts';
import { reportMessage } from './build-timeline.ts';
import type { Evidence } from './evidence/collect.ts';
import type { ShortlogEntry } from './evidence/shortlog.ts';
import type { Fix, Patch, PatchRole, Quote, Symptom } from './types.ts';

/** The fields of a parsed patch that the decision reads. */
export interface PatchFacts extends Patch {
  diffText: string;
  identity: string;
  commitMessage?: string | null;
  quotedFrom?: string | null;
  previousVersion?: string | null;
  version?: number;
  subjectSource?: string | null;
}

export interface FixDecision {
  roles: Map<string, PatchRole>;
  fix: Fix | null;
  fixPatch: PatchFacts | null;
  /** Someone other than the author tested it, or a maintainer applied or pulled it. */
  confirmed: boolean;
  /** The fix and its reposts, quoted copies and cut later versions. */
  fixGroup: Set<string>;
  scores: Map<string, number>;
}

/** Evidence weights: independent confirmation and a maintainer's hand count most. */
const WEIGHT: Record<Evidence['kind'], number> = {
  tested: 3,
  'tested-by': 3,
  applied: 3,
  pull: 0,
  claim: 1.5,
  praise: 1,
  'reviewed-by': 1,
  failed: -3,
  disclaimer: -4,
};
/** Below this a patch is not called the fix: one review or the author's own claim is not enough. */
const FIX_THRESHOLD = 2.5;

const DEBUG_LINE = /^\+\s*(?:printk|pr_(?:debug|info|warn|warning|err|emerg|notice|crit|alert|cont)|dev_(?:dbg|info|warn|err)|trace_printk|dump_stack|print_hex_dump\w*|(?:VM_|VIRTUAL_)?(?:WARN|BUG)_ON(?:_ONCE)?|WARN(?:_ONCE)?|BUG|show_stack|debug_\w+|DEBUG\w*)\s*\(/;

function addedLines(diff: string): string[] {
  return diff.split('\n').filter((l) => l.startsWith('+') && !l.startsWith('+++') && l.slice(1).trim() !== '' && !/^\+\s*(?:\/\/|\/\*|\*|}|{|else\b)/.test(l));
}

/** A change that only adds printks and checks is there to learn something, not to fix it. */
export function isDebugDiff(diff: string): boolean {
  const added = addedLines(diff);
  if (added.length === 0) return false;
  const debug = added.filter((l) => DEBUG_LINE.test(l)).length;
  return debug / added.length >= 0.5;
}

function baseRole(p: PatchFacts, evidence: Evidence[]): PatchRole | null {
  const subject = p.subject ?? '';
  if (/^revert\b/i.test(subject) || /This reverts commit [0-9a-f]{7,}/.test(p.commitMessage ?? '')) return 'revert';
  const disclaimsDebug = evidence.some((e) => e.patchId === p.id && e.kind === 'disclaimer' && /debug|diagnos|hack|gather|instrument|just to/i.test(e.quote));
  // A signed-off patch that rewrites printing code (a report function, say) is not a debug hack.
  const submitted = p.trailers.some((t) => /^signed-off-by$/i.test(t.key)) && p.deletions > 0;
  if ((isDebugDiff(p.diffText) && !submitted) || disclaimsDebug) return 'debug';
  if (/\b(?:clean ?ups?|cleanup|simplif(?:y|ies)|comments?|rename|typo|whitespace|tidy|refactor|coding style)\b/i.test(subject) && !/\bfix/i.test(subject)) return 'cleanup';
  return null;
}

/** The message's own text names a crashing function, or speaks of the oops or crash itself. */
function talksAboutBug(thread: Thread, messageIndex: number, functions: Set<string>): boolean {
  const own = thread.messages[messageIndex].segments
    .filter((s) => s.kind === 'text')
    .map((s) => s.text)
    .join('\n');
  return (
    [...functions].some((f) => own.includes(f)) ||
    /\b(?:oops(?:es|ed)?|crash(?:es|ed)?|panics?|lockups?|splats?|this bug)\b/i.test(own) ||
    /\b(?:found|fix(?:es|ed)?|solve[sd]?|cause of) (?:the|this|your) (?:problem|issue|bug)\b/i.test(own)
  );
}

/** The subsystem a file belongs to, roughly: the first two levels of its directory (`arch/x86`, `mm`). */
function topDir(file: string): string {
  return file.split('/').slice(0, -1).slice(0, 2).join('/');
}

/** The first posting a patch descends from, through reposts and earlier versions. */
function familyRoot(p: PatchFacts, byId: Map<string, PatchFacts>): string {
  let cur = p;
  const seen = new Set<string>();
  for (;;) {
    seen.add(cur.id);
    const up = (cur.quotedFrom && byId.get(cur.quotedFrom)) || (cur.previousVersion && byId.get(cur.previousVersion)) || null;
    if (!up || seen.has(up.id)) return cur.id;
    cur = up;
  }
}

function norm(name: string | null | undefined): string {
  return (name ?? '').toLowerCase().replace(/[^a-z]+/g, ' ').trim();
}

export function decideFix(thread: Thread, patches: PatchFacts[], evidence: Evidence[], symptoms: Symptom[], shortlog: ShortlogEntry[]): FixDecision {
  const roles = new Map<string, PatchRole>();
  const scores = new Map<string, number>();
  // Reposts and quotes of one diff share their evidence; the first posting stands for them. A later version
  // that the archive cut before its diff stands with the version it revises.
  const byId = new Map(patches.map((p) => [p.id, p]));
  const familyKey = new Map<string, string>();
  for (const p of patches) {
    const prev = p.previousVersion ? byId.get(p.previousVersion) : undefined;
    familyKey.set(p.id, p.files.length === 0 && prev ? familyKey.get(prev.id)! : p.identity);
  }
  const canonical = new Map<string, PatchFacts>();
  for (const p of patches) if (!canonical.has(familyKey.get(p.id)!)) canonical.set(familyKey.get(p.id)!, p);
  const groupOfPatch = (p: PatchFacts) => canonical.get(familyKey.get(p.id)!)!;
  const groupOf = (id: string | null) => {
    const p = id ? byId.get(id) : undefined;
    return p ? groupOfPatch(p).id : null;
  };
  const symptomFunctions = new Set(symptoms.map((s) => s.function).filter((f): f is string => !!f));

  for (const p of canonical.values()) {
    const base = baseRole(p, evidence);
    let score = 0;
    const testers = new Set<string>();
    for (const e of evidence) {
      if (groupOf(e.patchId) !== p.id) continue;
      const independent = norm(e.actor) !== norm(p.author);
      if (e.kind === 'tested' || e.kind === 'tested-by') {
        if (!independent) score += WEIGHT.claim;
        else if (!testers.has(norm(e.actor))) {
          testers.add(norm(e.actor));
          score += WEIGHT[e.kind];
        }
      } else score += WEIGHT[e.kind];
    }
    // A maintainer's pull request that lists the author's commit takes the patch upstream. Archive dates
    // can be off by days, so the pull may even be dated before the posting.
    if (pulledIn(p, patches, shortlog)) score += WEIGHT.applied;
    // A patch that names the commit it repairs was written as the fix for this regression.
    if (/^Fixes:/m.test(p.commitMessage ?? '') || p.trailers.some((t) => t.key.toLowerCase() === 'fixes')) score += 3;
    if (/\bregression introduced (?:in|by)\b|\bfirst bad commit\b|\bintroduced (?:in|by) commit\b/i.test(p.commitMessage ?? '')) score += 3;
    if ([...symptomFunctions].some((f) => p.diffText.includes(f))) score += 1.5;
    if (base === 'debug') score = Math.min(score, 0);
    scores.set(p.id, score);
    if (base) roles.set(p.id, base);
  }

  const ranked = [...canonical.values()]
    .filter((p) => roles.get(p.id) !== 'debug' && (scores.get(p.id) ?? 0) >= FIX_THRESHOLD)
    .sort((a, b) => (scores.get(b.id) ?? 0) - (scores.get(a.id) ?? 0) || (b.version ?? 1) - (a.version ?? 1) || b.messageIndex - a.messageIndex);
  const fixPatch = ranked[0] ?? null;

  const fixDirs = new Set((fixPatch?.files ?? []).map(topDir));
  const reportIndex = reportMessage(thread, symptoms)?.index ?? 0;
  // Relatedness is judged per family of versions: a wrong guess revised three times is still about the bug.
  const relatedFamily = new Set<string>();
  // One answer per message: a message repeating a diff thousands of times holds thousands of patches, and
  // re-reading its whole text for each of them was quadratic in the message's size.
  const talks = new Map<number, boolean>();
  const talksAbout = (i: number) => {
    let t = talks.get(i);
    if (t === undefined) talks.set(i, (t = talksAboutBug(thread, i, symptomFunctions)));
    return t;
  };
  for (const p of patches) {
    const near =
      p.files.some((f) => fixDirs.has(topDir(f))) ||
      [...symptomFunctions].some((f) => p.diffText.includes(f)) ||
      talksAbout(p.messageIndex);
    if (near && p.messageIndex >= reportIndex) relatedFamily.add(familyRoot(p, byId));
  }
  for (const p of patches) {
    const group = groupOfPatch(p);
    if (fixPatch && group.id === fixPatch.id) {
      roles.set(p.id, 'fix');
      continue;
    }
    const base = roles.get(group.id) ?? null;
    if (base) {
      roles.set(p.id, base);
      continue;
    }
    // A patch for another problem in the same thread: posted before the bug was reported, or, in its whole
    // family of versions, not near the fix's code, not touching the crashing functions, and posted in
    // messages that do not talk about the bug.
    const related = !fixPatch || relatedFamily.has(familyRoot(p, byId));
    roles.set(p.id, related ? 'candidate' : 'unrelated');
  }

  if (!fixPatch) return { roles, fix: null, fixPatch: null, confirmed: false, fixGroup: new Set(), scores };
  const fixGroup = new Set(patches.filter((p) => groupOfPatch(p).id === fixPatch.id).map((p) => p.id));
  const quotes: Quote[] = evidence
    .filter((e) => groupOf(e.patchId) === fixPatch.id && ['tested', 'tested-by', 'applied', 'claim', 'praise', 'reviewed-by'].includes(e.kind))
    .sort((a, b) => a.messageIndex - b.messageIndex)
    .slice(0, 8)
    .map((e) => ({ messageIndex: e.messageIndex, quote: e.quote }));
  const pulled = pulledIn(fixPatch, patches, shortlog);
  if (pulled) {
    const pullMessage = thread.messages[pulled.messageIndex];
    const line = pullMessage.segments.flatMap((s) => (s.kind === 'quote' ? [] : s.text.split('\n'))).find((l) => l.trim().startsWith(pulled.author));
    if (line) quotes.push({ messageIndex: pulled.messageIndex, quote: line.trim().replace(/\s+/g, ' ') });
  }
  // The group speaks through its best-named posting: a formal [PATCH] over an inline draft in a reply.
  const members = patches.filter((p) => groupOfPatch(p).id === fixPatch.id);
  const named = members.filter((p) => p.subject && p.subjectSource !== 'reply' && p.files.length > 0);
  const shown = named.length ? named[named.length - 1] : fixPatch;
  const subject = shown.subject ?? subjectFromShortlog(fixPatch, shortlog);
  const confirmed =
    !!pulled ||
    evidence.some((e) => groupOf(e.patchId) === fixPatch.id && ['tested', 'tested-by', 'applied'].includes(e.kind) && norm(e.actor) !== norm(fixPatch.author)) ||
    evidence.some((e) => groupOf(e.patchId) === fixPatch.id && e.kind === 'applied');
  return { roles, fix: { patchId: shown.id, commit: null, subject, evidence: quotes }, fixPatch: shown, confirmed, fixGroup, scores };
}

/** The shortlog subject that names this patch: the author's only commit there, or the one its words match. */
function shortlogSubject(p: PatchFacts, entry: ShortlogEntry): string | null {
  if (entry.messageIndex === p.messageIndex || norm(entry.author) !== norm(p.author)) return null;
  if (p.subject) return entry.subjects.find((s) => norm(s) === norm(p.subject)) ?? null;
  if (entry.subjects.length === 1) return entry.subjects[0];
  const words = new Set(p.diffText.match(/[A-Za-z_]\w{3,}/g) ?? []);
  const best = entry.subjects
    .map((s) => ({ s, hits: (s.match(/[A-Za-z_]\w{3,}/g) ?? []).filter((w) => words.has(w)).length }))
    .sort((a, b) => b.hits - a.hits)[0];
  return best && best.hits > 0 ? best.s : null;
}

/** The pull request entry that carries this patch, if one does (and not a later patch of the same author). */
function pulledIn(p: PatchFacts, patches: PatchFacts[], shortlog: ShortlogEntry[]): ShortlogEntry | null {
  for (const entry of shortlog) {
    const subject = shortlogSubject(p, entry);
    if (!subject) continue;
    // With one commit listed and several patches by the author, the listing names the latest before it.
    if (!p.subject && entry.subjects.length === 1) {
      const mine = patches.filter((q) => norm(q.author) === norm(p.author) && !q.subject && q.identity !== p.identity);
      if (mine.some((q) => Math.abs(q.messageIndex - entry.messageIndex) < Math.abs(p.messageIndex - entry.messageIndex))) continue;
    }
    return entry;
  }
  return null;
}

/** A patch posted without a subject is named by the pull request that carries it. */
function subjectFromShortlog(p: PatchFacts, shortlog: ShortlogEntry[]): string | null {
  for (const entry of shortlog) {
    const subject = shortlogSubject(p, entry);
    if (subject) return subject;
  }
  return null;
}
