// The analysis of the five seed threads, as the analysis issue states it, and the invariants every
// analysis keeps: quotes are verbatim, indices resolve, output is deterministic.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inspectSource, type AnalyzedThread } from '../../src/casebook.ts';
import { checkInvariants } from '../helpers/invariants.ts';
import { hasShared, SEEDS } from '../helpers/paths.ts';

const seed = (prefix: string) => SEEDS + readdirSync(SEEDS).find((f) => f.startsWith(prefix))!;
const cache = new Map<string, Promise<AnalyzedThread>>();
const thread = (prefix: string) => {
  if (!cache.has(prefix)) cache.set(prefix, inspectSource(seed(prefix)));
  return cache.get(prefix)!;
};

describe.skipIf(!hasShared)('seed analyses', () => {
  it('000: paging request in __d_lookup on 2.6.25-git2, fixed by Jiri Slaby\'s "x86: fix text_poke()"', async () => {
    const t = await thread('000_');
    const a = t.analysis;
    expect(a.symptoms[0]).toMatchObject({
      title: 'BUG: unable to handle kernel paging request in __d_lookup',
      kind: 'oops',
      function: '__d_lookup',
      kernelVersion: '2.6.25-git2',
      arch: 'x86_64',
    });
    const fix = a.patches.find((p) => p.id === a.fix?.patchId)!;
    expect(fix.author).toBe('Jiri Slaby');
    expect(fix.files).toEqual(['arch/x86/kernel/alternative.c']);
    expect(a.fix?.subject).toBe('x86: fix text_poke()');
    expect(a.culprit?.commit).toBe('e587cadd8f47e202a30712e2906a65a0606d5865');
    expect(a.status).toBe('fixed');
    // The RCU list.h patches were applied as they were, but they are not the fix.
    const listPatches = a.patches.filter((p) => p.files.includes('include/linux/list.h'));
    expect(listPatches.length).toBeGreaterThan(0);
    for (const p of listPatches) expect(p.role).not.toBe('fix');
    expect(a.rootCause?.summary).toMatch(/kernel_text_address/);
    expect(a.participants.find((p) => p.name === 'Jiri Slaby')?.roles).toEqual(expect.arrayContaining(['fixer', 'bisector']));
    expect(a.participants.find((p) => p.name === 'Rafael J. Wysocki')?.roles).toContain('reporter');
    checkInvariants(t);
  });

  it("001: NULL dereference in page_referenced, fixed by Linus's [PATCH 4/4] to mm/rmap.c", async () => {
    const t = await thread('001_');
    const a = t.analysis;
    expect(a.symptoms[0]).toMatchObject({ kind: 'oops', function: 'page_referenced' });
    expect(a.symptoms[0].title).toBe('BUG: unable to handle kernel NULL pointer dereference in page_referenced');
    const fix = a.patches.find((p) => p.id === a.fix?.patchId)!;
    expect(fix.author).toBe('Linus Torvalds');
    expect(fix.subject).toBe('anonvma: when setting up page->mapping, we need to pick the _oldest_ anonvma');
    expect(fix.files).toEqual(['mm/rmap.c']);
    expect(a.status).toBe('fixed');
    const others = a.patches.filter((p) => p.role !== 'fix');
    expect(others.filter((p) => p.role === 'candidate').length).toBeGreaterThan(5);
    expect(others.some((p) => p.role === 'debug')).toBe(true);
    checkInvariants(t);
  });

  it('002: inconsistent lock state on 2.6.30-rc4, a fix proposed', async () => {
    const t = await thread('002_');
    const a = t.analysis;
    expect(a.symptoms[0]).toMatchObject({ kind: 'lockdep' });
    expect(a.symptoms[0].title).toMatch(/^inconsistent lock state/);
    expect(a.symptoms[0].kernelVersion).toMatch(/^2\.6\.30-rc4/);
    expect(a.status).toBe('fix-proposed');
    checkInvariants(t);
  });

  it("003: ARM NULL dereference in get_index, fixed by Hugh Dickins's include/linux/mm.h patch", async () => {
    const t = await thread('003_');
    const a = t.analysis;
    expect(a.symptoms[0]).toMatchObject({ kind: 'oops', function: 'get_index', arch: 'arm' });
    const fix = a.patches.find((p) => p.id === a.fix?.patchId)!;
    expect(fix.author).toBe('Hugh Dickins');
    expect(fix.files).toEqual(['include/linux/mm.h']);
    const firstDriverPatch = a.patches.find((p) => p.files.includes('drivers/mmc/host/at91_mci.c'))!;
    expect(firstDriverPatch.role).not.toBe('fix');
    expect(a.status).toBe('fixed');
    expect(a.fix?.evidence.some((e) => /I already applied Hugh's patch/.test(e.quote))).toBe(true);
    checkInvariants(t);
  });

  it('004: paging request in the nvidia module, only a diagnostic hack: unresolved', async () => {
    const t = await thread('004_');
    const a = t.analysis;
    expect(a.symptoms[0]).toMatchObject({ kind: 'oops', function: '_nv003832rm' });
    expect(a.symptoms[0].title).toMatch(/paging request in _nv003832rm/);
    expect(a.patches).toHaveLength(1);
    expect(a.patches[0].role).toBe('debug');
    expect(a.fix).toBeNull();
    expect(a.status).toBe('unresolved');
    checkInvariants(t);
  });

  it('gives the same analysis byte for byte on a second run', async () => {
    const again = await inspectSource(seed('000_'));
    expect(JSON.stringify(again.analysis)).toBe(JSON.stringify((await thread('000_')).analysis));
  });
});
