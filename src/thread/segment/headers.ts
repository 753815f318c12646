// In-body mail headers: a forwarded or re-sent patch's `From:`/`Subject:`/`Date:` block, with the separator
// line that introduces it (`-----Original Message-----`, `-------------------->`, a scissors line, `From <sha>`).
import { type Block, type Body, head, isBlank } from './body.ts';

// Outlook's HTML-to-text turns `From:` into `*From:*`; both are accepted.
const HEADER =
  /^\*?(?:From|To|Cc|CC|Bcc|Subject|Date|Sent|Reply-To|Message-I[Dd]|In-Reply-To|References|Organi[sz]ation|Newsgroups|Sender|User-Agent|X-[\w-]+|Content-[\w-]+|MIME-Version|List-[\w-]+|Return-Path|Delivered-To|Received|Mail-Followup-To|Importance|Thread-(?:Topic|Index)|Accept-Language)[ \t]*:\*?(?:[ \t]|$)/;
/** Names that make a block a header block; `Cc:` or `X-…:` lines alone do not. */
const PRIMARY = /^\*?(?:From|To|Subject|Date|Sent|Reply-To|Message-I[Dd]|Newsgroups)[ \t]*:/;
const SEPARATOR =
  /^(?:-{2,} ?(?:Original Message|Forwarded [Mm]essage) ?-{2,}|-{5,}>|-{2,} ?>8 ?-{2,}.*|-{2,} ?8< ?-{2,}.*|Begin forwarded message:|-{3,})\s*$/;
/** git format-patch's mbox line, pasted into a body. */
const GIT_FROM = /^From [0-9a-f]{40} /;
/** Folded header lines are indented; a run longer than this is not a header any more. */
const MAX_FOLDED_LINES = 20;

export function headersBlock(b: Body, i: number): Block | null {
  const line = head(b, i);
  const c = line.charCodeAt(0);
  // Every form opens with `-`, `*` or a capital letter; the test spares the regexes on most prose lines.
  if (c !== 45 && c !== 42 && !(c >= 65 && c <= 90)) return null;
  if (SEPARATOR.test(line) || GIT_FROM.test(line)) {
    const k = isBlank(b, i + 1) && !/^-{3,}\s*$/.test(line) ? i + 2 : i + 1;
    const first = head(b, k);
    if (!HEADER.test(first) || !PRIMARY.test(first)) return null;
    return { kind: 'headers', start: i, end: headerRunEnd(b, k) };
  }
  if (!HEADER.test(line)) return null;
  const next = head(b, i + 1);
  if (!HEADER.test(next) || !(PRIMARY.test(line) || PRIMARY.test(next))) return null;
  return { kind: 'headers', start: i, end: headerRunEnd(b, i) };
}

function headerRunEnd(b: Body, i: number): number {
  let j = i;
  let folded = 0;
  while (j < b.lines.length) {
    const line = head(b, j);
    if (HEADER.test(line)) folded = 0;
    else if (j > i && /^[ \t]+\S/.test(line) && folded < MAX_FOLDED_LINES) folded++;
    else break;
    j++;
  }
  return j;
}
