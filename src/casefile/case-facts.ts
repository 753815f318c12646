// The machine-owned frontmatter of a case, from a thread and its analysis: what the case is about, when it
// was reported and fixed, by whom, and where its sources are.
import type { AnalyzedThread } from '../casebook.ts';
import type { Message } from '../thread/types.ts';
import type { CaseStatus, Confidence, SymptomKind } from '../vocabulary/index.ts';
import { parseDate } from '../thread/parse-date.ts';
import { caseTitle } from '../thread/title.ts';
import { bugClasses } from './bug-classes.ts';
import { subsystemOfFiles } from './subsystems.ts';

export interface CaseFacts {
  title: string;
  status: CaseStatus;
  /** How sure the analysis is of each decision; the case's "Why we think so" section gives the evidence. */
  confidence: { symptom: Confidence; fix: Confidence; status: Confidence; culprit: Confidence };
  /** For status `duplicate`: the report this one duplicates, as the thread names it. */
  duplicateOf: string | null;
  symptom: { title: string; kind: SymptomKind } | null;
  subsystem: string | null;
  kernelVersions: string[];
  dates: { reported: string | null; fixed: string | null; daysToFix: number | null };
  culprit: { commit: string | null; subject: string | null } | null;
  fix: { commit: string | null; subject: string | null; patch: string | null; link: string | null } | null;
  tags: string[];
  participants: { name: string; roles: string[]; messages: number }[];
  messages: number;
  /** `thread`: the stable id of the thread's first message, which tells apart the threads of one source. */
  sources: { path: string; sha256: string; lore: string | null; thread: string | null; whole?: boolean; url?: string }[];
}

const DAY = 24 * 60 * 60 * 1000;

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
  // The analysis names the report and the message that settled the fix: their dates are the case's.
  const reported = a.reportIndex !== null ? t.messages[a.reportIndex].date : null;
  const fixed = a.fixedIndex !== null ? t.messages[a.fixedIndex].date : null;
  // The thread's own date parser reads back the ISO dates it wrote.
  const r = parseDate(reported).epoch;
  const f = parseDate(fixed).epoch;
  const versions = [...new Set(a.symptoms.map((s) => s.kernelVersion).filter((v): v is string => !!v))].slice(0, 6);
  const root = t.messages.find((m) => !m.ghost && m.parentIndex === null && m.messageId) ?? t.messages.find((m) => m.messageId);
  return {
    title: caseTitle(t.title),
    status: a.status,
    confidence: {
      symptom: a.decisions.symptom.confidence,
      fix: a.decisions.fix.confidence,
      status: a.decisions.status.confidence,
      culprit: a.decisions.culprit.confidence,
    },
    duplicateOf: a.status === 'duplicate' ? (a.duplicateOf?.title ?? null) : null,
    symptom: main ? { title: main.title, kind: main.kind } : null,
    subsystem: subsystemOfFiles(files),
    kernelVersions: versions,
    dates: { reported, fixed, daysToFix: r !== null && f !== null && f >= r ? Math.floor((f - r) / DAY) : null },
    culprit: a.culprit ? { commit: a.culprit.commit, subject: a.culprit.subject } : null,
    fix: a.fix ? { commit: a.fix.commit, subject: a.fix.subject, patch: a.fix.patchId, link: a.fix.link ?? null } : null,
    tags: bugClasses(a, t.title),
    participants: a.participants.map((p) => ({ name: p.name, roles: p.roles, messages: p.messages })),
    messages: t.messages.filter((m) => !m.ghost).length,
    sources: [
      {
        path: t.source.path,
        sha256: t.source.sha256,
        lore: loreUrl(root),
        thread: t.messages.find((m) => !m.ghost)?.id ?? null,
        ...(t.source.whole ? { whole: true } : {}),
        ...(t.source.url ? { url: t.source.url } : {}),
      },
    ],
  };
}
