// Whether a function is a frame of an oops: the name as a whole word the way kernel traces print a frame —
// `foo+0x1c/0x60`, `] foo+`, ` foo (`, `foo.isra.0+0x…`, syzbot's `foo mm/x.c:12 [inline]`.
import type { ThreadFile, ThreadSymptom } from './thread-file.ts';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function frameRe(name: string): RegExp {
  // Before: line start, blank, `]`, `>`, `(`, `:` (`RIP: 0010:foo+0x…`). After: an offset, a compiler suffix,
  // a blank, `(`, `)` or the line's end.
  return new RegExp(`(?:^|[\\s\\]>(:])${escapeRegExp(name)}(?=\\+0x|/0x|\\.(?:isra|constprop|part|cold|llvm)\\b|[\\s()]|$)`, 'm');
}

/** The trace text of a symptom's message: its own `trace` segments. */
export function traceText(thread: ThreadFile, symptom: ThreadSymptom): string {
  const m = thread.messages.find((x) => x.index === symptom.messageIndex);
  return (m?.segments ?? [])
    .filter((s) => s.kind === 'trace')
    .map((s) => s.text)
    .join('\n');
}

export function hasFrame(trace: string, symptom: ThreadSymptom, frame: string): boolean {
  const name = frame.trim();
  if (!name) return false;
  return symptom.function === name || frameRe(name).test(trace);
}
