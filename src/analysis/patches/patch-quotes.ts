// Which earlier patch a reply quotes: a quoted diff is a review of a posted patch, not a patch of the reply.
import type { Thread } from '../../thread/types.ts';
import { parseDiff } from './parse-diff.ts';
import type { ParsedPatch } from './types.ts';

export interface PatchQuote {
  messageIndex: number;
  patchId: string;
}

/** Reviewers trim what they quote, so a quote matches when most of its changed lines are in the patch. */
const MIN_QUOTED_CHANGES = 2;
const MIN_SHARE_FOUND = 0.8;

const isChange = (l: string) => l[0] === '+' || l[0] === '-';

/** A quote segment's lines without their `depth` levels of `>` (and the one space after). */
function unquote(text: string, depth: number): string {
  const marker = new RegExp(`^(?:[ \\t]*>){1,${Math.max(1, depth)}} ?`);
  return text
    .split('\n')
    .map((l) => l.replace(marker, ''))
    .join('\n');
}

export function findPatchQuotes(thread: Thread, patches: readonly ParsedPatch[]): PatchQuote[] {
  // A patch's changed lines are parsed when a quote is first compared with it.
  const changeSets: (Set<string> | undefined)[] = [];
  const changesOf = (k: number) => (changeSets[k] ??= new Set(parseDiff(patches[k]!.diffText).changes.filter(isChange)));
  const out: PatchQuote[] = [];
  for (const m of thread.messages) {
    const found = new Set<string>();
    for (const s of m.segments) {
      if (s.kind !== 'quote') continue;
      // Changed lines only come inside a hunk, and a hunk opens with `@@`: most quotes hold none.
      if (!s.text.includes('@@')) continue;
      const d = parseDiff(unquote(s.text, s.quoteDepth ?? 1));
      if (d.hunks === 0 && d.files.length === 0) continue;
      const quoted = d.changes.filter(isChange);
      if (quoted.length < MIN_QUOTED_CHANGES) continue;
      const quotedFiles = new Set(d.files.map((f) => f.path).filter((f) => f !== null));
      let best: string | null = null;
      let bestHits = 0;
      for (let k = 0; k < patches.length; k++) {
        const p = patches[k]!;
        if (p.messageIndex >= m.index) break;
        if (quotedFiles.size > 0 && !p.files.some((f) => quotedFiles.has(f))) continue;
        const changes = changesOf(k);
        const hits = quoted.filter((l) => changes.has(l)).length;
        // Later patches win ties: a reply quotes the posting it answers, usually the latest.
        if (hits / quoted.length >= MIN_SHARE_FOUND && hits >= bestHits) {
          best = p.id;
          bestHits = hits;
        }
      }
      if (best && !found.has(best)) {
        found.add(best);
        out.push({ messageIndex: m.index, patchId: best });
      }
    }
  }
  return out;
}
