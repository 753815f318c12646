// One posting of one message → a ParsedPatch (without id and thread links), or null when it posts no patch.
import type { Message, Segment } from '../../thread/types.ts';
import { parseTrailerLine, trailersInSegments } from '../find-trailers.ts';
import { isOwnSegment } from '../own-text.ts';
import { hashIdentity, type ChangeSummary } from './identity.ts';
import { isPatchHeader, parseInBodyHeaders } from './in-body-headers.ts';
import { parseDiff, type ParsedDiff } from './parse-diff.ts';
import { parsePatchSubject, seriesKeyOf } from './patch-subject.ts';
import type { Posting } from './postings.ts';
import type { ParsedPatch } from './types.ts';

export interface Built {
  patch: Omit<ParsedPatch, 'id'>;
  summary: ChangeSummary;
}

/** `--`, `---`, `-- >8 --`: the line after which a reply's chatter ends and the commit message begins. */
const SEPARATOR = /^(?:-{2,3}|-+ ?(?:>8|8<) ?-+.*)\s*$/;
const SUBJECT_LINE = /^Subject:\s*(\S.*?)\s*$/i;
const HEADER_LINE = /^(?:From|Date|Subject):\s/i;
const PROSE = new Set(['text', 'code', 'log', 'trace']);

function diffIndex(p: Posting): number {
  const first = p.diffs[0];
  return first ? p.segments.indexOf(first) : p.segments.length;
}

/** The segments between the posting's last patch header and its diff. */
function preamble(p: Posting): { header: Segment | null; body: Segment[] } {
  const before = p.segments.slice(0, diffIndex(p));
  let h = -1;
  before.forEach((s, i) => {
    if (isPatchHeader(s)) h = i;
  });
  return { header: h >= 0 ? before[h]! : null, body: before.slice(h + 1) };
}

function commitMessage(header: Segment | null, body: Segment[]): string {
  const end = body.findIndex((s) => s.kind === 'trailers');
  let lines = (end >= 0 ? body.slice(0, end) : body).filter((s) => PROSE.has(s.kind)).flatMap((s) => s.text.split('\n'));
  if (!header) {
    // A lone `Subject:` line is an in-body header too: the commit message follows it.
    const sep = lines.findLastIndex((l) => SEPARATOR.test(l) || SUBJECT_LINE.test(l) || BRACKETED_SUBJECT.test(l));
    if (sep >= 0) lines = lines.slice(sep + 1);
  }
  while (lines.length && (HEADER_LINE.test(lines[0]!) || !lines[0]!.trim())) lines.shift();
  return lines
    .filter((l) => !parseTrailerLine(l))
    .join('\n')
    .trim();
}

function subjectOf(m: Message, first: boolean, header: Segment | null, body: Segment[]) {
  const fromHeader = header ? parseInBodyHeaders(header.text).subject : null;
  if (fromHeader) return { raw: fromHeader, source: 'headers' as const };
  for (const s of body) {
    // Both line patterns need one of these: most text segments hold neither and are not split into lines.
    if (s.kind !== 'text' || !MAY_NAME_SUBJECT.test(s.text)) continue;
    for (const line of s.text.split('\n')) {
      const sub = SUBJECT_LINE.exec(line);
      if (sub) return { raw: sub[1]!, source: 'text' as const };
      // A pasted patch often opens with its subject line alone: `[PATCH] page_mapping must avoid slub pages`.
      if (BRACKETED_SUBJECT.test(line)) return { raw: line.trim(), source: 'text' as const };
    }
  }
  if (!first || !m.subject) return null;
  const reply = REPLY.test(m.subject);
  if (parsePatchSubject(m.subject).isPatch) return { raw: m.subject, source: reply ? ('reply' as const) : ('message' as const) };
  // `git send-email` without a subject prefix: a new thread whose author signs off the patch it opens with.
  if (!reply && signedByAuthor(m, body) && !body.some((s) => s.kind === 'trace' || s.kind === 'log')) {
    return { raw: m.subject, source: 'message' as const };
  }
  return null;
}

const REPLY = /^\s*(?:re|aw|sv|antw)\s*(?:\[\d+\])?\s*:/i;
const BRACKETED_SUBJECT = /^\s*\[(?:PATCH|RFC)(?:[^\]]{0,40})\]\s+\S.{5,}$/i;
/** What a line needs for SUBJECT_LINE or BRACKETED_SUBJECT to match it. */
const MAY_NAME_SUBJECT = /subject:|\[(?:patch|rfc)/i;

function signedByAuthor(m: Message, body: Segment[]): boolean {
  const who = [m.author?.name, m.author?.email].filter((x): x is string => !!x).map((x) => x.toLowerCase());
  return trailersInSegments(body).some(
    ({ trailer: t }) => t.key === 'Signed-off-by' && [t.name, t.email].some((x) => x !== null && who.includes(x.toLowerCase())),
  );
}

/**
 * A message's last own segment, found once per message: filtering all its segments for each of its postings
 * was quadratic in a message that posts thousands of patches.
 */
const lastOwnCache = new WeakMap<Message, Segment | undefined>();
function lastOwnSegment(m: Message): Segment | undefined {
  if (!lastOwnCache.has(m)) lastOwnCache.set(m, m.segments.findLast(isOwnSegment));
  return lastOwnCache.get(m);
}

function isTruncated(m: Message, p: Posting, d: ParsedDiff): boolean {
  const cutHere = m.truncated && p.diffs.length > 0 && lastOwnSegment(m) === p.diffs[p.diffs.length - 1];
  return cutHere || d.unmet || d.endsWithEllipsis;
}

export function buildPatch(m: Message, p: Posting, first: boolean, last: boolean): Built | null {
  const diffText = p.diffs.map((s) => s.text).join('\n');
  const d = parseDiff(diffText);
  const { header, body } = preamble(p);
  const subj = subjectOf(m, first, header, body);
  const ps = subj ? parsePatchSubject(subj.raw) : null;
  if (ps && ps.part === 0) return null; // a cover letter
  const hasDiff = d.files.length > 0 || d.hunks > 0;
  const truncated = p.diffs.length === 0 || isTruncated(m, p, d);
  if (!hasDiff) {
    // Kept only when the archive cut the mail inside the patch: after its diffstat, or before its diff.
    const cutAfterStat = d.diffstat !== null && truncated && m.truncated && last;
    const cutBeforeDiff = p.diffs.length === 0 && m.truncated && last && subj?.source === 'headers' && ps?.isPatch;
    if (!cutAfterStat && !cutBeforeDiff) return null;
  }

  const files = d.files.map((f) => f.path).filter((f): f is string => f !== null);
  const stat = d.diffstat;
  if (truncated && stat) {
    for (const f of stat.files) {
      if (f.abbreviated || files.some((x) => x === f.path || x.endsWith(`/${f.path}`) || f.path.endsWith(`/${x}`))) continue;
      files.push(f.path);
    }
  }
  const useStat = truncated && stat !== null && stat.insertions !== null;
  const insertions = useStat ? stat.insertions! : d.insertions;
  const deletions = useStat && stat.deletions !== null ? stat.deletions : d.deletions;
  const known = !truncated || (stat?.insertions != null && stat.deletions != null);

  const headers = header ? parseInBodyHeaders(header.text) : null;
  const author = headers?.from ?? m.author?.name ?? m.author?.email ?? null;
  const parsedTrailers = trailersInSegments([...p.segments, ...p.trailing]).map((t) => t.trailer);
  const subject = ps?.subject || null;
  const seriesKey = seriesKeyOf(subject);
  // A cut diff hashes with its diffstat: two copies cut at the same early line may still differ below it.
  const identityLines = hasDiff
    ? truncated && stat
      ? [...d.changes, ...statLines(stat)]
      : d.changes
    : stat
      ? statLines(stat)
      : [`no diff: ${seriesKey ?? m.index}`];
  return {
    patch: {
      messageIndex: m.index,
      author,
      subject,
      files: [...new Set(files)],
      insertions,
      deletions,
      truncated,
      role: 'candidate',
      trailers: parsedTrailers.map(({ key, name, email }) => ({ key, name, email })),
      parsedTrailers,
      diffText,
      diffFiles: d.files,
      commitMessage: commitMessage(header, body),
      diffstat: stat,
      subjectSource: subj && subject ? subj.source : null,
      version: ps?.version ?? 1,
      part: ps?.part ?? null,
      total: ps?.total ?? null,
      identity: hashIdentity(identityLines),
      quotedFrom: null,
      seriesKey,
      previousVersion: null,
      fromAttachment: p.diffs.find((s) => s.attachment)?.attachment ?? null,
    },
    summary: {
      changes: hasDiff ? d.changes : [],
      truncated,
      insertions: known ? insertions : null,
      deletions: known ? deletions : null,
      diffstat: stat,
    },
  };
}

function statLines(stat: NonNullable<ParsedDiff['diffstat']>): string[] {
  // File lines only: archives cut the summary line at different points.
  return ['stat', ...stat.files.map((f) => `${f.path} ${f.changes}`)];
}
