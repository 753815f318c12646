// Analysis: Thread → Analysis — symptoms, patches and trailers, culprit, fix and patch roles, status,
// timeline, a cited root-cause draft and participants. Deterministic heuristics over the thread only.
import type { Thread } from '../thread/types.ts';
import { buildTimeline, reportMessage } from './build-timeline.ts';
import { decideFix } from './decide-fix.ts';
import { draftRootCause } from './draft-root-cause.ts';
import { codeIdentifiers, collectEvidence, type PatchRef } from './evidence/collect.ts';
import { BISECT } from './evidence/phrases.ts';
import { parseShortlog } from './evidence/shortlog.ts';
import { findCulprit } from './find-culprit.ts';
import { findParticipants } from './find-participants.ts';
import { findPatches, findPatchQuotes, toContractPatch, type ParsedPatch } from './find-patches.ts';
import { findStatus, SYZ_FIX, syzCommandText } from './find-status.ts';
import { findTrailers } from './find-trailers.ts';
import { sentencesOf } from './sentences.ts';
import { findSymptoms } from './symptoms/index.ts';
import type { Analysis, Fix } from './types.ts';

export type * from './types.ts';
export { findSymptoms, findCrashReports } from './symptoms/index.ts';
export { findPatches } from './find-patches.ts';

const SEVERITY = ['kasan', 'oops', 'bug', 'panic', 'lockdep', 'hang', 'rcu-stall', 'warning', 'other'];

function patchRef(p: ParsedPatch): PatchRef {
  const changed = p.diffText
    .split('\n')
    .filter((l) => /^[+-](?![+-]{2})/.test(l) || l.startsWith('@@'))
    .join('\n');
  const identifiers = codeIdentifiers(`${changed}\n${p.files.join('\n')}\n${p.subject ?? ''}`);
  for (const f of p.files) identifiers.add(f.split('/').pop()!.replace(/\.[ch]$/, ''));
  return { id: p.id, messageIndex: p.messageIndex, author: p.author, identifiers };
}

/** syzbot's `#syz fix: subject` names the fixing commit even when the thread never shows the patch. */
function syzFix(thread: Thread): Fix | null {
  for (const { messageIndex, text } of syzCommandText(thread)) {
    const r = SYZ_FIX.exec(text);
    if (r) return { patchId: null, commit: null, subject: r[1].trim(), evidence: [{ messageIndex, quote: r[0].trim() }] };
  }
  return null;
}

export function analyzeThread(thread: Thread): Analysis & { rootCause: (Analysis['rootCause'] & { draft?: true }) | null } {
  // The main symptom comes first: the first report message's most severe crash (a WARNING often precedes
  // the use-after-free that matters).
  const symptoms = findSymptoms(thread)
    .map((s, i) => ({ s, i }))
    .sort((a, b) => a.s.messageIndex - b.s.messageIndex || SEVERITY.indexOf(a.s.kind) - SEVERITY.indexOf(b.s.kind) || a.i - b.i)
    .map((x) => x.s);
  const patches = findPatches(thread);
  const refs = patches.map(patchRef);
  const quotedPatches = new Map<number, string[]>();
  for (const q of findPatchQuotes(thread, patches)) quotedPatches.set(q.messageIndex, [...(quotedPatches.get(q.messageIndex) ?? []), q.patchId]);
  const evidence = collectEvidence({ thread, patches: refs, quotedPatches });
  const shortlog = thread.messages.flatMap((m) => (m.ghost ? [] : parseShortlog(m)));
  const decision = decideFix(thread, patches, evidence, symptoms, shortlog);
  const fix = decision.fix ?? syzFix(thread);
  const culprit = findCulprit(thread, decision.fixPatch?.messageIndex ?? null);
  const status = findStatus(thread, fix, decision.confirmed, decision.roles);

  const contractPatches = patches.map((p) => ({ ...toContractPatch(p), role: decision.roles.get(p.id) ?? 'candidate' }));
  const timelinePatches = contractPatches.map((p, i) => ({ ...p, quotedFrom: patches[i].quotedFrom }));
  const timeline = buildTimeline({
    thread,
    symptoms,
    patches: timelinePatches,
    roles: decision.roles,
    evidence,
    fixPatchId: decision.fixPatch?.id ?? null,
    fixGroup: decision.fixGroup,
    culpritMessageIndex: culprit?.messageIndex ?? null,
  });
  const rootCause = draftRootCause({
    thread,
    fixMessageIndex: decision.fixPatch?.messageIndex ?? null,
    fixIdentifiers: decision.fixPatch ? refs.find((r) => r.id === decision.fixPatch!.id)!.identifiers : new Set(),
    culprit: culprit ? { messageIndex: culprit.messageIndex, quote: culprit.quote } : null,
    fixCommitMessage: decision.fixPatch?.commitMessage ?? null,
  });

  const trailers = thread.messages.flatMap((m) => (m.ghost ? [] : findTrailers(m)));
  const trailerNames = (re: RegExp) => trailers.filter((t) => re.test(t.key)).flatMap((t) => [t.name, t.email]);
  const actorsOf = (kinds: string[]) => evidence.filter((e) => kinds.includes(e.kind)).map((e) => e.actor);
  const firstReal = reportMessage(thread, symptoms);
  // The plain words first: they rule out nearly every sentence before the long BISECT pattern runs.
  const bisectors = thread.messages.filter((m) => !m.ghost && sentencesOf(m).some((s) => /\bbisected\b|first bad commit/i.test(s.text) && BISECT.test(s.text))).map((m) => m.author?.name);
  // People named as reporters in trailers take part even when they never wrote to the thread.
  const reportedBy = trailers.filter((t) => /^reported(-and-tested)?-by$/i.test(t.key) && t.name);
  const participants = findParticipants(thread, {
    reporter: [firstReal?.author?.name, firstReal?.author?.email, ...trailerNames(/^reported(-and-tested)?-by$/i)],
    bisector: [...bisectors, culprit && /bisect|first-bad/.test(culprit.how) ? thread.messages[culprit.messageIndex].author?.name : null],
    fixer: [decision.fixPatch?.author],
    reviewer: [...trailerNames(/^(reviewed|acked)-by$/i), ...actorsOf(['reviewed-by'])],
    tester: [...trailerNames(/tested-by$/i), ...evidence.filter((e) => (e.kind === 'tested' || e.kind === 'tested-by') && e.patchId !== null && e.actor !== decision.fixPatch?.author).map((e) => e.actor)],
    maintainer: [...actorsOf(['applied', 'pull']), ...shortlog.map((s) => thread.messages[s.messageIndex].author?.name)],
  });

  for (const t of reportedBy) {
    const known = participants.some((p) => (t.email && p.email?.toLowerCase() === t.email.toLowerCase()) || p.name.toLowerCase() === t.name!.toLowerCase());
    if (!known) participants.push({ name: t.name!, email: t.email, messages: 0, roles: ['reporter'] });
  }

  return {
    status,
    symptoms,
    patches: contractPatches,
    fix,
    culprit: culprit ? { commit: culprit.commit, subject: culprit.subject, messageIndex: culprit.messageIndex } : null,
    timeline,
    rootCause,
    participants,
  };
}
