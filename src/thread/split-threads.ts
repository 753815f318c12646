// One source → its conversations. A list mbox, a `lei q` result, a maildir or a folder holds many threads; each
// becomes a thread of its own. public-inbox's rules: messages are one conversation when their Message-ID,
// In-Reply-To and References headers connect them, through parents the source does not hold (ghosts) too;
// references are merged, and a loop of reply headers joins what it names without making anything its own
// ancestor (build-thread.ts cuts the loop). Only mail with no threading header at all is matched by subject
// ("Re: X" joins the conversation that holds "X"), and each such join is flagged. Messages an adapter marks as
// one conversation (a web archive page, a scrape that lost its headers) stay together whatever their headers say.
import { type IngestedMessage, type IngestResult, type Warning, warning } from '../ingest/types.ts';
import { cleanSubject } from './title.ts';

/** Union-find over message positions, by path halving; ids map to the first message that names them. */
class Components {
  private readonly parent: number[] = [];

  add(): number {
    this.parent.push(this.parent.length);
    return this.parent.length - 1;
  }

  find(x: number): number {
    const p = this.parent;
    while (p[x] !== x) {
      p[x] = p[p[x]];
      x = p[x];
    }
    return x;
  }

  union(a: number, b: number): void {
    const [x, y] = [this.find(a), this.find(b)];
    // The smaller root wins: a conversation is named by where it starts in the source, whatever the join order.
    if (x < y) this.parent[y] = x;
    else if (y < x) this.parent[x] = y;
  }
}

/** A reply prefix: mail that says it answers something (`Re:`, `AW:`, `SV:` …, not `Fwd:`). */
const REPLY_PREFIX = /^\s*(?:re|aw|sv|vs|antw|odp)\s*(?:\[\d+\])?\s*:/i;

function hasThreadingHeaders(m: IngestedMessage): boolean {
  return !!m.inReplyTo || m.references.length > 0;
}

export interface Conversations {
  /** Each conversation's messages, in source order; conversations in the order they start in the source. */
  groups: IngestedMessage[][];
  /** One per message joined by subject only (no threading headers), with its file and line. */
  warnings: Warning[];
}

/** Splits a source's messages into conversations (see the file comment). */
export function splitConversations(messages: readonly IngestedMessage[]): Conversations {
  const sets = new Components();
  // Node 0..n-1 are the messages; ids the source only names get nodes of their own (ghost containers).
  for (let i = 0; i < messages.length; i++) sets.add();
  const nodeOfId = new Map<string, number>();
  const nodeOf = (id: string): number => {
    let n = nodeOfId.get(id);
    if (n === undefined) {
      n = sets.add();
      nodeOfId.set(id, n);
    }
    return n;
  };
  messages.forEach((m, i) => {
    if (m.messageId) sets.union(i, nodeOf(m.messageId));
    for (const id of m.references) sets.union(i, nodeOf(id));
    if (m.inReplyTo) sets.union(i, nodeOf(m.inReplyTo));
  });
  const byUnit = new Map<string, number>();
  messages.forEach((m, i) => {
    if (m.conversation === undefined) return;
    const first = byUnit.get(m.conversation);
    if (first === undefined) byUnit.set(m.conversation, i);
    else sets.union(first, i);
  });

  // The subject fallback, for mail that names no parent: "Re: X" joins the conversation where X was first said.
  const warnings: Warning[] = [];
  const firstWithSubject = new Map<string, number>();
  messages.forEach((m, i) => {
    if (!m.subject || m.ghost) return;
    const key = cleanSubject(m.subject).toLowerCase();
    if (key && !firstWithSubject.has(key)) firstWithSubject.set(key, i);
  });
  messages.forEach((m, i) => {
    if (hasThreadingHeaders(m) || m.conversation !== undefined || !m.subject || !REPLY_PREFIX.test(m.subject)) return;
    const at = firstWithSubject.get(cleanSubject(m.subject).toLowerCase());
    if (at === undefined || sets.find(at) === sets.find(i)) return;
    sets.union(at, i);
    warnings.push(
      warning(
        'thread-by-subject',
        `"${m.subject.slice(0, 80)}" names no parent (no In-Reply-To or References): joined to the thread of that subject by its subject only`,
        m.lines?.[0] ?? null,
        m.file,
      ),
    );
  });

  const groupOfRoot = new Map<number, IngestedMessage[]>();
  const groups: IngestedMessage[][] = [];
  messages.forEach((m, i) => {
    const root = sets.find(i);
    let g = groupOfRoot.get(root);
    if (!g) {
      g = [];
      groupOfRoot.set(root, g);
      groups.push(g);
    }
    g.push(m);
  });
  // A conversation of ghosts only (an archive's index entries whose messages are elsewhere) says nothing.
  return { groups: groups.filter((g) => g.some((m) => !m.ghost)), warnings };
}

/**
 * The source's warnings, each given to the conversation it is about: the one whose message holds its line in
 * its file; a warning about the whole source (no line, or no message there) goes to the first conversation.
 */
export function warningsByConversation(groups: readonly IngestedMessage[][], warnings: readonly Warning[]): Warning[][] {
  const out: Warning[][] = groups.map(() => []);
  // Message line ranges by file, sorted, to find the one that holds a warning's line (or the last one before it).
  const ranges = new Map<string, { start: number; group: number }[]>();
  groups.forEach((g, gi) => {
    for (const m of g) {
      if (!m.lines) continue;
      const key = m.file ?? '';
      let list = ranges.get(key);
      if (!list) ranges.set(key, (list = []));
      list.push({ start: m.lines[0], group: gi });
    }
  });
  for (const list of ranges.values()) list.sort((a, b) => a.start - b.start);
  for (const w of warnings) {
    let group = 0;
    const list = w.line === null ? undefined : rangesOfFile(ranges, w.file);
    if (list && w.line !== null) {
      let lo = 0;
      let hi = list.length - 1;
      let best = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid].start <= w.line) {
          best = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      // A warning before the first message (an mbox preamble) is about the start of the source.
      if (best >= 0) group = list[best].group;
    }
    out[group].push(w);
  }
  return out;
}

/**
 * The line ranges of the file a warning names: adapters name a folder's member by its path, its messages name it
 * relative to the folder, and a single file's messages do not name it at all.
 */
function rangesOfFile<T>(ranges: Map<string, T>, file: string | undefined): T | undefined {
  const exact = ranges.get(file ?? '');
  if (exact) return exact;
  if (ranges.size === 1) return [...ranges.values()][0];
  if (!file) return undefined;
  for (const [key, list] of ranges) if (key && file.endsWith(`/${key}`)) return list;
  return undefined;
}

/** The source's conversations, each as the IngestResult one thread is built from. */
export function splitSource(ingest: IngestResult): IngestResult[] {
  const { groups, warnings } = splitConversations(ingest.messages);
  if (groups.length <= 1) {
    return [{ ...ingest, messages: groups[0] ?? ingest.messages, warnings: [...ingest.warnings, ...warnings] }];
  }
  const placed = warningsByConversation(groups, [...ingest.warnings, ...warnings]);
  // A title a file states (an archive page's) belongs to the one thread that file holds, not to each of many.
  return groups.map((messages, i) => {
    const key = messages.find((m) => m.conversation !== undefined)?.conversation;
    return { format: ingest.format, messages, warnings: placed[i], title: key === undefined ? null : (ingest.conversationTitles?.[key] ?? null) };
  });
}
