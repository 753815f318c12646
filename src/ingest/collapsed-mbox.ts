// One mbox message that went through an HTML scraper: every newline became a single space and every `<…>`
// lost its contents (`From: "A. Person" To: Some One Cc: Other Person , …`). The headers are recovered by
// walking known header names, the body by re-inserting line breaks before quote markers and kernel-trace line
// starters, so the line-based stages after this one (quotes, traces) can read it. All of it is heuristic and
// the result says so in its warnings.
import { normalizeMessageId, parseAddress, parseAddressList, parseMessageIdList } from './address.ts';
import { emptyMessage, type IngestResult, type Warning } from './types.ts';

/** Header names a collapsed message is walked by; any `X-Name:` is accepted too. Lower-case for lookup. */
const KNOWN_HEADERS = new Set(
  [
    'Return-Path', 'Received', 'Date', 'From', 'To', 'Cc', 'Bcc', 'Subject', 'Message-ID', 'Reply-To', 'References',
    'In-Reply-To', 'MIME-Version', 'Content-Type', 'Content-Transfer-Encoding', 'Content-Disposition',
    'Content-Language', 'User-Agent', 'Sender', 'List-ID', 'List-Post', 'List-Help', 'List-Unsubscribe',
    'List-Subscribe', 'List-Archive', 'Precedence', 'Mail-Followup-To', 'Organization', 'Organisation',
    'Delivered-To', 'Lines', 'Status', 'Thread-Topic', 'Thread-Index', 'Importance', 'Comments', 'Keywords',
    'Errors-To', 'Envelope-To', 'Resent-From', 'Resent-To', 'Resent-Date', 'Resent-Message-ID', 'DKIM-Signature',
    'Authentication-Results', 'Mailing-List', 'Approved-By', 'Path', 'Newsgroups', 'Xref', 'NNTP-Posting-Host',
  ].map((n) => n.toLowerCase()),
);
/** Headers a message may carry more than once; any other name seen again is text, not a header. */
const REPEATABLE = /^(?:received|x-.*|delivered-to|comments|keywords|dkim-signature|authentication-results|resent-.*)$/;
/** A header name at a token start: capitalised, followed by `:` and a space or the end. */
const HEADER_NAME = /(?<=^| )([A-Z][A-Za-z0-9-]*):(?= |$)/g;
/** The mbox `From_` line: `From sender Thu Jan  1 00:00:00 1970`. */
const FROM_LINE = /^From \S+ +(?:[A-Z][a-z]{2},? +){1,2}\d{1,2} +\d{1,2}:\d{2}(?::\d{2})? +(?:[A-Z]{3,4} +)?\d{4}(?: +[+-]\d{4})?(?: |$)/;

/**
 * How far a header's value can reach when nothing but the body follows it. `token`: one word (plus a
 * `(comment)`); `id`: one address- or id-like word (`@`, `.` or `<`), else nothing, since the scraper empties
 * `<…>` values and the next word is then the body's; `params`: `text/plain; charset=us-ascii`; `product`: `Mutt/1.5.18 (2008-05-17)`; `ids`:
 * Message-IDs; `date` and `received`: their RFC shapes; `free`: unknown, so the body start is guessed.
 */
type Shape = 'token' | 'id' | 'params' | 'product' | 'ids' | 'date' | 'received' | 'free';
const SHAPES: Record<string, Shape> = {
  'message-id': 'id', 'resent-message-id': 'id', 'mime-version': 'id', 'x-mailing-list': 'id', 'list-id': 'id',
  sender: 'id', 'return-path': 'id', 'delivered-to': 'id', 'errors-to': 'id', 'envelope-to': 'id',
  precedence: 'token', 'content-transfer-encoding': 'token', lines: 'token', status: 'token', importance: 'token',
  'content-language': 'token',
  'content-type': 'params', 'content-disposition': 'params',
  'user-agent': 'product', 'x-mailer': 'product', 'x-newsreader': 'product',
  references: 'ids', 'in-reply-to': 'ids',
  date: 'date', 'resent-date': 'date', received: 'received',
};
/** Longest plausible value of a free-text header; a longer stretch before the next header name holds the body. */
const MAX_FREE_VALUE: Record<string, number> = {
  to: 4000, cc: 8000, bcc: 4000, 'mail-followup-to': 8000, references: 8000, received: 1000, 'dkim-signature': 2000,
  'authentication-results': 2000, subject: 300, from: 300, 'reply-to': 300, organization: 200,
};
const DEFAULT_MAX_FREE_VALUE = 500;
/** A shaped value followed by more than this much text before the next header name is followed by the body. */
const MAX_SHAPE_LEFTOVER = 60;
/**
 * A quoted line that went through the scraper holds at most one mail line; anything longer after a marker run
 * is the author's own (unquoted) paragraph, whose line breaks the scraper also removed.
 */
const MAX_QUOTED_LINE = 90;
/** Deepest quote level decoded; caps the depth decoder's work on marker-heavy input (`> > > …` by the thousand). */
const MAX_QUOTE_DEPTH = 24;

const RFC_DATE = /^(?:[A-Z][a-z]{2},? +)?\d{1,2} +[A-Z][a-z]{2} +\d{2,4} +\d{1,2}:\d{2}(?::\d{2})?(?: +(?:[+-]\d{4}|[A-Z]{1,5}))?(?: +\([^()]*\))?/;

function isHeaderName(name: string): boolean {
  const n = name.toLowerCase();
  return KNOWN_HEADERS.has(n) || /^x-[a-z0-9][a-z0-9-]*$/.test(n);
}

export function looksLikeCollapsedMbox(text: string): boolean {
  if (!text.startsWith('From ')) return false;
  const lines = text.split('\n', 6).filter((l) => l.trim() !== '');
  if (lines.length > 4) return false;
  const first = lines[0] ?? '';
  if (first.length < 300) return false;
  const names = [/ Date: /, / From: /, / Subject: /, / Message-I[Dd]: /, / To: /];
  return names.filter((re) => re.test(first)).length >= 3;
}

/** Length of `value`'s start that fits the header's shape, or null when the header is free text. */
function shapeLength(shape: Shape, value: string): number | null {
  const tokens = [...value.matchAll(/\S+/g)];
  const endOf = (k: number) => tokens[k].index + tokens[k][0].length;
  /** Takes a `(comment …)` starting at token k; returns the token after it. */
  const comment = (k: number) => {
    if (k >= tokens.length || !tokens[k][0].startsWith('(')) return k;
    for (let j = k; j < tokens.length && j < k + 12; j++) if (tokens[j][0].endsWith(')')) return j + 1;
    return k;
  };
  if (tokens.length === 0) return 0;
  switch (shape) {
    case 'token':
      return endOf(comment(1) - 1);
    case 'id':
      return /[@.<]/.test(tokens[0][0]) ? endOf(comment(1) - 1) : 0;
    case 'params': {
      let k = 0;
      while (k < tokens.length - 1 && tokens[k][0].endsWith(';')) k++;
      return endOf(k);
    }
    case 'product': {
      let k = 1;
      for (;;) {
        const next = comment(k);
        if (next > k) k = next;
        else if (k < tokens.length && /\/|^v?\d[\w.+-]*$/.test(tokens[k][0])) k++;
        else break;
      }
      return endOf(k - 1);
    }
    case 'ids': {
      let k = 0;
      while (k < tokens.length && /^<[^<>]*>$|^[^\s@<>]+@[^\s@<>]+$/.test(tokens[k][0])) k++;
      return k === 0 ? 0 : endOf(k - 1);
    }
    case 'date':
      return RFC_DATE.exec(value)?.[0].length ?? null;
    case 'received': {
      const m = /;\s*/.exec(value);
      if (!m) return null;
      const d = RFC_DATE.exec(value.slice(m.index + m[0].length));
      return d ? m.index + m[0].length + d[0].length : null;
    }
    case 'free':
      return null;
  }
}

/** Where a body plausibly starts in the text after a free-text header: an attribution, a quote, a greeting. */
function guessBodyStart(text: string): number | null {
  const openers = [
    /(?<=^| )On [^>]{0,200}? wrote:(?= |$)/,
    /(?<= )>(?: >)*(?= )/,
    /(?<= )(?:Hi|Hello|Hey|Dear|Hallo)\b/,
    /(?<= )-{3,}\s*Original Message\s*-{3,}/,
    /(?<= )(?:diff --git|Signed-off-by:|---(?= ))/,
  ];
  let best: number | null = null;
  for (const re of openers) {
    const m = re.exec(text);
    if (m && m.index > 0 && (best === null || m.index < best)) best = m.index;
  }
  return best;
}

interface RecoveredHeaders {
  headers: { name: string; value: string }[];
  body: string;
  uncertain: string | null;
}

/** Walks the header names from the start of `text` (after the From_ line) until the body. */
function recoverHeaders(text: string): RecoveredHeaders {
  const candidates: { at: number; name: string }[] = [];
  for (const m of text.matchAll(HEADER_NAME)) if (isHeaderName(m[1])) candidates.push({ at: m.index, name: m[1] });
  const headers: { name: string; value: string }[] = [];
  if (candidates[0]?.at !== 0) return { headers, body: text.trim(), uncertain: null };

  const seen = new Set<string>();
  let c = 0;
  for (;;) {
    const { at, name } = candidates[c];
    const key = name.toLowerCase();
    seen.add(key);
    const valueStart = Math.min(text.length, at + name.length + 2);
    let next = c + 1;
    // A name that cannot occur again (a second `To:`) is text inside this value, not a new header.
    while (next < candidates.length && !REPEATABLE.test(candidates[next].name.toLowerCase()) && seen.has(candidates[next].name.toLowerCase())) next++;
    const nextAt = next < candidates.length ? candidates[next].at : text.length;
    const raw = text.slice(valueStart, nextAt).trimEnd();
    const shape = SHAPES[key] ?? 'free';
    const fits = shapeLength(shape, raw);
    const more = next < candidates.length;
    const leftover = fits === null ? '' : raw.slice(fits).trim();
    const tooLong = fits === null && raw.length > (MAX_FREE_VALUE[key] ?? DEFAULT_MAX_FREE_VALUE);
    if (more && !tooLong && leftover.length <= MAX_SHAPE_LEFTOVER) {
      headers.push({ name, value: raw.trim() });
      c = next;
      continue;
    }
    // The last header: its shape (or a guess) says where its value ends and the body begins.
    const rest = text.slice(valueStart);
    if (fits !== null) {
      headers.push({ name, value: rest.slice(0, fits).trim() });
      return { headers, body: rest.slice(fits).trim(), uncertain: null };
    }
    const start = guessBodyStart(rest);
    if (start === null) {
      headers.push({ name, value: '' });
      return { headers, body: rest.trim(), uncertain: `could not tell where the ${name}: header ends, so all text after it is kept as the body and ${name}: is left empty` };
    }
    headers.push({ name, value: rest.slice(0, start).trim() });
    return { headers, body: rest.slice(start).trim(), uncertain: `the ${name}: header is free text, so where the body begins was guessed` };
  }
}

// ---- body reconstruction ----

interface Piece {
  /** Length of the `> > >` run before the content; 0 for the text before the first run. */
  markers: number;
  content: string;
}

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
  const maxDepth = Math.min(MAX_QUOTE_DEPTH, pieces.reduce((m, p) => Math.max(m, p.markers), 1));
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
      out.push(...t.trace);
      blank();
      text = t.after;
    }
    if (text) out.push(text);
  }
  while (out[out.length - 1] === '') out.pop();
  return out.join('\n');
}

export function readCollapsedMbox(text: string, file: string): IngestResult {
  const warnings: Warning[] = [];
  const warn = (code: string, message: string, line: number | null) =>
    warnings.push({ code, message, line, messageIndex: null, file });
  const lineCount = Math.max(1, text.replace(/\s+$/, '').split('\n').length);
  const flat = text.replace(/\s*\r?\n\s*/g, ' ').trim();

  const fromLine = FROM_LINE.exec(flat);
  let afterFrom = flat.startsWith('From ') ? flat.slice(5) : flat;
  if (fromLine) afterFrom = flat.slice(fromLine[0].length);
  else {
    // Without a readable From_ line, the headers start at the first known header name.
    const first = [...afterFrom.matchAll(HEADER_NAME)].find((m) => isHeaderName(m[1]));
    if (first) afterFrom = afterFrom.slice(first.index);
    warn('from-line-unreadable', 'The mbox `From ` line has no readable date; headers were looked for after it.', 1);
  }

  const { headers, body, uncertain } = recoverHeaders(afterFrom.trimStart());
  warn('headers-recovered', 'The message was collapsed onto one line and stripped of `<…>` contents; its headers were recovered heuristically and its line breaks re-inserted.', 1);
  if (headers.length === 0) warn('headers-missing', 'No known header name was found at the start of the message; all of it is kept as the body.', 1);
  if (uncertain) warn('body-start-uncertain', `The body start is uncertain: ${uncertain}.`, 1);
  const empty = headers.filter((h) => h.value === '').map((h) => h.name);
  if (empty.length > 0) warn('header-values-empty', `These headers lost their values (they were \`<…>\` the scraper removed): ${[...new Set(empty)].join(', ')}.`, 1);

  const get = (name: string) => headers.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value ?? null;
  const idsOf = (raw: string | null) => {
    const ids = parseMessageIdList(raw);
    return ids.length > 0 ? ids : (raw ?? '').split(/\s+/).filter((t) => /^[^\s@<>]+@[^\s@<>]+$/.test(t));
  };
  const inReplyTo = idsOf(get('In-Reply-To'));
  const fromValue = get('From');
  const message = emptyMessage({
    messageId: normalizeMessageId(get('Message-ID')),
    from: fromValue ? parseAddress(fromValue) : null,
    to: parseAddressList(get('To')),
    cc: parseAddressList(get('Cc')),
    dateRaw: get('Date') || null,
    subject: get('Subject') || null,
    inReplyTo: inReplyTo[0] ?? null,
    references: idsOf(get('References')),
    body: rebuildCollapsedBody(body),
    lines: [1, lineCount],
  });
  if (!message.from) warn('author-unknown', 'The recovered headers name no author.', 1);
  return { format: 'collapsed-mbox', messages: [message], warnings };
}
