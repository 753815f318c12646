// A fix named rather than shown: `#syz fix: <title>` (syzbot's bookkeeping, by a person), `#regzbot fix:`,
// a commit the thread says fixes the bug ("fixed by 1234567890ab ("foo: bar")", "stable is missing
// <commit>", a git.kernel.org commit URL, a lore link to the posted fix), and syzbot's own fix bisection
// ("syzbot suspects this issue was fixed by commit:"), the weakest: it is often wrong.
import type { MessageReading } from '../read/read-message.ts';
import { commitRefs, type CommitRef } from '../read/commit-refs.ts';
import { NAMES_CAUSE, NAMES_FIX } from './phrases.ts';
import type { SignalContext } from './types.ts';

export interface NamedFix {
  commit: string | null;
  subject: string | null;
  link: string | null;
  messageIndex: number;
  quote: string;
  /** command: a `#syz fix:`/`#regzbot fix:` line; statement: a sentence naming it; bisection: syzbot's guess. */
  strength: 'command' | 'statement' | 'bisection';
  signal: 'syz-fix' | 'regzbot-fix' | 'fixed-by' | 'syz-fix-bisection';
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

/** A sentence whose subject is the commit just named. */
const REFERS_BACK =
  /^(?:(?:and|so|but)\s+)?(?:it|this|that|which|this one|that one|the (?:commit|patch|fix|change)|(?:I|we) (?:think|believe|hope) (?:it|this|that))\b/i;

function fromStatement(r: MessageReading, ref: CommitRef): NamedFix | null {
  // The sentence that names the commit and the ones around it ("This: <url> is in the -rc pile. We think it
  // addresses this crasher."), up to a sentence that names another commit.
  const names = (text: string, x: CommitRef) => (x.sha && text.includes(x.sha.slice(0, 7))) || (x.url && text.includes(x.url.slice(0, 40)));
  const at = r.sentences.findIndex((s) => names(s.text, ref));
  const window: string[] = [];
  if (at >= 0) {
    window.push(r.sentences[at].text);
    // A reference standing alone ("This:", a bare URL) is explained by the sentences after it.
    const rest = r.sentences[at].text.replace(/https?:\/\/\S+|\b[0-9a-f]{7,40}\b|\(\s*["“][^"”]*["”]\s*\)/g, '').trim();
    if (rest.length < 24) {
      // … and by the sentence that introduces it: "The fix is submitted here:", "It's this one:".
      const before = at > 0 ? r.sentences[at - 1].text : null;
      if (before && /:\s*$/.test(before) && !r.commits.some((x) => x !== ref && names(before, x))) window.push(before);
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
  if (NAMES_CAUSE.test(context) || !NAMES_FIX.test(context)) return null;
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

export function namedFixes(ctx: SignalContext): NamedFix[] {
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
  }
  return out;
}
