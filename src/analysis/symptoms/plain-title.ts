// A crash title as a person reads it. syzbot's titles are keys for telling bugs apart: pids and addresses
// become NUM and ADDR, and a report whose stack could not be read is "in corrupted". A case study shows
// the title to people, so there the placeholders give way to words, and a hung-task header no format could
// read ("INFO: task kworker/u8:NUM:NUM blocked") is titled like every other hung task.
import type { CrashReport } from './find-crash-reports.ts';
import { pickHangFrame } from './frame-pickers.ts';

/** What the title says where syzbot's says "corrupted". */
export const UNKNOWN_FUNCTION = 'an unknown function';

const HUNG_TASK_HEADER = /^INFO: task .* blocked\b/;
// syzbot's normalisation placeholders (clean-title.ts); `LINE` stays: "kernel BUG at lib/string.c:LINE!"
// is how kernel people quote such a BUG too.
const PLACEHOLDER = /\b(?:NUM|ADDR)\b/;
// Words left dangling at the end of a title cut before a placeholder ("… at addr", "… pfn:", "age=").
const DANGLING = /(?:[\s:=,;.(#[-]+|\s+(?:at|on|in|of|for|with|by|from|to|addr|address|pfn|age|cpu|pid|size|val|type|value|offset|index|nr|len)\b)+$/i;

export interface PlainTitle {
  title: string;
  function: string | null;
}

export function plainTitle(report: Pick<CrashReport, 'title' | 'function' | 'frames'>): PlainTitle {
  let { title } = report;
  let fn = report.function;
  if (HUNG_TASK_HEADER.test(title)) {
    // The hung-task header was cut (a wrapped mail line) or reworded: the stack still says where it waits.
    fn = fn ?? pickHangFrame(report.frames)?.name ?? null;
    return { title: `INFO: task hung in ${fn ?? UNKNOWN_FUNCTION}`, function: fn };
  }
  // "WARNING in corrupted/usb_submit_urb": the caller of the named helper is unknown.
  title = title.replace(/ in corrupted\/(\S+)$/, ' in $1 (caller unknown)');
  title = title.replace(/ in corrupted$/, ` in ${UNKNOWN_FUNCTION}`);
  const at = PLACEHOLDER.exec(title);
  if (at) {
    let cut = title.slice(0, at.index);
    for (let prev = ''; prev !== cut; ) {
      prev = cut;
      cut = cut.replace(DANGLING, '');
    }
    // A title that is all placeholder keeps its words around them.
    title = cut !== '' ? cut : title.replace(new RegExp(PLACEHOLDER.source, 'g'), '').replace(/\s+/g, ' ').trim();
  }
  return { title, function: fn };
}
