// One line of kernel console output, with the prefixes the kernel and log collectors put in front of it
// split off: the printk timestamp `[  12.345678]`, the caller id `[ T123]` / `[ C1]`, the `<4>` log level
// and a syslog `Apr 20 12:04:00 host kernel: ` prefix (or its bare `kernel: ` tag).
//
// The caller id matters: with CONFIG_PRINTK_CALLER two tasks' reports interleave line by line, and the
// only way to read one report back is to keep the lines of the task that printed its header. Lines
// without any console prefix get context '' and lines with a timestamp but no caller id get 'console',
// as syzbot's reader does, so that a pasted report and a raw console log are read alike.
import type { ReportFamily } from './format-types.ts';

export interface ConsoleLine {
  /** The line without console prefixes (and without a trailing CR). */
  text: string;
  /** '' (no console prefix), 'console' (timestamp only) or the caller id such as `[ T123]`. */
  context: string;
  /** A `? func+0x…` frame or a powerpc `(unreliable)` one: a guess of the unwinder, not a real caller. */
  questionable: boolean;
  /** The report family whose header the line holds, once looked up (report-families.ts lineFamily). */
  family?: ReportFamily | null;
}

// Mail clients and syslog put their own stamp before the kernel's; it carries nothing about the report.
const SYSLOG_PREFIX = /^(?:[A-Z][a-z]{2} +\d{1,2} \d\d:\d\d:\d\d|\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:\.\d+)?(?:[+-]\d\d:?\d\d|Z)?) \S+ (?:kernel: ?)/;
// Syslog lines cut down to their tag (`kernel: BUG: …`, the date and host trimmed off by the reporter).
const KERNEL_TAG = 'kernel: ';
// The printk prefix; `** N printk messages dropped **` and a `login:` prompt can be glued in front of it.
const CONSOLE_PREFIX = /^(?:\*\* \d+ printk messages dropped \*\* )?(?:.* login: )?(?:<\d+>)?\[ *\d+\.\d+\](\[ *[CT]\d+\])? /;
// The same without the `login:` part, for the lines that hold none (nearly all): `.* login: ` scans a line to
// its end and back from every line start.
const CONSOLE_PREFIX_NO_LOGIN = /^(?:\*\* \d+ printk messages dropped \*\* )?(?:<\d+>)?\[ *\d+\.\d+\](\[ *[CT]\d+\])? /;
// A bare log level (`<4>`) without a timestamp: strip it so frame lines still start with their frame.
const LEVEL_ONLY = /^<\d>(?=\S| )/;
const QUESTIONABLE_FRAME = /(?:\[<[0-9a-f]+>\])? \? /;
// Mail clients that keep a run of spaces write some of them as no-break spaces (`[\u00a0 184.7]`); the
// kernel prints none, so in the printk prefix and the indent after it each is the kernel's space. (Only
// there: a header's own words must stay as the raw text has them, which the quick reject reads.)
const NBSP_LEAD = /^[\s\u00a0]*(?:<\d>)?(?:\[[\s\u00a0]*\d+\.\d+\](?:\[[\s\u00a0]*[CT]\d+\])?)?[\s\u00a0]*/;

export function parseConsoleLine(raw: string): ConsoleLine {
  let line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  if (line.includes('\u00a0')) line = line.replace(NBSP_LEAD, (lead) => lead.replaceAll('\u00a0', ' '));
  const syslog = SYSLOG_PREFIX.exec(line);
  if (syslog) line = line.slice(syslog[0].length);
  else if (line.startsWith(KERNEL_TAG)) line = line.slice(KERNEL_TAG.length);
  // The printk prefix has a `[`: without one, its `.* login: ` part need not scan the line.
  const m = line.includes('[') ? (line.includes(' login: ') ? CONSOLE_PREFIX : CONSOLE_PREFIX_NO_LOGIN).exec(line) : null;
  if (!m) {
    const level = LEVEL_ONLY.exec(line);
    return { text: level ? line.slice(level[0].length) : line, context: '', questionable: false, family: undefined };
  }
  const context = m[1] ?? 'console';
  // Everything after the first `] ` is the message (the caller id is glued to the timestamp).
  let text = line.slice(line.indexOf('] ') + 2);
  let questionable = false;
  if (!text.includes('<EOI>')) {
    if (QUESTIONABLE_FRAME.test(text)) {
      text = text.slice(text.indexOf(' ? ') + 2);
      questionable = true;
    } else if (text.endsWith(' (unreliable)')) {
      text = text.slice(0, -' (unreliable)'.length);
      questionable = true;
    }
  }
  return { text, context, questionable, family: undefined };
}

/** True for a CPU caller id (`[ C1]`): output printed from interrupt context on that CPU. */
export function isCpuContext(context: string): boolean {
  return /^\[ *C\d+\]$/.test(context);
}

/** True for a task caller id (`[ T123]`): every line of one task's report carries it. */
export function isTaskContext(context: string): boolean {
  return /^\[ *T\d+\]$/.test(context);
}
