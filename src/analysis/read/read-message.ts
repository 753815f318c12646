// One reading of each message, computed once and used by every rule: who wrote it (a person or a bot), its
// own text (not quoted) and sentences, whom it answers, the patches it posts and quotes, its trailers, the
// bot commands in it, syzbot's test result, the commits it names, and where its subject says it stands.
import type { Message, Thread } from '../../thread/types.ts';
import { findTrailers, type FoundTrailer } from '../find-trailers.ts';
import { ownText } from '../own-text.ts';
import { parsePatchSubject, type PatchSubject } from '../patches/patch-subject.ts';
import { sentencesOf, type Sentence } from '../sentences.ts';
import { botOf, type BotKind } from './bots.ts';
import { parseCommands, type BotCommand } from './commands.ts';
import { commitRefs, type CommitRef } from './commit-refs.ts';
import { readSyzTestResult, type SyzTestResult } from './syzbot-results.ts';

export interface MessageReading {
  index: number;
  message: Message;
  /** Display name, else address; null for a message with no author. */
  author: string | null;
  /** The author normalised for comparing people (lower case, letters only). */
  who: string;
  bot: BotKind | null;
  /** Own text: every segment but quotes and the signature. */
  own: string;
  sentences: readonly Sentence[];
  /** The person this message answers, from its attribution line or its parent. */
  answers: string | null;
  /** Patch ids posted in this message, and those whose diff it quotes. Filled once patches are found. */
  posts: string[];
  quotesPatches: string[];
  trailers: FoundTrailer[];
  commands: BotCommand[];
  syzResult: SyzTestResult | null;
  commits: CommitRef[];
  subject: PatchSubject | null;
  /** Set by the off-topic rule: the message belongs to a side discussion about another bug. */
  offTopic: boolean;
}

export function personKey(name: string | null | undefined): string {
  return (name ?? '')
    .toLowerCase()
    .replace(/[^a-z]+/g, ' ')
    .trim();
}

/** The long attribution forms people's mailers write before a quote: `On <date>, X wrote:`, `X <addr> writes:`. */
const MAX_ATTRIBUTION_CHARS = 400;
function attribution(m: Message): string | null {
  for (const s of m.segments) {
    if (s.kind !== 'text' && s.kind !== 'headers') continue;
    for (const line of s.text.split('\n', 8)) {
      if (line.length > MAX_ATTRIBUTION_CHARS || !line.includes(':')) continue;
      const wrote = /^(?:On .*?,\s*)?(?:"?([^"<>,]+?)"?\s*(?:<[^>]*>)?)\s+(?:wrote|writes|said):\s*$/.exec(line.trim());
      if (wrote) return wrote[1].replace(/^.*\bat \d{1,2}:\d{2}(?::\d{2})?\s*(?:[AP]M)?\s*(?:[+-]\d{4})?,?\s*/i, '').trim();
      const from = /^From:\s*"?([^"<>]+?)"?\s*<[^>]+>\s*$/.exec(line.trim());
      if (from) return from[1].trim();
    }
  }
  return null;
}

/** Trailer lines that stand in prose: a link or commit on them is not a statement about the fix. */
const TRAILER_LINE = /^[ \t]*(?:Link|Closes|BugLink|Fixes|Reported-by|Reported-and-tested-by|Suggested-by|Cc|Message-ID|References):.*$/gim;

export function readMessage(thread: Thread, m: Message): MessageReading {
  const author = m.author?.name ?? m.author?.email ?? null;
  const own = m.ghost ? '' : ownText(m);
  const bot = botOf(m.author);
  const parent = m.parentIndex !== null ? thread.messages[m.parentIndex] : null;
  return {
    index: m.index,
    message: m,
    author,
    who: personKey(author),
    bot,
    own,
    sentences: m.ghost ? [] : sentencesOf(m),
    answers: attribution(m) ?? parent?.author?.name ?? parent?.author?.email ?? null,
    posts: [],
    quotesPatches: [],
    trailers: m.ghost ? [] : findTrailers(m),
    commands: bot ? [] : parseCommands(own),
    syzResult: bot === 'syzbot' ? readSyzTestResult(own) : null,
    // Commits named in prose: a diff's `index 1234567..89abcde` line names none.
    // Trailers name the report (`Closes:`, `Link:`) or the culprit (`Fixes:`), never the fix: left out too.
    // Logs, traces and code are full of hex that is no commit id: prose only.
    commits: m.ghost
      ? []
      : commitRefs(
          m.segments
            .filter((s) => s.kind === 'text' || s.kind === 'headers')
            .map((s) => s.text.replace(TRAILER_LINE, ''))
            .join('\n'),
        ),
    subject: m.subject ? parsePatchSubject(m.subject) : null,
    offTopic: false,
  };
}

/** Every message read once, indexed like `thread.messages`. */
export function readThread(thread: Thread): MessageReading[] {
  return thread.messages.map((m) => readMessage(thread, m));
}
