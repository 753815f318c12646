// A single-message page of a web mail archive, scraped to text: the subject on line 1, `Previous message:` /
// `Next message:` navigation, a header block (`To:`, `Cc:`, `Date: Friday, March 28, 2008 - 4:25 pm`, maybe
// `From:` / `Subject:`), the body ended by a `--` line, and a `Messages in current thread:` list of
// `Subject, Author, (Sun Mar 9, 10:40 am)` entries. The page's own message comes back whole; every other
// entry of the list comes back as a ghost that only names its subject, author and date.
import { parseAddress, parseAddressList } from './address.ts';
import type { SourceWarningCode } from '../vocabulary/index.ts';
import { emptyMessage, type Address, type IngestedMessage, type IngestResult, type Warning, warning } from './types.ts';

const NAV = /^(?:Previous|Next) message:/;
const THREAD_LIST = /^Messages in current thread:\s*$/;
/** Vote/ad placeholders the archive's template leaves in the text (`!MAILaRCHIVE_VOTE_RePLACE`). */
const TEMPLATE_JUNK = /^!\w+!?\s*$/;
const HEADER = /^(To|Cc|Date|From|Subject):[ \t]?(.*)$/;
/** The archive's end-of-message line; a signature separator is `-- ` and stays in the body. */
const END_OF_BODY = /^--$/;
/** `Subject, Author Name, (Sun Mar 9, 10:40 am)`: split from the right, subjects may contain commas. */
const LIST_DATE = /^(.*?),?\s*\(([^()]*)\)\s*$/;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

interface DateParts {
  weekday: number | null;
  month: number | null;
  day: number | null;
  year: number | null;
  hour: number | null;
  minute: number | null;
}

/** Reads the parts an archive date states (`Friday, March 28, 2008 - 4:25 pm`, `Fri Mar 28, 4:25 pm`); nothing is filled in. */
function dateParts(raw: string): DateParts {
  const parts: DateParts = { weekday: null, month: null, day: null, year: null, hour: null, minute: null };
  const time = /\b(\d{1,2}):(\d{2})(?::\d{2})?\s*([ap]\.?m\.?)?/i.exec(raw);
  let rest = raw;
  if (time) {
    let hour = Number(time[1]);
    const ampm = time[3]?.toLowerCase();
    if (ampm?.startsWith('p') && hour < 12) hour += 12;
    if (ampm?.startsWith('a') && hour === 12) hour = 0;
    parts.hour = hour;
    parts.minute = Number(time[2]);
    rest = `${raw.slice(0, time.index)} ${raw.slice(time.index + time[0].length)}`;
  }
  for (const token of rest.split(/[\s,.-]+/)) {
    const t = token.toLowerCase();
    if (!t) continue;
    if (/^\d{4}$/.test(t)) parts.year ??= Number(t);
    else if (/^\d{1,2}$/.test(t)) parts.day ??= Number(t);
    else if (t.length >= 3 && MONTHS.includes(t.slice(0, 3)) && parts.month === null && !WEEKDAYS.includes(t.slice(0, 3)))
      parts.month = MONTHS.indexOf(t.slice(0, 3));
    else if (t.length >= 3 && WEEKDAYS.includes(t.slice(0, 3))) parts.weekday ??= WEEKDAYS.indexOf(t.slice(0, 3));
  }
  return parts;
}

/** Same month, day, hour and minute (and weekday when both state one): the list names the page's message. */
function sameMoment(a: DateParts, b: DateParts): boolean {
  if (a.month === null || a.day === null || a.hour === null || a.minute === null) return false;
  if (a.month !== b.month || a.day !== b.day || a.hour !== b.hour || a.minute !== b.minute) return false;
  return a.weekday === null || b.weekday === null || a.weekday === b.weekday;
}

const looseSubject = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

interface ListEntry {
  subject: string;
  author: string;
  date: string;
  line: number;
}

function parseListEntry(text: string, line: number): ListEntry | null {
  const m = LIST_DATE.exec(text.trim());
  if (!m) return null;
  const head = m[1].trim();
  const comma = head.lastIndexOf(',');
  if (comma < 0) return null;
  const author = head.slice(comma + 1).trim();
  const subject = head.slice(0, comma).trim();
  if (!author || !subject) return null;
  return { subject, author, date: m[2].trim(), line };
}

export function looksLikeArchivePage(text: string): boolean {
  const lines = text.split('\n', 4000).map((l) => l.replace(/\r$/, ''));
  if (/^From \S+/.test(lines[0] ?? '')) return false;
  if (lines.slice(0, 40).some((l) => /^(?:Previous|Next) message: \[thread\]/.test(l))) return true;
  const list = lines.findIndex((l) => THREAD_LIST.test(l));
  if (list < 0) return false;
  return lines.slice(list + 1, list + 6).some((l, k) => parseListEntry(l, list + k + 2) !== null);
}

export function readArchivePage(text: string, file: string): IngestResult {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const warnings: Warning[] = [];
  const warn = (code: SourceWarningCode, message: string, line: number | null) => warnings.push(warning(code, message, line, file));

  const title = lines[0]?.trim() || null;
  if (!title) warn('title-missing', 'The page does not start with a subject line.', 1);

  // Skip the navigation and template lines between the title and the header block.
  let i = 1;
  while (i < lines.length && (lines[i].trim() === '' || NAV.test(lines[i]) || TEMPLATE_JUNK.test(lines[i]))) i++;

  const headers = new Map<string, { value: string; line: number }>();
  const headerStart = i;
  while (i < lines.length) {
    const h = HEADER.exec(lines[i]);
    if (!h || headers.has(h[1])) break;
    let value = h[2];
    const line = i + 1;
    i++;
    // A wrapped header continues on indented lines.
    while (i < lines.length && /^[ \t]+\S/.test(lines[i])) value += ` ${lines[i++].trim()}`;
    headers.set(h[1], { value: value.trim(), line });
  }
  const headerEnd = i; // exclusive
  if (headers.size === 0) warn('headers-missing', 'No To:/Cc:/Date: header block was found; the text after the title is read as the body.', headerStart + 1);

  // The body runs to the footer: the navigation lines or the thread list, with the archive's `--` line before them.
  while (i < lines.length && lines[i].trim() === '') i++;
  const bodyStart = i;
  let footer = lines.length;
  for (let k = bodyStart; k < lines.length; k++) {
    if (NAV.test(lines[k]) || THREAD_LIST.test(lines[k])) {
      footer = k;
      break;
    }
  }
  let bodyEnd = footer; // exclusive
  while (bodyEnd > bodyStart && lines[bodyEnd - 1].trim() === '') bodyEnd--;
  if (bodyEnd > bodyStart && END_OF_BODY.test(lines[bodyEnd - 1])) bodyEnd--;
  else if (footer === lines.length)
    warn('body-end-uncertain', 'No `--` line or navigation after the message: the body runs to the end of the page.', lines.length);
  while (bodyEnd > bodyStart && lines[bodyEnd - 1].trim() === '') bodyEnd--;
  const bodyLines = lines.slice(bodyStart, bodyEnd);
  const body = bodyLines.join('\n');
  const truncated = bodyLines.length > 0 && /(?:\.\.\.|…)\s*$/.test(bodyLines[bodyLines.length - 1]);

  const date = headers.get('Date');
  const dateRaw = date?.value || null;
  if (!dateRaw) warn('date-missing', 'The page has no Date: header.', date?.line ?? headerStart + 1);
  const pageDate = dateParts(dateRaw ?? '');
  if (dateRaw && pageDate.year === null)
    warn('year-unknown', `The page's Date: \`${dateRaw}\` states no year, so the thread list's dates get none either.`, date!.line);
  const to = headers.get('To');
  if (!to) warn('recipients-missing', 'The page has no To: header.', headerStart + 1);
  const subjectHeader = headers.get('Subject');
  const subject = subjectHeader?.value || title;
  const fromHeader = headers.get('From');
  let from: Address | null = fromHeader ? parseAddress(fromHeader.value) : null;

  // The thread list.
  const entries: ListEntry[] = [];
  const listAt = lines.findIndex((l, k) => k >= bodyEnd && THREAD_LIST.test(l));
  if (listAt < 0) {
    warn('thread-list-missing', "The page has no `Messages in current thread:` list; only the page's own message is known.", lines.length);
  } else {
    for (let k = listAt + 1; k < lines.length; k++) {
      const l = lines[k].trim();
      if (!l) {
        if (entries.length > 0) break;
        continue;
      }
      const entry = parseListEntry(l, k + 1);
      if (entry) entries.push(entry);
      else warn('thread-list-entry-unparsed', `Cannot read thread list entry \`${l}\`: expected \`Subject, Author, (date)\`.`, k + 1);
    }
  }

  // The entry with the page's subject and date is the page's own message: exact subject first, then loosely.
  let own = -1;
  if (subject && dateRaw) {
    const at = (same: (e: ListEntry) => boolean) => entries.findIndex((e) => same(e) && sameMoment(pageDate, dateParts(e.date)));
    own = at((e) => e.subject === subject);
    if (own < 0) own = at((e) => looseSubject(e.subject) === looseSubject(subject));
  }
  if (own >= 0) {
    from ??= { name: entries[own].author, email: null };
  } else if (!from) {
    warn('author-unknown', 'The page names no author and no thread list entry has its subject and date.', headerStart + 1);
  }

  const lastLine = Math.max(bodyEnd, headerEnd, headerStart + 1);
  const messages: IngestedMessage[] = [];
  entries.forEach((e, k) => {
    if (k === own) {
      messages.push(page());
      return;
    }
    messages.push(
      emptyMessage({
        subject: e.subject,
        from: { name: e.author, email: null },
        dateRaw: e.date,
        yearHint: pageDate.year,
        ghost: true,
        lines: [e.line, e.line],
        origin: 'archive-thread-list',
      }),
    );
  });
  // The page's message is always returned, in its list place when it has one.
  if (own < 0) messages.unshift(page());

  function page(): IngestedMessage {
    return emptyMessage({
      from,
      to: parseAddressList(to?.value),
      cc: parseAddressList(headers.get('Cc')?.value),
      dateRaw,
      subject,
      body,
      truncated,
      lines: [Math.min(headerStart, bodyStart) + 1, lastLine],
    });
  }

  return { format: 'archive-page', messages, warnings, title };
}
