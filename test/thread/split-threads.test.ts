// A source split into its conversations (public-inbox's rules), on small hand-written mail.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectThreads } from '../../src/casebook.ts';
import { emptyMessage, type IngestedMessage } from '../../src/ingest/types.ts';
import { splitConversations, splitSource } from '../../src/thread/split-threads.ts';

const msg = (id: string | null, subject: string, parents: { inReplyTo?: string; references?: string[] } = {}, extra: Partial<IngestedMessage> = {}) =>
  emptyMessage({
    messageId: id,
    subject,
    inReplyTo: parents.inReplyTo ?? null,
    references: parents.references ?? [],
    body: `body of ${id ?? subject}`,
    ...extra,
  });

const ids = (groups: IngestedMessage[][]) => groups.map((g) => g.map((m) => m.messageId ?? m.subject));

describe('splitting a source into conversations', () => {
  it('keeps interleaved threads apart and each in source order', () => {
    const { groups, warnings } = splitConversations([
      msg('a1', 'crash in foo'),
      msg('b1', '[PATCH] bar: add a knob'),
      msg('a2', 'Re: crash in foo', { inReplyTo: 'a1', references: ['a1'] }),
      msg('b2', 'Re: [PATCH] bar: add a knob', { inReplyTo: 'b1', references: ['b1'] }),
      msg('a3', 'Re: crash in foo', { inReplyTo: 'a2', references: ['a1', 'a2'] }),
    ]);
    expect(ids(groups)).toEqual([
      ['a1', 'a2', 'a3'],
      ['b1', 'b2'],
    ]);
    expect(warnings).toEqual([]);
  });

  it('joins replies whose common parent is missing through the ghost they name', () => {
    const { groups } = splitConversations([
      msg('r1', 'Re: hang on resume', { inReplyTo: 'gone', references: ['gone'] }),
      msg('other', 'unrelated question'),
      msg('r2', 'Re: hang on resume', { inReplyTo: 'gone', references: ['gone'] }),
    ]);
    expect(ids(groups)).toEqual([['r1', 'r2'], ['other']]);
  });

  it('merges the references: a reply naming the root only in References still joins', () => {
    const { groups } = splitConversations([
      msg('root', 'oops in baz'),
      msg('deep', 'Re: oops in baz', { inReplyTo: 'lost-middle', references: ['root', 'lost-middle'] }),
    ]);
    expect(groups).toHaveLength(1);
  });

  it('does not loop on reply headers that form a cycle', () => {
    const { groups } = splitConversations([
      msg('x', 'Re: loop', { inReplyTo: 'y', references: ['y'] }),
      msg('y', 'Re: loop', { inReplyTo: 'x', references: ['x'] }),
      msg('z', 'something else'),
    ]);
    expect(ids(groups)).toEqual([['x', 'y'], ['z']]);
  });

  it('joins mail without threading headers by its subject only when it says it replies, and flags it', () => {
    const { groups, warnings } = splitConversations([
      msg('p', 'WARNING in qux_open', {}, { lines: [1, 10] }),
      msg(null, 'Re: WARNING in qux_open', {}, { lines: [11, 20] }),
      msg(null, 'Fwd: WARNING in qux_open', {}, { lines: [21, 30] }),
      msg(null, 'WARNING in qux_open', {}, { lines: [31, 40] }),
    ]);
    expect(ids(groups)).toEqual([['p', 'Re: WARNING in qux_open'], ['Fwd: WARNING in qux_open'], ['WARNING in qux_open']]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ code: 'thread-by-subject', line: 11 });
  });

  it('never joins by subject a reply whose headers name its parent', () => {
    const { groups, warnings } = splitConversations([msg('s1', 'question'), msg('s2', 'Re: question', { inReplyTo: 'elsewhere', references: ['elsewhere'] })]);
    expect(groups).toHaveLength(2);
    expect(warnings).toEqual([]);
  });

  it('keeps the messages of a one-thread file together whatever their headers say', () => {
    const page = { conversation: 'page.txt' };
    const { groups } = splitConversations([msg(null, 'a bug', {}, page), msg(null, 'a different subject', {}, page), msg('solo', 'another thread')]);
    expect(ids(groups)).toEqual([['a bug', 'a different subject'], ['solo']]);
  });

  it('gives each warning to the conversation whose message holds its line', () => {
    const parts = splitSource({
      format: 'mbox',
      messages: [
        msg('t1', 'first', {}, { lines: [1, 9] }),
        msg('u1', 'second', {}, { lines: [10, 19] }),
        msg('t2', 'Re: first', { inReplyTo: 't1' }, { lines: [20, 29] }),
      ],
      warnings: [
        { code: 'header-malformed', message: 'in u1', line: 12, messageIndex: null },
        { code: 'header-malformed', message: 'in t2', line: 25, messageIndex: null },
        { code: 'gzip-truncated', message: 'the source', line: null, messageIndex: null },
      ],
    });
    expect(parts.map((p) => p.warnings.map((w) => w.message))).toEqual([['in t2', 'the source'], ['in u1']]);
  });

  it("gives a title a one-thread file states to that file's thread only", () => {
    const parts = splitSource({
      format: 'folder',
      messages: [msg(null, 'x', {}, { conversation: 'scrape.txt' }), msg('m', 'a list mail')],
      warnings: [],
      conversationTitles: { 'scrape.txt': 'Oops in a driver' },
    });
    expect(parts.map((p) => p.title)).toEqual(['Oops in a driver', null]);
  });
});

describe('inspectThreads', () => {
  const dir = mkdtempSync(join(tmpdir(), 'casebook-split-'));
  const file = join(dir, 'list.mbox');
  const mail = (id: string, subject: string, reply?: string) =>
    [
      'From x@y Mon Jan  1 00:00:00 2024',
      `From: Someone <${id}@example.org>`,
      'Date: Mon, 1 Jan 2024 10:00:00 +0000',
      `Subject: ${subject}`,
      `Message-ID: <${id}@example.org>`,
      ...(reply ? [`In-Reply-To: <${reply}@example.org>`] : []),
      '',
      `text of ${id}`,
      '',
    ].join('\n');
  writeFileSync(file, [mail('a', 'BUG: oops in foo'), mail('b', '[PATCH] foo: add a knob'), mail('c', 'Re: BUG: oops in foo', 'a')].join('\n'));

  it('analyses each conversation of a list mbox as a thread, and all as one with oneThread', async () => {
    const threads = await inspectThreads(file);
    expect(threads.map((t) => [t.title, t.messages.length])).toEqual([
      ['BUG: oops in foo', 2],
      ['[PATCH] foo: add a knob', 1],
    ]);
    expect(threads.every((t) => t.source.path === file)).toBe(true);
    const whole = await inspectThreads(file, { oneThread: true });
    expect(whole).toHaveLength(1);
    expect(whole[0].messages).toHaveLength(3);
    expect(whole[0].source.whole).toBe(true);
  });
});
