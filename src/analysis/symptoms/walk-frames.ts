// Walks a report from its title line to the guilty function(s), step by step as a FrameWalk says: e.g.
// "the RIP line, then the Call Trace header, then the frames". Skipped frames (generic helpers) never
// enter the candidate list; the picker then chooses among the rest.
import { STACK, type FrameWalk, type WalkStep } from './format-types.ts';
import { demangleRust } from './demangle-rust.ts';
import { skipPattern, stripSyscallPrefix } from './frame-rules.ts';
import { CALL_TRACE, CORRUPTED_LINES, matchesAny, matchFrameLine, PRINTED_FRAME, STACK_STARTS } from './patterns.ts';

/** A function found by a walk: the name for the title, the raw name and the line it was read from. */
export interface WalkedFrame {
  name: string;
  raw: string;
  line: string;
}

export interface WalkResult {
  /** One entry per frame group; null where the group found no usable frame. */
  groups: (WalkedFrame | null)[];
  /** False when a group came out empty or the walk ran into a foreign (fault-injection) stack. */
  ok: boolean;
}

interface Candidate {
  raw: string;
  line: string;
}

export function walkFrames(text: string, walk: FrameWalk): WalkResult {
  const skip = skipPattern(walk.skip);
  const lines = text.split('\n');
  let result = walkSteps(lines, walk.steps, skip, walk);
  if (!result.ok && walk.fallback) {
    // The fallback is for another layout of the report: where it finds less than the steps did, the report
    // has the steps' layout and was only cut short.
    const other = walkSteps(lines, walk.fallback, skip, walk);
    if (other.ok || named(other) >= named(result)) result = other;
  }
  // Old arm kernels print the stack with no "Call Trace:"/"Backtrace:" line above it, and a reporter may
  // cut the registers and that line from a pasted report ("…" in their place): when the report has no
  // stack header at all, read the frames without waiting for it, nor for a faulting-instruction line that
  // is not there either.
  if (!result.ok && !CALL_TRACE.test(text)) {
    for (const steps of [walk.steps, walk.fallback ?? []]) {
      const cut = withoutMissingLines(steps, lines);
      if (cut.length === steps.length) continue;
      const retry = walkSteps(lines, cut, skip, walk);
      if (retry.ok) return retry;
    }
  }
  return result;
}

/**
 * The steps without the stack header and without the lines before the first stack that the report does
 * not show at all. Only for one-stack walks: a step between two stacks (KMSAN's "created at") is what
 * tells the stacks apart.
 */
function withoutMissingLines(steps: readonly WalkStep[], lines: readonly string[]): WalkStep[] {
  const firstStack = steps.indexOf(STACK);
  if (firstStack < 0 || steps.lastIndexOf(STACK) !== firstStack) return [...steps];
  return steps.filter((step, i) => step === STACK || (step !== CALL_TRACE && (i > firstStack || lines.some((l) => step.test(l)))));
}

function named(result: WalkResult): number {
  return result.groups.filter((g) => g !== null).length;
}

function walkSteps(lines: string[], steps: WalkStep[], skip: RegExp, walk: FrameWalk): WalkResult {
  const groups: (WalkedFrame | null)[] = [];
  let candidates: Candidate[] = [];
  let ok = true;
  let stacks = 0;
  let at = 0;
  const take = (m: RegExpExecArray, line: string) => {
    for (let g = 1; g < m.length; g++) {
      if (m[g] === undefined || m[g] === '') continue;
      const name = demangleRust(m[g]);
      if (!skip.test(name)) candidates.push({ raw: name, line });
    }
  };
  const close = () => {
    const chosen = choose(candidates, walk);
    if (!chosen) ok = false;
    groups.push(chosen);
    candidates = [];
  };
  for (let s = 0; ; s++) {
    if (s === steps.length || (steps[s] === STACK && stacks > 0)) close();
    if (s >= steps.length) break;
    const step = steps[s];
    if (step === STACK) {
      stacks++;
      while (at < lines.length) {
        const line = lines[at++];
        if (matchesAny(line, CORRUPTED_LINES)) {
          ok = false;
          break;
        }
        if (matchesAny(line, STACK_STARTS)) break;
        // A stack ends early when the step after it shows up (KMSAN's "Uninit was created at:").
        const next = steps[s + 1];
        if (next instanceof RegExp) {
          const m = next.exec(line);
          if (m) {
            take(m, line);
            s++;
            break;
          }
        }
        // Only a line that shows a frame as the kernel prints one (an offset, an address, a decoded source
        // position) is a frame: a pasted report runs on into the reporter's prose, and "Thanks." or a
        // "4.3.5-smp #1" release line would read as a function.
        const m = PRINTED_FRAME.test(line) ? matchFrameLine(line) : null;
        if (m) take(m, line);
      }
    } else {
      while (at < lines.length) {
        const line = lines[at++];
        if (matchesAny(line, CORRUPTED_LINES)) {
          ok = false;
          break;
        }
        const m = step.exec(line);
        if (!m) continue;
        take(m, line);
        break;
      }
    }
  }
  return { groups, ok };
}

function choose(candidates: Candidate[], walk: FrameWalk): WalkedFrame | null {
  if (candidates.length === 0) return null;
  const stripped = candidates.map((c) => stripSyscallPrefix(c.raw));
  if (!walk.pick) return { name: stripped[0], raw: candidates[0].raw, line: candidates[0].line };
  const picked = walk.pick(stripped);
  if (!picked) return null;
  const from = candidates[picked.index];
  return { name: picked.name, raw: from.raw, line: from.line };
}
