// The building blocks every report format is written with: how the kernel prints a program counter, a
// function with its offset, a source position; which lines start a stack trace; which lines are frames.
// Written once here so that the formats read like the kernel output they describe.
import { anyPatternMatches } from '../any-pattern.ts';

// What decode_stacktrace.sh puts after a function instead of its offset: a space and the source position
// (`(drivers/foo/bar.c:140 (discriminator 1))`, `(/build/linux/./include/linux/list.h:73)`, `(??:?)`). The
// position must open the parentheses, so that prose such as `foo (see bar.c:1)` names no frame.
const DECODED_SOURCE = String.raw` (?=\((?:[\w./+-]+\.[a-zA-Z]+:\d+|\?\?:\?)[ )])`;

/**
 * Builds a RegExp from a source using the tokens
 * - `{PC}`   a printed address: `[<ffffffff81234567>]`, `[ffff…]`, `[<0x…>]`, the `[]` a web archive leaves
 *            when it eats `<…>`, or the old kallsyms form `[d_free+24/128]`;
 * - `{FUNC}` a function followed by its `+0x…` offset or a `.isra.0`-style suffix, capturing the name;
 *            an old-style module prefix `:nvidia:` and the dot of a ppc64 function descriptor
 *            (`.eeh_dev_check_failure`) are allowed and not captured; or, as scripts/decode_stacktrace.sh
 *            rewrites a frame, the name followed by its source position in parentheses
 *            (`foo_release (drivers/foo/bar.c:88)`, `start_kernel (??:?)`), the offset gone;
 * - `{SRC}`  a source position `fs/ext4/inode.c:123`, captured;
 * - `{ADDR}` a hex address.
 */
export function pattern(source: string, flags = ''): RegExp {
  const expanded = source
    .replaceAll('{ADDR}', '0x[0-9a-f]+')
    .replaceAll('{PC}', String.raw`\[(?:<?(?:0x)?[0-9a-f]*>?|[a-zA-Z0-9_.]+\+\d+/\d+)\]`)
    .replaceAll('{FUNC}', String.raw`(?::[a-zA-Z0-9_]+:|\.(?=[a-zA-Z_]))?([a-zA-Z0-9_]+)(?:\.|\+|${DECODED_SOURCE})`)
    .replaceAll('{SRC}', String.raw`([a-zA-Z0-9_/.-]+\.[a-z]+:[0-9]+)`);
  return new RegExp(expanded, flags);
}

/**
 * The faulting instruction's line: x86 `RIP: 0010:func+0x…` / `IP: [<…>] func+0x…`, powerpc `NIP [c…] func`,
 * arm64 `pc : func+0x…`, arm `PC is at func+0x…`, s390 `Krnl PSW : … (func+0x…)`. The alternatives
 * without a capture are user-space or unknown addresses: they consume the line but name no function.
 */
export const RIP_FRAME = pattern(
  String.raw`(?:IP|NIP|pc |PC is at):? (?:(?:[0-9]+:)?(?:{PC} +){0,2}{FUNC}|(?:[0-9]+:)?0x[0-9a-f]+|(?:[0-9]+:)?{PC} +\[< *\(null\)>\] +\(null\)|[0-9]+: +\(null\))|Krnl PSW : [0-9a-f]+ [0-9a-f]+ \({FUNC}`,
);

/**
 * A line that shows a frame as the kernel prints one: with an offset or an address, or — decoded — with its
 * source position. "memory." at the start of a prose line, or a "4.3.5-smp #1" release line, is no frame.
 */
export const PRINTED_FRAME = new RegExp(String.raw`\+0x[0-9a-f]+|\[<?[0-9a-f]+>?\]|[a-zA-Z0-9_]${DECODED_SOURCE}`);

/** `Call Trace:` (x86), `Call trace:` (arm64), `Backtrace:` (arm). */
export const CALL_TRACE = /(?:Call (?:T|t)race:)|(?:Backtrace:)/;

// riscv's show_regs() dumps the stack right after this line without any "Call Trace" header.
export const RISCV_STACK_START = /status: [0-9a-f]{16} badaddr: [0-9a-f]{16} cause: [0-9a-f]{16}/;

/** Lines after which a (new) stack trace is printed: a stack walk stops when it meets one. */
export const STACK_STARTS: RegExp[] = [
  /Call (?:T|t)race/,
  /Allocated:/,
  /Allocated by task [0-9]+:/,
  /Freed:/,
  /Freed by task [0-9]+:/,
  // kmemleak's `backtrace:` (maybe with a crc), but not lockdep's `stack backtrace:`.
  /[^k] backtrace(?: \(crc [0-9a-fA-F]*\))?:/,
  /Backtrace:/,
  /Uninit was stored to memory at/,
  RISCV_STACK_START,
];

/** Frame lines, each capturing the function name(s) it shows. */
export const FRAME_LINES: RegExp[] = [
  // x86, arm64, powerpc: `[<ffffffff8123>] func+0x12/0x34`, ` func+0x12/0x34 fs/x.c:12`; s390 puts the
  // first frame in parentheses: `([<0000000000112e2c>] func+0x4c/0x88)`.
  pattern(String.raw`^\s*\(?(?:{PC} ){0,2}{FUNC}`),
  // arm: `[<c0123>] (func) from [<c0456>] (caller+0x1c/0x50)`: the first name is only in LR otherwise.
  pattern(String.raw`^\s*{PC} \(([a-zA-Z0-9_.]+)\) from {PC} \({FUNC}`),
  // Older arm: `[<c0123>] (func+0x1c/0x50) from [<c0456>] (caller+0x60/0x194)`.
  pattern(String.raw`^\s*{PC} \({FUNC}[^)]*\) from {PC} \({FUNC}`),
];

/**
 * Fault injection prints its own stack in the middle of reports; a walk that meets it is reading someone
 * else's stack, so the report is marked corrupted there.
 */
export const CORRUPTED_LINES: RegExp[] = [/^( \[<?(?:0x)?[0-9a-f]+>?\])? should_fail(slab)?(\.[a-z0-9.]+)?\+0x/];

export function matchesAny(line: string, res: readonly RegExp[]): boolean {
  return anyPatternMatches(res, line);
}

/** The first frame-line pattern that matches, or null. */
export function matchFrameLine(line: string): RegExpExecArray | null {
  for (const re of FRAME_LINES) {
    const m = re.exec(line);
    if (m) return m;
  }
  return null;
}
