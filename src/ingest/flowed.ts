// format=flowed (RFC 3676) decoding. libmime's decodeFlowed — what mailparser and the fast paths used before —
// joins a line ending in a space with the next one whatever the next one's quote depth, so the reply after a
// quoted `> ` line was glued into the quote; RFC 3676 §4.5 says lines of different quote depth are never
// joined. This decoder follows §4.1–4.5 line by line:
// - a line's quote depth is the number of `>` it starts with (`> > x` is depth 1, its text `> x`: §4.5);
// - after the quote marks, one space is space-stuffing (§4.4) and is not part of the line's text;
// - a line whose text ends in a space is flowed (soft break) unless its text is the signature separator
//   `-- ` (§4.3); with DelSp=yes the space of a soft break is removed (§4.2);
// - a flowed line joins the next line only when that one has the same quote depth and is not `-- ` (a
//   separator glued to the end of a paragraph would no longer mark a signature).
// What it gives back stays close to the mail as written, for the quote and signature readers downstream: a
// joined paragraph keeps its first line's quote prefix as the sender wrote it (`>`, `> ` or `>> `), the
// continuation lines lose theirs; an unquoted line loses its stuffing space; a flowed line left unjoined (the
// quote depth changes, or the text ends) keeps its trailing space. Line ends become `\n`; a line end at the
// very end does not open an empty last line (as libmime, so unchanged mail reads the same).
// One pass, each character looked at a bounded number of times: the input may be a hostile megabyte.

const GT = 0x3e; // '>'
const SP = 0x20;

/**
 * `text` (one text/plain part after transfer decoding; bytes as latin1 characters or decoded text, either
 * works: only `>`, space, CR and LF are read) with its flowed lines joined as RFC 3676 says.
 */
export function decodeFlowed(text: string, delSp = false): string {
  const out: string[] = [];
  /** The paragraph being built: its pieces, joined once when it ends (appending would copy it each time). */
  let pieces: string[] = [];
  /** The last line's text, held back until the next line says whether it is joined (DelSp trims it then). */
  let pending = '';
  let pendingDepth = -1;
  let pendingFlowed = false;

  const end = text.length;
  let start = 0;
  while (start < end) {
    let stop = text.indexOf('\n', start);
    const next = stop === -1 ? end : stop + 1;
    if (stop === -1) stop = end;
    else if (stop > start && text.charCodeAt(stop - 1) === 0x0d) stop--;

    let depth = 0;
    while (start + depth < stop && text.charCodeAt(start + depth) === GT) depth++;
    const prefixEnd = start + depth + (start + depth < stop && text.charCodeAt(start + depth) === SP ? 1 : 0);
    const body = text.slice(prefixEnd, stop);
    const sigSep = body === '-- ';
    const flowed = !sigSep && body.length > 0 && body.charCodeAt(body.length - 1) === SP;

    if (pendingFlowed && depth === pendingDepth && !sigSep) {
      pieces.push(delSp ? pending.slice(0, -1) : pending);
    } else {
      if (pendingDepth !== -1) {
        pieces.push(pending);
        out.push(pieces.join(''));
      }
      // A new paragraph: a quoted one starts with its quote prefix as written.
      pieces = depth > 0 ? [text.slice(start, prefixEnd)] : [];
    }
    pending = body;
    pendingDepth = depth;
    pendingFlowed = flowed;
    start = next;
  }
  if (pendingDepth !== -1) {
    pieces.push(pending);
    out.push(pieces.join(''));
  }
  return out.join('\n');
}
