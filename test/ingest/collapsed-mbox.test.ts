import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { looksLikeCollapsedMbox, readCollapsedMbox } from '../../src/ingest/collapsed-mbox.ts';
import { rebuildCollapsedBody } from '../../src/ingest/collapsed-body.ts';

const seed = (name: string) => readFileSync(new URL(`../../../shared/seeds/${name}`, import.meta.url), 'utf8');
const COLLAPSED = seed('002_79abb7984b381a70.txt');

describe('readCollapsedMbox: an mbox message flattened onto one line by a scraper', () => {
  const result = readCollapsedMbox(COLLAPSED, 'flat.txt');
  const m = result.messages[0];
  const bodyLines = m.body.split('\n');

  it('detects the format, and not the other seed formats', () => {
    expect(looksLikeCollapsedMbox(COLLAPSED)).toBe(true);
    expect(looksLikeCollapsedMbox(seed('004_1d703e544c995bf8.txt'))).toBe(false);
    expect(looksLikeCollapsedMbox(seed('000_d5f8a1cfcba163cf.txt'))).toBe(false);
    expect(looksLikeCollapsedMbox('From a@b Thu Jan 1 00:00:00 1970\nDate: x\nFrom: y\nSubject: z\n\nbody\n')).toBe(false);
  });

  it('recovers the headers', () => {
    expect(result.format).toBe('collapsed-mbox');
    expect(result.messages).toHaveLength(1);
    expect(m.messageId).toBe('20090511172034.GA8774@in.ibm.com');
    expect(m.dateRaw).toBe('Mon, 11 May 2009 22:50:34 +0530');
    expect(m.from).toEqual({ name: 'K.Prasad', email: null });
    expect(m.subject).toBe('Re: [Patch 00/12] Hardware Breakpoint Interfaces');
    expect(m.references).toEqual(['20090511113644.GB26721@in.ibm.com']);
    // `In-Reply-To: <…>` lost its value to the scraper: empty, not the next header's text.
    expect(m.inReplyTo).toBeNull();
    expect(m.to).toEqual([{ name: 'Alan Stern', email: null }]);
    expect(m.cc.map((a) => a.name ?? a.email)).toEqual([
      'Steven Rostedt',
      'Frederic Weisbecker',
      'Ingo Molnar',
      'Linux Kernel Mailing List',
      'Andrew Morton',
      'Benjamin Herrenschmidt',
      'maneesh@linux.vnet.ibm.com',
      'Roland McGrath',
    ]);
    expect(m.cc[6]).toEqual({ name: null, email: 'maneesh@linux.vnet.ibm.com' });
    expect(m.lines).toEqual([1, 1]);
    expect(m.ghost).toBe(false);
  });

  it('says the headers were recovered heuristically, and which values were lost', () => {
    expect(result.warnings.find((w) => w.code === 'headers-recovered')).toMatchObject({ line: 1, messageIndex: null, file: 'flat.txt' });
    expect(result.warnings.find((w) => w.code === 'header-values-empty')?.message).toMatch(/Return-Path, In-Reply-To, List-ID/);
    expect(result.warnings.map((w) => w.code)).not.toContain('body-start-uncertain');
  });

  it('starts the body after the last header (X-Mailing-List) at the attribution', () => {
    expect(bodyLines[0]).toBe('On Mon, May 11, 2009 at 10:50:39AM -0400, Alan Stern wrote:');
    expect(bodyLines[1]).toBe('> On Mon, 11 May 2009, K.Prasad wrote:');
    expect(m.body).not.toContain('X-Mailing-List');
    expect(m.body.endsWith('Thanks, K.Prasad')).toBe(true);
  });

  it('re-inserts quote lines with depths 1 to 4', () => {
    expect(m.body).toMatch(/^> [^>]/m);
    expect(m.body).toMatch(/^> > [^>]/m);
    expect(m.body).toMatch(/^> > > [^>]/m);
    expect(m.body).toMatch(/^(> ){4}/m);
    expect(m.body).toContain(
      "\n> > > You shouldn't call on_each_cpu() while holding a spinlock. The same\n> > > thing happens in unregister_kernel_hw_breakpoint().\n",
    );
    expect(m.body).toContain('\n> > First, on_each_cpu() will now be changed to return only after all\n> > functions invoked through IPIs');
    expect(m.body).toContain('\n> > > > + if (!temp_mem)\n');
    // A long run after markers is the author's own paragraph: the marker run was an empty quoted line.
    expect(m.body).toContain('\n> spin_lock_bh?\n>\n\nI realised that flush_thread_hw_breakpoint()-->flush_thread() is invoked');
    // No quoted line is longer than one mail line; `-->`, `<-->` and `>=` stay inside their text.
    for (const l of bodyLines.filter((x) => x.startsWith('>'))) expect(l.replace(/^(> ?)+/, '').length).toBeLessThanOrEqual(90);
    expect(m.body).toContain('(such as read<-->write)');
    expect(m.body).toContain('"if (i >=\n> hbp_kernel_pos)"');
  });

  it('re-breaks the flattened lockdep report into lines, set off by blank lines', () => {
    for (const line of [
      '=================================',
      '[ INFO: inconsistent lock state ]',
      '---------------------------------',
      'inconsistent {SOFTIRQ-ON-W} -> {IN-SOFTIRQ-W} usage.',
      'swapper/0 [HC0[0]:SC1[1]:HE1:SE0] takes:',
      '(hw_breakpoint_lock){+.?...}, at: [] flush_thread_hw_breakpoint+0x16/0x75',
      '{SOFTIRQ-ON-W} state was registered at:',
      '[] __lock_acquire+0x2e8/0xb55',
      'irq event stamp: 1447500',
      'hardirqs last enabled at (1447500): [] kmem_cache_free+0xb2/0xe7',
      'softirqs last disabled at (1447473): [] do_softirq+0x6d/0xcd',
      'other info that might help us debug this:',
      'no locks held by swapper/0.',
      'stack backtrace:',
      'Pid: 0, comm: swapper Not tainted 2.6.30-rc4-tip.hbkpt #31',
      'Call Trace:',
      '[] ? printk+0x14/0x1a',
      '[] ? __init_begin+0x6a/0x6f',
    ]) {
      expect(bodyLines).toContain(line);
    }
    const at = bodyLines.indexOf('=================================');
    expect(bodyLines[at - 1]).toBe('');
    expect(bodyLines[at - 2]).toMatch(/Here's a traceback and message from lockdep that helped me:$/);
    const end = bodyLines.indexOf('[] ? __init_begin+0x6a/0x6f');
    expect(bodyLines[end + 1]).toBe('');
    expect(bodyLines[end + 2]).toMatch(/^>/);
  });

  it('keeps unquoted prose as one line per paragraph', () => {
    const prose = bodyLines.find((l) => l.startsWith("I don't see where the out-of-sync"));
    expect(prose).toMatch(/Let me know if I am missing any possibility leading to incorrect behaviour\.$/);
  });
});

describe('readCollapsedMbox: inputs written for these tests', () => {
  const lastIsSubject =
    'From jane@example.org Tue Jan  2 10:00:00 2001 Date: Tue, 2 Jan 2001 10:00:00 +0000 From: Jane Hacker ' +
    'To: John Dev , lkml@vger.kernel.org Reply-To: jane@example.org In-Reply-To: Message-ID: ' +
    'Subject: Re: [PATCH] mm, slab: fix To: crash on boot On Mon, Jan 1, 2001 at 09:00:00AM +0000, John Dev wrote: ' +
    '> This fixes the crash at boot that Bob reported, where kmem_cache_alloc() ' +
    '> returned NULL -> oops. Tested on two machines, works for me. The value is >= 0 now, and the other path ' +
    'is fine too as far as I can tell after a day of testing with the usual workloads. Thanks, Jane';

  it('recovers headers when the last one is Subject, and warns that the body start was guessed', () => {
    expect(looksLikeCollapsedMbox(lastIsSubject)).toBe(true);
    const r = readCollapsedMbox(lastIsSubject, 's.txt');
    const m = r.messages[0];
    expect(m.dateRaw).toBe('Tue, 2 Jan 2001 10:00:00 +0000');
    expect(m.from).toEqual({ name: 'Jane Hacker', email: null });
    expect(m.to).toEqual([
      { name: 'John Dev', email: null },
      { name: null, email: 'lkml@vger.kernel.org' },
    ]);
    expect(m.messageId).toBeNull();
    expect(m.inReplyTo).toBeNull();
    // A second `To:` cannot be a header: it stays in the subject.
    expect(m.subject).toBe('Re: [PATCH] mm, slab: fix To: crash on boot');
    expect(m.body.split('\n')).toEqual([
      'On Mon, Jan 1, 2001 at 09:00:00AM +0000, John Dev wrote:',
      '> This fixes the crash at boot that Bob reported, where kmem_cache_alloc()',
      '>',
      '',
      'returned NULL -> oops. Tested on two machines, works for me. The value is >= 0 now, and the other path is fine too as far as I can tell after a day of testing with the usual workloads. Thanks, Jane',
    ]);
    expect(r.warnings.find((w) => w.code === 'body-start-uncertain')).toMatchObject({ line: 1, messageIndex: null });
    expect(r.warnings.find((w) => w.code === 'header-values-empty')?.message).toMatch(/In-Reply-To, Message-ID/);
  });

  it('ends single-token and shaped headers by their shape, not by the next header name', () => {
    const text =
      'From x@y Wed Feb  3 04:05:06 2010 From: A Person Subject: oops in foo Date: Wed, 3 Feb 2010 04:05:06 -0800 ' +
      'Message-ID: <abc.123@example.com> Content-Type: text/plain; charset=utf-8 User-Agent: Mutt/1.5.20 (2009-06-14) ' +
      'Hello, I hit this oops on boot: BUG: unable to handle kernel NULL pointer dereference at 00000008 IP: [] foo_probe+0x12/0x80 ' +
      'Oops: 0000 [#1] SMP Call Trace: [] ? bar_init+0x10/0x20 [] do_one_initcall+0x34/0x1a0 [] kernel_init+0x11/0x22 ' +
      'Any idea what is going on? To: is not a header here, nor Date: later in the body.';
    const r = readCollapsedMbox(text, 't.txt');
    const m = r.messages[0];
    expect(m.messageId).toBe('abc.123@example.com');
    expect(m.subject).toBe('oops in foo');
    expect(m.to).toEqual([]);
    expect(r.warnings.map((w) => w.code)).not.toContain('body-start-uncertain');
    expect(m.body.split('\n')).toEqual([
      'Hello, I hit this oops on boot:',
      '',
      'BUG: unable to handle kernel NULL pointer dereference at 00000008',
      'IP: [] foo_probe+0x12/0x80',
      'Oops: 0000 [#1] SMP',
      'Call Trace:',
      '[] ? bar_init+0x10/0x20',
      '[] do_one_initcall+0x34/0x1a0',
      '[] kernel_init+0x11/0x22',
      '',
      'Any idea what is going on? To: is not a header here, nor Date: later in the body.',
    ]);
  });

  it('reads an emptied id header at the end as empty, not as the first body word', () => {
    const r = readCollapsedMbox(
      'From a@b Mon Mar  1 00:00:00 2004 Date: Mon, 1 Mar 2004 00:00:00 +0000 From: A Subject: hang on resume List-ID: Hello all, my laptop hangs on resume since 2.6.8.',
      'l.txt',
    );
    expect(r.messages[0].subject).toBe('hang on resume');
    expect(r.messages[0].body).toBe('Hello all, my laptop hangs on resume since 2.6.8.');
    expect(r.warnings.find((w) => w.code === 'header-values-empty')?.message).toMatch(/List-ID/);
  });

  it('keeps everything as the body when a free-text last header has no visible end', () => {
    const r = readCollapsedMbox(
      'From a@b Mon Mar  1 00:00:00 2004 Date: Mon, 1 Mar 2004 00:00:00 +0000 Subject: something broke when loading the module',
      'u.txt',
    );
    expect(r.messages[0].subject).toBeNull();
    expect(r.messages[0].body).toBe('something broke when loading the module');
    expect(r.warnings.find((w) => w.code === 'body-start-uncertain')?.message).toMatch(/Subject/);
  });

  it('rebuilds quote depths from the depth sequence', () => {
    // 5 markers after a depth-2 line, then 3-marker lines: an empty `> >` line, then depth 3.
    expect(rebuildCollapsedBody('X wrote: > Y wrote: > > a b c > > d e f > > > > > g h > > > i j > > > > > more at two')).toBe(
      ['X wrote:', '> Y wrote:', '> > a b c', '> > d e f', '> >', '> > > g h', '> > > i j', '> > >', '> > more at two'].join('\n'),
    );
  });

  it('never throws on garbage', () => {
    let seedValue = 11;
    const rnd = () => (seedValue = (seedValue * 1103515245 + 12345) % 2147483648) / 2147483648;
    const bits = [
      'From ',
      'From: ',
      'To: ',
      'Subject: ',
      'Date: ',
      'X-A: ',
      '> ',
      '>',
      ' ',
      'x',
      '[] f+0x1/0x2 ',
      'Call Trace: ',
      '=========== [ INFO: a ] ',
      'On a wrote: ',
      '\n',
      ';',
      '(',
      ')',
    ];
    const inputs = ['', ' ', 'From ', 'From x', '>', '> > > >', seed('004_1d703e544c995bf8.txt'), `${'> '.repeat(5000)}x`];
    for (let k = 0; k < 300; k++) inputs.push(Array.from({ length: 60 }, () => bits[Math.floor(rnd() * bits.length)]).join(''));
    for (const input of inputs) {
      const r = readCollapsedMbox(input, 'g');
      expect(r.messages).toHaveLength(1);
      expect(r.warnings.some((w) => w.code === 'headers-recovered')).toBe(true);
    }
  });
});
