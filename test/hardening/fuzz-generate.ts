// Worst-case sources for the fuzzer, written to disk in chunks so that even the gigabyte ones never sit in
// the fuzzer's memory: a long reply chain, a huge mbox, gzip bombs, a mail with thousands of attachments,
// a collapsed one-line mbox, a web-archive scrape with tens of thousands of blocks, deep quoting and MIME
// nesting, and headers naming tens of thousands of Message-IDs. Each takes its size, so the test suite runs
// the same shapes smaller than `npm run fuzz` does.
import { closeSync, createWriteStream, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants as zlibConstants, createGzip } from 'node:zlib';
import type { Prng } from './fuzz-prng.ts';

/** Buffered appends to a file: keeps memory at one chunk whatever the file's size. */
class Sink {
  private readonly fd: number;
  private parts: string[] = [];
  private pending = 0;
  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }
  write(s: string): void {
    this.parts.push(s);
    this.pending += s.length;
    if (this.pending >= 1 << 20) this.flush();
  }
  private flush(): void {
    if (this.parts.length) writeSync(this.fd, this.parts.join(''), null, 'latin1');
    this.parts = [];
    this.pending = 0;
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

const NAMES = ['Ingo Molnar', 'Rafael J. Wysocki', 'Linus Torvalds', 'syzbot', 'Jan Kara', "Theodore Ts'o", 'Dmitry Vyukov'];
const DAY_MS = 86_400_000;

function rfcDate(ms: number): string {
  return new Date(ms).toUTCString().replace('GMT', '+0000');
}

function fromLine(ms: number): string {
  const d = new Date(ms);
  const [wd, mon, day, time, year] = [
    d.toUTCString().slice(0, 3),
    d.toUTCString().slice(8, 11),
    d.getUTCDate(),
    d.toISOString().slice(11, 19),
    d.getUTCFullYear(),
  ];
  return `From fuzz@example.org ${wd} ${mon} ${String(day).padStart(2, ' ')} ${time} ${year}`;
}

const OOPS = [
  'BUG: unable to handle kernel paging request at ffffffffffffffff',
  'IP: [<ffffffff802a7b3c>] __d_lookup+0xf1/0x117',
  'Oops: 0000 [1] SMP DEBUG_PAGEALLOC',
  'Call Trace:',
  ' [<ffffffff8029e2c5>] do_lookup+0x2a/0x1a5',
  ' [<ffffffff8029ff3e>] __link_path_walk+0x3a2/0xb4e',
].join('\n');

const PATCH = [
  '---',
  ' fs/ext4/inode.c | 2 +-',
  ' 1 file changed, 1 insertion(+), 1 deletion(-)',
  '',
  'diff --git a/fs/ext4/inode.c b/fs/ext4/inode.c',
  'index 1111111..2222222 100644',
  '--- a/fs/ext4/inode.c',
  '+++ b/fs/ext4/inode.c',
  '@@ -10,3 +10,3 @@ static int foo(void)',
  ' \tint a;',
  '-\treturn a;',
  '+\treturn 0;',
  ' }',
].join('\n');

function mboxMessage(k: number, opts: { parent: number | null; references?: string; body: string; ms: number; subject: string }): string {
  const head = [
    fromLine(opts.ms),
    `From: ${NAMES[k % NAMES.length]} <dev${k % 97}@example.org>`,
    `To: linux-kernel@vger.kernel.org`,
    `Date: ${rfcDate(opts.ms)}`,
    `Subject: ${opts.subject}`,
    `Message-ID: <${k}@fuzz.example.org>`,
  ];
  if (opts.parent !== null) head.push(`In-Reply-To: <${opts.parent}@fuzz.example.org>`);
  if (opts.references) head.push(`References: ${opts.references}`);
  return `${head.join('\n')}\n\n${opts.body}\n\n`;
}

/**
 * `n` messages, each In-Reply-To the one before; with `loop` the first replies to the last, so the whole
 * chain is one reply loop that the thread builder must cut.
 */
export function writeReplyChain(path: string, n: number, loop = false): void {
  const out = new Sink(path);
  const t0 = Date.UTC(2008, 3, 19);
  for (let k = 0; k < n; k++) {
    const parent = k > 0 ? k - 1 : loop ? n - 1 : null;
    const body = `${NAMES[(k + 6) % NAMES.length]} wrote:\n> message ${k - 1} of the chain says the lock is held here\n\nReply ${k}: I think the lock is dropped too early.`;
    out.write(mboxMessage(k, { parent, body, ms: t0 + k * 60_000, subject: k === 0 ? 'BUG: chain' : 'Re: BUG: chain' }));
  }
  out.close();
}

/** `n` messages replying to random earlier ones, some with oopses and patches: a whole list's mbox. */
export function writeBigMbox(path: string, n: number, rng: Prng): void {
  const out = new Sink(path);
  const t0 = Date.UTC(2009, 0, 1);
  for (let k = 0; k < n; k++) {
    const parent = k > 0 && rng.chance(0.9) ? rng.int(k) : null;
    const kind = rng.int(10);
    const body =
      kind === 0
        ? `I see this on boot:\n\n${OOPS}\n`
        : kind === 1
          ? `Fix the return value.\n\nSigned-off-by: ${NAMES[k % NAMES.length]} <dev@example.org>\n${PATCH}`
          : `> quoted line from message ${parent}\n\nMessage ${k} text.`;
    out.write(mboxMessage(k, { parent, body, ms: t0 + k * 1000, subject: parent === null ? `Topic ${k}` : `Re: Topic ${parent}` }));
  }
  out.close();
}

/** A .gz that inflates to `inflatedBytes` of zeros (`zeros`) or of mbox-looking text (`text`), compressed as a stream. */
export async function writeGzipBomb(path: string, inflatedBytes: number, content: 'zeros' | 'text'): Promise<void> {
  const CHUNK = 1 << 20;
  const line = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n';
  const chunk = content === 'zeros' ? Buffer.alloc(CHUNK) : Buffer.from(line.repeat(Math.ceil(CHUNK / line.length)).slice(0, CHUNK), 'latin1');
  const head = Buffer.from(
    `${fromLine(Date.UTC(2010, 0, 1))}\nFrom: Bomb <bomb@example.org>\nSubject: gzip bomb\nDate: ${rfcDate(Date.UTC(2010, 0, 1))}\n\n`,
    'latin1',
  );
  async function* chunks() {
    let left = inflatedBytes;
    if (content === 'text') {
      yield head;
      left -= head.length;
    }
    while (left > 0) {
      const n = Math.min(CHUNK, left);
      yield n === CHUNK ? chunk : chunk.subarray(0, n);
      left -= n;
    }
  }
  // Run-length strategy: the same ratio on uniform data, several times faster to build.
  await pipeline(Readable.from(chunks()), createGzip({ level: 9, strategy: zlibConstants.Z_RLE }), createWriteStream(path));
}

/** One mail with `n` attachments (text/x-log and .patch, some base64); with `gzipped`, each is a gzip of a log. */
export function writeManyAttachments(path: string, n: number, gzippedBomb: Buffer | null = null): void {
  const out = new Sink(path);
  const boundary = '==fuzz-boundary==';
  out.write(
    `From: Reporter <r@example.org>\nTo: linux-kernel@vger.kernel.org\nSubject: logs\nDate: ${rfcDate(Date.UTC(2011, 1, 2))}\nMessage-ID: <att@fuzz.example.org>\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="${boundary}"\n\n`,
  );
  out.write(`--${boundary}\nContent-Type: text/plain; charset=us-ascii\n\nLogs attached.\n`);
  for (let k = 0; k < n; k++) {
    if (gzippedBomb) {
      out.write(
        `--${boundary}\nContent-Type: application/gzip; name="dmesg${k}.log.gz"\nContent-Disposition: attachment; filename="dmesg${k}.log.gz"\nContent-Transfer-Encoding: base64\n\n`,
      );
      out.write(`${gzippedBomb.toString('base64').replace(/.{76}/g, '$&\n')}\n`);
    } else if (k % 3 === 0) {
      out.write(
        `--${boundary}\nContent-Type: text/x-log; name="dmesg${k}.log"\nContent-Transfer-Encoding: base64\n\n${Buffer.from(`${OOPS}\n`).toString('base64')}\n`,
      );
    } else {
      out.write(`--${boundary}\nContent-Type: text/x-patch; name="fix${k}.patch"\nContent-Disposition: attachment; filename="fix${k}.patch"\n\n${PATCH}\n`);
    }
  }
  out.write(`--${boundary}--\n`);
  out.close();
}

/** An mbox message flattened onto one line of about `bytes` bytes: headers, then quote runs, prose and traces. */
export function writeCollapsedMbox(path: string, bytes: number, rng: Prng): void {
  const out = new Sink(path);
  let written = 0;
  const put = (s: string) => {
    out.write(s);
    written += s.length;
  };
  put('From mboxrd@z Thu Jan  1 00:00:00 1970 Return-Path: Received: (majordomo@vger.kernel.org) by vger.kernel.org; Mon, 11 May 2009 13:20:57 -0400 ');
  put(
    'Date: Mon, 11 May 2009 22:50:34 +0530 From: "K.Prasad" To: Alan Stern Cc: Steven Rostedt , Ingo Molnar Subject: Re: [Patch 00/12] Hardware Breakpoint Interfaces Message-ID: <20090511172034.GA8774@in.ibm.com> References: <20090511113644.GB26721@in.ibm.com> MIME-Version: 1.0 Content-Type: text/plain; charset=us-ascii Content-Disposition: inline In-Reply-To: User-Agent: Mutt/1.5.18 (2008-05-17) ',
  );
  put('On Mon, May 11, 2009 at 10:02:11AM -0400, Alan Stern wrote: ');
  while (written < bytes) {
    const r = rng.int(6);
    if (r === 0) put('> '.repeat(rng.range(1, 40)));
    else if (r === 1) put(`${'> '.repeat(rng.range(1, 5))}the breakpoint is removed before the lock is dropped so this is fine. `);
    else if (r === 2)
      put(
        'BUG: unable to handle kernel NULL pointer dereference at 0000000000000008 IP: [<ffffffff8102c5a1>] foo+0x11/0x20 Call Trace: [<ffffffff8102c5a1>] bar+0x11/0x20 [] baz+0x1/0x2 ',
      );
    else if (r === 3) put('I do not think so, because the breakpoint handler runs with interrupts disabled and the lock is never taken there. ');
    else if (r === 4)
      put(
        '======================================================= [ INFO: possible circular locking dependency detected ] -> #1 (&mm->mmap_sem){++++}, at: [] foo ',
      );
    else put('Thanks, Prasad ');
  }
  put('\n');
  out.close();
}

/** A web-archive text scrape with `n` `From:`/`Date:` blocks, every one naming who it answers. */
export function writeArchiveScrape(path: string, n: number, rng: Prng): void {
  const out = new Sink(path);
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const days = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
  out.write('Re: 2.6.25-git2: BUG: unable to handle kernel paging request\n\nPrevious thread: x by y on Saturday, April 19, 2008 - 5:49 am. (1 message)\n\n');
  const t0 = Date.UTC(2008, 3, 19);
  for (let k = 0; k < n; k++) {
    const d = new Date(t0 + k * 61_000);
    const h = d.getUTCHours();
    const date = `${days[d.getUTCDay()]}, ${months[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()} - ${h % 12 || 12}:${String(d.getUTCMinutes()).padStart(2, '0')} ${h < 12 ? 'am' : 'pm'}`;
    const name = `${NAMES[k % NAMES.length]} ${k % 1000}`;
    const body = rng.chance(0.3)
      ? `${NAMES[(k + 3) % NAMES.length]} ${(k + 500) % 1000} wrote:\n> this quoted text of an earlier message is long enough to look for it ${k}\n\nAgreed.`
      : rng.chance(0.1)
        ? `[12844.066757] ${OOPS.replace(/\n/g, '\n[12844.066757] ')}`
        : `Message ${k}: the paging request fault happens after resume.${rng.chance(0.5) ? '\n...' : ''}`;
    out.write(`From: ${name}\n${rng.chance(0.2) ? `Subject: Re: part ${k}\n` : ''}Date: ${date}\n\n${body}\n${rng.chance(0.8) ? '--\n' : ''}\n`);
  }
  out.close();
}

/** One mail whose body quotes `levels` deep, line by line (`>` … `>>>>…`), and one line a hundred times deeper. */
export function writeDeepQuotes(path: string, levels: number): void {
  const out = new Sink(path);
  out.write(`From: Q <q@example.org>\nSubject: Re: deep\nDate: ${rfcDate(Date.UTC(2012, 5, 1))}\nMessage-ID: <deep@fuzz.example.org>\n\n`);
  for (let k = 1; k <= levels; k++) out.write(`${'>'.repeat(k)} level ${k}\n`);
  out.write(`${'> '.repeat(levels * 100)}bottom\n`);
  for (let k = levels; k >= 1; k--) out.write(`${'> '.repeat(k)}\n`);
  out.write('My reply.\n');
  out.close();
}

/** A mail nesting `levels` multiparts, with a message/rfc822 every few levels. */
export function writeDeepMime(path: string, levels: number): void {
  const out = new Sink(path);
  out.write(`From: N <n@example.org>\nSubject: nested\nDate: ${rfcDate(Date.UTC(2013, 0, 1))}\nMessage-ID: <nest@fuzz.example.org>\nMIME-Version: 1.0\n`);
  for (let k = 0; k < levels; k++) {
    if (k % 10 === 9) out.write(`Content-Type: message/rfc822\n\nFrom: inner${k} <i@example.org>\nSubject: inner ${k}\nMIME-Version: 1.0\n`);
    else out.write(`Content-Type: multipart/mixed; boundary="b${k}"\n\n--b${k}\nContent-Type: text/plain\n\nlevel ${k}\n--b${k}\n`);
  }
  out.write('Content-Type: text/plain\n\nthe bottom\n');
  for (let k = levels - 1; k >= 0; k--) if (k % 10 !== 9) out.write(`--b${k}--\n`);
  out.close();
}

/** `n` messages whose References and To headers each fill the header block with distinct ids and addresses. */
export function writeHugeHeaders(path: string, n: number, headerBytes: number): void {
  const out = new Sink(path);
  const t0 = Date.UTC(2014, 0, 1);
  for (let k = 0; k < n; k++) {
    const refs: string[] = [];
    for (let len = 0, j = 0; len < headerBytes / 2; j++) {
      const id = `<${k}.${j}@r>`;
      refs.push(id);
      len += id.length + 1;
    }
    const to: string[] = [];
    for (let len = 0, j = 0; len < headerBytes / 2; j++) {
      const a = `"P ${j}" <p${j}@x.org>`;
      to.push(a);
      len += a.length + 2;
    }
    out.write(
      `${fromLine(t0 + k * 1000)}\nFrom: H <h@example.org>\nTo: ${to.join(',\n ')}\nDate: ${rfcDate(t0 + k * 1000)}\nSubject: Re: headers\nMessage-ID: <h${k}@fuzz.example.org>\nReferences: ${refs.join('\n ')}\nIn-Reply-To: ${refs[refs.length - 1]}\n\nBody ${k}.\n\n`,
    );
  }
  out.close();
}

/** One mail whose body is a single line of `bytes` bytes with no newline (a pasted blob). */
export function writeHugeLine(path: string, bytes: number, rng: Prng): void {
  const out = new Sink(path);
  out.write(`From: L <l@example.org>\nSubject: huge line\nDate: ${rfcDate(Date.UTC(2015, 0, 1))}\n\n`);
  const alphabet = ['a', ' ', '>', '[', ']', '<', '0x', 'ffff', ':', '-', '=', '(', ')', '{', '}', '\t', 'BUG: ', 'Call Trace:', '+0x1/0x2', '@@', '|'];
  let left = bytes;
  while (left > 0) {
    let s = '';
    while (s.length < 4096) s += rng.pick(alphabet);
    out.write(s.slice(0, left));
    left -= s.length;
  }
  out.close();
}

/** A maildir holding `n` small messages in cur/ and new/, each replying to the one before. */
export function writeMaildir(dir: string, n: number): void {
  for (const sub of ['cur', 'new', 'tmp']) mkdirSync(join(dir, sub), { recursive: true });
  for (let k = 0; k < n; k++) {
    const m = mboxMessage(k, { parent: k > 0 ? k - 1 : null, body: `Maildir message ${k}.`, ms: Date.UTC(2016, 0, 1) + k * DAY_MS, subject: 'Re: maildir' });
    const path = join(dir, k % 2 ? 'cur' : 'new', `${1_400_000_000 + k}.M${k}P1.host:2,S`);
    const s = new Sink(path);
    s.write(m.slice(m.indexOf('\n') + 1));
    s.close();
  }
}
