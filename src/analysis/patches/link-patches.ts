// Links a thread's patches to each other: a repost (same change, possibly cut by the archive) names its first
// posting in `quotedFrom` and takes its identity; a new version names the latest earlier one in `previousVersion`.
import { type ChangeSummary, changeOverlap, sameChange } from './identity.ts';
import type { ParsedPatch } from './types.ts';

/** Shared changed lines that make two subject-less postings to the same files versions of one change. */
const MIN_OVERLAP_SAME_AUTHOR = 0.25;
const MIN_OVERLAP_OTHER_AUTHOR = 0.5;
/** `x86: `, `mm, rmap: `: subsystem prefixes a maintainer adds or drops when re-sending. */
const SUBSYSTEM_PREFIX = /^(?:[\w./+-]+(?:,\s*[\w./+-]+)*:\s+)+/;

const personKey = (name: string | null) =>
  (name ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9@]+/g, ' ')
    .trim();

function sharesFile(a: ParsedPatch, b: ParsedPatch): boolean {
  const set = new Set(a.files);
  return b.files.some((f) => set.has(f));
}

function sameFiles(a: ParsedPatch, b: ParsedPatch): boolean {
  return a.files.length === b.files.length && sharesFile(a, b) && a.files.every((f) => b.files.includes(f));
}

function sameSeries(a: ParsedPatch, b: ParsedPatch): boolean {
  if (!a.seriesKey || !b.seriesKey) return false;
  // A reply's Subject names the thread's patch, not necessarily the reply's own diff: it must touch its files,
  // and be its author's. Someone else's diff in a reply ("something like below") is a counter-proposal, not
  // the next version of the patch it answers.
  if (a.subjectSource === 'reply' || b.subjectSource === 'reply') {
    if (!sharesFile(a, b) || personKey(a.author) !== personKey(b.author)) return false;
  }
  if (a.seriesKey === b.seriesKey) return true;
  const core = (k: string) => k.replace(SUBSYSTEM_PREFIX, '');
  return core(a.seriesKey) === core(b.seriesKey) && core(a.seriesKey).length > 0 && sharesFile(a, b);
}

/** A repost whose own size the archive hid has the size of the posting it repeats. */
function takeSize(b: ParsedPatch, sb: ChangeSummary, a: ParsedPatch, sa: ChangeSummary): void {
  if (sb.insertions !== null || sa.insertions === null || sa.deletions === null) return;
  b.insertions = sa.insertions;
  b.deletions = sa.deletions;
  const files = new Set(a.files);
  if (b.files.every((f) => files.has(f))) b.files = [...a.files];
}

/** Mutates `identity`, `quotedFrom`, `previousVersion` (and a cut repost's size); `summaries` parallels `patches`. */
export function linkPatches(patches: ParsedPatch[], summaries: ChangeSummary[]): void {
  for (let j = 0; j < patches.length; j++) {
    const b = patches[j]!;
    for (let i = 0; i < j; i++) {
      if (!sameChange(summaries[i]!, summaries[j]!)) continue;
      const a = patches[i]!;
      b.identity = a.identity;
      b.quotedFrom = a.quotedFrom ?? a.id;
      takeSize(b, summaries[j]!, a, summaries[i]!);
      break;
    }
  }
  for (let j = 0; j < patches.length; j++) {
    const b = patches[j]!;
    if (b.quotedFrom) continue;
    for (let i = j - 1; i >= 0; i--) {
      const a = patches[i]!;
      if (a.identity === b.identity || a.messageIndex === b.messageIndex) continue;
      if (b.seriesKey) {
        if (sameSeries(a, b) && a.version <= b.version) {
          b.previousVersion = a.id;
          break;
        }
        continue;
      }
      // Archive scrapes keep no Subject: a change to the same files that shares much of its lines. (Sharing
      // only some files would make a patch a new version of the pull request that carries it.)
      if (a.seriesKey || !sameFiles(a, b)) continue;
      const overlap = changeOverlap(summaries[i]!, summaries[j]!);
      const min = personKey(a.author) === personKey(b.author) ? MIN_OVERLAP_SAME_AUTHOR : MIN_OVERLAP_OTHER_AUTHOR;
      if (overlap >= min) {
        b.previousVersion = a.id;
        break;
      }
    }
  }
}
