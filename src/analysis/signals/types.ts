// A signal: one rule that fired on one message, with the words it fired on and the patch (or the named fix)
// it is about. The decisions (fix, status, culprit) weigh signals; the case shows them as "why we think so".
import type { MessageReading } from '../read/read-message.ts';
import type { Thread } from '../../thread/types.ts';

export const SIGNALS = [
  /** Someone other than the author reports that the patch works. */
  'tested',
  /** A `Tested-by:` for the patch from someone other than its author. */
  'tested-by',
  /** syzbot ran the reproducer on the patch and it did not trigger. */
  'syz-test-ok',
  /** syzbot ran the reproducer on the patch and it still triggered. */
  'syz-test-crash',
  /** syzbot could not test the patch (it did not apply, build or boot): no result. */
  'syz-test-broken',
  /** Someone asked syzbot to test a patch or a tree. */
  'syz-test-request',
  /** A tester reports the patch does not help. */
  'failed',
  /** A maintainer says the patch is applied, queued or merged. */
  'applied',
  /** A bot announces the patch applied or merged (patchwork-bot, tip-bot2, mm-commits, stable). */
  'bot-applied',
  /** A maintainer says they will take the patch. */
  'will-apply',
  /** A pull request lists the patch's commit. */
  'pull',
  /** The author claims the patch fixes it. */
  'claim',
  /** Thanks for the find: "nice catch". */
  'praise',
  /** `Reviewed-by:`, `Acked-by:`, "looks good". */
  'reviewed-by',
  /** A reviewer turns the patch down: NAK, "this is wrong", another approach asked for. */
  'rejected',
  /** Someone else answers the patch with a diff of their own to the same code: a counter-proposal. */
  'countered',
  /** The author says the patch is not the fix: debug only, a hack, not for inclusion. */
  'disclaimer',
  /** The author says the patch is untested: no judgement either way. */
  'untested',
] as const;

export type SignalName = (typeof SIGNALS)[number];

export interface Evidence {
  kind: SignalName;
  messageIndex: number;
  /** Verbatim sentence or line (whitespace collapsed) from the message's own text. */
  quote: string;
  patchId: string | null;
  /** Who said it. */
  actor: string | null;
}

/** What a statement rule needs about a patch to link a statement to it. */
export interface PatchRef {
  id: string;
  messageIndex: number;
  author: string | null;
  /** Code identifiers in the patch's changed lines, hunk headers, file names and subject. */
  identifiers: Set<string>;
  subject: string | null;
}

export interface SignalContext {
  thread: Thread;
  readings: MessageReading[];
  patches: PatchRef[];
  /**
   * Messages that name a fix posted elsewhere (a lore link, a commit): a reply testing "it" tests that fix. Its
   * statements are linked to `named:<messageIndex>` instead of a patch of the thread.
   */
  namedAt?: Set<number>;
}

/** The id a statement about a fix named in message `i` is linked to. */
export const namedFixId = (i: number) => `named:${i}`;
