// When a message has no usable reply headers, its parent can often still be found: the text it quotes
// appears in an earlier message, or its attribution line ("On …, Jane Doe wrote:") names the author.
import type { Message } from './types.ts';

/** Quoted lines this short carry too little to identify a message ("> Yes.", "> Thanks,"). */
const MIN_QUOTE_CHARS = 40;

function normalize(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

function ownText(m: Message): string {
  return normalize(m.segments.filter((s) => s.kind !== 'quote').map((s) => s.text).join('\n'));
}

/** The first substantial run of depth-1 quoted text, unquoted. */
function firstQuote(m: Message): string | null {
  for (const s of m.segments) {
    if (s.kind !== 'quote' || s.quoteDepth !== 1) continue;
    const text = normalize(s.text.split('\n').map((l) => l.replace(/^\s*>\s?/, '')).join(' '));
    if (text.length >= MIN_QUOTE_CHARS) return text.slice(0, 200);
  }
  return null;
}

const ATTRIBUTION = /^(?:On .*?,\s*)?(.+?)\s*(?:<[^>]*>)?\s+(?:wrote|writes|said):\s*$/m;

function attributedName(m: Message): string | null {
  for (const s of m.segments) {
    if (s.kind !== 'text') continue;
    const a = ATTRIBUTION.exec(s.text);
    if (a) return normalize(a[1].replace(/^.*\bat \d{1,2}:\d{2}(?::\d{2})?\s*(?:[AP]M)?\s*(?:[+-]\d{4})?,?\s*/i, '').replace(/["']/g, ''));
  }
  return null;
}

/** Fills parentIndex (marked `inferred`) for messages that have neither a parent nor reply headers. */
export function inferParentsFromQuotes(messages: Message[]): void {
  const own = new Map<number, string>();
  const textOf = (i: number) => {
    let t = own.get(i);
    if (t === undefined) {
      t = ownText(messages[i]);
      own.set(i, t);
    }
    return t;
  };
  for (const m of messages) {
    if (m.parentIndex !== null || m.ghost || m.index === 0) continue;
    if (m.inReplyTo || m.references.length > 0) continue;
    const quote = firstQuote(m);
    let parent: number | null = null;
    if (quote) {
      for (let i = m.index - 1; i >= 0 && parent === null; i--) {
        if (!messages[i].ghost && textOf(i).includes(quote)) parent = i;
      }
    }
    if (parent === null) {
      const name = attributedName(m);
      if (name && name.length >= 3) {
        for (let i = m.index - 1; i >= 0 && parent === null; i--) {
          const a = messages[i].author;
          if (a?.name && normalize(a.name) === name) parent = i;
        }
      }
    }
    if (parent !== null) {
      m.parentIndex = parent;
      m.parentBy = 'inferred';
    }
  }
}
