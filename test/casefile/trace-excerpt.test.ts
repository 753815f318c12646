// A long report cut for the case page keeps its point: lockdep's scenario, KASAN's buggy-address lines.
import { describe, expect, it } from 'vitest';
import { excerptTrace } from '../../src/casefile/trace-excerpt.ts';

const frames = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `  ${prefix}_${i}+0x1${i % 10}/0x80`);

const LOCKDEP = [
  '======================================================',
  'WARNING: possible circular locking dependency detected',
  '6.1.0-rc1 #1 Not tainted',
  '------------------------------------------------------',
  'widgetd/42 is trying to acquire lock:',
  'ffff888012345678 (&w->lock){+.+.}-{3:3}, at: widget_release+0x21/0x90',
  '',
  'the existing dependency chain (in reverse order) is:',
  ...frames(90, 'chain'),
  '',
  'other info that might help us debug this:',
  '',
  ' Possible unsafe locking scenario:',
  '',
  '       CPU0                    CPU1',
  '       ----                    ----',
  '  lock(&w->lock);',
  '                               lock(&g->mutex);',
  '                               lock(&w->lock);',
  '  lock(&g->mutex);',
  '',
  ' *** DEADLOCK ***',
  '',
  ...frames(40, 'tail'),
];

describe('excerptTrace', () => {
  it('leaves a short report whole', () => {
    expect(excerptTrace(['a', 'b', 'c'], 10)).toBe('a\nb\nc');
  });

  it("keeps lockdep's locking scenario and DEADLOCK line past the head, and says what it cut", () => {
    const out = excerptTrace(LOCKDEP, 40).split('\n');
    expect(out[1]).toBe('WARNING: possible circular locking dependency detected');
    expect(out).toContain(' Possible unsafe locking scenario:');
    expect(out).toContain('                               lock(&g->mutex);');
    expect(out).toContain('  lock(&g->mutex);');
    expect(out).toContain(' *** DEADLOCK ***');
    const gaps = out.filter((l) => /^\[… \d+ more lines? in the thread\]$/.test(l));
    expect(gaps.length).toBeGreaterThanOrEqual(2);
    expect(out.length - gaps.length).toBeLessThanOrEqual(40);
    // Every line is accounted for: kept, or counted in a gap.
    const cut = gaps.reduce((n, g) => n + Number(/\d+/.exec(g)![0]), 0);
    expect(out.length - gaps.length + cut).toBe(LOCKDEP.length);
  });

  it("keeps KASAN's buggy-address lines and where the object was freed", () => {
    const kasan = [
      'BUG: KASAN: slab-use-after-free in widget_release+0x21/0x90',
      'Read of size 8 at addr ffff888012345678 by task widgetd/42',
      ...frames(60, 'stack'),
      'Freed by task 41:',
      ...frames(5, 'free'),
      ...frames(30, 'more'),
      'The buggy address belongs to the object at ffff888012345600',
      ' which belongs to the cache kmalloc-256 of size 256',
      ...frames(20, 'end'),
    ];
    const out = excerptTrace(kasan, 30);
    expect(out).toContain('Freed by task 41:');
    expect(out).toContain('The buggy address belongs to the object at ffff888012345600');
    expect(out).toContain(' which belongs to the cache kmalloc-256 of size 256');
    expect(out.startsWith('BUG: KASAN: slab-use-after-free in widget_release')).toBe(true);
  });
});
