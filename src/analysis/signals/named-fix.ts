// A fix named rather than shown: `#syz fix: <title>` (syzbot's bookkeeping, by a person), `#regzbot fix:`,
// a commit the thread says fixes the bug ("fixed by 1234567890ab ("foo: bar")", "stable is missing
// <commit>", a git.kernel.org commit URL, a lore link to the posted fix), and syzbot's own fix bisection
// ("syzbot suspects this issue was fixed by commit:"), the weakest: it is often wrong.
import type { MessageReading } from '../read/read-message.ts';
import { commitRefs, type CommitRef } from '../read/commit-refs.ts';
import { NAMES_CAUSE, NAMES_FIX, OFFERED_FOR_TEST, QUESTION, REVERT_DECIDED } from './phrases.ts';
import type { SignalContext } from './types.ts';

export interface NamedFix {
  commit: string | null;
  subject: string | null;
  link: string | null;
  messageIndex: number;
  quote: string;
  /**
   * command: a `#syz fix:`/`#regzbot fix:` line; statement: a sentence naming it; offered: a posting offered
   * for a test ("Please try this: <link>"), the fix only once someone else's test confirms it; decision: a
   * revert of the culprit agreed on, the fix of last resort when nothing else is on the table; bisection:
   * syzbot's guess.
   */
  strength: 'command' | 'statement' | 'offered' | 'decision' | 'bisection';
  signal: 'syz-fix' | 'regzbot-fix' | 'fixed-by' | 'revert-agreed' | 'syz-fix-bisection';
}

function fromCommand(r: MessageReading): NamedFix[] {
  const out: NamedFix[] = [];
  for (const c of r.commands) {
    if (c.verb !== 'fix' || !c.arg) continue;
    const sha = /^([0-9a-f]{7,40})\b\s*(?:\(\s*["“]?(.*?)["”]?\s*\))?/i.exec(c.arg);
    const link = /^https?:\/\/\S+/.exec(c.arg)?.[0] ?? null;
    out.push({
      commit: sha ? sha[1].toLowerCase() : null,
      subject: sha ? (sha[2] ?? null) : link ? null : c.arg.replace(/^["“']|["”']$/g, ''),
      link,
      messageIndex: r.index,
      quote: c.text,
      strength: 'command',
      signal: c.bot === 'syz' ? 'syz-fix' : 'regzbot-fix',
    });
  }
  return out;
}

/** A sentence of courtesy between a statement and the link it introduces. */
const COURTESY = /^(?:thanks|thank you|many thanks|regards|best regards|cheers|best)\b[^.!]{0,30}[.!]?$/i;
/** A sentence that points at what follows it: "I have sent the below", "This is the fix patch." */
const POINTS_AHEAD = /\b(?:below|following|this is the|here is the|here's the)\b/i;

/** A sentence whose subject is the commit just named. */
const REFERS_BACK =
  /^(?:(?:and|so|but)\s+)?(?:it|this|that|which|this one|that one|the (?:commit|patch|fix|change)|(?:I|we) (?:think|believe|hope) (?:it|this|that))\b/i;

function fromStatement(r: MessageReading, ref: CommitRef): NamedFix | null {
  // The sentence that names the commit and the ones around it ("This: <url> is in the -rc pile. We think it
  // addresses this crasher."), up to a sentence that names another commit.
  const names = (text: string, x: CommitRef) =>
    (x.sha && text.includes(x.sha.slice(0, 7))) ||
    (x.url && text.includes(x.url.slice(0, 40))) ||
    (x.marker && text.includes(x.marker) && !text.trimStart().startsWith(x.marker));
  const at = r.sentences.findIndex((s) => names(s.text, ref));
  const window: string[] = [];
  if (at >= 0) {
    window.push(r.sentences[at].text);
    // A reference standing alone ("This:", a bare URL) is explained by the sentences after it.
    const rest = r.sentences[at].text.replace(/https?:\/\/\S+|\b[0-9a-f]{7,40}\b|\(\s*["“][^"”]*["”]\s*\)/g, '').trim();
    if (rest.length < 24) {
      // … and by the sentence that introduces it: "The fix is submitted here:", "It's this one:".
      // (A courtesy between them — "Thanks." — is skipped; a sentence that points ahead, "I have sent the below",
      // "This is the fix patch.", introduces it as a colon does.)
      let b = at - 1;
      while (b >= 0 && COURTESY.test(r.sentences[b].text)) b--;
      const before = b >= 0 ? r.sentences[b].text : null;
      if (before && (/:\s*$/.test(before) || POINTS_AHEAD.test(before)) && !r.commits.some((x) => x !== ref && names(before, x))) window.push(before);
      for (let i = at + 1; i <= Math.min(r.sentences.length - 1, at + 2); i++) {
        const next = r.sentences[i].text;
        if (r.commits.some((x) => x !== ref && names(next, x))) break;
        // Only a sentence that speaks of the commit itself: "It is in the -rc pile", "We think it addresses …".
        if (REFERS_BACK.test(next)) window.push(next);
      }
    }
  }
  // The words must be in the clause that names this commit: "apply X to 6.6.y, or revert Y".
  if (window.length) {
    const clauses = window[0].split(/[;,]\s+(?:or|but|and|while|whereas)\b|\s+(?:or|but) if\b|;\s+/);
    window[0] = clauses.find((c) => names(c, ref)) ?? window[0];
  }
  const context = window.length ? window.join(' ') : ref.context;
  if (NAMES_CAUSE.test(context)) return null;
  if (!NAMES_FIX.test(context)) {
    // A link (not a bare commit id) offered for a test: what the replies find decides whether it is the fix.
    if (!ref.url || !OFFERED_FOR_TEST.test(context)) return null;
    return {
      commit: ref.sha,
      subject: ref.title,
      link: ref.url,
      messageIndex: r.index,
      quote: window.find((t) => OFFERED_FOR_TEST.test(t)) ?? ref.line,
      strength: 'offered',
      signal: 'fixed-by',
    };
  }
  const quote = at >= 0 ? (window.find((t) => NAMES_FIX.test(t)) ?? r.sentences[at].text) : ref.line;
  return { commit: ref.sha, subject: ref.title, link: ref.url, messageIndex: r.index, quote, strength: 'statement', signal: 'fixed-by' };
}

const SYZBOT_FIX_BISECTION =
  /syzbot (?:suspects|has bisected) this (?:issue|bug) (?:was |to be )?fixed by commit:\s*\n\s*\n?\s*commit ([0-9a-f]{12,40})[^\n]*\n(?:[^\n]*\n){0,3}?\s*\n\s{2,}(\S[^\n]*)/i;

/**
 * The titles the thread gives commits anywhere, quotes included: a later message names a commit by its id
 * alone ("apply 390390240145 to 5.15.y") that an earlier one, now only quoted, named with its title.
 */
function titlesInThread(ctx: SignalContext): Map<string, string> {
  const titles = new Map<string, string>();
  for (const r of ctx.readings) {
    if (r.message.ghost) continue;
    const all = r.message.segments.map((s) => (s.kind === 'quote' ? s.text.replace(/^(?:[ \t]*>)+ ?/gm, '') : s.text)).join('\n');
    for (const ref of commitRefs(all)) if (ref.sha && ref.title && !titles.has(ref.sha.slice(0, 12))) titles.set(ref.sha.slice(0, 12), ref.title);
  }
  return titles;
}

/** The commit the thread blames, as a revert would name it: `Revert "<title>"`, or the id alone. */
export interface RevertTarget {
  commit: string | null;
  subject: string | null;
}

/**
 * A revert decided by someone other than the reporter ("please revert this one ASAP"): of the commit the
 * sentence names, else of the thread's culprit. The revert commit does not exist yet, so it names no id.
 */
function fromRevertDecision(r: MessageReading, culprit: RevertTarget | null, reporter: string | null): NamedFix | null {
  if (!REVERT_DECIDED.test(r.own) || r.who === reporter) return null;
  const s = r.sentences.find((x) => REVERT_DECIDED.test(x.text) && !QUESTION.test(x.text) && !/\?\s*$/.test(x.text));
  if (!s) return null;
  const sha = /\b[0-9a-f]{12,40}\b/.exec(s.text)?.[0] ?? null;
  // The title the sentence gives the commit, else the culprit's when it is the same commit.
  const title = sha
    ? (r.commits.find((c) => c.sha?.startsWith(sha.slice(0, 12)))?.title ?? (culprit?.commit?.startsWith(sha.slice(0, 12)) ? culprit.subject : null))
    : null;
  const target = sha ? { commit: sha, subject: title } : culprit;
  if (!target || (!target.commit && !target.subject)) return null;
  const subject = target.subject ? `Revert "${target.subject}"` : `Revert ${target.commit!.slice(0, 12)}`;
  return { commit: null, subject, link: null, messageIndex: r.index, quote: s.text, strength: 'decision', signal: 'revert-agreed' };
}

export function namedFixes(ctx: SignalContext, culprit: RevertTarget | null = null): NamedFix[] {
  const out: NamedFix[] = [];
  let titles: Map<string, string> | null = null;
  const titled = (n: NamedFix): NamedFix => {
    if (n.subject || !n.commit) return n;
    titles ??= titlesInThread(ctx);
    const subject = [...titles].find(([sha]) => sha.startsWith(n.commit!.slice(0, 12)) || n.commit!.startsWith(sha))?.[1] ?? null;
    return { ...n, subject };
  };
  for (const r of ctx.readings) {
    if (r.offTopic || r.message.ghost) continue;
    if (r.bot === 'syzbot') {
      const b = SYZBOT_FIX_BISECTION.exec(r.own);
      if (b)
        out.push({
          commit: b[1],
          subject: b[2].trim(),
          link: null,
          messageIndex: r.index,
          quote: b[0].split('\n')[0].trim(),
          strength: 'bisection',
          signal: 'syz-fix-bisection',
        });
      continue;
    }
    if (r.bot) continue;
    out.push(...fromCommand(r).map(titled));
    for (const ref of r.commits) {
      const named = fromStatement(r, ref);
      if (named) out.push(titled(named));
    }
    const revert = fromRevertDecision(r, culprit, ctx.readings.find((x) => !x.message.ghost)?.who ?? null);
    if (revert) out.push(revert);
  }
  return out;
}
