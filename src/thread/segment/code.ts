// C or shell snippets that are not patches: indented blocks that read as code, and gdb sessions/listings.
import { type Block, type Body, head, isBlank } from './body.ts';
import { startsDiff } from './diff.ts';
import { startsTrace } from './trace.ts';

const INDENTED = /^(?:\t| {4,})/;
/** Column-0 lines that belong to an indented C block: braces, directives. */
const COLUMN0_C = /^(?:[{}][;,]?\s*$|\}\s*(?:else|while)\b|#\s*(?:define|include|if|ifdef|ifndef|endif|else|elif|undef)\b)/;
/** A function header above its body: `static int foo(struct bar *b)`, `__up_console_sem()`. */
const C_HEADER = /^(?:[A-Za-z_]\w*[ \t*]+)*[A-Za-z_]\w*\([^;{}]{0,200}\)\s*\{?\s*$/;
const GDB_PROMPT = /^\(gdb\) /;
/** gdb `list` output: `1250            hlist_for_each_entry_rcu(…)`, or a bare number for an empty line. */
const LISTING = /^\d{1,6}(?:\t| {2,})\S|^\d{1,6}\s*$/;
const GDB_OUTPUT =
  /^(?:0x[0-9a-f]+ is in |\s*(?:=> )?0x[0-9a-f]+ <[^>]{0,200}>:|Dump of assembler code|End of assembler dump|Line \d+ of "|#\d+ +\S|Thread \d+ |\[(?:Switching to|Current thread|New Thread|Inferior) |\$\d+ = |Breakpoint \d+|Continuing\.|Program received signal)/;
/** A line that reads as C: punctuation at its end, an operator, a preprocessor directive, a call. */
const C_LIKE = /[;{}]\s*$|\)\s*$|->|[=!<>]=|&&|\|\||\/\*|\*\/|^\s*#\s*(?:define|include|if|ifdef|ifndef|endif|else)\b|\w\(|\s=\s/;
/** Evidence prose cannot easily give: a statement or block end, a directive, a comment delimiter. */
const C_STRONG = /[;{}]\s*$|^\s*#\s*(?:define|include|ifdef|ifndef|endif)\b|^\s*(?:\/\*|\*\/)/;

/** Memo so a long indented prose run is judged once, not once per line (keeps the scan linear). */
export interface CodeMemo {
  noCodeBefore: number;
}

export function codeBlock(b: Body, i: number, memo: CodeMemo): Block | null {
  const line = head(b, i);
  const c = line.charCodeAt(0);
  if (c === 40 /* ( */ && GDB_PROMPT.test(line)) return { kind: 'code', start: i, end: gdbEnd(b, i) };
  if (c >= 48 && c <= 57 && LISTING.test(line) && LISTING.test(head(b, i + 1))) {
    let j = i;
    let cLines = 0;
    while (j < b.lines.length && LISTING.test(head(b, j))) if (C_LIKE.test(head(b, j++))) cLines++;
    // A numbered run without C is a table; it is returned as text so it is not scanned again line by line.
    return { kind: cLines > 0 ? 'code' : 'text', start: i, end: j };
  }
  if (i < memo.noCodeBefore) return null;
  const opens = c === 9 || c === 32 ? INDENTED.test(line) : (isWordStart(c) && endsLikeHeader(line) && C_HEADER.test(line)) || /^\{\s*$/.test(line);
  const next = head(b, i + 1);
  if (!opens || (!INDENTED.test(line) && !INDENTED.test(next) && !/^\{\s*$/.test(next))) return null;
  return indentedCode(b, i, memo);
}

/** C_HEADER's line ends in `)` or `{` (trimEnd drops exactly what `\s` matches): prose lines fail here, cheaply. */
function endsLikeHeader(line: string): boolean {
  const t = line.trimEnd();
  const last = t.charCodeAt(t.length - 1);
  return last === 41 /* ) */ || last === 123 /* { */;
}

function isWordStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function gdbEnd(b: Body, i: number): number {
  let j = i + 1;
  let end = j;
  while (j < b.lines.length) {
    const line = head(b, j);
    if (isBlank(b, j)) j++;
    else if (GDB_PROMPT.test(line) || LISTING.test(line) || GDB_OUTPUT.test(line)) end = ++j;
    else break;
  }
  return end;
}

/**
 * Indented paragraphs that read as C: most lines of each paragraph look like C, the block has ≥2
 * lines, and one of them is a statement, block end or directive. Column-0 braces and directives, and a function
 * header on the first line, belong too. A paragraph of indented prose ends the block (or, first, is no code),
 * so a commit message indented by `git log` stays text around the diagram it contains.
 */
function indentedCode(b: Body, i: number, memo: CodeMemo): Block | null {
  const n = b.lines.length;
  let j = i;
  let end = i;
  let lines = 0;
  let strong = 0;
  while (j < n) {
    let pLines = 0;
    let pLike = 0;
    let pStrong = 0;
    const pStart = j;
    while (j < n && !isBlank(b, j) && inBlock(b, i, j)) {
      const line = head(b, j);
      pLines++;
      if (C_LIKE.test(line)) pLike++;
      if (C_STRONG.test(line)) pStrong++;
      j++;
    }
    if (pLines === 0) break;
    if (pLike * 2 <= pLines) {
      if (pStart === i) {
        memo.noCodeBefore = j;
        return null;
      }
      break;
    }
    end = j;
    lines += pLines;
    strong += pStrong;
    // Blank lines stay inside when another indented paragraph follows.
    if (!isBlank(b, j)) break;
    let k = j;
    while (k < n && isBlank(b, k)) k++;
    j = k;
  }
  if (lines >= 2 && strong >= 1) return { kind: 'code', start: i, end };
  memo.noCodeBefore = Math.max(end, i + 1);
  return null;
}

/** Line j continues the block that opened at line i. */
function inBlock(b: Body, i: number, j: number): boolean {
  if (j === i) return true;
  const line = head(b, j);
  // A shallower indent is allowed inside: people re-indent snippets by two (`  (...snipped...)`).
  if (!(INDENTED.test(line) || COLUMN0_C.test(line) || /^ {2}/.test(line))) return false;
  return !startsTrace(b, j) && !startsDiff(b, j);
}
