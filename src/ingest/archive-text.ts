// A text scrape of a web mail archive's thread view: a title line, "Previous thread/Next thread" lines,
// then messages as `From: Name` (optional `Subject:`) `Date: Saturday, April 19, 2008 - 6:22 am` blocks in
// thread order, quotes removed, long messages cut with `...`, each ended by a `--` (or `-`) line.
import type { SourceWarningCode } from '../vocabulary/index.ts';
import { emptyMessage, type IngestedMessage, type IngestResult, type Warning, warning } from './types.ts';

const WEEKDAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December)';
/** The archive's own date form. In-body header lines (forwarded mails, git-format-patch) use RFC 2822 dates instead. */
export const ARCHIVE_DATE = new RegExp(`^Date: (${WEEKDAY}, ${MONTH} \\d{1,2}, \\d{4} - \\d{1,2}:\\d{2} [ap]m)\\s*$`);
const FROM = /^From: (.*\S)\s*$/;
const SUBJECT = /^Subject: ?(.*)$/;
const NAV = /^(Previous|Next) thread: /;
/** The archive ends each message with one of these lines. */
const SEPARATOR = /^-{1,2}$/;

interface HeaderAt {
  line: number;
  from: string;
  subject: string | null;
  date: string;
  /** First line after the header block. */
  bodyStart: number;
}

/** A `From:` line followed by an optional `Subject:` and the archive-format `Date:`: a message header. */
function headerAt(lines: string[], i: number): HeaderAt | null {
  const from = FROM.exec(lines[i]);
  if (!from) return null;
  let j = i + 1;
  let subject: string | null = null;
  const s = SUBJECT.exec(lines[j] ?? '');
  if (s) {
    subject = s[1].trim() || null;
    j++;
  }
  const d = ARCHIVE_DATE.exec(lines[j] ?? '');
  if (!d) return null;
  return { line: i, from: from[1], subject, date: d[1], bodyStart: j + 1 };
}

export function looksLikeArchiveText(text: string): boolean {
  const lines = text.split('\n', 400).map((l) => l.replace(/\r$/, ''));
  for (let i = 0; i < lines.length; i++) if (headerAt(lines, i)) return true;
  return false;
}

export function readArchiveText(text: string, file: string): IngestResult {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const warnings: Warning[] = [];
  const warn = (code: SourceWarningCode, message: string, line: number | null) => warnings.push(warning(code, message, line, file));

  const headers: HeaderAt[] = [];
  for (let i = 0; i < lines.length; i++) {
    const h = headerAt(lines, i);
    if (h) {
      headers.push(h);
      i = h.bodyStart - 1;
    }
  }

  let title: string | null = null;
  const firstHeader = headers[0]?.line ?? lines.length;
  for (let i = 0; i < firstHeader; i++) {
    const l = lines[i].trim();
    if (l && !NAV.test(l)) {
      title = l;
      break;
    }
  }

  const messages: IngestedMessage[] = [];
  for (let k = 0; k < headers.length; k++) {
    const h = headers[k];
    let end = k + 1 < headers.length ? headers[k + 1].line : lines.length; // exclusive
    // The bottom navigation lines follow the last message.
    if (k + 1 === headers.length) {
      for (let i = h.bodyStart; i < end; i++) {
        if (NAV.test(lines[i])) {
          end = i;
          break;
        }
      }
    }
    let last = end - 1;
    while (last >= h.bodyStart && lines[last].trim() === '') last--;
    let truncated = false;
    let bodyEnd = last; // inclusive
    if (last >= h.bodyStart && SEPARATOR.test(lines[last])) {
      bodyEnd = last - 1;
    } else if (last >= h.bodyStart && /\.\.\.\s*$/.test(lines[last])) {
      truncated = true;
    } else if (last >= h.bodyStart) {
      warn('message-end-unclear', "the message ends without the archive's `--` line or a `...` cut", last + 1);
    }
    let start = h.bodyStart;
    while (start <= bodyEnd && lines[start].trim() === '') start++;
    while (bodyEnd >= start && lines[bodyEnd].trim() === '') bodyEnd--;
    const bodyLines: string[] = [];
    // The archive's own `--` separators are page furniture, not mail text: a glued reply keeps its text,
    // loses the separator, and is flagged.
    const glued = findGluedReplies(lines, start, bodyEnd);
    for (let i = start; i <= bodyEnd; i++) if (!glued.has(i)) bodyLines.push(lines[i]);
    for (const sep of glued.keys()) {
      warn(
        'glued-reply',
        "text after the archive's `--` separator with no header: probably a reply whose header was lost; kept with this message",
        glued.get(sep)! + 1,
      );
    }
    messages.push(
      emptyMessage({
        from: { name: h.from, email: null },
        subject: h.subject,
        dateRaw: h.date,
        body: bodyLines.join('\n'),
        truncated,
        lines: [h.line + 1, Math.max(h.line + 1, last + 1)],
      }),
    );
  }
  if (messages.length === 0) warn('no-messages', 'no `From:`/`Date:` message header found', null);
  return { format: 'archive-text', messages, warnings, title };
}

/**
 * The archive separates messages with a `--` line and one blank line. A `--` line followed by two or more
 * blank lines and then text marks a reply the scraper glued on without its header. Returns separator line
 * → first line of the glued text (0-based).
 */
function findGluedReplies(lines: string[], start: number, end: number): Map<number, number> {
  const found = new Map<number, number>();
  for (let i = start; i <= end; i++) {
    if (!SEPARATOR.test(lines[i])) continue;
    let j = i + 1;
    while (j <= end && lines[j].trim() === '') j++;
    if (j - i - 1 >= 2 && j <= end) found.set(i, j);
  }
  return found;
}
