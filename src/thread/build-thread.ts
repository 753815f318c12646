// IngestResult → Thread: dates parsed (never invented), duplicates merged, date order (stable), reply tree
// from Message-ID/In-Reply-To/References with ghosts for missing parents, parents inferred from quoting
// when headers are gone, and every body cut into segments.
import { createHash } from 'node:crypto';
import { type IngestedMessage, type IngestResult, type Warning, warning } from '../ingest/types.ts';
import { normalizeMessageId } from '../ingest/address.ts';
import { inferParentsFromQuotes } from './infer-parents.ts';
import { parseDate } from './parse-date.ts';
import { placeWarnings } from './place-warnings.ts';
import { segmentBody } from './segment-body.ts';
import { threadSlug, threadTitle } from './title.ts';
import type { Message, MissingParent, Thread, ThreadSource } from './types.ts';

interface Work {
  src: IngestedMessage;
  sourceOrder: number;
  epoch: number | null;
  iso: string | null;
}

function hash(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/** The anchor id (`#m-<id>`): from the Message-ID, else from what identifies the message in its source. */
function anchorId(m: IngestedMessage): string {
  if (m.messageId) return hash(`mid:${m.messageId}`).slice(0, 12);
  const who = m.from ? `${m.from.name ?? ''}<${m.from.email ?? ''}>` : '';
  return hash(`msg:${who}\0${m.dateRaw ?? ''}\0${m.subject ?? ''}\0${m.body.slice(0, 4096)}`).slice(0, 12);
}

function normalizedBody(m: IngestedMessage): string {
  return m.body.replace(/\s+/g, ' ').trim();
}

/**
 * Merges copies of one mail: the same Message-ID, or, for id-less copies read from two different files
 * (the same post in two list archives), the same author, date and body. Within one file two such
 * messages are kept apart: a reviewer may send the same one-line reply to two patches in one minute.
 */
function mergeDuplicates(list: Work[], warnings: Warning[]): Work[] {
  const byId = new Map<string, Work>();
  const byBody = new Map<string, Work>();
  const out: Work[] = [];
  // Bodies are only looked up for a message without a Message-ID: when every message has one (most sources),
  // normalising every body for the key was a fifth of building the thread for nothing.
  const byBodyNeeded = list.some((w) => !w.src.messageId && !w.src.ghost);
  for (const w of list) {
    const m = w.src;
    let prior: Work | undefined;
    if (m.messageId) prior = byId.get(m.messageId);
    const bodyKey = m.ghost || !byBodyNeeded ? null : `${m.from?.name ?? ''}\0${m.from?.email ?? ''}\0${m.dateRaw ?? ''}\0${normalizedBody(m)}`;
    if (!prior && !m.messageId && bodyKey) {
      const candidate = byBody.get(bodyKey);
      if (candidate && candidate.src.file !== m.file) prior = candidate;
    }
    if (!prior) {
      if (m.messageId) byId.set(m.messageId, w);
      if (bodyKey && !byBody.has(bodyKey)) byBody.set(bodyKey, w);
      out.push(w);
      continue;
    }
    // Keep the copy with a body; a ghost is replaced by the real message.
    if (prior.src.ghost && !m.ghost) {
      prior.src = { ...m, references: m.references.length ? m.references : prior.src.references };
      prior.epoch = w.epoch;
      prior.iso = w.iso;
      continue;
    }
    if (!m.ghost) {
      warnings.push(
        warning(
          'duplicate-merged',
          m.messageId ? `message <${m.messageId}> appears more than once; kept the first copy` : 'the same message appears in two files; kept the first copy',
          m.lines?.[0] ?? null,
          m.file,
        ),
      );
    }
  }
  return out;
}

/**
 * Date order, stable for ties. A message without a date keeps its place after the message that preceded
 * it in the source, so it is neither moved to the start nor to the end.
 */
function sortByDate(list: Work[]): Work[] {
  let lastEpoch = -Infinity;
  const keyed = list.map((w) => {
    if (w.epoch !== null) lastEpoch = w.epoch;
    return { w, key: w.epoch ?? lastEpoch };
  });
  keyed.sort((a, b) => (a.key === b.key ? a.w.sourceOrder - b.w.sourceOrder : a.key < b.key ? -1 : 1));
  return keyed.map((k) => k.w);
}

/** The ids a message names as its ancestors, nearest last. */
function ancestry(m: IngestedMessage): string[] {
  const chain = [...m.references];
  if (m.inReplyTo) {
    const at = chain.indexOf(m.inReplyTo);
    if (at >= 0) chain.splice(at, 1);
    chain.push(m.inReplyTo);
  }
  return chain.filter((id) => id !== m.messageId);
}

export function buildThread(ingest: IngestResult, source: ThreadSource): Thread {
  const warnings: Warning[] = [...ingest.warnings];
  let work: Work[] = ingest.messages.map((src, sourceOrder) => {
    const d = parseDate(src.dateRaw, { yearHint: src.yearHint ?? null });
    if (src.dateRaw !== null && d.iso === null) {
      warnings.push(warning('date-unparsed', `cannot parse the date "${src.dateRaw.slice(0, 120)}"; kept as raw text`, src.lines?.[0] ?? null, src.file));
    }
    return { src, sourceOrder, epoch: d.epoch, iso: d.iso };
  });
  work = mergeDuplicates(work, warnings);

  const sorted = sortByDate(work);
  const indexById = new Map<string, number>();
  sorted.forEach((w, i) => {
    if (w.src.messageId && !indexById.has(w.src.messageId)) indexById.set(w.src.messageId, i);
  });
  const usedIds = new Map<string, number>();
  const missing = new Map<string, MissingParent>();
  const messages: Message[] = sorted.map((w, index) => {
    const m = w.src;
    let id = anchorId(m);
    const seen = usedIds.get(id) ?? 0;
    usedIds.set(id, seen + 1);
    if (seen > 0) id = `${id}-${seen + 1}`;
    const segments = segmentBody(m.body);
    for (const a of m.attachments) {
      for (const s of segmentBody(a.text)) segments.push({ ...s, attachment: a.filename ?? a.contentType });
    }
    let parentIndex: number | null = null;
    let parentBy: Message['parentBy'];
    const chain = ancestry(m);
    // The direct parent may be missing from the source: it is recorded as a ghost of the thread, and the
    // nearest ancestor that is present becomes the parent, so the tree stays connected.
    const direct = chain[chain.length - 1];
    const missingParent = direct !== undefined && !indexById.has(direct) ? direct : null;
    if (missingParent) {
      const g = missing.get(missingParent) ?? { messageId: missingParent, replies: [] };
      g.replies.push(index);
      missing.set(missingParent, g);
    }
    for (let k = chain.length - 1; k >= 0; k--) {
      const p = indexById.get(chain[k]);
      if (p !== undefined && p !== index) {
        parentIndex = p;
        parentBy = 'headers';
        break;
      }
    }
    if (parentIndex === null && m.replyTo) {
      // Some mails name their parent only in Reply-To (a Message-ID where an address belongs).
      const p = indexById.get(normalizeMessageId(m.replyTo) ?? '');
      if (p !== undefined && p !== index) {
        parentIndex = p;
        parentBy = 'inferred';
      }
    }
    const msg: Message = {
      index,
      id,
      messageId: m.messageId,
      author: m.from,
      to: m.to,
      cc: m.cc,
      date: w.iso,
      dateRaw: m.dateRaw,
      subject: m.subject,
      inReplyTo: m.inReplyTo,
      references: m.references,
      parentIndex,
      ghost: m.ghost,
      truncated: m.truncated,
      lines: m.lines,
      segments,
      attachments: m.attachments.map((a) => a.filename ?? a.contentType),
    };
    if (parentBy) msg.parentBy = parentBy;
    if (missingParent) msg.missingParent = missingParent;
    if (m.file) msg.file = m.file;
    if (m.origin) msg.origin = m.origin;
    return msg;
  });
  if (missing.size > 0) {
    warnings.push(warning('missing-parent', `${missing.size} message(s) named as parents are not in the source`, null));
  }
  inferParentsFromQuotes(messages);
  breakCycles(messages, warnings);

  // Adapter warnings carry lines; tie each to the message whose lines hold it.
  placeWarnings(messages, warnings);

  const title = threadTitle(ingest.title ?? null, messages);
  return { slug: threadSlug(title, messages), title, source, messages, missingParents: [...missing.values()], warnings };
}

/**
 * A reply tree must be a tree: a loop of In-Reply-To headers (it happens in broken mail) is cut at its
 * earliest message, which becomes a root. Each message is walked up once in all: a walk stops at a message
 * already known to lead to a root, so a 10,000-message reply chain costs 10,000 steps, not 50 million (a walk
 * per message to its root, with a set of the messages seen, was quadratic). No recursion: chains from the
 * input can be as long as the input.
 */
function breakCycles(messages: Message[], warnings: Warning[]): void {
  // 0: not walked yet, 1: on the walk in progress, 2: leads to a root.
  const state = new Uint8Array(messages.length);
  const path: number[] = [];
  for (const start of messages) {
    path.length = 0;
    let i: number | null = start.index;
    while (i !== null && state[i] === 0) {
      state[i] = 1;
      path.push(i);
      i = messages[i].parentIndex;
    }
    if (i !== null && state[i] === 1) {
      // The walk came back to a message on it: from there on, the path is a loop.
      let cut = i;
      for (let k = path.indexOf(i); k < path.length; k++) cut = Math.min(cut, path[k]);
      const m = messages[cut];
      warnings.push(warning('reply-loop', `the reply headers form a loop; message ${m.index} is shown as a root`, m.lines?.[0] ?? null, undefined, m.index));
      m.parentIndex = null;
      delete m.parentBy;
    }
    for (const k of path) state[k] = 2;
  }
}
