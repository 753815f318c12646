// A patch as the analysis keeps it: the contract's Patch plus what other extractors (roles, fix, timeline) read.
import type { Patch } from '../types.ts';
import type { ParsedTrailer } from '../find-trailers.ts';
import type { DiffFile } from './parse-diff.ts';
import type { Diffstat } from './parse-diffstat.ts';

export interface ParsedPatch extends Patch {
  /** The same trailers with their values, comments, `Fixes:` commits and `Link:` URLs. */
  parsedTrailers: ParsedTrailer[];
  /** The posting's diff segments, joined. Empty when the archive cut the mail before its diff. */
  diffText: string;
  /** Per-file detail: status (added/deleted/renamed), binary, counts. */
  diffFiles: DiffFile[];
  /** The commit message: own text between the subject/headers (or a `--`/`---`/scissors line) and the trailers. */
  commitMessage: string;
  diffstat: Diffstat | null;
  /**
   * Where `subject` came from: an in-body header block, a `Subject:` line in the text, the mail's Subject, or
   * the Subject of a reply (`Re: [PATCH] x`): a diff in a reply may be another change than the one it answers.
   */
  subjectSource: 'headers' | 'text' | 'message' | 'reply' | null;
  /** `[PATCH v3 2/4]` → 3; 1 when none is given. */
  version: number;
  part: number | null;
  total: number | null;
  /** Hash of the normalised diff (12 hex digits); a repost or an archive-cut copy shares its first posting's. */
  identity: string;
  /** The id of the first earlier posting with the same identity. */
  quotedFrom: string | null;
  /** The subject lower-cased, without `[PATCH …]`: ties successive versions together. */
  seriesKey: string | null;
  /** The id of the latest earlier version of this change. */
  previousVersion: string | null;
  /** The attachment's name when the diff came from one. */
  fromAttachment: string | null;
}
