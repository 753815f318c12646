// Thread + analysis → the generated sections of a case study, each an mdast tree serialised by
// remark-stringify: mail text is escaped as Markdown text, and raw mail (traces, diffs) only appears inside
// fenced code blocks whose fence is longer than any backtick run in them.
import type { AnalyzedThread } from '../casebook.ts';
import type { Message } from '../thread/types.ts';
import { displayTime } from '../thread/parse-date.ts';
import { caseFacts, type CaseFacts } from './case-facts.ts';
import { toMarkdown, type Block, type Inline } from './mdast.ts';
import { excerptTrace } from './trace-excerpt.ts';
import type { ListItem } from 'mdast';

/** The sections the machine writes, in order. Editors may add others; these names are reserved. */
export const GENERATED_SECTIONS = ['Summary', 'Symptom', 'Timeline', 'Root cause', 'The fix', 'Why we think so'] as const;
export type GeneratedSection = (typeof GENERATED_SECTIONS)[number];

/** A trace longer than this is cut in the case (the full one stays in the thread). */
const MAX_TRACE_LINES = 80;
/** A diff longer than this is cut in the case. */
const MAX_DIFF_LINES = 160;

const text = (value: string): Inline => ({ type: 'text', value });
const strong = (value: string): Inline => ({ type: 'strong', children: [text(value)] });
const code = (value: string): Inline => ({ type: 'inlineCode', value });
const link = (url: string, label: string): Inline => ({ type: 'link', url, children: [text(label)] });
const para = (...children: Inline[]): Block => ({ type: 'paragraph', children });
const cite = (quote: string, id: string): Inline => ({ type: 'textDirective', name: 'cite', attributes: { msg: id }, children: [text(quote)] });

function messageLink(m: Message, label = 'message'): Inline {
  return link(`#m-${m.id}`, label);
}

function who(m: Message): string {
  return m.author?.name ?? m.author?.email ?? 'someone';
}

function day(iso: string | null): string {
  return iso ? iso.slice(0, 10) : 'an unknown date';
}

function clip(lines: string[], max: number): string {
  if (lines.length <= max) return lines.join('\n');
  return [...lines.slice(0, max), `[… ${lines.length - max} more lines in the thread]`].join('\n');
}

function summary(t: AnalyzedThread, f: CaseFacts): Block[] {
  const a = t.analysis;
  const report = t.messages[a.reportIndex ?? -1] ?? t.messages.find((m) => !m.ghost)!;
  const opening: Inline[] = [text(`${who(report)} reported `)];
  if (f.symptom) opening.push(code(f.symptom.title));
  else opening.push(text(`“${t.title}”`));
  if (f.kernelVersions[0]) opening.push(text(` on ${f.kernelVersions[0]}`));
  opening.push(text(` on ${day(f.dates.reported)} (`), messageLink(report, 'report'), text(').'));
  const blocks: Block[] = [para(...opening)];
  const outcome: Inline[] = [];
  const fixPatch = a.patches.find((p) => p.id === a.fix?.patchId);
  if (a.status === 'fixed' && fixPatch) {
    outcome.push(text(`${fixPatch.author ?? 'A'}’s patch `), strong(a.fix?.subject ?? fixPatch.files.join(', ')));
    if (fixPatch.files.length) outcome.push(text(' ('), code(fixPatch.files.join(', ')), text(')'));
    outcome.push(text(` fixed it${f.dates.daysToFix !== null ? `, ${f.dates.daysToFix} day${f.dates.daysToFix === 1 ? '' : 's'} after the report` : ''}.`));
  } else if (a.status === 'fixed' && a.fix) {
    outcome.push(text('It was fixed by the commit '), strong(a.fix.subject ?? a.fix.commit ?? 'named in the thread'), text('.'));
  } else if (a.status === 'fix-proposed' && fixPatch) {
    outcome.push(
      text(`${fixPatch.author ?? 'Someone'} proposed `),
      strong(a.fix?.subject ?? fixPatch.files.join(', ')),
      text(', but the thread does not show it confirmed or applied.'),
    );
  } else if (a.status === 'fix-proposed' && a.fix?.link) {
    outcome.push(
      text('A fix was posted elsewhere ('),
      link(a.fix.link, a.fix.subject ?? 'the posting'),
      text('), and the thread does not show it confirmed or applied.'),
    );
  } else if (a.status === 'fix-proposed') {
    outcome.push(
      text(
        `${a.patches.length ? `${a.patches.length} patch${a.patches.length === 1 ? ' was' : 'es were'} posted` : 'A fix was promised'}, but the thread does not show a fix confirmed or applied.`,
      ),
    );
  } else if (a.status === 'duplicate') {
    outcome.push(text('The report was closed as a duplicate'), ...(a.duplicateOf?.title ? [text(' of '), code(a.duplicateOf.title)] : []), text('.'));
  } else if (a.status === 'not-a-bug') {
    outcome.push(text('The thread concludes that it is not a kernel bug.'));
  } else if (a.status === 'workaround') {
    outcome.push(text('The thread ends with a workaround rather than a fix.'));
  } else {
    outcome.push(text('The thread ends without a fix.'));
  }
  if (a.culprit?.commit || a.culprit?.subject) {
    outcome.push(text(' The bug was introduced by '));
    if (a.culprit.commit) outcome.push(text('commit '), code(a.culprit.commit.slice(0, 12)));
    if (a.culprit.subject) outcome.push(text(`${a.culprit.commit ? ' ' : ''}(“${a.culprit.subject}”)`));
    outcome.push(text('.'));
  }
  blocks.push(para(...outcome));
  const people = a.participants.filter((p) => p.messages > 0).length;
  blocks.push(para(text(`The hunt took ${f.messages} message${f.messages === 1 ? '' : 's'} from ${people} ${people === 1 ? 'person' : 'people'}.`)));
  return blocks;
}

function traceText(m: Message): string | null {
  const trace = m.segments.find((s) => s.kind === 'trace');
  return trace ? trace.text : null;
}

function symptom(t: AnalyzedThread): Block[] {
  const [main, ...rest] = t.analysis.symptoms;
  if (!main) return [para(text('The thread shows no crash report; the problem is described in words.'))];
  const m = t.messages[main.messageIndex];
  const facts = [main.function && `in ${main.function}`, main.kernelVersion && `kernel ${main.kernelVersion}`, main.arch].filter(Boolean).join(', ');
  const blocks: Block[] = [
    para(strong(main.title), text(` (${main.kind}${facts ? `; ${facts}` : ''}), first posted by ${who(m)} (`), messageLink(m), text('):')),
  ];
  const trace = traceText(m);
  if (trace) blocks.push({ type: 'code', lang: 'kernel-log', value: excerptTrace(trace.split('\n'), MAX_TRACE_LINES) });
  if (rest.length) {
    blocks.push(para(text('Other crash reports in the thread:')));
    blocks.push({
      type: 'list',
      ordered: false,
      spread: false,
      children: rest.slice(0, 12).map((s) => ({
        type: 'listItem',
        spread: false,
        children: [para(code(s.title), text(` — ${who(t.messages[s.messageIndex])}, `), messageLink(t.messages[s.messageIndex]))],
      })),
    });
  }
  return blocks;
}

function timeline(t: AnalyzedThread): Block[] {
  const events = t.analysis.timeline;
  if (!events.length) return [para(text('No key events were found.'))];
  return [
    {
      type: 'list',
      ordered: false,
      spread: false,
      children: events.map((e) => {
        const m = t.messages[e.messageIndex];
        return {
          type: 'listItem',
          spread: false,
          children: [para(code(displayTime(e.date)), text(' '), strong(e.kind), text(` — ${e.actor ?? 'someone'}: ${e.summary} (`), messageLink(m), text(')'))],
        };
      }),
    },
  ];
}

function rootCause(t: AnalyzedThread): Block[] {
  const rc = t.analysis.rootCause;
  if (!rc) return [para(text('The thread does not state the cause in so many words. An editor should write it here.'))];
  return [
    {
      type: 'blockquote',
      children: [
        para(strong('Draft.'), text(' Sentences chosen by casebook from the thread, each quoted from its message; an editor should confirm or rewrite them.')),
      ],
    },
    para(...rc.citations.flatMap((c, i) => [...(i ? [text(' ')] : []), cite(c.quote, t.messages[c.messageIndex].id)])),
  ];
}

function diffOf(m: Message): string {
  return m.segments
    .filter((s) => s.kind === 'diff' && !s.attachment)
    .map((s) => s.text)
    .join('\n');
}

function theFix(t: AnalyzedThread): Block[] {
  const a = t.analysis;
  const blocks: Block[] = [];
  const fixPatch = a.patches.find((p) => p.id === a.fix?.patchId);
  if (fixPatch && a.fix) {
    const m = t.messages[fixPatch.messageIndex];
    const head: Inline[] = [strong(a.fix.subject ?? 'The fix'), text(` by ${fixPatch.author ?? who(m)} (`), messageLink(m, `patch ${fixPatch.id}`), text(')')];
    if (fixPatch.files.length) head.push(text(', touching '), code(fixPatch.files.join(', ')), text(` (+${fixPatch.insertions} −${fixPatch.deletions})`));
    head.push(text('.'));
    blocks.push(para(...head));
    const trailers = fixPatch.trailers
      .filter((tr) => tr.name || tr.email)
      .map((tr) => `${tr.key}: ${[tr.name, tr.email && `<${tr.email}>`].filter(Boolean).join(' ')}`);
    if (trailers.length) blocks.push(para(text(trailers.join('; '))));
    const diff = diffOf(m);
    if (diff) blocks.push({ type: 'code', lang: 'diff', value: clip(diff.split('\n'), MAX_DIFF_LINES) });
  } else if (a.fix?.link && !a.fix.commit && !a.fix.subject) {
    blocks.push(para(text('The thread links to the fix, posted elsewhere: '), link(a.fix.link, a.fix.link), text('.')));
  } else if (a.fix) {
    const named: Inline[] = [text('The thread names the fix: ')];
    if (a.fix.subject) named.push(strong(a.fix.subject));
    if (a.fix.commit) named.push(text(a.fix.subject ? ' (commit ' : 'commit '), code(a.fix.commit.slice(0, 12)), text(a.fix.subject ? ')' : ''));
    named.push(text('.'));
    blocks.push(para(...named));
  } else {
    blocks.push(para(text('No patch in the thread was confirmed as the fix.')));
  }
  if (a.fix?.evidence.length) {
    blocks.push(para(text('What the thread says about it:')));
    blocks.push({
      type: 'list',
      ordered: false,
      spread: false,
      children: a.fix.evidence.map((e) => ({
        type: 'listItem',
        spread: false,
        children: [para(text(`${who(t.messages[e.messageIndex])}: `), cite(e.quote, t.messages[e.messageIndex].id))],
      })),
    });
  }
  const others = a.patches.filter((p) => p.id !== a.fix?.patchId && p.role !== 'fix');
  if (others.length) {
    blocks.push(para(text('Other patches in the thread:')));
    blocks.push({
      type: 'list',
      ordered: false,
      spread: false,
      children: others.slice(0, 30).map((p) => ({
        type: 'listItem',
        spread: false,
        children: [
          para(
            strong(`${p.id} · ${p.role}`),
            text(` — ${p.author ?? 'unknown'}${p.subject ? `: ${p.subject}` : ''}${p.files.length ? ` (${p.files.join(', ')})` : ''} (`),
            messageLink(t.messages[p.messageIndex]),
            text(')'),
          ),
        ],
      })),
    });
  }
  return blocks;
}

/** What each signal means, as a reader would say it. */
const SIGNAL_WORDS: Record<string, string> = {
  'syz-test-ok': 'syzbot tested it and the reproducer did not trigger',
  'syz-fix': 'closed with `#syz fix:`',
  'regzbot-fix': 'regzbot was told the fix',
  'bot-applied': 'a bot announced it applied',
  applied: 'a maintainer applied or queued it',
  pull: 'a pull request carries it',
  tested: 'someone else tested it',
  'tested-by': 'a Tested-by from someone else',
  'will-apply': 'a maintainer said they would take it',
  'fixed-by': 'the thread names it as the fix',
  'reviewed-by': 'reviewed',
  claim: 'its author says it fixes the bug',
  praise: 'thanked for it',
  'crash-report': 'the crash report',
  subject: "no crash report: the thread's subject",
  'syz-dup': 'closed with `#syz dup:`',
  'regzbot-dup': 'regzbot was told it is a duplicate',
  'syz-invalid': 'closed with `#syz invalid`',
  'regzbot-invalid': 'regzbot was told it is invalid',
  'said-not-a-bug': 'said not to be a kernel bug',
  'said-duplicate': 'said to be a duplicate',
  'said-workaround': 'a workaround is given',
  'promised-fix': 'a fix is promised',
  'fixes-tag': "the fix's Fixes: tag",
  revert: 'reverting it cures the bug, or the fix reverts it',
  'first-bad-commit': "a bisection's first bad commit",
  introduced: 'said to have introduced the bug',
  bisected: 'a bisection points at it',
  regzbot: 'regzbot was told it introduced the regression',
};

/** Each decision with its confidence and the words behind it, so a reader can check the machine's reading. */
function whyWeThinkSo(t: AnalyzedThread): Block[] {
  const d = t.analysis.decisions;
  const item = (label: string, confidence: string, reasons: { signal: string; messageIndex: number; quote: string }[], none: string): ListItem => {
    const children: Inline[] = [strong(label), text(` — ${confidence} confidence`)];
    if (reasons.length === 0) children.push(text(`: ${none}`));
    else {
      children.push(text(': '));
      reasons.slice(0, 4).forEach((r, i) => {
        const m = t.messages[r.messageIndex];
        children.push(text(`${i ? '; ' : ''}${SIGNAL_WORDS[r.signal] ?? r.signal} (${who(m)}, `), messageLink(m), text('): '), cite(r.quote, m.id));
      });
    }
    return { type: 'listItem', spread: false, children: [para(...children)] };
  };
  return [
    para(text('How sure the machine reading is of each fact, and the words it rests on. An editor who reads the thread decides.')),
    {
      type: 'list',
      ordered: false,
      spread: false,
      children: [
        item('Symptom', d.symptom.confidence, d.symptom.reasons, "no crash report was found; the title is the thread's subject"),
        item('Fix', d.fix.confidence, d.fix.reasons, t.analysis.fix ? 'a proposal nothing in the thread confirms' : 'no fix is named'),
        item('Status', d.status.confidence, d.status.reasons, 'nothing in the thread settles it'),
        item('Culprit', d.culprit.confidence, d.culprit.reasons, 'the thread names no commit that introduced the bug'),
      ],
    },
  ];
}

export interface GeneratedCase {
  facts: CaseFacts;
  /** Section name → Markdown of its body (without the heading). */
  sections: Map<GeneratedSection, string>;
}

export function generateCase(t: AnalyzedThread): GeneratedCase {
  const facts = caseFacts(t);
  const bodies: Record<GeneratedSection, Block[]> = {
    Summary: summary(t, facts),
    Symptom: symptom(t),
    Timeline: timeline(t),
    'Root cause': rootCause(t),
    'The fix': theFix(t),
    'Why we think so': whyWeThinkSo(t),
  };
  const sections = new Map<GeneratedSection, string>();
  for (const name of GENERATED_SECTIONS) sections.set(name, toMarkdown(bodies[name]));
  return { facts, sections };
}
