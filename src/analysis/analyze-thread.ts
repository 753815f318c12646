// Thread → Analysis: reads every message once, finds the symptoms and patches, runs the signal rules over the
// readings, and decides the fix, the status and the culprit — each decision with its confidence and the
// evidence behind it — then the timeline, the root-cause draft and the participants.
import type { Thread } from '../thread/types.ts';
import { buildTimeline } from './build-timeline.ts';
import { decideFix } from './decide-fix.ts';
import { draftRootCause } from './draft-root-cause.ts';
import { findCulprit } from './find-culprit.ts';
import { findParticipants } from './find-participants.ts';
import { findPatches, findPatchQuotes, toContractPatch, type ParsedPatch } from './find-patches.ts';
import { findStatus } from './find-status.ts';
import { readThread, personKey } from './read/read-message.ts';
import { botNoticeSignals } from './signals/bot-notices.ts';
import { counterPatchSignals } from './signals/counter-patches.ts';
import { codeIdentifiers } from './signals/link-to-patch.ts';
import { namedFixes } from './signals/named-fix.ts';
import { markOffTopic } from './signals/off-topic.ts';
import { BISECT } from './signals/phrases.ts';
import { parseShortlog } from './signals/shortlog.ts';
import { collectStatements } from './signals/statements.ts';
import { syzbotTestSignals } from './signals/syzbot-tests.ts';
import type { PatchRef, SignalContext } from './signals/types.ts';
import { findVerdicts } from './signals/verdicts.ts';
import { findSymptoms, mainSymptomFirst } from './symptoms/index.ts';
import type { Analysis, Decision, Symptom } from './types.ts';
import type { Message } from '../thread/types.ts';

/** The signals after which a fix counts as settled. */
const SETTLES = new Set(['syz-test-ok', 'bot-applied', 'applied', 'pull', 'tested', 'tested-by', 'syz-fix', 'regzbot-fix', 'fixed-by']);

function patchRef(p: ParsedPatch): PatchRef {
  const changed = p.diffText
    .split('\n')
    .filter((l) => /^[+-](?![+-]{2})/.test(l) || l.startsWith('@@'))
    .join('\n');
  const identifiers = codeIdentifiers(`${changed}\n${p.files.join('\n')}\n${p.subject ?? ''}`);
  for (const f of p.files)
    identifiers.add(
      f
        .split('/')
        .pop()!
        .replace(/\.[ch]$/, ''),
    );
  return { id: p.id, messageIndex: p.messageIndex, author: p.author, identifiers, subject: p.subject };
}

/**
 * The report: the first message, unless the thread started as something else (a release announcement, a
 * patch) and the bug was reported later in it, in the message that shows the first crash.
 */
export function reportMessage(thread: Thread, symptoms: Symptom[]): Message | null {
  const first = thread.messages.find((m) => !m.ghost) ?? null;
  const symptom = symptoms[0];
  if (!first || !symptom) return first;
  const crash = thread.messages[symptom.messageIndex];
  const early = symptom.messageIndex - first.index <= 3;
  const sameAuthor = (crash.author?.name ?? '') === (first.author?.name ?? '');
  // A thread whose first message is already about the crash (its subject names it: a reply to a report the
  // archive lost, say) began with the bug, however late the crash log itself was posted.
  const subject = (first.subject ?? '').toLowerCase();
  const aboutIt = subject.includes(symptom.title.toLowerCase()) || (!!symptom.function && subject.includes(symptom.function.toLowerCase()));
  return early || sameAuthor || aboutIt ? first : crash;
}

function symptomDecision(thread: Thread, main: Symptom | undefined): Decision {
  if (!main) return { confidence: 'low', reasons: [] };
  const m = thread.messages[main.messageIndex];
  // No crash report: the title is the thread's subject, which is not a sentence of any message to quote.
  if (main.kind === 'other' || !m) return { confidence: 'low', reasons: [] };
  // The report's line that names the crash: the guilty function's, else one holding the title's last word,
  // else the report's first line. Whitespace collapsed, so it stays a verbatim quote of the message.
  const lines = m.segments
    .flatMap((s) => (s.kind === 'quote' ? [] : s.text.split('\n')))
    .map((l) => l.trim())
    .filter(Boolean);
  const lastWord = main.title.split(/\s+/).pop() ?? '';
  const line =
    (main.function && lines.find((l) => l.includes(main.function!))) ||
    lines.find((l) => lastWord.length > 3 && l.includes(lastWord)) ||
    m.segments
      .find((s) => s.kind === 'trace' || s.kind === 'log')
      ?.text.split('\n')
      .find((l) => l.trim());
  const confidence = main.function ? 'high' : 'medium';
  return { confidence, reasons: line ? [{ signal: 'crash-report', messageIndex: main.messageIndex, quote: line.trim().replace(/\s+/g, ' ') }] : [] };
}

export function analyzeThread(thread: Thread): Analysis & { rootCause: (Analysis['rootCause'] & { draft?: true }) | null } {
  const readings = readThread(thread);
  const symptoms = mainSymptomFirst(thread, findSymptoms(thread));
  const patches = findPatches(thread);
  for (const p of patches) readings[p.messageIndex].posts.push(p.id);
  for (const q of findPatchQuotes(thread, patches)) readings[q.messageIndex].quotesPatches.push(q.patchId);
  markOffTopic(readings, symptoms);

  const refs = patches.filter((p) => !readings[p.messageIndex].offTopic).map(patchRef);
  const ctx: SignalContext = { thread, readings, patches: refs };
  // Fixes named in the thread first: a test that answers one is about it, not about an older patch.
  const named = namedFixes(ctx);
  ctx.namedAt = new Set(named.filter((n) => n.strength === 'statement').map((n) => n.messageIndex));
  const evidence = [...collectStatements(ctx), ...syzbotTestSignals(ctx), ...botNoticeSignals(ctx), ...counterPatchSignals(ctx)].sort(
    (a, b) => a.messageIndex - b.messageIndex,
  );
  const verdicts = findVerdicts(ctx);
  const shortlog = readings.flatMap((r) => (r.message.ghost || r.offTopic ? [] : parseShortlog(r.message)));
  const report = reportMessage(thread, symptoms);
  const decision = decideFix({ thread, readings, patches, evidence, named, symptoms, shortlog, reportIndex: report?.index ?? 0 });
  const status = findStatus(decision, verdicts);
  // A proposal the thread then closed as not a bug, or as another report's, was not the fix.
  if (decision.how === 'proposed' && (status.status === 'not-a-bug' || status.status === 'duplicate')) {
    for (const [id, role] of decision.roles) if (role === 'fix') decision.roles.set(id, 'candidate');
    Object.assign(decision, { fix: null, fixPatch: null, fixGroup: new Set(), reasons: [], how: null });
  }
  const culprit = findCulprit(readings, decision.fixPatch?.messageIndex ?? null);

  const contractPatches = patches.map((p) => ({ ...toContractPatch(p), role: decision.roles.get(p.id) ?? 'candidate' }));
  const timelinePatches = contractPatches.map((p, i) => ({ ...p, quotedFrom: patches[i].quotedFrom }));
  const symptomWhy = symptomDecision(thread, symptoms[0]);
  const timeline = buildTimeline({
    thread,
    readings,
    symptoms,
    patches: timelinePatches,
    roles: decision.roles,
    evidence,
    named,
    verdicts,
    fixPatchId: decision.fixPatch?.id ?? null,
    fixGroup: decision.fixGroup,
    culpritMessageIndex: culprit?.messageIndex ?? null,
    reportIndex: report?.index ?? null,
    closing: status.status === 'not-a-bug' || status.status === 'duplicate' ? status.reasons.map((r) => r.messageIndex) : [],
    reportLine: symptomWhy.reasons[0] ?? null,
  });
  const rootCause = draftRootCause({
    thread,
    fixMessageIndex: decision.fixPatch?.messageIndex ?? null,
    fixIdentifiers: decision.fixPatch ? patchRef(patches.find((p) => p.id === decision.fixPatch!.id)!).identifiers : new Set(),
    culprit: culprit ? { messageIndex: culprit.messageIndex, quote: culprit.quote } : null,
    fixCommitMessage: decision.fixPatch?.commitMessage ?? null,
  });

  const trailers = readings.flatMap((r) => (r.offTopic ? [] : r.trailers));
  const trailerNames = (re: RegExp) => trailers.filter((t) => re.test(t.key)).flatMap((t) => [t.name, t.email]);
  const actorsOf = (kinds: string[]) => evidence.filter((e) => kinds.includes(e.kind)).map((e) => e.actor);
  const bisectors = readings
    .filter((r) => !r.offTopic && r.sentences.some((s) => /\bbisected\b|first bad commit/i.test(s.text) && BISECT.test(s.text)))
    .map((r) => r.message.author?.name);
  // People named as reporters in trailers take part even when they never wrote to the thread.
  const reportedBy = trailers.filter((t) => /^reported(-and-tested)?-by$/i.test(t.key) && t.name);
  const fixAuthor = decision.fixPatch?.author;
  const participants = findParticipants(thread, {
    reporter: [report?.author?.name, report?.author?.email, ...trailerNames(/^reported(-and-tested)?-by$/i)],
    bisector: [...bisectors, culprit && /bisect|first-bad/.test(culprit.how) ? thread.messages[culprit.messageIndex].author?.name : null],
    fixer: [fixAuthor],
    reviewer: [...trailerNames(/^(reviewed|acked)-by$/i), ...actorsOf(['reviewed-by'])],
    tester: [
      ...trailerNames(/tested-by$/i),
      ...evidence
        .filter((e) => (e.kind === 'tested' || e.kind === 'tested-by') && e.patchId !== null && personKey(e.actor) !== personKey(fixAuthor))
        .map((e) => e.actor),
    ],
    maintainer: [...actorsOf(['applied', 'pull', 'will-apply']), ...shortlog.map((s) => thread.messages[s.messageIndex].author?.name)],
  });
  for (const t of reportedBy) {
    const known = participants.some((p) => (t.email && p.email?.toLowerCase() === t.email.toLowerCase()) || p.name.toLowerCase() === t.name!.toLowerCase());
    if (!known) participants.push({ name: t.name!, email: t.email, messages: 0, roles: ['reporter'] });
  }

  // Fixed when the last confirmation came: a test, a maintainer's hand, the commit named.
  const settling = decision.reasons.filter((r) => SETTLES.has(r.signal)).map((r) => r.messageIndex);
  const fixedIndex = status.status === 'fixed' ? (settling.length ? Math.max(...settling) : (decision.fixPatch?.messageIndex ?? null)) : null;
  return {
    status: status.status,
    duplicateOf: status.duplicateOf,
    symptoms,
    patches: contractPatches,
    fix: decision.fix,
    culprit: culprit ? { commit: culprit.commit, subject: culprit.subject, messageIndex: culprit.messageIndex } : null,
    timeline,
    rootCause,
    participants,
    decisions: {
      symptom: symptomWhy,
      fix: { confidence: decision.fix ? decision.confidence : 'medium', reasons: decision.reasons },
      status: { confidence: status.confidence, reasons: status.reasons },
      culprit: culprit
        ? { confidence: culprit.confidence ?? 'medium', reasons: [{ signal: culprit.how, messageIndex: culprit.messageIndex, quote: culprit.quote }] }
        : { confidence: 'medium', reasons: [] },
    },
    reportIndex: report?.index ?? null,
    fixedIndex,
  };
}
