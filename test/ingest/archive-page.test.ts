import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { looksLikeArchivePage, readArchivePage } from '../../src/ingest/archive-page.ts';

const seed = (name: string) => readFileSync(new URL(`../../../shared/seeds/${name}`, import.meta.url), 'utf8');
const PAGE = seed('004_1d703e544c995bf8.txt');

describe('readArchivePage: a scraped single-message archive page', () => {
  const result = readArchivePage(PAGE, 'page.txt');
  const own = result.messages.filter((m) => !m.ghost);
  const ghosts = result.messages.filter((m) => m.ghost);

  it('detects the page, and not the other seed formats', () => {
    expect(looksLikeArchivePage(PAGE)).toBe(true);
    expect(looksLikeArchivePage(seed('000_d5f8a1cfcba163cf.txt'))).toBe(false); // archive-text thread view
    expect(looksLikeArchivePage(seed('002_79abb7984b381a70.txt'))).toBe(false); // collapsed mbox
  });

  it('reads the title and the one real message', () => {
    expect(result.format).toBe('archive-page');
    expect(result.title).toBe('mmiotrace bug: recursive probe hit');
    expect(own).toHaveLength(1);
    const m = own[0];
    expect(m.subject).toBe('mmiotrace bug: recursive probe hit');
    expect(m.dateRaw).toBe('Friday, March 28, 2008 - 4:25 pm');
    expect(m.from).toEqual({ name: 'Pekka Paalanen', email: null });
    expect(m.messageId).toBeNull();
    expect(m.truncated).toBe(false);
    expect(result.warnings.map((w) => w.code)).not.toContain('author-unknown');
  });

  it('keeps obfuscated To/Cc addresses partial, never completed', () => {
    const m = own[0];
    expect(m.to).toEqual([
      { name: null, email: 'linux-kernel@...', partial: true },
      { name: 'Ingo Molnar', email: 'mingo@...', partial: true },
    ]);
    expect(m.cc).toHaveLength(8);
    expect(m.cc[0]).toEqual({ name: 'Pekka Paalanen', email: 'pq@...', partial: true });
    expect(m.cc[6]).toEqual({ name: null, email: 'penberg@...', partial: true });
    expect(m.cc.every((a) => a.partial === true && a.email!.endsWith('@...'))).toBe(true);
  });

  it('keeps the body verbatim, without navigation, junk lines, the archive `--` line or the thread list', () => {
    const { body, lines } = own[0];
    expect(body.startsWith('Hi all,\n\njb17some reported a recursive probe hit')).toBe(true);
    expect(body).toContain('Call Trace:\n <IRQ>  [<ffffffffa03b978e>] ? :nvidia:_nv008123rm+0x2a/0xc7\n');
    expect(body).toContain('Pid: 0, comm: swapper Tainted: P\t 2.6.25-rc6');
    // The signature separator `-- ` stays; the archive's own `--` does not.
    expect(body.endsWith('Thanks,\nPekka.\n\n-- \nPekka Paalanen\nhttp://www.iki.fi/pq/')).toBe(true);
    for (const junk of ['Previous message:', 'Next message:', 'MAILaRCHIVE', 'Messages in current thread', 'To: <linux']) {
      expect(body).not.toContain(junk);
    }
    // From the To: header through the last body line.
    const source = PAGE.split('\n');
    expect(source[lines![0] - 1]).toMatch(/^To: /);
    expect(source[lines![1] - 1]).toBe('http://www.iki.fi/pq/');
  });

  it('turns every other thread-list entry into a ghost with its own subject, author and date', () => {
    expect(result.messages).toHaveLength(14);
    expect(ghosts).toHaveLength(13);
    // List order is kept: the page's own entry is the list's second one.
    expect(result.messages[1].ghost).toBe(false);
    for (const g of ghosts) {
      expect(g.yearHint).toBe(2008);
      expect(g.body).toBe('');
      expect(g.from!.email).toBeNull();
      expect(g.lines![0]).toBe(g.lines![1]);
    }
    expect(ghosts[0]).toMatchObject({
      subject: '[RFC] mmiotrace full patch, preview 2',
      from: { name: 'Pekka Paalanen', email: null },
      dateRaw: 'Sun Mar 9, 10:40 am',
    });
    expect(ghosts[3]).toMatchObject({ subject: 'Re: mmiotrace bug: recursive probe hit', from: { name: 'Avi Kivity' }, dateRaw: 'Sat Apr 5, 3:36 am' });
    expect(ghosts[5]).toMatchObject({ from: { name: 'Pekka Enberg' }, dateRaw: 'Sat Apr 5, 3:40 am' });
    expect(ghosts[10]).toMatchObject({ subject: 'Re: [RFC] mmiotrace full patch, preview 2', from: { name: 'Vegard Nossum' } });
    const authors = new Set(ghosts.map((g) => g.from!.name));
    expect(authors).toEqual(new Set(['Pekka Paalanen', 'Avi Kivity', 'Pekka Enberg', 'Vegard Nossum']));
    expect(PAGE.split('\n')[ghosts[0].lines![0] - 1]).toBe('[RFC] mmiotrace full patch, preview 2, Pekka Paalanen, (Sun Mar 9, 10:40 am)');
  });
});

describe('readArchivePage: inputs written for these tests', () => {
  const withFrom = [
    'Re: [PATCH 1/2] mm, slab: fix crash, again',
    '',
    '!MAILaRCHIVE_VOTE_RePLACE',
    'Previous message: [thread] [date] [author]',
    'Next message: [thread] [date] [author]',
    'From: Jane Hacker <jane@...>',
    'Subject: Re: [PATCH 1/2] mm, slab: fix crash, again',
    'To: <linux-mm@...>',
    'Date: Tuesday, December 30, 2008 - 11:05 pm',
    '',
    'This works for me, but the log I have is',
    'cut off here...',
    '--',
    'Previous message: [thread] [date] [author]',
    '',
    'Messages in current thread:',
    '[PATCH 1/2] mm, slab: fix crash, again, John Developer, (Mon Dec 29, 9:00 am)',
    'Re: [PATCH 1/2] mm, slab: fix crash, again, Jane Hacker, (Tue Dec 30, 11:05 pm)',
    'Re: [PATCH 1/2] mm, slab: fix crash, again, John Developer, (Wed Dec 31, 8:15 am)',
    '',
  ].join('\n');

  it('splits list entries from the right, so commas in subjects survive, and prefers a From: header', () => {
    expect(looksLikeArchivePage(withFrom)).toBe(true);
    const r = readArchivePage(withFrom, 'x.txt');
    expect(r.messages.map((m) => m.ghost)).toEqual([true, false, true]);
    const [first, own, last] = r.messages;
    expect(first).toMatchObject({
      subject: '[PATCH 1/2] mm, slab: fix crash, again',
      from: { name: 'John Developer', email: null },
      dateRaw: 'Mon Dec 29, 9:00 am',
      yearHint: 2008,
    });
    expect(last).toMatchObject({ from: { name: 'John Developer' }, dateRaw: 'Wed Dec 31, 8:15 am', yearHint: 2008 });
    expect(own.from).toEqual({ name: 'Jane Hacker', email: 'jane@...', partial: true });
    expect(own.subject).toBe('Re: [PATCH 1/2] mm, slab: fix crash, again');
    expect(own.body).toBe('This works for me, but the log I have is\ncut off here...');
    expect(own.truncated).toBe(true);
    expect(own.lines).toEqual([6, 12]);
    expect(r.warnings).toEqual([]);
  });

  it('matches the list entry case- and whitespace-insensitively, but only at the same date', () => {
    const page = (date: string) =>
      [
        'RE:  Foo,  bar',
        'To: <x@...>',
        `Date: ${date}`,
        '',
        'body',
        '--',
        '',
        'Messages in current thread:',
        'Foo, bar, Ann Author, (Sat Jan 3, 1:00 pm)',
        're: foo, bar, Bob Writer, (Sun Jan 4, 12:30 am)',
        '',
      ].join('\n');
    const hit = readArchivePage(page('Sunday, January 4, 2009 - 12:30 am'), 'x');
    expect(hit.messages.map((m) => m.ghost)).toEqual([true, false]);
    expect(hit.messages[1].from).toEqual({ name: 'Bob Writer', email: null });
    expect(hit.messages[0].yearHint).toBe(2009);

    // Same subject, another minute: the list does not name this message.
    const miss = readArchivePage(page('Sunday, January 4, 2009 - 12:31 am'), 'x');
    expect(miss.messages.map((m) => m.ghost)).toEqual([false, true, true]);
    expect(miss.messages[0].from).toBeNull();
    const w = miss.warnings.find((x) => x.code === 'author-unknown');
    expect(w).toMatchObject({ line: 2, messageIndex: null, file: 'x' });
  });

  it('gives one message and warnings for a page without list, Date or To', () => {
    const r = readArchivePage('Just a title\n\nSome text\nmore text\n', 'bare.txt');
    expect(r.messages).toHaveLength(1);
    expect(r.messages[0]).toMatchObject({ ghost: false, body: 'Some text\nmore text', from: null, dateRaw: null, subject: 'Just a title' });
    const codes = r.warnings.map((w) => w.code);
    for (const code of ['headers-missing', 'date-missing', 'recipients-missing', 'thread-list-missing', 'author-unknown']) expect(codes).toContain(code);
    for (const w of r.warnings) {
      expect(w.code).toMatch(/^[a-z]+(?:-[a-z]+)*$/);
      expect(typeof w.line).toBe('number');
      expect(w.messageIndex).toBeNull();
    }
  });

  it('never throws on garbage', () => {
    let seedValue = 7;
    const rnd = () => (seedValue = (seedValue * 1103515245 + 12345) % 2147483648) / 2147483648;
    const bits = [
      'To:',
      'Date:',
      'From:',
      '--',
      '\n',
      ' ',
      ',',
      '(',
      ')',
      'Messages in current thread:\n',
      'Previous message: [thread]',
      'Fri Mar 28, 4:25 pm',
      'x',
      '...',
    ];
    const inputs = [
      '',
      '\n\n\n',
      '--',
      'Messages in current thread:',
      ', , (',
      readFileSync(new URL('../../../shared/seeds/002_79abb7984b381a70.txt', import.meta.url), 'utf8'),
    ];
    for (let k = 0; k < 200; k++) inputs.push(Array.from({ length: 40 }, () => bits[Math.floor(rnd() * bits.length)]).join(''));
    for (const input of inputs) {
      const r = readArchivePage(input, 'g');
      expect(r.messages.filter((m) => !m.ghost)).toHaveLength(1);
    }
  });
});
