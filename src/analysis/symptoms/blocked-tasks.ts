// Text → tasks shown asleep in uninterruptible state: the dump SysRq-W ("Show Blocked State") and the
// hung-task detector print for each `task:kworker/u8:2 state:D stack:… pid:123 …`, followed by its stack.
// Reporters paste one to show where a hang sits; with no crash report in the message it is the symptom. The
// task waits in the first frame below the scheduler's own and the generic ways to sleep, which is the name
// a person gives it ("the worker is blocked in foo_drain_queue"); as in syzbot's hung-task titles, the
// generic helpers that wait for someone else's object (flush_work, kthread_stop, usb_kill_urb) are passed
// over too: every task that waits for a work item or an URB sits in them, and their caller says which.
import { parseConsoleLine, type ConsoleLine } from './console-line.ts';
import { skipPattern } from './frame-rules.ts';
import { CALL_TRACE, matchFrameLine, matchesAny, PRINTED_FRAME, STACK_STARTS } from './patterns.ts';

export interface BlockedTask {
  title: string;
  function: string;
  /** 0-based line of the text the task line is on. */
  line: number;
}

// `task:kworker/u8:2  state:D stack:0 pid:123 …` (the format since 5.14); state D is "blocked".
const BLOCKED_TASK = /^task:(.+?)\s+state:D\b/;
// The scheduler's frames and the generic ways to sleep (a completion, a timeout, a lock's slow path, a page
// or bit wait): every sleeping task is in one, and the frame below names what it waits for.
const SCHEDULER_FRAME = new RegExp(
  `^(?:${[
    // The scheduler.
    '__switch_to\\w*',
    'cpu_switch_to',
    'context_switch',
    '__schedule',
    'schedule\\w*',
    'io_schedule\\w*',
    'preempt_schedule\\w*',
    // Completions, timeouts and sleeps.
    '_*wait_for_common\\w*',
    'wait_for_completion\\w*',
    'msleep\\w*',
    'usleep_range\\w*',
    // Locks' slow paths.
    '_*mutex_lock\\w*',
    '_*rt_mutex\\w*',
    'rwsem_down_\\w+',
    '_*down\\w*',
    // Page, folio and bit waits.
    '_*folio_lock\\w*',
    'folio_wait\\w*',
    '_*lock_page\\w*',
    'wait_on_page\\w*',
    '_*wait_on_bit\\w*',
    'out_of_line_wait_on_bit\\w*',
    'bit_wait\\w*',
    'ret_from_fork',
  ].join('|')})$`,
);
// Being preempted, and the frame every new task starts in: neither is a wait.
const PREEMPTION = /^preempt_schedule\w*$/;
const TASK_START = /^ret_from_fork$/;
// Between a preemption and the sleep it interrupted there are only the hooks schedule() runs on its way in.
const PREEMPTED_WINDOW = 4;
// The stack starts within a few lines of the task line (after the registers, on some arches).
const MAX_LINES_TO_TRACE = 30;
const MAX_FRAMES = 64;
// A dump of every blocked task lists dozens; the first few are the hang a reporter shows, the rest its queue.
const MAX_TASKS = 3;

/** The blocked tasks in `text`, each distinct title once, in text order. */
export function findBlockedTasks(text: string): BlockedTask[] {
  if (!text.includes('state:D')) return [];
  const lines = text.split('\n').map(parseConsoleLine);
  const found: BlockedTask[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!BLOCKED_TASK.test(lines[i].text.trim())) continue;
    const fn = waitingFunction(lines, i + 1);
    // A task whose stack shows nowhere to wait says nothing about the hang.
    if (!fn) continue;
    const title = `task blocked in ${fn}`;
    if (!found.some((f) => f.title === title)) found.push({ title, function: fn, line: i });
    if (found.length >= MAX_TASKS) break;
  }
  return found;
}

function waitingFunction(lines: readonly ConsoleLine[], from: number): string | null {
  let at = from;
  const limit = Math.min(lines.length, from + MAX_LINES_TO_TRACE);
  while (at < limit && !CALL_TRACE.test(lines[at].text)) {
    if (BLOCKED_TASK.test(lines[at].text.trim())) return null;
    at++;
  }
  if (at >= limit) return null;
  const frames: string[] = [];
  for (let i = at + 1; i < Math.min(lines.length, at + 1 + MAX_FRAMES); i++) {
    const { text, questionable } = lines[i];
    if (matchesAny(text, STACK_STARTS) || BLOCKED_TASK.test(text.trim())) break;
    // The unwinder's `? func` guesses are not where the task is, and a line that shows no printed frame
    // (the reporter's "Thanks." after the stack) is no frame at all.
    if (questionable || !PRINTED_FRAME.test(text)) continue;
    const name = matchFrameLine(text)
      ?.slice(1)
      .find((g) => g !== undefined);
    if (name) frames.push(name);
  }
  return waitingIn(frames);
}

/**
 * The first frame that is neither a way to sleep nor a generic helper. A task preempted on its way to sleep
 * shows the code it was preempted in (a lockdep or RCU hook that schedule() itself calls) between
 * `preempt_schedule…` and the sleep it was entering: that code is not where it waits, the sleep's caller is.
 */
function waitingIn(frames: readonly string[]): string | null {
  const skip = skipPattern();
  let preempted = false;
  for (let i = 0; i < frames.length; i++) {
    const name = frames[i];
    if (SCHEDULER_FRAME.test(name)) {
      if (PREEMPTION.test(name)) preempted = true;
      continue;
    }
    if (skip.test(name)) continue;
    if (preempted) {
      preempted = false;
      const sleep = frames.slice(i + 1, i + 1 + PREEMPTED_WINDOW).findIndex((f) => SCHEDULER_FRAME.test(f) && !PREEMPTION.test(f) && !TASK_START.test(f));
      // Go on from that sleep (the loop's i++ lands on it).
      if (sleep >= 0) {
        i += sleep;
        continue;
      }
    }
    return name;
  }
  return null;
}
