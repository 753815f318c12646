// What a message's author wrote themselves: its segments minus quotes (someone else's words) and signatures.
import type { Message, Segment } from '../thread/types.ts';

export function isOwnSegment(s: Segment): boolean {
  return s.kind !== 'quote' && s.kind !== 'signature';
}

/** The message's non-quote, non-signature segment texts joined with '\n'. */
export function ownText(m: Message): string {
  return m.segments
    .filter(isOwnSegment)
    .map((s) => s.text)
    .join('\n');
}

/** The lines of ownText(m). */
export function ownLines(m: Message): string[] {
  const text = ownText(m);
  return text ? text.split('\n') : [];
}
