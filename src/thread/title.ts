// A thread's title (the subject without reply prefixes and spam tags) and its slug, which names the case
// file and its URL, so it must be stable across runs.
import type { Message } from './types.ts';

/** `Re:`, `Fwd:`, localised reply prefixes and archive tags like `[ProbableSpam]`, repeated in any order. */
const PREFIX = /^\s*(?:(?:re|fwd?|aw|sv|vs|antw|odp|r)\s*(?:\[\d+\])?\s*:|\[(?:probablespam|spam|possible spam|suspected spam|bulk)\])\s*/i;

export function cleanSubject(subject: string): string {
  let s = subject.replace(/\s+/g, ' ').trim();
  for (let prev = ''; prev !== s; ) {
    prev = s;
    s = s.replace(PREFIX, '');
  }
  // `Foo (was Re: Bar)`: the thread is now about Foo.
  s = s.replace(/\s*\(was:?\s*(?:re:\s*)?.*\)\s*$/i, '');
  return s.trim();
}

export function threadTitle(sourceTitle: string | null, messages: Message[]): string {
  const first = messages.find((m) => !m.ghost && m.subject && cleanSubject(m.subject));
  const root = messages.find((m) => !m.ghost && m.parentIndex === null && m.subject && cleanSubject(m.subject));
  const candidates = [sourceTitle, root?.subject, first?.subject, ...messages.map((m) => m.subject)];
  for (const c of candidates) {
    if (c && cleanSubject(c)) return cleanSubject(c);
  }
  return 'Untitled thread';
}

const STOP = new Set(['a', 'an', 'the', 'of', 'in', 'on', 'at', 'to', 'for', 'and', 'or', 'is', 're', 'was', 'with', 'from', 'by']);

/** `2008-bug-unable-to-handle-kernel-paging-request`: the year of the first dated message, then the title's words. */
export function threadSlug(title: string, messages: Message[]): string {
  const year = messages.find((m) => m.date)?.date?.slice(0, 4) ?? 'undated';
  const words = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\[[^\]]*\]/g, ' ') // [PATCH v3 2/4], [syzbot]
    .replace(/\b\d+(?:\.\d+)+(?:-[a-z0-9]+)*/g, ' ') // kernel versions: 2.6.25-git2, 6.1-rc1
    .replace(/\b[0-9a-f]{12,}\b/g, ' ') // addresses and hashes
    .split(/[^a-z0-9]+/)
    .filter((w) => w && !STOP.has(w));
  let slug = year;
  for (const w of words) {
    if (`${slug}-${w}`.length > 64) break;
    slug += `-${w}`;
  }
  return slug === year ? `${year}-thread` : slug;
}

/**
 * A case's title: the thread's, without the tags a list puts before a subject — `[PATCH v3 2/4]`, `[RFC]`,
 * `[syzbot]`, `[btrfs?]`, `[net-next]` — which say how the mail was sent, not what the bug is. Tags that do say
 * it (`[REGRESSION]`, `[BUG]`, `[BISECTED]`) stay; a title that would be left empty stays whole.
 */
export function caseTitle(threadTitle: string): string {
  let s = threadTitle.trim();
  for (;;) {
    const m = /^\[([^\]]*)\]\s*/.exec(s);
    if (!m) break;
    const tag = m[1]!.trim();
    const sendingTag =
      /\b(?:patch|rfc|resend|syzbot|pull|git pull)\b/i.test(tag) || /\?$/.test(tag) || /^(?:\d+\/\d+|v\d+)$/i.test(tag) || /^[a-z0-9][a-z0-9._-]*$/.test(tag);
    if (!sendingTag) break;
    s = s.slice(m[0].length);
  }
  s = s.replace(/^\s*:\s*/, '');
  return s.trim() || threadTitle;
}
