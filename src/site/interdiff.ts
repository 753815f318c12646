// What changed between two versions of one patch, for readers: the changed lines the new version adds
// and the ones it drops, compared as sets of `+`/`-` lines (whitespace collapsed). Not a full interdiff:
// enough to see how a change evolved.
import type { StoredThread } from './load.ts';

export interface VersionStep {
  from: string;
  to: string;
  added: string[];
  dropped: string[];
}

function changedLines(thread: StoredThread, messageIndex: number): string[] {
  const diff = thread.messages[messageIndex].segments
    .filter((s) => s.kind === 'diff' && !s.attachment)
    .map((s) => s.text)
    .join('\n');
  return diff
    .split('\n')
    .filter((l) => /^[+-](?![+-]{2}\s)/.test(l) && l.slice(1).trim() !== '')
    .map((l) => `${l[0]} ${l.slice(1).replace(/\s+/g, ' ').trim()}`);
}

/** Successive versions of the thread's patches, oldest step first. */
export function versionSteps(thread: StoredThread): VersionStep[] {
  const steps: VersionStep[] = [];
  for (const p of thread.analysis.patches) {
    if (!p.previousVersion) continue;
    const prev = thread.analysis.patches.find((q) => q.id === p.previousVersion);
    if (!prev) continue;
    const before = changedLines(thread, prev.messageIndex);
    const after = changedLines(thread, p.messageIndex);
    if (!after.length) continue; // the archive cut the new version before its diff
    const b = new Set(before);
    const a = new Set(after);
    steps.push({ from: prev.id, to: p.id, added: after.filter((l) => !b.has(l)), dropped: before.filter((l) => !a.has(l)) });
  }
  return steps;
}
