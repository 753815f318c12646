// The thread page's reply tree and its linked URLs, on small hand-made threads.
import { describe, expect, it } from 'vitest';
import { linkify, replyOrder } from '../../src/site/reply-tree.ts';

describe('reply order', () => {
  it('shows each root, then its replies depth first, siblings in date order', () => {
    // 0 root; 1 reply to 0; 2 another root; 3 reply to 0; 4 reply to 1
    const order = replyOrder([{ parentIndex: null }, { parentIndex: 0 }, { parentIndex: null }, { parentIndex: 0 }, { parentIndex: 1 }]);
    expect(order).toEqual([
      { index: 0, depth: 0 },
      { index: 1, depth: 1 },
      { index: 4, depth: 2 },
      { index: 3, depth: 1 },
      { index: 2, depth: 0 },
    ]);
  });

  it('walks a 100,000-message reply chain without recursion and shows every message once', () => {
    const chain = Array.from({ length: 100_000 }, (_, i) => ({ parentIndex: i === 0 ? null : i - 1 }));
    const order = replyOrder(chain);
    expect(order).toHaveLength(100_000);
    expect(order[99_999]).toEqual({ index: 99_999, depth: 99_999 });
  });
});

describe('linkify', () => {
  it('links http(s) URLs only, leaving the sentence punctuation outside', () => {
    expect(linkify('See https://lore.kernel.org/r/abc@x/. Or (http://example.org/a_(b)) and ftp://no.')).toEqual([
      { text: 'See ' },
      { url: 'https://lore.kernel.org/r/abc@x/' },
      { text: '. Or (' },
      { url: 'http://example.org/a_(b)' },
      { text: ') and ftp://no.' },
    ]);
    expect(linkify('javascript:alert(1) no link')).toEqual([{ text: 'javascript:alert(1) no link' }]);
  });
});
