// `:::note{…}` → problems: the message, patch line or trace frame it annotates must exist in the thread.
import { describeHunks, diffHunks, namesFile } from './diff-hunks.ts';
import { resolveMessage, type ThreadFile } from './thread-file.ts';
import { hasFrame, traceText } from './trace-frames.ts';
import { error, type Problem } from './types.ts';

type Attributes = Record<string, string | null | undefined>;

const MSG_HINT = 'Name a message by its id (the `<id>` of its `#m-<id>` anchor), its index, or its Message-ID.';
const has = (a: Attributes, k: string) => a[k] !== undefined && a[k] !== null;
const list = (xs: string[]) => (xs.length ? xs.map((x) => `\`${x}\``).join(', ') : 'none');
/** `3 messages: indexes 0–2`, `1 symptom: index 0`, `no symptoms` */
const counted = (n: number, what: string) => (n === 0 ? `no ${what}s` : n === 1 ? `1 ${what}: index 0` : `${n} ${what}s: indexes 0–${n - 1}`);

export function messageUnknown(ref: string, thread: ThreadFile, line: number | null): Problem {
  return error('message-unknown', `\`msg=${ref}\` names no message of ${thread.path} (it has ${counted(thread.messages.length, 'message')})`, line, MSG_HINT);
}

function checkPatch(a: Attributes, thread: ThreadFile, line: number | null): Problem[] {
  const id = a.patch ?? '';
  const patch = thread.patches.find((p) => p.id === id);
  if (!patch) {
    return [
      error(
        'patch-unknown',
        `\`patch=${id}\` names no patch of ${thread.path}; its patches are ${list(thread.patches.map((p) => p.id))}`,
        line,
        'Patch ids are `p1`, `p2`, … in thread order, as `analysis.patches` lists them.',
      ),
    ];
  }
  const file = has(a, 'file') ? a.file! : null;
  if (file !== null && !patch.files.includes(file)) {
    return [
      error(
        'file-unknown',
        `patch ${id} does not touch \`${file}\`; it touches ${list(patch.files)}`,
        line,
        "Give the file's path in the tree as the diff names it, without `a/` or `b/`.",
      ),
    ];
  }
  if (!has(a, 'line')) return [];
  const raw = a.line!;
  if (!/^\d+$/.test(raw.trim())) return [error('line-unknown', `\`line=${raw}\` is not a line number`, line, 'Give a line of the new file, like line=12.')];
  const n = Number(raw);
  const message = thread.messages.find((m) => m.index === patch.messageIndex);
  const diffs = (message?.segments ?? []).filter((s) => s.kind === 'diff');
  // Without `file=`, any file of the patch will do.
  const files = file !== null ? [file] : patch.files;
  const hunks = diffs.flatMap((s) => diffHunks(s.text)).filter((h) => files.some((f) => namesFile(h.path, f)));
  if (hunks.some((h) => h.start <= n && n < h.start + h.count)) return [];
  const where = file !== null ? `\`${file}\` in patch ${id}` : `patch ${id}`;
  const shown = hunks.length
    ? `its hunks show ${describeHunks(hunks)}`
    : patch.truncated
      ? 'the thread holds no hunk of it: the archive cut the diff'
      : 'the thread holds no hunk of it';
  return [
    error(
      'line-unknown',
      `line ${n} is outside every hunk of ${where} (${shown})`,
      line,
      "A note's line is a new-file line inside a hunk: from c to c+d-1 of `@@ -a,b +c,d @@`.",
    ),
  ];
}

function checkTrace(a: Attributes, thread: ThreadFile, line: number | null): Problem[] {
  const raw = (a.trace ?? '').trim();
  const symptom = /^\d+$/.test(raw) ? thread.symptoms[Number(raw)] : undefined;
  if (!symptom) {
    return [
      error(
        'trace-unknown',
        `\`trace=${raw}\` names no symptom of ${thread.path} (it has ${counted(thread.symptoms.length, 'symptom')})`,
        line,
        'A trace is named by its index in `analysis.symptoms`, from 0.',
      ),
    ];
  }
  if (!has(a, 'frame')) return [];
  const frame = a.frame!;
  const trace = traceText(thread, symptom);
  if (hasFrame(trace, symptom, frame)) return [];
  const why = trace
    ? `is not a frame of trace ${raw} (${symptom.title}, message ${symptom.messageIndex})`
    : `cannot be found: message ${symptom.messageIndex} holds no trace`;
  return [error('frame-unknown', `\`frame=${frame}\` ${why}`, line, 'Name the function as the trace prints it, without its `+0x…` offset.')];
}

export function checkNote(a: Attributes, thread: ThreadFile, line: number | null): Problem[] {
  if (!has(a, 'msg') && !has(a, 'patch') && !has(a, 'trace')) {
    return [
      error(
        'note-target-missing',
        'a note says nothing about what it annotates',
        line,
        'Give `msg=ID`, `patch=pN` (with `file=` and `line=`), or `trace=N` (with `frame=`).',
      ),
    ];
  }
  const problems: Problem[] = [];
  if (has(a, 'msg') && !resolveMessage(thread, a.msg!)) problems.push(messageUnknown(a.msg!, thread, line));
  if (has(a, 'patch')) problems.push(...checkPatch(a, thread, line));
  if (has(a, 'trace')) problems.push(...checkTrace(a, thread, line));
  return problems;
}
