// A compact, reviewable view of a thread for fixture files: what a person checks in a diff.
import type { AnalyzedThread } from '../../src/casebook.ts';

export function summarize(t: AnalyzedThread) {
  return {
    slug: t.slug,
    title: t.title,
    format: t.source.format,
    messages: t.messages.map((m) => ({
      index: m.index,
      messageId: m.messageId,
      author: m.author,
      date: m.date,
      dateRaw: m.dateRaw,
      subject: m.subject,
      parentIndex: m.parentIndex,
      ...(m.parentBy ? { parentBy: m.parentBy } : {}),
      ghost: m.ghost,
      truncated: m.truncated,
      lines: m.lines,
      ...(m.attachments.length ? { attachments: m.attachments } : {}),
      ...(m.origin ? { origin: m.origin } : {}),
      segments: m.segments.map((s) => {
        const first = s.text.split('\n').find((l) => l.trim()) ?? '';
        return `${s.kind}${s.quoteDepth ? `:${s.quoteDepth}` : ''}${s.attachment ? `@${s.attachment}` : ''} ${first.slice(0, 72)}`;
      }),
    })),
    warnings: t.warnings.map((w) => `${w.code}${w.line !== null ? `@${w.line}` : ''}${w.messageIndex !== null ? `#${w.messageIndex}` : ''}`),
  };
}
