// The thread page's order: the reply tree, as lore shows it — each root, then its replies depth first, siblings in
// date order — with each message's depth, which the page indents up to MAX_INDENT (deeper replies stay at that
// indent and keep their "in reply to" link). No recursion: a reply chain can be as long as the thread.

/** How many levels the page indents; deeper replies are shown at this depth. */
export const MAX_INDENT = 6;

export interface Placed {
  index: number;
  depth: number;
}

/** Messages in reply-tree order; `messages` are in date order and name their parent by index. */
export function replyOrder(messages: readonly { parentIndex: number | null }[]): Placed[] {
  const children = messages.map(() => [] as number[]);
  const roots: number[] = [];
  messages.forEach((m, i) => {
    // A parent later in date order than its reply (clocks disagree) still holds it.
    if (m.parentIndex !== null && m.parentIndex !== i && messages[m.parentIndex]) children[m.parentIndex]!.push(i);
    else roots.push(i);
  });
  const out: Placed[] = [];
  const seen = new Uint8Array(messages.length);
  const stack: Placed[] = roots
    .slice()
    .reverse()
    .map((index) => ({ index, depth: 0 }));
  while (stack.length > 0) {
    const p = stack.pop()!;
    if (seen[p.index]) continue;
    seen[p.index] = 1;
    out.push(p);
    const kids = children[p.index]!;
    for (let k = kids.length - 1; k >= 0; k--) stack.push({ index: kids[k]!, depth: p.depth + 1 });
  }
  // A message only a loop reaches (build-thread cuts loops, so none should remain) is still shown.
  messages.forEach((_, i) => {
    if (!seen[i]) out.push({ index: i, depth: 0 });
  });
  return out;
}

/** Pieces of mail text with its http(s) URLs apart, so the page links them; trailing punctuation stays text. */
export function linkify(text: string): ({ text: string } | { url: string })[] {
  const out: ({ text: string } | { url: string })[] = [];
  const re = /\bhttps?:\/\/[^\s<>"'`]+/gi;
  let last = 0;
  for (const m of text.matchAll(re)) {
    let url = m[0];
    // `(see https://x/y).` — the closing punctuation belongs to the sentence, unless the URL opened the bracket.
    const balanced = (u: string) => (u.match(/\(/g) ?? []).length >= (u.match(/\)/g) ?? []).length;
    while (/[.,;:!?)\]}>]$/.test(url) && !(url.endsWith(')') && balanced(url))) url = url.slice(0, -1);
    const at = m.index!;
    if (at > last) out.push({ text: text.slice(last, at) });
    out.push({ url });
    last = at + url.length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}
