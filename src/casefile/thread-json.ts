// Lays a thread out in the field order ../shared/CONTRACT.md shows, contract fields first, extras after:
// the shape of `inspect --json` and of content/threads/<slug>.json.
import type { AnalyzedThread } from '../casebook.ts';
import type { Message } from '../thread/types.ts';

function contractMessage(m: Message) {
  return {
    index: m.index,
    messageId: m.messageId,
    author: m.author,
    date: m.date,
    dateRaw: m.dateRaw,
    subject: m.subject,
    inReplyTo: m.inReplyTo,
    references: m.references,
    parentIndex: m.parentIndex,
    ghost: m.ghost,
    truncated: m.truncated,
    lines: m.lines,
    segments: m.segments,
    // Beyond the contract (allowed: "more fields may be added").
    id: m.id,
    to: m.to,
    cc: m.cc,
    attachments: m.attachments,
    ...(m.parentBy ? { parentBy: m.parentBy } : {}),
    ...(m.missingParent ? { missingParent: m.missingParent } : {}),
    ...(m.file ? { file: m.file } : {}),
    ...(m.origin ? { origin: m.origin } : {}),
  };
}

export function toContractThread(t: AnalyzedThread) {
  return {
    slug: t.slug,
    title: t.title,
    source: t.source,
    messages: t.messages.map(contractMessage),
    missingParents: t.missingParents,
    warnings: t.warnings.map((w) => ({
      code: w.code,
      message: w.message,
      line: w.line,
      messageIndex: w.messageIndex,
      ...(w.file ? { file: w.file } : {}),
    })),
    analysis: t.analysis,
  };
}
