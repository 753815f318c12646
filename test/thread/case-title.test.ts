// A case's title without the tags that say how a mail was sent.
import { describe, expect, it } from 'vitest';
import { caseTitle } from '../../src/thread/title.ts';

describe('case titles', () => {
  it('drops patch, RFC, syzbot and list tags, and keeps the ones that describe the bug', () => {
    expect(caseTitle('[PATCH 2/4] vma_adjust: fix the copying of anon_vma chains')).toBe('vma_adjust: fix the copying of anon_vma chains');
    expect(caseTitle('[syzbot] [btrfs?] KASAN: slab-use-after-free Read in btrfs_foo')).toBe('KASAN: slab-use-after-free Read in btrfs_foo');
    expect(caseTitle('[RFC PATCH net-next v2 0/3] net: widget rework')).toBe('net: widget rework');
    expect(caseTitle('[Patch 00/12] Hardware Breakpoint Interfaces')).toBe('Hardware Breakpoint Interfaces');
    expect(caseTitle('[net-next] widget: fix a leak')).toBe('widget: fix a leak');
    expect(caseTitle('[REGRESSION][BISECTED] 5.15-rc1: Broken AHCI on NVIDIA ION')).toBe('[REGRESSION][BISECTED] 5.15-rc1: Broken AHCI on NVIDIA ION');
    expect(caseTitle('[BUG] oops in widget_release')).toBe('[BUG] oops in widget_release');
    expect(caseTitle('[PATCH]')).toBe('[PATCH]');
  });
});
