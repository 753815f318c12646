// Invariants every analysis keeps: quotes are verbatim substrings of their messages, every index
// resolves, the timeline is ordered and of the promised size.
import { MAX_EVENTS, MIN_EVENTS } from '../../src/analysis/build-timeline.ts';
import { expect } from 'vitest';
import type { AnalyzedThread } from '../../src/casebook.ts';

export function checkInvariants(t: AnalyzedThread): void {
  const text = (i: number) =>
    t.messages[i].segments
      .map((s) => s.text)
      .join('\n')
      .replace(/\s+/g, ' ');
  const a = t.analysis;
  const quotes = [...(a.fix?.evidence ?? []), ...(a.rootCause?.citations ?? [])];
  for (const q of quotes) {
    expect(q.messageIndex).toBeGreaterThanOrEqual(0);
    expect(q.messageIndex).toBeLessThan(t.messages.length);
    expect(text(q.messageIndex), q.quote).toContain(q.quote.replace(/\s+/g, ' '));
  }
  for (const e of a.timeline) {
    expect(t.messages[e.messageIndex]).toBeDefined();
    expect(text(e.messageIndex), e.summary).toContain(e.summary.replace(/ …$/, '').replace(/\s+/g, ' '));
  }
  for (const s of a.symptoms) expect(t.messages[s.messageIndex]).toBeDefined();
  for (const p of a.patches) expect(t.messages[p.messageIndex]).toBeDefined();
  if (a.culprit) expect(t.messages[a.culprit.messageIndex]).toBeDefined();
  if (a.fix?.patchId) expect(a.patches.map((p) => p.id)).toContain(a.fix.patchId);
  if (a.timeline.length > 1) for (let i = 1; i < a.timeline.length; i++) expect(a.timeline[i].messageIndex).toBeGreaterThan(a.timeline[i - 1].messageIndex);
  expect(a.timeline.length).toBeLessThanOrEqual(MAX_EVENTS);
  if (t.messages.filter((m) => !m.ghost).length >= MIN_EVENTS) expect(a.timeline.length).toBeGreaterThanOrEqual(MIN_EVENTS);
}
