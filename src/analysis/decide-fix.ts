// Which patch fixed the reported bug. Every signal about a patch is weighed — syzbot's test result, a
// maintainer's "applied", someone else's "works for me", reviews — against the counter-signals — "still
// crashes", a NAK, the author's "debug only". Reposts of one diff share their signals; the versions of one
// change form a chain, and the chain's fix is the version that was applied or confirmed, else its last. A fix
// named only by commit or title (`#syz fix:`, "fixed by 1234567890ab") stands when no patch here is confirmed.
import type { Thread } from '../thread/types.ts';
import type { MessageReading } from './read/read-message.ts';
import { personKey } from './read/read-message.ts';
import type { NamedFix } from './signals/named-fix.ts';
import type { ShortlogEntry } from './signals/shortlog.ts';
import { namedFixId, type Evidence, type SignalName } from './signals/types.ts';
import { sameSubject } from './patches/same-subject.ts';
import type { Confidence, Fix, Patch, PatchRole, Reason, Symptom } from './types.ts';

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
  /** Someone other than the author tested it, syzbot did, a maintainer took it, or the fix is named by commit. */
  confirmed: boolean;
  /** The fix and its reposts and earlier versions: statements about any of them are about the fix. */
  fixGroup: Set<string>;
  confidence: Confidence;
  reasons: Reason[];
  /** How the fix was chosen. */
  how: 'confirmed' | 'named' | 'proposed' | null;
}

/** Evidence weights: independent confirmation and a maintainer's hand count most. */
const WEIGHT: Record<SignalName, number> = {
  'syz-test-ok': 4,
  'bot-applied': 4,
  tested: 3,
  'tested-by': 3,
  applied: 3,
  pull: 3,
  'will-apply': 2,
  claim: 1,
  praise: 1,
  'reviewed-by': 1,
  'syz-test-request': 0,
  'syz-test-broken': 0,
  failed: -3,
  'syz-test-crash': -3,
  rejected: -4,
  countered: -2,
  disclaimer: -4,
  untested: 0,
};
/** The signals that confirm a fix when someone other than its author gives them (or a bot, or a maintainer's tree). */
const CONFIRMING = new Set<SignalName>(['syz-test-ok', 'bot-applied', 'applied', 'pull', 'tested', 'tested-by']);
/** Signals that pick one version out of a chain: the version a maintainer took or a test confirmed. */
const PICKING = new Set<SignalName>(['syz-test-ok', 'bot-applied', 'applied', 'pull', 'will-apply', 'tested', 'tested-by']);
/** Below this a patch is not called a confirmed fix: one review or the author's own claim is not enough. */
const FIX_THRESHOLD = 2.5;
/** Strongest reasons first, for "why we think so". */
const REASON_ORDER: string[] = [
  'syz-fix',
  'regzbot-fix',
  'syz-test-ok',
  'bot-applied',
  'applied',
  'pull',
  'tested-by',
  'tested',
  'will-apply',
  'fixed-by',
  'reviewed-by',
  'claim',
  'praise',
];

const DEBUG_LINE =
  /^\+\s*(?:printk|pr_(?:debug|info|warn|warning|err|emerg|notice|crit|alert|cont)|dev_(?:dbg|info|warn|err)|trace_printk|dump_stack|print_hex_dump\w*|(?:VM_|VIRTUAL_)?(?:WARN|BUG)_ON(?:_ONCE)?|WARN(?:_ONCE)?|BUG|show_stack|debug_\w+|DEBUG\w*)\s*\(/;

/**
 * The statements a diff adds: added lines joined until a statement ends (a call split over two lines is one
 * printk), without blank lines, comments, braces and plain declarations (`bool flushed;` serves the printk
 * after it). A mail client that shifted a `+` behind a space (` +\tline`) still adds the line.
 */
function addedStatements(diff: string): string[] {
  const out: string[] = [];
  let open = '';
  for (const raw of diff.split('\n')) {
    const line = /^ \+\t/.test(raw) ? raw.slice(1) : raw;
    if (!line.startsWith('+') || line.startsWith('+++')) continue;
    const body = line.slice(1).trim();
    if (!body || /^(?:\/\/|\/\*|\*|}|{|else\b)/.test(body)) continue;
    open = open ? `${open} ${body}` : `+\t${body}`;
    if (/[;{}]\s*(?:\/\*.*\*\/)?$/.test(body)) {
      if (!/^\+\t(?:(?:const|unsigned|signed|static|struct|enum)\s+)*[a-z_][\w]*\s+\**\w+(?:\[\w*\])?\s*;$/.test(open)) out.push(open);
      open = '';
    }
  }
  if (open) out.push(open);
  return out;
}

/** A change that only adds printks and checks is there to learn something, not to fix it. */
export function isDebugDiff(diff: string): boolean {
  const added = addedStatements(diff);
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
  if (/\b(?:clean ?ups?|cleanup|simplif(?:y|ies)|comments?|rename|typo|whitespace|tidy|refactor|coding style)\b/i.test(subject) && !/\bfix/i.test(subject))
    return 'cleanup';
  if (p.files.length > 0 && p.files.every((f) => TEST_FILE.test(f))) return 'test';
  return null;
}

/** Where the kernel keeps its tests: selftests, KUnit suites, lib/test_*.c, *_test.c and *_kunit.c files. */
const TEST_FILE = /^tools\/testing\/|(?:^|\/)(?:test_[\w-]+|[\w-]+_(?:test|kunit))\.c$|\/tests?\/|(?:^|\/)kunit\//;

/** The subsystem a file belongs to, roughly: the first two levels of its directory (`arch/x86`, `mm`). */
function topDir(file: string): string {
  return file.split('/').slice(0, -1).slice(0, 2).join('/');
}

export interface FixInput {
  thread: Thread;
  readings: MessageReading[];
  patches: PatchFacts[];
  evidence: Evidence[];
  named: NamedFix[];
  symptoms: Symptom[];
  shortlog: ShortlogEntry[];
  reportIndex: number;
}

interface Group {
  /** The first posting stands for its reposts. */
  head: PatchFacts;
  members: PatchFacts[];
  role: PatchRole | null;
  score: number;
  reasons: Evidence[];
  confirmed: boolean;
  picked: boolean;
  chain: number;
}

export function decideFix(input: FixInput): FixDecision {
  const { patches, evidence, named, symptoms, shortlog, readings } = input;
  const byId = new Map(patches.map((p) => [p.id, p]));
  // Posting groups: reposts and quoted copies of one diff; a later version cut before its diff joins the
  // version it revises.
  const groupKey = new Map<string, string>();
  for (const p of patches) {
    const prev = p.previousVersion ? byId.get(p.previousVersion) : undefined;
    groupKey.set(p.id, p.files.length === 0 && prev ? groupKey.get(prev.id)! : p.identity);
  }
  const groups = new Map<string, Group>();
  for (const p of patches) {
    const key = groupKey.get(p.id)!;
    const g = groups.get(key);
    if (g) g.members.push(p);
    else groups.set(key, { head: p, members: [p], role: null, score: 0, reasons: [], confirmed: false, picked: false, chain: -1 });
  }
  const groupOf = (id: string | null) => (id && byId.has(id) ? groups.get(groupKey.get(id)!)! : null);
  const offTopic = (p: PatchFacts) => readings[p.messageIndex]?.offTopic ?? false;
  const symptomFunctions = new Set(symptoms.map((s) => s.function).filter((f): f is string => !!f));

  for (const g of groups.values()) {
    const p = g.head;
    g.role = offTopic(p) ? 'unrelated' : baseRole(p, evidence);
    const testers = new Set<string>();
    for (const e of evidence) {
      if (groupOf(e.patchId) !== g) continue;
      const independent = personKey(e.actor) !== personKey(p.author);
      let weight = WEIGHT[e.kind];
      if ((e.kind === 'tested' || e.kind === 'tested-by') && !independent) weight = WEIGHT.claim;
      else if (e.kind === 'tested' || e.kind === 'tested-by') {
        if (testers.has(personKey(e.actor))) continue;
        testers.add(personKey(e.actor));
      }
      g.score += weight;
      if (weight !== 0) g.reasons.push(e);
      if (CONFIRMING.has(e.kind) && (independent || e.kind === 'applied' || e.kind === 'bot-applied' || e.kind === 'pull' || e.kind === 'syz-test-ok'))
        g.confirmed = true;
      if (PICKING.has(e.kind) && (independent || e.kind !== 'tested')) g.picked = true;
    }
    // A maintainer's pull request that lists the patch's commit takes it upstream.
    const pull = pulledIn(p, shortlog);
    if (pull) {
      g.score += WEIGHT.pull;
      g.confirmed = g.picked = true;
      const line = readings[pull.messageIndex].own.split('\n').find((l) => l.includes(pull.subject));
      g.reasons.push({
        kind: 'pull',
        messageIndex: pull.messageIndex,
        quote: (line ?? pull.subject).trim().replace(/\s+/g, ' '),
        patchId: p.id,
        actor: readings[pull.messageIndex].author,
      });
    }
    // A fix named by title or commit elsewhere in the thread is this patch when the names agree.
    for (const n of named) {
      if (n.strength === 'bisection' || !(sameSubject(n.subject, p.subject) || sameSubject(n.subject, p.commitMessage?.split('\n')[0]))) continue;
      g.score += n.strength === 'command' ? 4 : 2;
      g.confirmed ||= n.strength === 'command';
      g.picked = true;
    }
    // A patch that names the commit it repairs was written as a fix for a regression; one that touches the
    // crashing function is near the bug.
    if (/^Fixes:/m.test(p.commitMessage ?? '') || p.trailers.some((t) => t.key.toLowerCase() === 'fixes')) g.score += 1;
    if ([...symptomFunctions].some((f) => p.diffText.includes(f))) g.score += 1;
    if (g.role === 'debug' || g.role === 'unrelated' || g.role === 'test') g.score = Math.min(g.score, 0);
    // A reviewer who turns the patch down outweighs a test that passed: only a maintainer's hand (applied,
    // pulled, named in a bot command) confirms it then.
    if (g.reasons.some((e) => e.kind === 'rejected')) {
      g.confirmed =
        g.reasons.some((e) => e.kind === 'applied' || e.kind === 'bot-applied' || e.kind === 'pull') ||
        named.some((n) => n.strength === 'command' && sameSubject(n.subject, p.subject));
    }
  }

  // Chains: the versions of one change (previousVersion, reposts), and later patches of one author to the
  // same files — a sketch and its reworked successor are one line of work.
  const list = [...groups.values()];
  const chainOf = new Map<Group, number>();
  list.forEach((g, i) => {
    let chain = i;
    // A diff someone else sends in a reply (under the patch's Subject) is a suggestion, not its next version.
    const prev = g.head.previousVersion ? groupOf(g.head.previousVersion) : null;
    const revises = prev && (personKey(prev.head.author) === personKey(g.head.author) || g.head.subjectSource !== 'reply');
    if (prev && revises && chainOf.has(prev)) chain = chainOf.get(prev)!;
    else {
      for (let j = i - 1; j >= 0; j--) {
        const o = list[j];
        // Two titled commits are two changes, whatever files they share; an untitled sketch is an early version.
        const untitled = !o.head.subject || !g.head.subject || o.head.subjectSource === 'reply' || g.head.subjectSource === 'reply';
        if (untitled && personKey(o.head.author) === personKey(g.head.author) && o.head.files.some((f) => g.head.files.includes(f)) && o.role === g.role) {
          chain = chainOf.get(o)!;
          break;
        }
      }
    }
    chainOf.set(g, chain);
    g.chain = chain;
  });
  const chains = new Map<number, Group[]>();
  for (const g of list) chains.set(g.chain, [...(chains.get(g.chain) ?? []), g]);
  /**
   * A chain is worth its best version plus half of what its other versions earned on their own (tests of v1
   * speak for the idea); a statement that counted for several versions (one pull request naming them all by
   * title) counts once.
   */
  const chainScore = (gs: Group[]) => {
    const best = [...gs].sort((a, b) => b.score - a.score)[0];
    const seen = new Set(best.reasons.map((e) => `${e.kind}:${e.messageIndex}`));
    let extra = 0;
    for (const g of gs) {
      if (g === best) continue;
      for (const e of g.reasons) {
        const key = `${e.kind}:${e.messageIndex}`;
        if (seen.has(key) || WEIGHT[e.kind] <= 0) continue;
        seen.add(key);
        extra += WEIGHT[e.kind];
      }
    }
    return best.score + extra * 0.5;
  };
  /** The version of a chain that stands for it: the one taken or confirmed (the latest such), else the last. */
  const standIn = (gs: Group[]) =>
    [...gs].reverse().find((g) => g.picked) ??
    [...gs].sort((a, b) => (b.head.version ?? 1) - (a.head.version ?? 1) || b.head.messageIndex - a.head.messageIndex)[0];
  const eligible = [...chains.values()].filter(
    (gs) => !gs.every((g) => g.role === 'debug' || g.role === 'unrelated' || g.role === 'revert' || g.role === 'test'),
  );

  let chosen: Group | null = null;
  let how: FixDecision['how'] = null;
  const command = named.filter((n) => n.strength === 'command').at(-1);
  const commandGroup = command ? list.find((g) => g.members.some((p) => sameSubject(command.subject, p.subject))) : undefined;
  const ranked = eligible.map((gs) => ({ gs, score: chainScore(gs) })).sort((a, b) => b.score - a.score || lastIndex(b.gs) - lastIndex(a.gs));
  if (commandGroup) {
    chosen = commandGroup;
    how = 'confirmed';
  } else if (!command && ranked[0] && ranked[0].score >= FIX_THRESHOLD) {
    chosen = standIn(ranked[0].gs);
    how = 'confirmed';
  }
  // A fix named in a statement earns what the replies to it say ("works for me" under "the fix is posted here").
  const statements = named.filter((n) => n.strength === 'statement');
  const namedScore = (n: NamedFix) => {
    const said = evidence.filter((e) => e.patchId === namedFixId(n.messageIndex));
    const testers = new Set<string>();
    let score = 0;
    for (const e of said) {
      if ((e.kind === 'tested' || e.kind === 'tested-by') && testers.has(personKey(e.actor))) continue;
      testers.add(personKey(e.actor));
      score += WEIGHT[e.kind];
    }
    return {
      score,
      said: said.filter((e) => WEIGHT[e.kind] > 0),
      confirmed: said.some((e) => CONFIRMING.has(e.kind) && personKey(e.actor) !== personKey(readings[n.messageIndex]?.author)),
    };
  };
  const scoredStatements = statements.map((n) => ({ n, ...namedScore(n) }));
  const testedStatement = scoredStatements.filter((x) => x.confirmed).sort((a, b) => b.score - a.score || b.n.messageIndex - a.n.messageIndex)[0];
  // A tested fix named by link or commit outranks a patch of the thread that earned less.
  if (!commandGroup && !command && testedStatement && (!chosen || testedStatement.score >= (ranked[0]?.score ?? 0))) chosen = null;
  const statement = testedStatement?.n ?? statements.at(-1);
  if (!chosen && !command && !statement) {
    // Nothing confirmed and nothing named: the most plausible proposal, if any is on the table.
    const proposal = ranked.find((x) => x.score >= 0 && x.gs.some((g) => g.role === null && g.score > -1 && touchesKernel(g.head)));
    if (proposal) {
      chosen = standIn(proposal.gs.filter((g) => g.role === null && g.score > -1));
      how = 'proposed';
    }
  }

  const roles = new Map<string, PatchRole>();
  const fixDirs = new Set((chosen?.head.files ?? []).map(topDir));
  for (const g of list) {
    for (const p of g.members) {
      if (chosen && g === chosen) roles.set(p.id, 'fix');
      else if (g.role) roles.set(p.id, g.role);
      else if (!chosen || g.chain === chosen.chain) roles.set(p.id, 'candidate');
      else {
        // Another problem's patch: posted before the report, or far from the fix's code and the crash.
        const near = p.files.some((f) => fixDirs.has(topDir(f))) || [...symptomFunctions].some((f) => p.diffText.includes(f)) || g.score > 0;
        roles.set(p.id, near && p.messageIndex >= input.reportIndex ? 'candidate' : 'unrelated');
      }
    }
  }

  if (!chosen) {
    const byName = command ?? statement;
    if (!byName) return { roles, fix: null, fixPatch: null, confirmed: false, fixGroup: new Set(), confidence: 'low', reasons: [], how: null };
    // A commit exists in some tree; a link to a posting names a patch that may yet change or be dropped, unless
    // someone other than its author tested it.
    const tests = byName === testedStatement?.n ? testedStatement.said : [];
    const isCommit = byName.strength === 'command' || !!byName.commit;
    const reasons: Reason[] = [
      { signal: byName.signal, messageIndex: byName.messageIndex, quote: byName.quote },
      ...tests.map((e) => ({ signal: e.kind, messageIndex: e.messageIndex, quote: e.quote })),
    ];
    return {
      roles,
      fix: {
        patchId: null,
        commit: byName.commit,
        subject: byName.subject,
        link: byName.link,
        evidence: reasons.map(({ messageIndex, quote }) => ({ messageIndex, quote })),
      },
      fixPatch: null,
      confirmed: isCommit || tests.length > 0,
      fixGroup: new Set(),
      confidence: byName.strength === 'command' || (tests.length > 0 && isCommit) ? 'high' : 'medium',
      reasons,
      how: 'named',
    };
  }

  // The group speaks through its best-named posting: a formal [PATCH] over an inline draft in a reply.
  // A repost by someone else (a maintainer forwarding it) is the author's patch still: their own posting stands.
  const namedPosting = chosen.members.filter((p) => p.subject && p.subjectSource !== 'reply' && p.files.length > 0);
  const byAuthor = namedPosting.filter((p) => personKey(readings[p.messageIndex]?.author) === personKey(p.author));
  // A copy someone else's mail quotes (an Outlook reply quotes without `>`) never stands for the author's posting.
  const shown = byAuthor[0] ?? namedPosting.find((p) => !p.quotedFrom) ?? chosen.head;
  const chainGroups = chains.get(chosen.chain) ?? [chosen];
  const fixGroup = new Set(chainGroups.flatMap((g) => g.members.map((p) => p.id)));
  const reasons = chosen.reasons
    .filter((e) => WEIGHT[e.kind] > 0)
    .sort((a, b) => REASON_ORDER.indexOf(a.kind) - REASON_ORDER.indexOf(b.kind) || a.messageIndex - b.messageIndex);
  const namedMatch = named.find((n) => n.strength !== 'bisection' && chosen!.members.some((p) => sameSubject(n.subject, p.subject)));
  const why: Reason[] = [
    ...(namedMatch ? [{ signal: namedMatch.signal, messageIndex: namedMatch.messageIndex, quote: namedMatch.quote }] : []),
    ...reasons.map((e) => ({ signal: e.kind, messageIndex: e.messageIndex, quote: e.quote })),
  ].slice(0, 8);
  const confirmed = chosen.confirmed;
  const strong = chosen.reasons.some((e) => ['syz-test-ok', 'bot-applied', 'applied', 'pull'].includes(e.kind)) || !!namedMatch;
  const confidence: Confidence = how === 'proposed' ? 'low' : confirmed && strong ? 'high' : 'medium';
  // A diff in a reply carries the thread's Subject, not a title of its own: it stays untitled.
  const ownSubject = shown.subjectSource === 'reply' ? null : shown.subject;
  const subject = ownSubject ?? namedMatch?.subject ?? onlyCommitOf(shown, patches, shortlog);
  return {
    roles,
    fix: { patchId: shown.id, commit: namedMatch?.commit ?? null, subject, evidence: why.map(({ messageIndex, quote }) => ({ messageIndex, quote })) },
    fixPatch: shown,
    confirmed,
    fixGroup,
    confidence,
    reasons: why,
    how,
  };
}

/** The kernel tree's top-level folders: a patch to none of them (an LXC or QEMU fix) is not a kernel fix. */
const KERNEL_DIRS =
  /^(?:arch|block|certs|crypto|Documentation|drivers|fs|include|init|io_uring|ipc|kernel|lib|LICENSES|mm|net|rust|samples|scripts|security|sound|tools|usr|virt)\//;

function touchesKernel(p: PatchFacts): boolean {
  return p.files.length === 0 || p.files.some((f) => KERNEL_DIRS.test(f) || !f.includes('/'));
}

function lastIndex(gs: Group[]): number {
  return Math.max(...gs.map((g) => g.head.messageIndex));
}

/**
 * A patch posted without a subject takes its title from a pull request that lists exactly one commit by its
 * author, when it is that author's only untitled patch in the thread: the pull request names it.
 */
function onlyCommitOf(p: PatchFacts, patches: PatchFacts[], shortlog: ShortlogEntry[]): string | null {
  const untitled = patches.filter((q) => !q.subject && q.identity !== p.identity && personKey(q.author) === personKey(p.author));
  if (untitled.length > 0) return null;
  const entries = shortlog.filter((e) => personKey(e.author) === personKey(p.author));
  const titles = new Set(entries.flatMap((e) => e.subjects));
  return titles.size === 1 && entries.every((e) => e.subjects.length === 1) ? [...titles][0] : null;
}

/** The pull request entry that lists this patch's subject, if one does. */
function pulledIn(p: PatchFacts, shortlog: ShortlogEntry[]): { messageIndex: number; subject: string } | null {
  if (!p.subject) return null;
  for (const entry of shortlog) {
    if (entry.messageIndex === p.messageIndex || personKey(entry.author) !== personKey(p.author)) continue;
    const subject = entry.subjects.find((s) => sameSubject(s, p.subject));
    if (subject) return { messageIndex: entry.messageIndex, subject };
  }
  return null;
}
