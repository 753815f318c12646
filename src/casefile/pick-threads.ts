// Which of a source's threads a command takes: all of them, the one holding a given Message-ID (`--thread`),
// or the bug hunts (`--bugs-only`: a crash report, a regression report, a report of something broken, a
// bug-fix patch; src/analysis/bug-hunt.ts).
import { bugEvidence } from '../analysis/index.ts';
import type { AnalyzedThread } from '../casebook.ts';
import { normalizeMessageId } from '../ingest/address.ts';

export interface PickOptions {
  /** A Message-ID (`<…>`, `id:…` or bare) of any message of the thread to take. */
  thread?: string;
  bugsOnly?: boolean;
}

export interface Picked {
  threads: AnalyzedThread[];
  /** How many threads were left out, and why (for the command's summary line). */
  leftOut: { notAsked: number; notBugs: number };
}

/** `<id@host>`, `id:id@host`, `mid:…` or a bare id, as the ids a thread's messages hold. */
export function messageIdArg(text: string): string | null {
  return normalizeMessageId(text.trim().replace(/^(?:id|mid):/i, ''));
}

export function pickThreads(threads: readonly AnalyzedThread[], opts: PickOptions): Picked {
  const leftOut = { notAsked: 0, notBugs: 0 };
  let out = [...threads];
  if (opts.thread !== undefined) {
    const id = messageIdArg(opts.thread);
    const holds = (t: AnalyzedThread) => t.messages.some((m) => m.messageId === id) || t.missingParents.some((g) => g.messageId === id);
    const kept = out.filter(holds);
    leftOut.notAsked = out.length - kept.length;
    out = kept;
  }
  if (opts.bugsOnly) {
    const kept = out.filter((t) => bugEvidence(t, t.analysis) !== null);
    leftOut.notBugs = out.length - kept.length;
    out = kept;
  }
  return { threads: out, leftOut };
}
