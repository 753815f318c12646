// What the kernel-log grammar must get right, one fact per test, on lines from real reports.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Highlighter } from 'shiki';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../helpers/paths.ts';
import { createTestHighlighter, scopedTokens, scopesOf, type ScopedToken } from './scope-dump.ts';

let h: Highlighter;
beforeAll(async () => {
  h = await createTestHighlighter();
});

const line = (text: string): ScopedToken[] => scopedTokens(h, text, 'kernel-log')[0];
const scope = (text: string, token: string): string => (scopesOf(line(text), token) ?? ['(no such token)']).join(' ');

describe('kernel-log: the x86 oops from seed 000', () => {
  const oops = readFileSync(join(FIXTURES, 'highlight/x86-oops/input.log'), 'utf8');
  let lines: ScopedToken[][];
  beforeAll(() => {
    lines = scopedTokens(h, oops, 'kernel-log');
  });

  it('gives the function, offset and size of __d_lookup+0xf1/0x117 their own scopes', () => {
    const ip = lines[1];
    expect(scopesOf(ip, '__d_lookup')).toContain('entity.name.function.kernel-log');
    expect(scopesOf(ip, '0xf1')).toContain('constant.numeric.offset.kernel-log');
    expect(scopesOf(ip, '0x117')).toContain('constant.numeric.size.kernel-log');
    expect(scopesOf(ip, 'ffffffff802a7b3c')).toContain('constant.numeric.address.kernel-log');
  });

  it('marks the `BUG: unable to handle` line as the headline', () => {
    const bug = lines[0];
    expect(scopesOf(bug, 'BUG: ')).toContain('invalid.illegal.headline.kernel-log');
    expect(scopesOf(bug, 'unable to handle kernel paging request at ')).toContain('invalid.illegal.headline.kernel-log');
    expect(scopesOf(bug, '[12844.066757]')).toEqual(['comment.other.timestamp.kernel-log']);
  });

  it('scopes register names apart from their values', () => {
    const rax = lines[9];
    expect(scopesOf(rax, 'RAX')).toEqual(['variable.parameter.register.kernel-log']);
    expect(scopesOf(rax, 'ffffffffffffffff')).toEqual(['constant.numeric.hex.kernel-log']);
    expect(scopesOf(lines[13], 'R13')).toEqual(['variable.parameter.register.kernel-log']);
  });

  it('reads the taint flags and the kernel version', () => {
    expect(scopesOf(lines[6], 'Tainted:')).toEqual(['keyword.other.taint.kernel-log']);
    expect(scopesOf(lines[6], 'G   M')).toEqual(['constant.language.taint-flags.kernel-log']);
    expect(scopesOf(lines[6], '2.6.25')).toEqual(['constant.other.version.kernel-log']);
    expect(scopesOf(lines[5], 'Modules linked in:')).toEqual(['keyword.other.section.kernel-log']);
  });
});

describe('kernel-log: headlines', () => {
  // One of each kind a report opens with; the prefix varies as it does in real logs.
  const HEADLINES: [line: string, start: string][] = [
    ['[12844.066757] BUG: unable to handle kernel paging request at ffffffffffffffff', 'BUG: '],
    ['[   68.545204][ T8559] WARNING: held lock freed!', 'WARNING: '],
    ['<4>[  998.1] WARNING: CPU: 0 PID: 1112 at fs/iomap/iter.c:33 iomap_iter+0xdcf/0x11b0', 'WARNING: '],
    ['[12844.066778] Oops: 0000 [1] SMP DEBUG_PAGEALLOC', 'Oops: '],
    ['Internal error: Oops: 805 [#1] SMP ARM', 'Internal error: Oops: '],
    ['general protection fault: 0000 [#1] SMP KASAN', 'general protection fault'],
    ['Kernel panic - not syncing: Fatal exception in interrupt', 'Kernel panic - not syncing'],
    ['[   44.545530] kernel BUG at fs/ext4/inline.c:240!', 'kernel BUG at '],
    ['Unable to handle kernel NULL pointer dereference at virtual address 00000009', 'Unable to handle kernel '],
    ['BUG: KASAN: use-after-free in refcount_inc_not_zero_checked+0x72/0x1e0', 'BUG: '],
    ['BUG: KMSAN: uninit-value in __ext4_fill_super+0x1b2/0x200', 'BUG: '],
    ['UBSAN: array-index-out-of-bounds in fs/ext4/xattr.c:1234:5', 'UBSAN: '],
    ['[ INFO: possible circular locking dependency detected ]', '[ INFO: possible circular locking dependency detected ]'],
    ['[  254.404314] WARNING: possible circular locking dependency detected', 'WARNING: '],
    ['[  254.446609]  *** DEADLOCK ***', '*** DEADLOCK ***'],
  ];
  it.each(HEADLINES)('%s', (text, start) => {
    expect(scope(text, start)).toContain('invalid.illegal.headline.kernel-log');
  });

  it('keeps the culprit function coloured inside the headline', () => {
    const text = 'BUG: KASAN: use-after-free in refcount_inc_not_zero_checked+0x72/0x1e0';
    expect(scope(text, 'refcount_inc_not_zero_checked')).toBe('invalid.illegal.headline.kernel-log meta.frame.kernel-log entity.name.function.kernel-log');
    expect(scope('kernel BUG at fs/ext4/inline.c:240!', 'fs/ext4/inline.c')).toContain('string.unquoted.path.kernel-log');
  });

  it.each([
    '------------[ cut here ]------------',
    '---[ end trace 0000000000000000 ]---',
    '---[ end Kernel panic - not syncing: Fatal exception ]---',
    '==================================================================',
  ])('marks the banner %s as a separator, not a headline', (text) => {
    expect(line(text)).toEqual([{ text, scopes: [expect.stringMatching(/^meta\.separator\./)] }]);
  });
});

describe('kernel-log: frames', () => {
  it('marks an unreliable ` ? func+…` frame as a comment with no function scope', () => {
    const tokens = line('[  744.602183][ T3173]  ? refcount_inc_not_zero_checked+0x72/0x1e0');
    expect(scopesOf(tokens, '[ T3173]')).toEqual(['comment.other.caller-id.kernel-log']);
    expect(scopesOf(tokens, '? refcount_inc_not_zero_checked+0x72/0x1e0')).toEqual(['comment.other.unreliable-frame.kernel-log']);
  });

  it('names the module of a frame, after it (`[af_802154]`) or before it (`:jbd:`, 2.6-era x86-64)', () => {
    const after = ' [<ffffffffa03af9f1>] raw_sendmsg+0x1b1/0x270 [af_802154]';
    expect(scope(after, 'af_802154')).toContain('entity.name.namespace.module.kernel-log');
    expect(scope(after, 'raw_sendmsg')).toContain('entity.name.function.kernel-log');
    const before = ' [<ffffffff8803a3b8>] :jbd:journal_commit_transaction+0x1b2/0xd00';
    expect(scope(before, 'jbd')).toContain('entity.name.namespace.module.kernel-log');
    expect(scope(before, 'journal_commit_transaction')).toContain('entity.name.function.kernel-log');
  });

  it('finds functions in ARM backtraces and syzbot inline frames', () => {
    const arm = '[<c0333330>] (shmem_getpage_gfp) from [<c031c7a0>] (generic_perform_write+0xa8/0x1c0)';
    expect(scope(arm, 'shmem_getpage_gfp')).toBe('entity.name.function.kernel-log');
    const inline = ' ext4_dio_read_iter fs/ext4/file.c:77 [inline]';
    expect(scope(inline, 'ext4_dio_read_iter')).toBe('entity.name.function.inline.kernel-log');
    expect(scope(inline, 'fs/ext4/file.c')).toBe('string.unquoted.path.kernel-log');
    expect(scope(inline, '77')).toBe('constant.numeric.line.kernel-log');
  });

  it('marks the trace sections and the context changes', () => {
    expect(scope('Call Trace:', 'Call Trace:')).toBe('keyword.other.section.kernel-log');
    expect(scope(' <TASK>', 'TASK')).toBe('entity.name.tag.context.kernel-log');
    expect(scope(' </IRQ>', '/IRQ')).toBe('entity.name.tag.context.kernel-log');
  });
});

describe('kernel-log: registers, memory, locks', () => {
  it('reads ARM register dumps', () => {
    const tokens = line('pc : [<c0333330>]    lr : [<c0333200>]    psr: 80070113');
    expect(scopesOf(tokens, 'pc')).toEqual(['variable.parameter.register.kernel-log']);
    expect(scopesOf(tokens, 'c0333330')).toContain('constant.numeric.address.kernel-log');
    expect(scope('r10: e89fa198  r9 : 00000001', 'r10')).toBe('variable.parameter.register.kernel-log');
    expect(scope('r10: e89fa198  r9 : 00000001', 'e89fa198')).toBe('constant.numeric.hex.kernel-log');
  });

  it('reads the segment selector of RIP apart from the address', () => {
    expect(scope('RSP: 0018:ffff810064c5dc08  EFLAGS: 00010286', '0018')).toBe('constant.numeric.segment.kernel-log');
    expect(scope('CR2: 00007fc3d2148008 CR3: 00000000307d5000', 'CR2')).toBe('variable.parameter.register.kernel-log');
  });

  it('reads KASAN shadow rows, the row of the access and the `^` under the bad byte', () => {
    const row = '[  744.672588][ T3173] >ffff88805b8f1800: fb fb fb fb fb fb fb fb fb fb fb fb fb fb fb fb';
    expect(scope(row, '>')).toContain('keyword.operator.marker.kernel-log');
    expect(scope(row, 'ffff88805b8f1800')).toContain('constant.numeric.address.kernel-log');
    expect(scope(row, 'fb fb fb fb fb fb fb fb fb fb fb fb fb fb fb fb')).toContain('constant.numeric.bytes.kernel-log');
    expect(scope('[  744.674006][ T3173]                                ^', '^')).toBe('keyword.operator.marker.kernel-log');
  });

  it('marks the faulting bytes of a Code: line', () => {
    expect(scope('Code: ff e8 61 24 8b ff <0f> 0b e9 f8', '<0f>')).toBe('invalid.illegal.faulting-instruction.kernel-log');
    expect(scope('Code: ea000005 e3a00000 (e5823000)', '(e5823000)')).toBe('invalid.illegal.faulting-instruction.kernel-log');
  });

  it('reads lockdep lock classes and their usage bits', () => {
    const held = ' #0: 00000000c0a19dcd (&sb->s_type->i_mutex_key#11){+.+.}, at: __sock_release+0x89/0x2a0';
    expect(scope(held, '&sb->s_type->i_mutex_key#11')).toBe('entity.name.type.lock.kernel-log');
    expect(scope(held, '{+.+.}')).toBe('constant.other.lock-usage.kernel-log');
    expect(scope(' #1: ((wq_completion)events){+.+.}, at: process_one_work+0x1/0x2', '(wq_completion)events')).toBe('entity.name.type.lock.kernel-log');
  });

  it('reads the log level and kernel versions, and leaves other dotted numbers alone', () => {
    expect(scope('<4>[   85.501187] WARNING: foo', '4')).toBe('meta.log-level.kernel-log constant.other.log-level.kernel-log');
    expect(scope('traces from 2.6.25-git2 on HP nx6325', '2.6.25-git2')).toBe('constant.other.version.kernel-log');
    expect(scope('Not tainted 4.17.0-rc2+ #178', '4.17.0-rc2+')).toBe('constant.other.version.kernel-log');
    expect(scopesOf(line('BIOS 1.12.0-1 04/01/2014'), '1.12.0-1')).toBeUndefined();
  });
});

describe('kernel-log: prose that looks like data', () => {
  it('leaves the words of a Code: line without bytes alone', () => {
    const tokens = line('Code: Bad RIP value.');
    expect(tokens.filter((t) => t.scopes.includes('constant.numeric.bytes.kernel-log'))).toEqual([]);
  });
});
