// Ties each adapter warning (which knows a file and a line) to the message whose lines hold it. A lookup per
// warning instead of a scan of all messages: a 50,000-message scrape with a warning per message made the scan
// quadratic (minutes). Messages are grouped by file and sorted by first line; the first match in message
// order wins, as a plain scan would pick it.
import type { Warning } from '../ingest/types.ts';
import type { Message } from './types.ts';

interface FileIndex {
  /** Messages of the file, by first line (ties by index). */
  byStart: Message[];
  /** The largest last line among byStart[0..k]: a scan back can stop once it is below the warning's line. */
  reach: number[];
}

function indexOf(messages: Message[]): FileIndex {
  const byStart = messages.filter((m) => m.lines).sort((a, b) => a.lines![0] - b.lines![0] || a.index - b.index);
  const reach: number[] = [];
  for (let k = 0; k < byStart.length; k++) reach.push(Math.max(k > 0 ? reach[k - 1]! : -Infinity, byStart[k]!.lines![1]));
  return { byStart, reach };
}

/** The message of `index` that holds `line`, earliest in message order; null when none does. */
function holder(index: FileIndex, line: number): Message | null {
  const { byStart, reach } = index;
  // The last message starting at or before the line.
  let lo = 0;
  let hi = byStart.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (byStart[mid]!.lines![0] <= line) lo = mid + 1;
    else hi = mid;
  }
  let best: Message | null = null;
  for (let k = lo - 1; k >= 0 && reach[k]! >= line; k--) {
    const m = byStart[k]!;
    if (m.lines![1] >= line && (!best || m.index < best.index)) best = m;
  }
  return best;
}

/**
 * Sets `messageIndex` on warnings that have a line but no message yet. A warning names its file by path;
 * a message of a folder source names its file relative to the folder, so the warning's path ends with it.
 */
export function placeWarnings(messages: Message[], warnings: Warning[]): void {
  const byFile = new Map<string, Message[]>();
  const noFile: Message[] = [];
  for (const m of messages) {
    if (!m.file) noFile.push(m);
    else {
      const list = byFile.get(m.file);
      if (list) list.push(m);
      else byFile.set(m.file, [m]);
    }
  }
  const indexes = new Map<string, FileIndex>();
  const indexFor = (key: string): FileIndex | null => {
    const list = byFile.get(key);
    if (!list) return null;
    let ix = indexes.get(key);
    if (!ix) indexes.set(key, (ix = indexOf(list)));
    return ix;
  };
  const anyFile = indexOf(messages);
  const withoutFile = indexOf(noFile);
  for (const w of warnings) {
    if (w.messageIndex !== null || w.line === null) continue;
    let hit: Message | null;
    if (!w.file) hit = holder(anyFile, w.line);
    else {
      // Messages without a file, the warning's own file, and the files its path ends with (a folder member).
      const candidates = [holder(withoutFile, w.line), holder(indexFor(w.file) ?? withoutFile, w.line)];
      for (let at = w.file.indexOf('/'); at !== -1; at = w.file.indexOf('/', at + 1)) {
        const ix = indexFor(w.file.slice(at + 1));
        if (ix) candidates.push(holder(ix, w.line));
      }
      hit = candidates.reduce<Message | null>((a, b) => (b && (!a || b.index < a.index) ? b : a), null);
    }
    if (hit) w.messageIndex = hit.index;
  }
}
