// The five seed sources the casebook was specified from: the facts the ingest issue names for each.
// (Seeds are inputs; nothing under src/ may know their names.)
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inspectSource } from '../../src/casebook.ts';
import { hasShared, SEEDS } from '../helpers/paths.ts';

const seed = (prefix: string) => SEEDS + readdirSync(SEEDS).find((f) => f.startsWith(prefix))!;

describe.skipIf(!hasShared)('seed sources', () => {
  it('000: 179 dated messages, the first by Rafael J. Wysocki on 2008-04-19, glued replies flagged', async () => {
    const t = await inspectSource(seed('000_'));
    expect(t.source.format).toBe('archive-text');
    expect(t.messages).toHaveLength(179);
    expect(t.messages.every((m) => m.date !== null)).toBe(true);
    expect(t.messages[0].author?.name).toBe('Rafael J. Wysocki');
    expect(t.messages[0].date).toBe('2008-04-19T06:22:00');
    expect(t.messages[0].dateRaw).toBe('Saturday, April 19, 2008 - 6:22 am');
    expect(t.title).toBe('2.6.25-git2: BUG: unable to handle kernel paging request at ffffffffffffffff');
    expect(t.warnings.filter((w) => w.code === 'glued-reply')).toHaveLength(4);
    // Date order, stable for ties.
    for (let i = 1; i < t.messages.length; i++) expect(t.messages[i].date! >= t.messages[i - 1].date!).toBe(true);
    // Header-like lines inside bodies did not start messages: Ingo's 6:00 am message keeps the forwarded patch.
    const ingo = t.messages.find((m) => m.dateRaw === 'Monday, April 21, 2008 - 6:00 am')!;
    expect(ingo.author?.name).toBe('Ingo Molnar');
    const text = ingo.segments.map((s) => s.text).join('\n');
    expect(text).toContain('From: "Paul E. McKenney" <paulmck@linux.vnet.ibm.com>');
    expect(text).toContain('Date: Sun, 20 Apr 2008 21:59:13 -0700');
    expect(ingo.segments.some((s) => s.kind === 'headers')).toBe(true);
    expect(ingo.segments.some((s) => s.kind === 'diff')).toBe(true);
    expect(ingo.truncated).toBe(true);
    // The oops in the second message is a trace segment.
    expect(t.messages[1].segments.some((s) => s.kind === 'trace' && s.text.includes('__d_lookup+0xf1/0x117'))).toBe(true);
  });

  it('001: 229 messages', async () => {
    const t = await inspectSource(seed('001_'));
    expect(t.messages).toHaveLength(229);
    expect(t.messages.every((m) => m.date !== null && !m.ghost)).toBe(true);
  });

  it('003: 50 messages', async () => {
    const t = await inspectSource(seed('003_'));
    expect(t.messages).toHaveLength(50);
    expect(t.messages[0].author?.name).toBe('Nicolas Ferre');
  });

  it('002: one collapsed message with its headers, quote depths up to 4 and the lockdep trace', async () => {
    const t = await inspectSource(seed('002_'));
    expect(t.source.format).toBe('collapsed-mbox');
    expect(t.messages).toHaveLength(1);
    const m = t.messages[0];
    expect(m.messageId).toBe('20090511172034.GA8774@in.ibm.com');
    expect(m.date).toBe('2009-05-11T22:50:34+05:30');
    expect(m.author).toEqual({ name: 'K.Prasad', email: null });
    expect(m.subject).toBe('Re: [Patch 00/12] Hardware Breakpoint Interfaces');
    expect(m.references).toEqual(['20090511113644.GB26721@in.ibm.com']);
    expect(m.inReplyTo).toBeNull();
    expect(m.to.map((a) => a.name)).toEqual(['Alan Stern']);
    expect(m.cc.map((a) => a.name ?? a.email)).toContain('Roland McGrath');
    expect(m.cc.map((a) => a.name ?? a.email)).toContain('maneesh@linux.vnet.ibm.com');
    const depths = new Set(m.segments.filter((s) => s.kind === 'quote').map((s) => s.quoteDepth));
    expect([...depths].sort()).toEqual([1, 2, 3, 4]);
    const trace = m.segments.find((s) => s.kind === 'trace');
    expect(trace?.text).toContain('[ INFO: inconsistent lock state ]');
    expect(trace?.text).toContain('flush_thread_hw_breakpoint+0x16/0x75');
    expect(t.missingParents.map((g) => g.messageId)).toEqual(['20090511113644.GB26721@in.ibm.com']);
  });

  it('004: one message by Pekka Paalanen on 2008-03-28 16:25 and 13 ghosts dated in 2008', async () => {
    const t = await inspectSource(seed('004_'));
    expect(t.source.format).toBe('archive-page');
    const real = t.messages.filter((m) => !m.ghost);
    const ghosts = t.messages.filter((m) => m.ghost);
    expect(real).toHaveLength(1);
    expect(ghosts).toHaveLength(13);
    expect(real[0].author?.name).toBe('Pekka Paalanen');
    expect(real[0].date).toBe('2008-03-28T16:25:00');
    expect(real[0].segments.some((s) => s.kind === 'trace' && s.text.includes('_nv003832rm'))).toBe(true);
    // Obfuscated addresses are kept partial, never completed.
    expect(real[0].to.find((a) => a.name === 'Ingo Molnar')).toEqual({ name: 'Ingo Molnar', email: 'mingo@...', partial: true });
    for (const g of ghosts) {
      expect(g.date?.startsWith('2008-')).toBe(true);
      expect(g.author?.name).toBeTruthy();
    }
  });
});
