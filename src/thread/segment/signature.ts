// Signatures and mailing-list footers: always the tail of the body.
import { type Block, type Body, head } from './body.ts';
import { startsDiff } from './diff.ts';
import { depthAt } from './quote.ts';
import { isShortTailDash } from './signature-line.ts';
import { startsTrace } from './trace.ts';

/** Mailman's `____` rule, vger's majordomo footer and the Google Groups footer, each with its longest tail (≤ 8). */
const FOOTERS: { opener: RegExp; maxTail: number; needs?: RegExp }[] = [
  { opener: /^_{20,}\s*$/, maxTail: 8, needs: /mailing list|listinfo|mailman/i },
  { opener: /^To unsubscribe from this list: send the line/, maxTail: 5 },
  { opener: /^You received this message because you are subscribed to the Google Groups/, maxTail: 8 },
];

/**
 * From a `-- ` line (or a bare `--`, or a list footer) to the end of the body, when that tail is short and
 * holds no quote, patch or trace (a `--` above a pasted oops is a separator, not a signature).
 */
export function signatureBlock(b: Body, i: number): Block | null {
  if (!isShortTailDash(b, i) && !isFooter(b, i)) return null;
  for (let k = i + 1; k <= b.last; k++) {
    if (depthAt(b, k) > 0 || startsDiff(b, k) || startsTrace(b, k)) return null;
  }
  return { kind: 'signature', start: i, end: b.last + 1 };
}

function isFooter(b: Body, i: number): boolean {
  if (b.last - i > 8) return false;
  const line = head(b, i);
  for (const f of FOOTERS) {
    if (!f.opener.test(line) || b.last - i > f.maxTail) continue;
    if (!f.needs) return true;
    for (let k = i + 1; k <= b.last; k++) if (f.needs.test(head(b, k))) return true;
  }
  return false;
}
