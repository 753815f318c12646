// Thread → the patches posted in it, in thread order (`p1`, `p2`, …), each with its diff's files and counts,
// subject, version, trailers and an identity that links reposts and versions. Quoted diffs are reviews of
// earlier patches, not patches: findPatchQuotes names which.
import type { Thread } from '../thread/types.ts';
import type { ChangeSummary } from './patches/identity.ts';
import { buildPatch } from './patches/build-patch.ts';
import { linkPatches } from './patches/link-patches.ts';
import { splitPostings } from './patches/postings.ts';
import type { ParsedPatch } from './patches/types.ts';
import type { Patch } from './types.ts';

export type { ParsedPatch } from './patches/types.ts';
export type { DiffFile, FileStatus, ParsedDiff } from './patches/parse-diff.ts';
export type { Diffstat, DiffstatFile } from './patches/parse-diffstat.ts';
export { parseDiff } from './patches/parse-diff.ts';
export { parsePatchSubject, seriesKeyOf } from './patches/patch-subject.ts';
export { findPatchQuotes, type PatchQuote } from './patches/patch-quotes.ts';

export function findPatches(thread: Thread): ParsedPatch[] {
  const patches: ParsedPatch[] = [];
  const summaries: ChangeSummary[] = [];
  for (const m of thread.messages) {
    if (m.ghost) continue;
    const postings = splitPostings(m);
    postings.forEach((posting, k) => {
      const built = buildPatch(m, posting, k === 0, k === postings.length - 1);
      if (!built) return;
      patches.push({ id: `p${patches.length + 1}`, ...built.patch });
      summaries.push(built.summary);
    });
  }
  linkPatches(patches, summaries);
  return patches;
}

/** The contract's fields only, for `inspect --json`. */
export function toContractPatch(p: ParsedPatch): Patch {
  const { id, messageIndex, author, subject, files, insertions, deletions, truncated, role, trailers, version, previousVersion } = p;
  return { id, messageIndex, author, subject, files, insertions, deletions, truncated, role, trailers, version, previousVersion };
}
