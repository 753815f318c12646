// The body of a collapsed mbox message (see collapsed-mbox.ts): line breaks are re-inserted before quote
// marker runs (`> > >`), with each run's depth decided over the whole message, and inside flattened kernel
// traces before the line starters oopses and lockdep reports use.

interface Piece {
  /** Length of the `> > >` run before the content; 0 for the text before the first run. */
  markers: number;
  content: string;
}

/**
 * A quoted line that went through the scraper holds at most one mail line; anything longer after a marker run
 * is the author's own (unquoted) paragraph, whose line breaks the scraper also removed.
 */
const MAX_QUOTED_LINE = 90;
/** Deepest quote level decoded; caps the depth decoder's work on marker-heavy input (`> > > …` by the thousand). */
const MAX_QUOTE_DEPTH = 24;

/** Cuts the body at quote-marker runs: `>` tokens with whitespace on both sides (`->`, `>=`, `<-->` are text). */
function splitAtMarkers(body: string): Piece[] {
  const pieces: Piece[] = [{ markers: 0, content: '' }];
  const tokens = body.split(/\s+/).filter((t) => t !== '');
  let words: string[] = [];
  let run = 0;
  const flush = () => {
    pieces[pieces.length - 1].content = words.join(' ');
    words = [];
  };
  for (let k = 0; k < tokens.length; k++) {
    if (tokens[k] === '>') {
      if (run === 0) flush();
      run++;
      continue;
    }
    if (run > 0) {
      pieces.push({ markers: run, content: '' });
      run = 0;
    }
    words.push(tokens[k]);
  }
  if (run > 0) pieces.push({ markers: run, content: '' });
  flush();
  return pieces;
}

/** Splits `total` markers into `parts` empty-line depths between lo and hi, deepest where the quote is deeper. */
function emptyDepths(total: number, lo: number, hi: number, deeperFirst: boolean): number[] | null {
  if (total === 0) return [];
  lo = Math.max(1, lo);
  hi = Math.max(lo, hi);
  const parts = Math.ceil(total / hi); // as few empty lines as the range allows
  if (parts * lo > total) return null;
  const depths = new Array<number>(parts).fill(lo);
  let extra = total - parts * lo;
  for (let j = 0; j < parts && extra > 0; j++) {
    const k = deeperFirst ? j : parts - 1 - j;
    const add = Math.min(extra, hi - lo);
    depths[k] += add;
    extra -= add;
  }
  return depths;
}

/** A depth change between two quoted lines with no empty line between them is unusual (attributions aside). */
const ABRUPT_DEPTH_CHANGE_COST = 2.5;
/** Continuing a paragraph whose last line was short and ended a sentence: more likely a new paragraph began. */
const CONTINUE_AFTER_SHORT_LINE_COST = 1.5;
const SHORT_LINE = 50;
/** Each empty line deeper or shallower than both neighbours (a trimmed quote leaves `>` between `> >` lines). */
const ODD_EMPTY_LINE_COST = 1.5;
/** Quoting deeper without an attribution (`… wrote:`) before it happens, but less often than coming back up. */
const DEEPEN_COST = 1;

interface Step {
  cost: number;
  empties: number[];
}

/** The cost of reading a run of `n` markers after a line of depth `p` as empty lines and then a line of depth `q`. */
function step(p: number, q: number, n: number, previous: string): Step | null {
  if (q === 0) {
    // Unquoted text follows: the whole run is empty quoted lines, no deeper than the quote they close.
    const empties = emptyDepths(n, 1, Math.max(p, 1), true) ?? [];
    return { cost: empties.length, empties };
  }
  if (q > n) return null;
  const rest = n - q;
  const attribution = /:$/.test(previous);
  const deepen = p > 0 && q > p && !attribution ? DEEPEN_COST : 0;
  if (rest === 0) {
    if (p === 0 || (q > p && attribution)) return { cost: 0, empties: [] };
    if (q !== p) return { cost: ABRUPT_DEPTH_CHANGE_COST + deepen, empties: [] };
    const ended = previous.length < SHORT_LINE && /[.!?]$/.test(previous);
    return { cost: ended ? CONTINUE_AFTER_SHORT_LINE_COST : 0, empties: [] };
  }
  // Empty lines usually sit between the two depths (a paragraph break of the shallower writer, or one per level).
  const lo = p > 0 ? Math.min(p, q) : 1;
  const hi = Math.max(p, q);
  const inRange = emptyDepths(rest, lo, hi, p > q);
  if (inRange) return { cost: deepen + inRange.length + (inRange.some((d) => d !== lo) ? 0.25 : 0), empties: inRange };
  const any = emptyDepths(rest, 1, hi, p > q) ?? [];
  return { cost: deepen + ODD_EMPTY_LINE_COST * any.length, empties: any };
}

/**
 * Turns marker runs back into quoted lines. The scraper joined `> > text` lines into `… > > text > > more`, so a
 * run of N markers stands for one or more lines whose depths add up to N: empty quoted lines (paragraph breaks)
 * and then the line holding the content. The depths are decoded over the whole message at once (a shortest path
 * over "depth of the current line"): continuing at the same depth is free, because a wrapped quoted paragraph
 * repeats its depth on every line (unless the line before was short and ended a sentence); each empty line costs
 * 1, more when it is not between the two depths; a depth change without an empty line costs more, except right
 * after an attribution (`… wrote:`); going deeper costs a little. So `> > > … The same > > > thing happens …
 * > > > > > > > First, …` (followed by `> >` lines) reads as `> > >`, `> >`, `> > First, …`. A content longer
 * than MAX_QUOTED_LINE cannot be one quoted line: it is the author's own paragraph (its line breaks were removed
 * too), so the run before it is only empty lines, then a blank line: `> spin_lock_bh? > I realised that …` →
 * `> spin_lock_bh?`, `>`, ``, `I realised that …`. Known limit: `a > b` in unquoted text reads as a marker.
 */
function quoteLines(pieces: Piece[]): { depth: number; text: string }[] {
  type State = { cost: number; back: number; empties: number[] };
  const maxDepth = Math.min(
    MAX_QUOTE_DEPTH,
    pieces.reduce((m, p) => Math.max(m, p.markers), 1),
  );
  // states[i][q]: cheapest reading of pieces 0..i with piece i's line at depth q.
  const states: Map<number, State>[] = [new Map([[0, { cost: 0, back: -1, empties: [] }]])];
  for (let i = 1; i < pieces.length; i++) {
    const { markers: n, content } = pieces[i];
    const unquoted = content === '' || content.length > MAX_QUOTED_LINE;
    const here = new Map<number, State>();
    for (const [p, prev] of states[i - 1]) {
      // An empty run at the very end keeps the depth it closes.
      const options = unquoted ? [0] : Array.from({ length: Math.min(n, maxDepth) }, (_, k) => k + 1);
      for (const q of options) {
        const s = step(p, q, n, pieces[i - 1].content);
        if (!s) continue;
        const cost = prev.cost + s.cost;
        const at = here.get(q);
        if (!at || cost < at.cost) here.set(q, { cost, back: p, empties: s.empties });
      }
    }
    states.push(here);
  }
  // Walk back from the cheapest final depth.
  const depths: number[] = new Array(pieces.length).fill(0);
  const empties: number[][] = new Array(pieces.length).fill([]);
  let q = [...states[states.length - 1]].sort((a, b) => a[1].cost - b[1].cost)[0][0];
  for (let i = pieces.length - 1; i >= 0; i--) {
    const s = states[i].get(q)!;
    depths[i] = q;
    empties[i] = s.empties;
    q = s.back;
  }
  const out: { depth: number; text: string }[] = [];
  pieces.forEach((piece, i) => {
    for (const d of empties[i]) out.push({ depth: d, text: '' });
    if (piece.content) out.push({ depth: depths[i], text: piece.content });
  });
  return out;
}

/** Lines of a kernel report that start a new line: generic oops/lockdep/backtrace vocabulary (matched at a token). */
const TRACE_STARTERS = sticky([
  /={10,}/,
  /-{10,}/,
  /-*\[ (?:INFO|BUG|WARNING|cut here|end trace)\b/,
  /(?:BUG|WARNING|INFO|Oops|Call Trace|Stack|Code|Modules linked in|Hardware name|RIP|EIP|IP|RSP|CR2|Pid|irq event stamp|stack backtrace|Workqueue|Mem-Info|Exception stack\([^)]*\)):/,
  /(?:PGD [0-9a-f]+ |CPU: \d|Process \S+ \(pid:|Kernel panic - not syncing|general protection fault|Unable to handle kernel)/,
  /(?:inconsistent \{|possible (?:recursive|circular|irq lock inversion)|the existing dependency chain|which lock already depends|other info that might help|Possible unsafe locking scenario|\*\*\* DEADLOCK|but task is already holding|(?:no|\d+) locks? held by|is trying to acquire|hardirqs last|softirqs last|the shortest dependencies)/,
  /\{[A-Z0-9_-]+\} state was registered at:/,
  /#\d+: +\(/, // `#0: (&mm->mmap_sem){++++}, at:`
  /-> #\d+ /,
  /\S+\/\d+ \[HC\d/, // `swapper/0 [HC0[0]:SC1[1]:HE1:SE0] takes:`
  /\S*\([^()\s]+\)\{[^}\s]*\},? at:/, // `(&dev->lock){+.?...}, at:`
  /\[(?:<[0-9a-fA-F]*>)?\] /, // a stack frame whose address the scraper may have stripped
]);
/** Reports start with these; the weaker starters above only count inside a report. */
const TRACE_OPENERS = sticky([
  /={10,} \[ (?:INFO|BUG|WARNING)/,
  /-*\[ cut here \]/,
  /\[ (?:INFO|BUG): /,
  /(?:BUG|WARNING): /,
  /(?:Call Trace|Oops|general protection fault):/,
  /Unable to handle kernel/,
  /INFO: (?:task|possible|inconsistent|rcu|trying)/,
]);
const FRAME = /^\[(?:<[0-9a-fA-F]*>)?\](?: \?)? \S+(?: \[\S+\])?/;

/** Sticky copies, so a pattern is tried at one offset without slicing the text. */
function sticky(patterns: RegExp[]): RegExp[] {
  return patterns.map((re) => new RegExp(re.source, 'y'));
}
function matchesAt(patterns: RegExp[], text: string, at: number): boolean {
  return patterns.some((re) => {
    re.lastIndex = at;
    return re.test(text);
  });
}

/** Re-breaks a kernel report flattened into a paragraph; returns the text before it, its lines, the text after. */
function breakTrace(text: string): { before: string; trace: string[]; after: string } | null {
  const starts: number[] = [];
  for (const m of text.matchAll(/(?<=^| )\S/g)) starts.push(m.index);
  const open = starts.find((s) => matchesAt(TRACE_OPENERS, text, s));
  if (open === undefined) return null;
  const cuts = [open];
  for (const s of starts) {
    if (s <= open || !matchesAt(TRACE_STARTERS, text, s)) continue;
    const before = text.slice(Math.max(0, s - 40), s);
    // `[ INFO: … ]` is one banner; `…, at: [<addr>] func`, `… at (N): [<addr>] func` and `IP: [<addr>] func`
    // keep their frame.
    if (before.endsWith('[ ')) continue;
    if (text[s] === '[' && /(?:, at|\(\d+\)|(?:^| )[ER]?IP):\s*$/.test(before)) continue;
    cuts.push(s);
  }
  const lines: string[] = [];
  for (let k = 0; k < cuts.length; k++) lines.push(text.slice(cuts[k], cuts[k + 1] ?? text.length).trim());
  // A lockdep banner `[ INFO: … ]` is a line of its own; the kernel version follows it on the next line.
  for (let k = 0; k < lines.length; k++) {
    const banner = /^((?:={10,} )?\[ (?:INFO|BUG|WARNING): [^\]]*\]) (.+)$/.exec(lines[k]);
    if (banner) lines.splice(k, 1, ...banner[1].split(/(?<=={10,}) /), banner[2]);
  }
  // Prose after the last frame ends the report.
  let after = '';
  const last = lines[lines.length - 1];
  const frame = FRAME.exec(last);
  if (frame && frame[0].length < last.length) {
    after = last.slice(frame[0].length).trim();
    lines[lines.length - 1] = frame[0];
  }
  return { before: text.slice(0, open).trim(), trace: lines.filter((l) => l !== ''), after };
}

/** Rebuilds line structure: quoted lines `> > text`, prose paragraphs on one line, reports line by line. */
export function rebuildCollapsedBody(body: string): string {
  const out: string[] = [];
  const blank = () => {
    if (out.length > 0 && out[out.length - 1] !== '') out.push('');
  };
  for (const line of quoteLines(splitAtMarkers(body))) {
    if (line.depth > 0) {
      // Reply text that is not an attribution (`… wrote:`) is set off from the quote after it.
      const last = out[out.length - 1];
      if (last !== undefined && last !== '' && !last.startsWith('>') && !/:$/.test(last)) blank();
      out.push('> '.repeat(line.depth) + line.text);
      out[out.length - 1] = out[out.length - 1].trimEnd();
      continue;
    }
    if (out.length > 0 && out[out.length - 1].startsWith('>')) blank();
    let text = line.text;
    for (let guard = 0; guard < 100; guard++) {
      const t = breakTrace(text);
      if (!t) break;
      if (t.before) out.push(t.before);
      blank();
      // One push per line: spreading a trace of a hundred thousand lines into push() overflows the stack.
      for (const l of t.trace) out.push(l);
      blank();
      text = t.after;
    }
    if (text) out.push(text);
  }
  while (out[out.length - 1] === '') out.pop();
  return out.join('\n');
}
