// Splits one decoded mail body into typed segments (prose, quotes, patches, oopses, logs, code, trailers, …).
//
// Lines are read once, top to bottom. At each line not yet claimed, detectors are tried in priority order and
// the first that recognises a block there claims its lines; an unclaimed line is text. Priority:
//   quote > signature > headers > diff > trace > trailers > log > code > text
// Quotes come first so a quoted patch or oops stays a quote. Every detector either claims a block (cost
// proportional to it) or gives up after a bounded look-ahead, so the whole pass is linear in the body size.
//
// Blank lines: a segment never starts or ends with a blank line. Blank lines inside a block stay in it, and
// adjacent blocks of the same kind (and quote depth) merge together with the blank lines between them, so a
// text segment holds several paragraphs. Blank lines between segments of different kinds, and leading and
// trailing blank lines of the body, are dropped. No non-blank line is ever dropped or repeated, and order is kept.
import type { Segment } from './types.ts';
import { type Block, type Body, isBlank, makeBody } from './segment/body.ts';
import { type CodeMemo, codeBlock } from './segment/code.ts';
import { diffBlock } from './segment/diff.ts';
import { headersBlock } from './segment/headers.ts';
import { logBlock } from './segment/log.ts';
import { quoteBlock } from './segment/quote.ts';
import { signatureBlock } from './segment/signature.ts';
import { traceBlock } from './segment/trace.ts';
import { trailersBlock } from './segment/trailers.ts';

export function segmentBody(body: string): Segment[] {
  const b = makeBody(body);
  const memo: CodeMemo = { noCodeBefore: 0 };
  const blocks: Block[] = [];
  let i = 0;
  while (i <= b.last) {
    if (isBlank(b, i)) {
      i++;
      continue;
    }
    const found = detect(b, i, memo);
    if (found && found.end > i) {
      const block = trimBlank(b, found);
      append(blocks, block);
      i = block.end;
      continue;
    }
    // An unclaimed line is text; extending the open text block in place keeps plain prose allocation-free.
    const prev = blocks[blocks.length - 1];
    if (prev?.kind === 'text') prev.end = i + 1;
    else blocks.push({ kind: 'text', start: i, end: i + 1 });
    i++;
  }
  // Where each line starts in the body: a segment's text is then a slice of the body, not its lines joined.
  const starts = new Array<number>(b.lines.length + 1);
  starts[0] = 0;
  for (let k = 0; k < b.lines.length; k++) starts[k + 1] = starts[k]! + b.lines[k]!.length + 1;
  return bridgeTraces(b, blocks).map((blk) => toSegment(body, starts, blk));
}

/** Kernel messages printed inside a report (`This system BIOS has enabled interrupt remapping …`) are prose. */
const MAX_BRIDGED_LINES = 6;

/**
 * A few text lines sitting between two traces with no blank line on either side are the kernel's own words
 * inside one report, so the three blocks become one trace. People leave a blank line before writing.
 */
function bridgeTraces(b: Body, blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (let k = 0; k < blocks.length; k++) {
    const prev = out[out.length - 1];
    const mid = blocks[k]!;
    const next = blocks[k + 1];
    if (
      prev?.kind === 'trace' &&
      mid.kind === 'text' &&
      next?.kind === 'trace' &&
      prev.end === mid.start &&
      mid.end === next.start &&
      mid.end - mid.start <= MAX_BRIDGED_LINES &&
      !hasBlank(b, mid.start, mid.end)
    ) {
      prev.end = next.end;
      k++;
      continue;
    }
    out.push(mid);
  }
  return out;
}

function hasBlank(b: Body, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (isBlank(b, i)) return true;
  return false;
}

function detect(b: Body, i: number, memo: CodeMemo): Block | null {
  return (
    quoteBlock(b, i) ??
    signatureBlock(b, i) ??
    headersBlock(b, i) ??
    diffBlock(b, i) ??
    traceBlock(b, i) ??
    trailersBlock(b, i) ??
    logBlock(b, i) ??
    codeBlock(b, i, memo)
  );
}

/** Detectors end on a non-blank line; this guards the segment invariant should one not. */
function trimBlank(b: Body, blk: Block): Block {
  let end = blk.end;
  while (end > blk.start + 1 && isBlank(b, end - 1)) end--;
  return end === blk.end ? blk : { ...blk, end };
}

function append(blocks: Block[], blk: Block): void {
  const prev = blocks[blocks.length - 1];
  if (prev && prev.kind === blk.kind && prev.quoteDepth === blk.quoteDepth) prev.end = blk.end;
  else blocks.push({ ...blk });
}

function toSegment(body: string, starts: readonly number[], blk: Block): Segment {
  // The same text as b.lines.slice(start, end).join('\n'): the lines are body.split('\n').
  const text = body.slice(starts[blk.start], starts[blk.end]! - 1);
  return blk.kind === 'quote' ? { kind: 'quote', text, quoteDepth: blk.quoteDepth } : { kind: blk.kind, text };
}
