// Trailers: every shape of `X-by:`, `Fixes:`, `Link:`, `Closes:` and `Cc: stable`, read from a message's own
// text only. Then b4's follow-up trailer samples and the seeds.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inspectSource } from '../../src/casebook.ts';
import { findTrailers, parseFixesTag, parseTrailerLine, parseTrailers } from '../../src/analysis/find-trailers.ts';
import { segmentBody } from '../../src/thread/segment-body.ts';
import type { Message } from '../../src/thread/types.ts';
import { CORPUS, hasShared, SEEDS } from '../helpers/paths.ts';

const lines = (...l: string[]) => l.join('\n');

function message(body: string): Message {
  return {
    index: 7,
    id: 'm7',
    messageId: null,
    author: { name: 'R', email: null },
    to: [],
    cc: [],
    date: null,
    dateRaw: null,
    subject: null,
    inReplyTo: null,
    references: [],
    parentIndex: null,
    ghost: false,
    truncated: false,
    lines: null,
    segments: segmentBody(body),
    attachments: [],
  };
}

describe('parseTrailers: people', () => {
  it.each([
    ['Signed-off-by: Jiri Slaby <jirislaby@gmail.com>', 'Signed-off-by', 'Jiri Slaby', 'jirislaby@gmail.com'],
    ['Signed-off-by: "Yann E. MORIN" <yann.morin.1998@free.fr>', 'Signed-off-by', 'Yann E. MORIN', 'yann.morin.1998@free.fr'],
    ['Acked-by: bare-address@example.org', 'Acked-by', null, 'bare-address@example.org'],
    ['Reviewed-by: <someone@example.org>', 'Reviewed-by', null, 'someone@example.org'],
    ['Tested-by: Andrew Morton (akpm@linux-foundation.org)', 'Tested-by', 'Andrew Morton', 'akpm@linux-foundation.org'],
    ['Reported-by: akpm@osdl.org (Andrew Morton)', 'Reported-by', 'Andrew Morton', 'akpm@osdl.org'],
    ['Reviewed-by: Followup Reviewer1 (corporate) <r1@example.com>', 'Reviewed-by', 'Followup Reviewer1 (corporate)', 'r1@example.com'],
    ['Tested-by: Tester2, Followup <t2@example.com>', 'Tested-by', 'Tester2, Followup', 't2@example.com'],
    ['Reviewed-by: HTML Junker <h@example.com<mailto:h@example.com>>', 'Reviewed-by', 'HTML Junker', 'h@example.com'],
    ['Reviewed-by: Outlook Quoter [mailto:o@example.com]', 'Reviewed-by', 'Outlook Quoter', 'o@example.com'],
    ['Reported-by: syzbot', 'Reported-by', 'syzbot', null],
    ['Reviewed-by: Minchan Kim <minchan.kim>', 'Reviewed-by', 'Minchan Kim', null],
    ['Signed_off_by: Paul E. McKenney <paulmck@linux.vnet.ibm.com>', 'Signed-off-by', 'Paul E. McKenney', 'paulmck@linux.vnet.ibm.com'],
    ['SIGNED-OFF-BY: A B <ab@example.com>', 'Signed-off-by', 'A B', 'ab@example.com'],
    ['Suggested-by: S <s@example.com>', 'Suggested-by', 'S', 's@example.com'],
    ['Pointed-out-by: Linus Torvalds <torvalds@linux-foundation.org>', 'Pointed-out-by', 'Linus Torvalds', 'torvalds@linux-foundation.org'],
    ['Co-developed-by: C D <cd@example.com>', 'Co-developed-by', 'C D', 'cd@example.com'],
    [
      'Reported-and-tested-by: syzbot+1f9dc49e8de2582d90c2@syzkaller.appspotmail.com',
      'Reported-and-tested-by',
      null,
      'syzbot+1f9dc49e8de2582d90c2@syzkaller.appspotmail.com',
    ],
    ['Bisected-by: B <b@example.com>', 'Bisected-by', 'B', 'b@example.com'],
    ['Debugged-by: D <d@example.com>', 'Debugged-by', 'D', 'd@example.com'],
    ['Cc: stable@vger.kernel.org # 5.10+', 'Cc', null, 'stable@vger.kernel.org'],
    ['CC: H. Peter Anvin <hpa@zytor.com>', 'Cc', 'H. Peter Anvin', 'hpa@zytor.com'],
  ])('%s', (line, key, name, email) => {
    expect(parseTrailers(line)).toEqual([{ key, name, email }]);
  });

  it('keeps the comment after `#` or in brackets after the address', () => {
    expect(parseTrailerLine('Cc: stable@vger.kernel.org # 5.10+')?.comment).toBe('5.10+');
    expect(parseTrailerLine('Cc: <stable@vger.kernel.org> [5.10+]')?.comment).toBe('5.10+');
    expect(parseTrailerLine('Cc: <stable@vger.kernel.org> [5.10+]')?.email).toBe('stable@vger.kernel.org');
  });

  it('rejects lines that are not trailers', () => {
    for (const l of [
      'Cc: the usual suspects',
      'Fixes: the crash on resume',
      'Hello-by',
      'by: me',
      '> Signed-off-by: X <x@y.z>',
      '  Signed-off-by: X <x@y.z>',
    ]) {
      expect(parseTrailers(l), l).toEqual([]);
    }
  });
});

describe('parseTrailers: Fixes, Link, Closes', () => {
  it('reads Fixes with and without a subject', () => {
    const line = 'Fixes: e587cadd8f47 ("x86: enhance DEBUG_RODATA support - alternatives")';
    expect(parseTrailers(line)).toEqual([{ key: 'Fixes', name: null, email: null }]);
    expect(parseTrailerLine(line)).toMatchObject({ commit: 'e587cadd8f47', subject: 'x86: enhance DEBUG_RODATA support - alternatives' });
    expect(parseFixesTag(line)).toEqual({ commit: 'e587cadd8f47', subject: 'x86: enhance DEBUG_RODATA support - alternatives' });
    expect(parseFixesTag('Fixes: abcdef01234567890')).toEqual({ commit: 'abcdef01234567890', subject: null });
    expect(parseFixesTag('5beb49305251 ("mm: change anon_vma linking (again)")')).toEqual({
      commit: '5beb49305251',
      subject: 'mm: change anon_vma linking (again)',
    });
    expect(parseFixesTag('Fixes: commit E587CADD8F47 (x86: foo)')).toEqual({ commit: 'e587cadd8f47', subject: 'x86: foo' });
    expect(parseFixesTag('Fixes: the crash')).toBeNull();
  });

  it('reads Link and Closes URLs', () => {
    expect(parseTrailerLine('Link: https://lore.kernel.org/r/abc@def  # bug discussion')).toMatchObject({
      key: 'Link',
      url: 'https://lore.kernel.org/r/abc@def',
      comment: 'bug discussion',
      name: null,
      email: null,
    });
    expect(parseTrailerLine('Closes: https://syzkaller.appspot.com/bug?extid=2c4a3b922a860084cc7f')).toMatchObject({
      key: 'Closes',
      url: 'https://syzkaller.appspot.com/bug?extid=2c4a3b922a860084cc7f',
    });
  });
});

describe('findTrailers: a message', () => {
  it('reads trailer blocks and lone trailer lines in own text, never quoted ones', () => {
    const m = message(
      lines(
        '> Signed-off-by: Quoted Author <quoted@example.com>',
        '> Reviewed-by: Quoted Reviewer <qr@example.com>',
        '',
        'Looks right to me.',
        'Reviewed-by: Rik van Riel <riel@redhat.com>',
        '',
        'Reported-by: the nightly test run on three of our machines last week',
        '',
        '    Signed-off-by: Pasted From Git Log <log@example.com>',
      ),
    );
    const found = findTrailers(m);
    expect(found.map((t) => [t.key, t.name, t.messageIndex])).toEqual([['Reviewed-by', 'Rik van Riel', 7]]);
  });

  it('reads the trailers block above a patch', () => {
    const m = message(
      lines(
        'Fix it.',
        '',
        'Reported-by: B <b@example.com>',
        'Signed-off-by: A <a@example.com>',
        'Cc: <stable@vger.kernel.org> # 2.6.33',
        '---',
        ' x.c | 2 +-',
        '',
        '--- a/x.c',
        '+++ b/x.c',
        '@@ -1 +1 @@',
        '-a',
        '+b',
      ),
    );
    expect(findTrailers(m).map((t) => [t.key, t.email])).toEqual([
      ['Reported-by', 'b@example.com'],
      ['Signed-off-by', 'a@example.com'],
      ['Cc', 'stable@vger.kernel.org'],
    ]);
  });
});

const B4 = `${CORPUS}b4/src/tests/samples/`;

describe.skipIf(!hasShared)('findTrailers on b4 follow-up samples', () => {
  it('name-parens: follow-ups in every shape, the quoted repeat not counted', async () => {
    const t = await inspectSource(`${B4}trailers-followup-name-parens.mbox`);
    const byMessage = t.messages.map((m) => findTrailers(m).map(({ key, name, email }) => ({ key, name, email })));
    expect(byMessage[0]!.map((x) => x.key)).toEqual(['Fixes', 'Reviewed-by', 'Link', 'Signed-off-by']);
    expect(byMessage.slice(1)).toEqual([
      [{ key: 'Reviewed-by', name: 'Followup Reviewer1 (corporate)', email: 'followup-reviewer1@example.com' }],
      [{ key: 'Tested-by', name: 'Followup Reviewer2', email: 'followup-reviewer2@example.com' }],
      [{ key: 'Reviewed-by', name: 'Mismatched Reviewer1', email: 'mismatched-reviewer1@example.net' }],
      [{ key: 'Tested-by', name: 'Followup Tester1 [corporate]', email: 'followup-tester1@example.com' }],
      [{ key: 'Tested-by', name: 'Tester2, Followup', email: 'followup-tester2@example.com' }],
    ]);
  });

  it('htmljunk, bare-address and custody shapes', async () => {
    const html = await inspectSource(`${B4}trailers-followup-htmljunk.mbox`);
    expect(findTrailers(html.messages[1]!)).toMatchObject([{ key: 'Reviewed-by', name: 'HTML Junker', email: 'html-junker@example.com' }]);
    const bare = await inspectSource(`${B4}trailers-followup-bare-address.mbox`);
    expect(findTrailers(bare.messages[0]!).find((x) => x.key === 'Cc')).toMatchObject({ name: null, email: 'bare-address@example.org' });
    const custody = await inspectSource(`${B4}trailers-followup-custody.mbox`);
    expect(
      findTrailers(custody.messages[0]!)
        .filter((x) => x.key === 'Link')
        .map((x) => [x.url, x.comment]),
    ).toEqual([
      ['https://msgid.link/some@msgid.here', null],
      ['https://lore.kernel.org/other@msgid.here', 'bug discussion'],
    ]);
  });
});

const seed = (prefix: string) => SEEDS + readdirSync(SEEDS).find((f) => f.startsWith(prefix))!;

describe.skipIf(!hasShared)('findTrailers on the seeds', () => {
  it("001: the review and ack replies to Linus's series", async () => {
    const t = await inspectSource(seed('001_'));
    const all = t.messages.flatMap(findTrailers);
    const reviewers = new Set(all.filter((x) => x.key === 'Reviewed-by').map((x) => x.name));
    expect([...reviewers]).toEqual(expect.arrayContaining(['Rik van Riel', 'Minchan Kim']));
    expect(all.some((x) => x.key === 'Acked-by' && x.name === 'Johannes Weiner' && x.email === 'hannes@cmpxchg.org')).toBe(true);
    // `<minchan.kim>` is no address: the name stays, the email is not invented.
    expect(all.some((x) => x.name === 'Minchan Kim' && x.email === null)).toBe(true);
    expect(all.some((x) => x.key === 'Cc' && x.email === 'stable@kernel.org')).toBe(true);
  });

  it("000: Paul's `Signed_off_by` and Ingo's `Pointed-out-by`", async () => {
    const t = await inspectSource(seed('000_'));
    const all = t.messages.flatMap(findTrailers);
    expect(all.some((x) => x.key === 'Signed-off-by' && x.name === 'Paul E. McKenney' && x.messageIndex === 5)).toBe(true);
    expect(all.some((x) => x.key === 'Pointed-out-by' && x.name === 'Linus Torvalds')).toBe(true);
  });
});
