// Text → the allocation failures the kernel reports with a stack: warn_alloc()'s "kswapd0: page allocation
// failure: order:0, mode:0x…" and its vmalloc forms ("vmalloc error: size …", older "vmalloc: allocation
// failure: …"). No crash (syzbot titles none and only notes that such a message prints a stack), but a thread
// may be about one: a regression that makes allocations fail, a driver that asks for too much at once. Such a
// failure is the symptom of a message that shows no crash report, of kind `warning` (the kernel warns and
// goes on), named after the first frame below the allocator: the code that asked for the memory.
import type { SymptomKind } from '../types.ts';
import { parseConsoleLine, type ConsoleLine } from './console-line.ts';
import { skipPattern } from './frame-rules.ts';
import { CALL_TRACE, matchesAny, matchFrameLine, PRINTED_FRAME, STACK_STARTS } from './patterns.ts';

export interface AllocFailure {
  title: string;
  kind: SymptomKind;
  function: string;
  /** 0-based line of the text the failure line is on. */
  line: number;
}

const FAILURES: { test: RegExp; title: string }[] = [
  // `%s: page allocation failure: order:%u, mode:%#x(%pGg)`; before 4.x `… page allocation failure. order:0, mode:0x20`.
  { test: /\bpage allocation failure[:.] ?order:\d+/, title: 'page allocation failure' },
  // `vmalloc error: size 8192, page order 1, failed to allocate pages`, `vmalloc: allocation failure: 0 bytes`.
  { test: /\bvmalloc(?: error: size \d+|: allocation failure\b)/, title: 'vmalloc allocation failure' },
];
const MAY_HOLD = /allocation failure|vmalloc error/;

// The allocator's own layers, besides the generic skips (warn_alloc, dump_stack, alloc_pages, kmalloc,
// kmem_cache, slab_, vmalloc): older kernels' names for getting pages for a slab.
const ALLOCATOR_SKIPS = ['^new_slab$', '__get_free_pages', 'get_zeroed_page'];
// The stack follows the failure line after the "CPU: … Comm: …" and "Hardware name:" lines.
const MAX_LINES_TO_STACK = 8;
const MAX_FRAMES = 64;

/** The allocation failures in `text` that show a stack, each distinct title once, in text order. */
export function findAllocFailures(text: string): AllocFailure[] {
  if (!MAY_HOLD.test(text)) return [];
  const lines = text.split('\n').map(parseConsoleLine);
  const found: AllocFailure[] = [];
  for (let i = 0; i < lines.length; i++) {
    const failure = FAILURES.find((f) => f.test.test(lines[i].text));
    if (!failure) continue;
    const fn = askingFunction(lines, i + 1);
    // Without a stack the line says memory ran short, not whose request failed.
    if (!fn) continue;
    const title = `${failure.title} in ${fn}`;
    if (!found.some((f) => f.title === title)) found.push({ title, kind: 'warning', function: fn, line: i });
  }
  return found;
}

/** The first frame of the failure's stack that is not the allocator or a generic helper. */
function askingFunction(lines: readonly ConsoleLine[], from: number): string | null {
  const skip = skipPattern(ALLOCATOR_SKIPS);
  // The stack starts at a "Call Trace:" line or, on arm, at the first frame.
  let at = from;
  const limit = Math.min(lines.length, from + MAX_LINES_TO_STACK);
  while (at < limit && !CALL_TRACE.test(lines[at].text) && !PRINTED_FRAME.test(lines[at].text)) at++;
  if (at >= limit) return null;
  if (CALL_TRACE.test(lines[at].text)) at++;
  for (let i = at; i < Math.min(lines.length, at + MAX_FRAMES); i++) {
    const { text, questionable } = lines[i];
    if (matchesAny(text, STACK_STARTS) || FAILURES.some((f) => f.test.test(text))) break;
    // The unwinder's `? func` guesses are no callers; a line without a printed frame is none at all.
    if (questionable || !PRINTED_FRAME.test(text)) continue;
    const m = matchFrameLine(text);
    // arm's `(callee) from (caller+0x…)` names two frames, callee first.
    for (const name of m?.slice(1) ?? []) if (name !== undefined && !skip.test(name)) return name;
  }
  return null;
}
