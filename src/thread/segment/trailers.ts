// Commit trailers: `Signed-off-by:`, `Reviewed-by:`, `Fixes:`, `Link:`, `Cc: stable@…`, ….
import { type Block, type Body, head, isBlank } from './body.ts';

const TRAILER =
  /^(?:[A-Z][A-Za-z0-9_-]*[-_]by|Fixes|Link|Closes|Cc|CC|Bug|BugLink|Buglink|Change-Id|Message-I[Dd]|Patchwork-Id|Addresses-Coverity(?:-ID)?)[ \t]*:[ \t]*\S/;
/** A block needs one of these: a lone `Cc:` or `Link:` line in prose is not a trailer block. */
const STRONG = /^(?:[A-Z][A-Za-z0-9_-]*[-_]by|Fixes)[ \t]*:/;
/** Maintainer notes and backport markers that sit between trailers: `[bp: massage]`, `(cherry picked from …)`. */
const NOTE = /^\[[^\]]{1,200}\]\s*$|^\(cherry picked from commit [0-9a-f]+\)\s*$/;

export function trailersBlock(b: Body, i: number): Block | null {
  const c = head(b, i).charCodeAt(0);
  if (!(c >= 65 && c <= 90) || !TRAILER.test(head(b, i))) return null;
  let strong = false;
  let j = i;
  let end = i;
  while (j < b.lines.length && !isBlank(b, j)) {
    const line = head(b, j);
    if (TRAILER.test(line)) {
      strong = strong || STRONG.test(line);
      end = ++j;
    } else if (NOTE.test(line)) {
      j++;
    } else break;
  }
  // Without a -by:/Fixes: line the run is prose; it is returned as text so it is not scanned again line by line.
  return { kind: strong ? 'trailers' : 'text', start: i, end };
}
