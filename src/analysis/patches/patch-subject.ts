// A patch mail's Subject, the way b4's LoreSubject reads it:
//   `Re: [Buildroot] [PATCH v3 2/4] mm: fix foo` → subject `mm: fix foo`, version 3, part 2 of 4.
import { cleanSubject } from '../../thread/title.ts';

export interface PatchSubject {
  /** Without `Re:`/`Fwd:` and the bracketed prefixes. */
  subject: string;
  /** A bracket says PATCH or RFC. */
  isPatch: boolean;
  /** `v3` → 3; 1 when no version is given. */
  version: number;
  part: number | null;
  total: number | null;
  /** The bracket contents, in order (`Buildroot`, `PATCH v3 2/4`). */
  tags: string[];
}

const BRACKET = /^\s*\[([^\]]*)\]\s*:?\s*/;
const PATCH_TAG = /(?:^|[\s,/_-])(?:PATCH|RFC)(?:v?\d+)?(?=$|[\s,/_:-])|^PATCHv?\d+$/i;
const VERSION = /(?:^|[\s,_-])v(\d{1,3})(?=$|[\s,/:])|PATCHv(\d{1,3})\b/i;
const PART = /(?:^|\s)0*(\d{1,4})\/0*(\d{1,4})(?=$|[\s,\]])/;

export function parsePatchSubject(raw: string): PatchSubject {
  let s = cleanSubject(raw);
  const tags: string[] = [];
  for (let m = BRACKET.exec(s); m; m = BRACKET.exec(s)) {
    tags.push(m[1]!.trim());
    s = s.slice(m[0].length);
    // Replies put `Re:` after a list tag too: `[Buildroot] Re: [PATCH] …`.
    s = cleanSubject(s);
  }
  let version = 1;
  let part: number | null = null;
  let total: number | null = null;
  let isPatch = false;
  for (const tag of tags) {
    if (!PATCH_TAG.test(tag)) continue;
    isPatch = true;
    const v = VERSION.exec(tag);
    if (v) version = Number(v[1] ?? v[2]);
    const p = PART.exec(tag);
    if (p) {
      part = Number(p[1]);
      total = Number(p[2]);
    }
  }
  return { subject: s.trim(), isPatch, version, part, total, tags };
}

/** The key that ties the versions of one change together: the subject, lower-cased, spacing collapsed. */
export function seriesKeyOf(subject: string | null): string | null {
  if (!subject) return null;
  const key = subject.toLowerCase().replace(/\s+/g, ' ').trim();
  return key || null;
}
