// A message's own prose cut into sentences, each kept verbatim (whitespace collapsed), so every quote the
// analysis makes is a substring of the message: evidence, timeline summaries and root-cause citations.
import type { Message, Segment } from '../thread/types.ts';

export interface Sentence {
  messageIndex: number;
  /** The sentence as written, whitespace collapsed to single spaces. */
  text: string;
  /** Position among the message's sentences (0 = first). */
  position: number;
}

/** Sentences longer than this are run-ons (pasted logs, tables): cut for quoting. */
const MAX_SENTENCE = 320;

/** Prose segments only: quotes are someone else's words, and traces, diffs and logs are not sentences. */
const PROSE = new Set(['text']);

/**
 * An attribution line: "On Mon, … X wrote:", "X <x@y> writes:", "Jane Doe said:". A sentence that merely
 * ends in "said:" ("I ran a bisect and it said:") is the author's own.
 */
const ATTRIBUTION =
  /^(?:On\b.{0,300}|.{0,200}<[^>\s]+@[^>\s]+>.{0,100}|.{0,200}\d{1,2}:\d{2}.{0,100}|["']?[A-Z][\w.'-]*(?:,? [A-Z][\w.'-]*){0,3}["']?(?: \([^)]*\))?|\S+@\S+) (?:wrote|writes|said|a écrit|schrieb|escribió|写道)\s*:\s*$/;

const ABBREVIATION = /\b(?:e\.g|i\.e|etc|vs|cf|approx|resp|Mr|Dr)\.$/i;

function splitParagraph(paragraph: string): string[] {
  const text = paragraph.replace(/\s+/g, ' ').trim();
  if (!text) return [];
  const out: string[] = [];
  // A sentence ends at . ! ? followed by a space and a capital, a quote or a bracket; abbreviations such as
  // "e.g." and version numbers ("2.6.25") do not end one. The lookbehind tries a run of terminators only from
  // its first character (the only place a match can start): without it a megabyte of dots was rescanned
  // from each dot, quadratic.
  const re = /(?<![.!?])[.!?]+["')\]]?(?=\s+["'([]?[A-Z0-9])/g;
  let start = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const end = m.index + m[0].length;
    const candidate = text.slice(start, end).trim();
    // The longest abbreviation and the character before it fit in the last 8: no scan of the whole sentence.
    if (candidate.endsWith('.') && ABBREVIATION.test(candidate.slice(-8))) continue;
    if (candidate) out.push(candidate);
    start = end;
  }
  const rest = text.slice(start).trim();
  if (rest) out.push(rest);
  return out.map((s) => (s.length > MAX_SENTENCE ? s.slice(0, MAX_SENTENCE).replace(/\s+\S*$/, '') : s));
}

/**
 * Sentences by segment list: every stage of the analysis reads the same messages' sentences (evidence, status,
 * timeline, root cause, bisectors), and cutting them again each time was a tenth of the analysis. Frozen, so
 * that no caller can change what the next one reads.
 */
const cache = new WeakMap<readonly Segment[], { index: number; sentences: readonly Sentence[] }>();

/** The message's own sentences, in order. */
export function sentencesOf(m: Message): readonly Sentence[] {
  const hit = cache.get(m.segments);
  if (hit && hit.index === m.index) return hit.sentences;
  const sentences = Object.freeze(cutSentences(m).map((s) => Object.freeze(s)));
  cache.set(m.segments, { index: m.index, sentences });
  return sentences;
}

function cutSentences(m: Message): Sentence[] {
  const out: Sentence[] = [];
  for (const seg of m.segments) {
    if (!PROSE.has(seg.kind) || seg.attachment) continue;
    for (const paragraph of seg.text.split(/\n\s*\n/)) {
      // An attribution line ("On Mon, …, X wrote:") introduces a quote; it says nothing itself.
      // Both patterns need a colon: most lines have none.
      const lines = paragraph.split('\n').filter((l) => !l.includes(':') || (!ATTRIBUTION.test(l.trim()) && !/^(From|To|Cc|Date|Subject): /.test(l)));
      for (const s of splitParagraph(lines.join('\n'))) out.push({ messageIndex: m.index, text: s, position: out.length });
    }
  }
  return out;
}

/** Whitespace-normalised text of the message's prose, for checking that a quote is verbatim. */
export function normalizedProse(m: Message): string {
  return m.segments
    .filter((s) => s.kind !== 'quote')
    .map((s) => s.text)
    .join('\n')
    .replace(/\s+/g, ' ');
}
