// A long kernel report cut for the case page so that it keeps its point. The head (the title line, the first
// stack) comes first, as before; but the blocks a reader needs and a plain cut would lose are kept wherever they
// are: lockdep's "Possible unsafe locking scenario" and "*** DEADLOCK ***", KASAN's and KMSAN's "The buggy address
// belongs to …" and what was freed or allocated where. Each gap says how many lines it stands for; the whole report
// stays in the thread.

/** Lines that start a block worth keeping, and how many lines of it to keep at most. */
const KEY_BLOCKS: { start: RegExp; lines: number }[] = [
  { start: /Possible (?:interrupt )?unsafe locking scenario|Possible unsafe locking scenario by crosslock/, lines: 16 },
  { start: /\*\*\* DEADLOCK \*\*\*/, lines: 2 },
  { start: /The buggy address belongs to (?:the object|the variable|the physical page)/, lines: 4 },
  { start: /^(?:\[[\s\d.]+\]\s*)?(?:Freed by task|Allocated by task|Uninit was (?:created|stored) at)/, lines: 6 },
];

const gap = (n: number) => `[… ${n} more line${n === 1 ? '' : 's'} in the thread]`;

/** At most about `max` lines of `lines`: the head, then the key blocks that fall past it, gaps marked. */
export function excerptTrace(lines: readonly string[], max: number): string {
  if (lines.length <= max) return lines.join('\n');
  // The key blocks past the head, in order, within half the budget.
  const keep = new Set<number>();
  let budget = Math.floor(max / 2);
  for (let i = 0; i < lines.length && budget > 0; i++) {
    const block = KEY_BLOCKS.find((b) => b.start.test(lines[i]!));
    if (!block) continue;
    let body = 0;
    for (let k = i; k < Math.min(lines.length, i + block.lines) && budget > 0; k++) {
      // A block ends at a blank line after its own lines (lockdep's scenario has one under its title, one after it).
      if (lines[k]!.trim() === '') {
        if (body > 1) break;
      } else body++;
      if (!keep.has(k)) {
        keep.add(k);
        budget--;
      }
    }
  }
  const head = max - keep.size;
  for (let i = 0; i < head; i++) keep.add(i);
  const out: string[] = [];
  let skipped = 0;
  for (let i = 0; i < lines.length; i++) {
    if (keep.has(i)) {
      if (skipped) out.push(gap(skipped));
      skipped = 0;
      out.push(lines[i]!);
    } else skipped++;
  }
  if (skipped) out.push(gap(skipped));
  return out.join('\n');
}
