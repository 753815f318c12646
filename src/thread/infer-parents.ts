// When a message has no usable reply headers, its parent can often still be found: the text it quotes
// appears in an earlier message, or its attribution line ("On …, Jane Doe wrote:") names the author.
import type { Message } from './types.ts';

/** Quoted lines this short carry too little to identify a message ("> Yes.", "> Thanks,"). */
const MIN_QUOTE_CHARS = 40;
/**
 * How many earlier messages are searched for the text a reply quotes. A reply quotes a recent message; the
 * bound keeps a 50,000-block archive scrape linear (searching every earlier message for every reply took
 * minutes).
 */
const MAX_QUOTE_LOOKBACK = 500;

function normalize(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

function ownText(m: Message): string {
  return normalize(
    m.segments
      .filter((s) => s.kind !== 'quote')
      .map((s) => s.text)
      .join('\n'),
  );
}

/** The first substantial run of depth-1 quoted text, unquoted. */
function firstQuote(m: Message): string | null {
  for (const s of m.segments) {
    if (s.kind !== 'quote' || s.quoteDepth !== 1) continue;
    const text = normalize(
      s.text
        .split('\n')
        .map((l) => l.replace(/^\s*>\s?/, ''))
        .join(' '),
    );
    if (text.length >= MIN_QUOTE_CHARS) return text.slice(0, 200);
  }
  return null;
}

const ATTRIBUTION = /^(?:On .*?,\s*)?(.+?)\s*(?:<[^>]*>)?\s+(?:wrote|writes|said):\s*$/m;
const ENDS_ATTRIBUTION = /\b(?:wrote|writes|said):\s*$/;
/**
 * An attribution (`On Mon, 11 May 2009, Alan Stern <stern@…> wrote:`, maybe wrapped over a few lines) is
 * looked for only in the few short lines that end at a `wrote:`. ATTRIBUTION's lazy groups backtrack
 * polynomially, and run over a whole text segment holding a pasted megabyte line they hung the import.
 */
const MAX_ATTRIBUTION_CHARS = 400;
const ATTRIBUTION_LINES = 4;

function attributedName(m: Message): string | null {
  for (const s of m.segments) {
    if (s.kind !== 'text') continue;
    const lines = s.text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (lines[i].length > MAX_ATTRIBUTION_CHARS || !ENDS_ATTRIBUTION.test(lines[i])) continue;
      let from = i;
      let size = lines[i].length;
      while (from > 0 && i - from + 1 < ATTRIBUTION_LINES && size + lines[from - 1].length + 1 <= MAX_ATTRIBUTION_CHARS) size += lines[--from].length + 1;
      const a = ATTRIBUTION.exec(lines.slice(from, i + 1).join('\n'));
      if (a) return normalize(a[1].replace(/^.*\bat \d{1,2}:\d{2}(?::\d{2})?\s*(?:[AP]M)?\s*(?:[+-]\d{4})?,?\s*/i, '').replace(/["']/g, ''));
    }
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
  // The latest message so far by each author name: one lookup instead of a scan back per reply.
  const latestBy = new Map<string, number>();
  for (const m of messages) {
    const skip = m.parentIndex !== null || m.ghost || m.index === 0 || !!m.inReplyTo || m.references.length > 0;
    if (!skip) {
      const quote = firstQuote(m);
      let parent: number | null = null;
      if (quote) {
        for (let i = m.index - 1; i >= Math.max(0, m.index - MAX_QUOTE_LOOKBACK) && parent === null; i--) {
          if (!messages[i].ghost && textOf(i).includes(quote)) parent = i;
        }
      }
      if (parent === null) {
        const name = attributedName(m);
        if (name && name.length >= 3) parent = latestBy.get(name) ?? null;
      }
      if (parent !== null) {
        m.parentIndex = parent;
        m.parentBy = 'inferred';
      }
    }
    if (m.author?.name) latestBy.set(normalize(m.author.name), m.index);
  }
}
