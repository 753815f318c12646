// What a file's first bytes say about it: a single RFC 822 message, or binary data that is no mail at all. The
// detection order of the formats is the adapters' (adapters.ts).

const HEADER_LINE = /^[\x21-\x39\x3b-\x7e]+:[ \t]?/;
const KNOWN_HEADER =
  /^(from|to|cc|subject|date|message-id|received|return-path|mime-version|content-type|in-reply-to|references|delivered-to|x-[a-z0-9-]+|sender|reply-to|list-id|user-agent|dkim-signature|arc-[a-z-]+|authentication-results):/i;

/** A single RFC 822 message: it opens with header lines, at least one of them a well-known one. */
export function looksLikeEml(head: string): boolean {
  const lines = head.split('\n', 200).map((l) => l.replace(/\r$/, ''));
  let i = 0;
  while (i < lines.length && lines[i].trim() === '') i++;
  let headers = 0;
  let known = 0;
  let other = 0;
  for (; i < lines.length; i++) {
    const l = lines[i];
    if (l === '') break;
    if (/^[ \t]/.test(l)) continue;
    if (!HEADER_LINE.test(l)) {
      // A damaged line among many good header lines is still a header block (fuzzed or mangled mail).
      other++;
      continue;
    }
    headers++;
    if (KNOWN_HEADER.test(l)) known++;
  }
  if (other === 0) return headers > 0 && known > 0;
  return known >= 2 && headers >= 3 * other;
}

/** Binary data (images, archives, executables): many NULs or control bytes in the first block. */
export function looksBinary(buf: Buffer): boolean {
  const n = Math.min(buf.length, 8192);
  if (n === 0) return false;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i];
    if (b === 0 || (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b)) bad++;
  }
  return bad / n > 0.05;
}
