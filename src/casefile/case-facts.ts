// The machine-owned frontmatter of a case, from a thread and its analysis: what the case is about, when it
// was reported and fixed, by whom, and where its sources are.
import type { AnalyzedThread } from '../casebook.ts';
import type { Message } from '../thread/types.ts';
import { reportMessage } from '../analysis/build-timeline.ts';
import { bugClasses } from './bug-classes.ts';
import { subsystemOfFiles } from './subsystems.ts';

export interface CaseFacts {
  title: string;
  status: string;
  symptom: { title: string; kind: string } | null;
  subsystem: string | null;
  kernelVersions: string[];
  dates: { reported: string | null; fixed: string | null; daysToFix: number | null };
  culprit: { commit: string | null; subject: string | null } | null;
  fix: { commit: string | null; subject: string | null; patch: string | null } | null;
  tags: string[];
  participants: { name: string; roles: string[]; messages: number }[];
  messages: number;
  sources: { path: string; sha256: string; lore: string | null }[];
}

const DAY = 24 * 60 * 60 * 1000;

function epochOf(iso: string | null): number | null {
  if (!iso) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:([+-])(\d{2}):(\d{2}))?$/.exec(iso);
  if (!m) return null;
  const utc = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  const offset = m[7] ? (m[7] === '-' ? -1 : 1) * (+m[8] * 60 + +m[9]) * 60_000 : 0;
  return utc - offset;
}

/** When the fix was settled: the last confirmation or application of it, else the fix's own posting. */
function fixedDate(t: AnalyzedThread): string | null {
  const a = t.analysis;
  if (a.status !== 'fixed' || !a.fix) return null;
  const closing = a.timeline.filter((e) => e.kind === 'resolution' || (e.kind === 'applied' && a.fix));
  const last = closing[closing.length - 1];
  if (last?.date) return last.date;
  const evidence = [...a.fix.evidence].sort((x, y) => y.messageIndex - x.messageIndex)[0];
  if (evidence) return t.messages[evidence.messageIndex].date;
  const patch = a.patches.find((p) => p.id === a.fix!.patchId);
  return patch ? t.messages[patch.messageIndex].date : null;
}

/** The lore.kernel.org address of the thread's first message, when it has a Message-ID. */
function loreUrl(root: Message | undefined): string | null {
  if (!root?.messageId) return null;
  return `https://lore.kernel.org/r/${encodeURIComponent(root.messageId).replace(/%40/g, '@')}`;
}

export function caseFacts(t: AnalyzedThread): CaseFacts {
  const a = t.analysis;
  const main = a.symptoms[0] ?? null;
  const fixPatch = a.patches.find((p) => p.id === a.fix?.patchId) ?? null;
  const files = fixPatch?.files.length ? fixPatch.files : a.patches.filter((p) => p.role === 'candidate').flatMap((p) => p.files);
  const report = reportMessage(t, a.symptoms);
  const reported = report?.date ?? null;
  const fixed = fixedDate(t);
  const r = epochOf(reported);
  const f = epochOf(fixed);
  const versions = [...new Set(a.symptoms.map((s) => s.kernelVersion).filter((v): v is string => !!v))].slice(0, 6);
  const root = t.messages.find((m) => !m.ghost && m.parentIndex === null && m.messageId) ?? t.messages.find((m) => m.messageId);
  return {
    title: t.title,
    status: a.status,
    symptom: main ? { title: main.title, kind: main.kind } : null,
    subsystem: subsystemOfFiles(files),
    kernelVersions: versions,
    dates: { reported, fixed, daysToFix: r !== null && f !== null && f >= r ? Math.floor((f - r) / DAY) : null },
    culprit: a.culprit ? { commit: a.culprit.commit, subject: a.culprit.subject } : null,
    fix: a.fix ? { commit: a.fix.commit, subject: a.fix.subject, patch: a.fix.patchId } : null,
    tags: bugClasses(a, t.title),
    participants: a.participants.map((p) => ({ name: p.name, roles: p.roles, messages: p.messages })),
    messages: t.messages.filter((m) => !m.ghost).length,
    sources: [{ path: t.source.path, sha256: t.source.sha256, lore: loreUrl(root) }],
  };
}
