// segmentBody: one decoded mail body → typed segments. Small inline bodies pin each kind and each boundary
// rule; the corpus tests check the invariants on real mail and real oopses; the last test bounds the time.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import * as api from '../../src/thread/segment-body.ts';
import { segmentBody } from '../../src/thread/segment-body.ts';
import type { Segment } from '../../src/thread/types.ts';
import { budget } from '../helpers/budget.ts';

const body = (...lines: string[]): string => lines.join('\n');
const kinds = (segs: Segment[]): string[] => segs.map((s) => (s.kind === 'quote' ? `quote${s.quoteDepth}` : s.kind));
const find = (segs: Segment[], kind: Segment['kind']): Segment[] => segs.filter((s) => s.kind === kind);
const nonBlank = (text: string): string[] => text.split('\n').filter((l) => l.trim() !== '');

/** The contract every result keeps: no non-blank line lost, repeated or moved; no segment edged by blanks. */
function expectInvariants(text: string, segs: Segment[]): void {
  expect(nonBlank(segs.map((s) => s.text).join('\n'))).toEqual(nonBlank(text));
  for (const s of segs) {
    const lines = s.text.split('\n');
    expect(lines[0]!.trim(), `segment starts blank: ${s.kind}`).not.toBe('');
    expect(lines[lines.length - 1]!.trim(), `segment ends blank: ${s.kind}`).not.toBe('');
    if (s.kind === 'quote') expect(s.quoteDepth).toBeGreaterThan(0);
    else expect(s.quoteDepth).toBeUndefined();
  }
}

function seg(text: string): Segment[] {
  const segs = segmentBody(text);
  expectInvariants(text, segs);
  return segs;
}

describe('segmentBody API', () => {
  it('exports only segmentBody', () => {
    expect(Object.keys(api)).toEqual(['segmentBody']);
  });

  it('returns nothing for an empty or blank body, and is deterministic', () => {
    expect(segmentBody('')).toEqual([]);
    expect(segmentBody('\n \n\t\n')).toEqual([]);
    const text = readSeedExcerpt();
    expect(segmentBody(text)).toEqual(segmentBody(text));
  });
});

describe('text and blank lines', () => {
  it('keeps paragraphs of prose in one text segment and drops the body’s outer blank lines', () => {
    const segs = seg(body('', 'Hi,', '', 'it hangs.', '', 'Thanks,', 'Rafael', '', ''));
    expect(segs).toEqual([{ kind: 'text', text: 'Hi,\n\nit hangs.\n\nThanks,\nRafael' }]);
  });

  it('drops the blank lines between segments of different kinds', () => {
    const segs = seg(body('Hello', '', '> quoted', '', 'Reply'));
    expect(segs.map((s) => s.text)).toEqual(['Hello', '> quoted', 'Reply']);
  });
});

describe('quote', () => {
  it('counts markers with or without spaces and keeps the attribution line as text', () => {
    const segs = seg(
      body(
        'On Mon, May 11, 2009 at 10:50:39AM -0400, Alan Stern wrote:',
        '> one',
        '>two',
        '  > three (up to 3 spaces before the marker)',
        '> > > deep',
        '>>> deep too',
        '>> two',
      ),
    );
    expect(kinds(segs)).toEqual(['text', 'quote1', 'quote3', 'quote2']);
    expect(segs[0]!.text).toBe('On Mon, May 11, 2009 at 10:50:39AM -0400, Alan Stern wrote:');
    expect(segs[2]!.text).toBe('> > > deep\n>>> deep too');
  });

  it('keeps blank lines inside a run of one depth, splits on a depth change', () => {
    const segs = seg(body('Linus Torvalds wrote:', '> a', '', '> b', '>> c', '> d', '', 'me'));
    expect(kinds(segs)).toEqual(['text', 'quote1', 'quote2', 'quote1', 'text']);
    expect(segs[1]!.text).toBe('> a\n\n> b');
  });

  it('keeps an empty shallower marker line inside a deeper run', () => {
    const segs = seg(body('> > a', '>', '> > b'));
    expect(segs).toEqual([{ kind: 'quote', text: '> > a\n>\n> > b', quoteDepth: 2 }]);
  });

  it('wins over the kinds it contains: a quoted diff and a quoted trace stay quotes', () => {
    const segs = seg(
      body(
        'Quoting Chris Wilson (2010-04-08 11:32:06)',
        '> diff --git a/x.c b/x.c',
        '> --- a/x.c',
        '> +++ b/x.c',
        '> @@ -1,1 +1,1 @@',
        '> -a',
        '> +b',
        '',
        'Looks fine. But:',
        '',
        '> [  12.000001] BUG: unable to handle kernel NULL pointer dereference at 0000000000000008',
        '> [  12.000002] Call Trace:',
        '> [  12.000003]  [<ffffffff802a7b3c>] __d_lookup+0xf1/0x117',
      ),
    );
    expect(kinds(segs)).toEqual(['text', 'quote1', 'text', 'quote1']);
    expect(segs[1]!.text.split('\n')).toHaveLength(6);
  });

  it('does not take KASAN’s `>ffff…:` shadow row for a quote marker', () => {
    const segs = seg(
      body(
        'Memory state around the buggy address:',
        ' ffff888075f5c000: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00',
        '>ffff888075f5c080: 00 00 00 00 00 fc fc fc fc fc fc fc fc 00 00 00',
        '                                  ^',
        ' ffff888075f5c100: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00',
      ),
    );
    expect(kinds(segs)).toEqual(['trace']);
    const quoted = seg(body('> Memory state around the buggy address:', '> >ffff888075f5c080: 00 00 fc fc'));
    expect(kinds(quoted)).toEqual(['quote1']);
  });
});

describe('diff', () => {
  const gitPatch = [
    'Take the lock first.',
    '',
    'Signed-off-by: Test Author <author@example.org>',
    '---',
    ' fs/x.c | 2 +-',
    ' 1 file changed, 1 insertion(+), 1 deletion(-)',
    '',
    'diff --git a/fs/x.c b/fs/x.c',
    'index 1234567..89abcde 100644',
    '--- a/fs/x.c',
    '+++ b/fs/x.c',
    '@@ -1,3 +1,3 @@',
    ' line 1',
    '-line two',
    '+line 2',
    ' line 3',
  ];

  it('takes the `---` separator, the diffstat and the patch; ends before a `-- ` signature', () => {
    const segs = seg(body(...gitPatch, '-- ', '2.39.0'));
    expect(kinds(segs)).toEqual(['text', 'trailers', 'diff', 'signature']);
    expect(segs[2]!.text.startsWith('---\n fs/x.c | 2 +-')).toBe(true);
    expect(segs[2]!.text.endsWith(' line 3')).toBe(true);
    expect(segs[3]!.text).toBe('-- \n2.39.0');
  });

  it('uses the hunk counts: a bare `--` line and a following paragraph are not hunk lines', () => {
    const prose = Array.from({ length: 11 }, (_, k) => (k % 2 ? `- point ${k}, not a removed line` : `Prose ${k}.`));
    const dashed = seg(body(...gitPatch.slice(7), '--', ...prose));
    expect(kinds(dashed)).toEqual(['diff', 'text']);
    expect(dashed[1]!.text.startsWith('--\nProse 0.')).toBe(true);
    const para = seg(body(...gitPatch.slice(7), 'Does it help?', '- one more point'));
    expect(kinds(para)).toEqual(['diff', 'text']);
  });

  it('tolerates whitespace damage: an empty line while counts remain is a context line', () => {
    const segs = seg(body('@@ -10,4 +10,4 @@ static int f(void)', ' a', '', '-b', '+c', ' d', '', 'Does this help?'));
    expect(kinds(segs)).toEqual(['diff', 'text']);
    expect(segs[0]!.text).toBe('@@ -10,4 +10,4 @@ static int f(void)\n a\n\n-b\n+c\n d');
  });

  it('never lets a truncated hunk swallow the signature that follows', () => {
    const segs = seg(body('--- a/x', '+++ b/x', '@@ -1,40 +1,40 @@', ' a', '-b', '+c', ' * ...', '-- ', 'Sig line'));
    expect(kinds(segs)).toEqual(['diff', 'signature']);
  });

  it('reads a quilt `Index:` patch behind its `---` and diffstat', () => {
    const segs = seg(
      body(
        '---',
        ' include/linux/list.h |   48 +++++++++++++---------------------------',
        ' 1 file changed, 15 insertions(+), 33 deletions(-)',
        ' ',
        'Index: linux/include/linux/list.h',
        '===================================================================',
        '--- linux.orig/include/linux/list.h',
        '+++ linux/include/linux/list.h',
        '@@ -631,2 +631,2 @@ static inline void list_splice_init_rcu(',
        '-#define a',
        '+#define b',
        ' x',
      ),
    );
    expect(kinds(segs)).toEqual(['diff']);
  });

  it('reads `diff -urpN` patches, several files, and git binary patches', () => {
    const segs = seg(
      body(
        'diff -urpNa -X dontdiff linux-2.6.25/a.h linux-2.6.25-rcu/a.h',
        '--- linux-2.6.25/a.h\t2008-04-16 19:49:44.000000000 -0700',
        '+++ linux-2.6.25-rcu/a.h\t2008-04-20 18:44:55.000000000 -0700',
        '@@ -1 +1 @@',
        '-a',
        '+b',
        '',
        'diff --git a/logo.png b/logo.png',
        'new file mode 100644',
        'index 0000000..b5a6c0e',
        'GIT binary patch',
        'literal 12',
        'TcmZ?wbhEHbWMp7uSOA>L2Bq',
        '',
        'literal 0',
        'HcmV?d00001',
        '',
        'diff --git a/old.c b/new.c',
        'similarity index 90%',
        'rename from old.c',
        'rename to new.c',
        'Binary files a/fw.bin and b/fw.bin differ',
        '',
        'Comments welcome.',
      ),
    );
    expect(kinds(segs)).toEqual(['diff', 'text']);
  });

  it('keeps a `---` that introduces notes, not a patch, as text', () => {
    const segs = seg(body('Signed-off-by: A <a@b.c>', '---', 'v2: fixed typo', '', 'Thanks'));
    expect(kinds(segs)).toEqual(['trailers', 'text']);
  });
});

describe('trailers', () => {
  it('makes a block of -by:, Fixes:, Link:, Cc: lines one segment', () => {
    const segs = seg(
      body(
        'Fix the race.',
        '',
        'Fixes: 1234567890ab ("mm: do something")',
        'Reported-and-tested-by: syzbot+8785e41224a3afd04321@syzkaller.appspotmail.com',
        'Link: https://lore.kernel.org/r/1@x',
        'Cc: stable@vger.kernel.org # 4.19+',
        '[bp: massage commit message]',
        'Co-developed-by: B <b@c.d>',
        'Signed-off-by: A <a@b.c>',
      ),
    );
    expect(kinds(segs)).toEqual(['text', 'trailers']);
    expect(segs[1]!.text.split('\n')).toHaveLength(7);
  });

  it('leaves a prose `Cc:` line or a lone `Link:` as text', () => {
    expect(kinds(seg(body('Thanks for the report.', 'Cc: Jens, can you take a look?', '', 'Link: https://x.y/z')))).toEqual(['text']);
    expect(kinds(seg('Acked-by: Ingo Molnar <mingo@elte.hu>'))).toEqual(['trailers']);
  });
});

describe('trace', () => {
  it('reads a timestamped oops, claims later timestamped lines, and ends at prose', () => {
    const segs = seg(
      body(
        "I've just got the following traces:",
        '',
        '[12844.066757] BUG: unable to handle kernel paging request at ffffffffffffffff',
        '[12844.066765] IP: [<ffffffff802a7b3c>] __d_lookup+0xf1/0x117',
        '[12844.066775] PGD 203067 PUD 204067 PMD 0 ',
        '[12844.066778] Oops: 0000 [1] SMP DEBUG_PAGEALLOC',
        '[12844.066784] Modules linked in: ip6t_LOG nf_conntrack_ipv6 xt_pkttype',
        '[12844.066854] Pid: 13078, comm: kio_file Tainted: G   M     2.6.25 #401',
        '[12844.066857] RIP: 0010:[<ffffffff802a7b3c>]  [<ffffffff802a7b3c>] __d_lookup+0xf1/0x117',
        '[12844.066861] RSP: 0018:ffff810064c5dc08  EFLAGS: 00010286',
        '[12844.066863] something the kernel printed meanwhile',
        '[12844.066873] R13: ffff810064c5dd08 R14: 000000005b3d8b1c ...',
        '',
        'I think they are related.',
      ),
    );
    expect(kinds(segs)).toEqual(['text', 'trace', 'text']);
    expect(segs[1]!.text.split('\n')).toHaveLength(10);
  });

  it('reads an oops without timestamps, with a wrapped `Modules linked in:` and `<IRQ>` frames', () => {
    const segs = seg(
      body(
        'WARNING: at net/ipv4/tcp_input.c:2776 tcp_fastretrans_alert+0xc7a/0xd10()',
        'Modules linked in: fuse ebtable_nat ipt_MASQUERADE rfcomm nf_conntrack_netbios_ns',
        ' videodev joydev iTCO_vendor_support snd ppdev hid_logitech_dj',
        ' pinctrl_amd',
        'CPU: 1 PID: 1797 Comm: amule Not tainted 3.10.11-100.fc18.x86_64 #1',
        'Hardware name: Hewlett-Packard HP 620/1526, BIOS 68PVI Ver. F.0A 02/10/2011',
        ' 0000000000000009 ffff88013fc83778 ffffffff81656735 ffff88013fc837b8',
        'Call Trace:',
        ' <IRQ>  [<ffffffff81656735>] dump_stack+0x19/0x1b',
        ' [<ffffffff8153f53f>] ? __kfree_skb+0x3f/0xa0',
        ' <EOI>',
        '---[ end trace 0a8c36f3081eaf7e ]---',
        '',
        'Any idea?',
      ),
    );
    expect(kinds(segs)).toEqual(['trace', 'text']);
  });

  it('reads a lockdep report with its blank-separated paragraphs', () => {
    const segs = seg(
      body(
        '======================================================',
        'WARNING: possible circular locking dependency detected',
        '6.13.0-rc1+ #2032 Not tainted',
        '------------------------------------------------------',
        'kworker/u8:7/558 is trying to acquire lock:',
        'ffff893982fdb858 (&q->q_usage_counter(io)){++++}-{0:0}, at: virtblk_freeze+0x28/0x70',
        '',
        'but task is already holding lock:',
        'ffff893982fdb890 (&q->mq_freeze_lock){+.+.}-{3:3}, at: blk_mq_freeze_queue+0x15/0x30',
        '',
        'which lock already depends on the new lock.',
        '',
        'the existing dependency chain (in reverse order) is:',
        '',
        '-> #1 (&q->mq_freeze_lock){+.+.}-{3:3}:',
        '       lock_acquire+0xd0/0x310',
        '',
        'other info that might help us debug this:',
        '',
        ' Possible unsafe locking scenario:',
        '',
        '       CPU0                    CPU1',
        '       ----                    ----',
        '  lock(&q->mq_freeze_lock);',
        '                               lock(&q->q_usage_counter(io));',
        '',
        ' *** DEADLOCK ***',
        '',
        '4 locks held by kworker/u8:7/558:',
        ' #0: ffff893980063948 ((wq_completion)async){+.+.}-{0:0}, at: process_one_work+0x1b3/0x590',
        '',
        'stack backtrace:',
        'CPU: 0 UID: 0 PID: 558 Comm: kworker/u8:7 Not tainted 6.13.0-rc1+ #2032',
        'Call Trace:',
        ' <TASK>',
        ' dump_stack_lvl+0x84/0xd0',
        ' </TASK>',
        '',
        'This started with -rc1.',
      ),
    );
    expect(kinds(segs)).toEqual(['trace', 'text']);
  });

  it('reads a syzbot KASAN report with its sections and memory dump', () => {
    const segs = seg(
      body(
        'syzbot found the following issue on:',
        '',
        '==================================================================',
        'BUG: KASAN: slab-out-of-bounds in crc16+0x206/0x280 lib/crc16.c:58',
        'Read of size 1 at addr ffff888075f5c0a8 by task syz-executor.2/15586',
        '',
        'CPU: 0 PID: 15586 Comm: syz-executor.2 Not tainted 6.2.0-rc6-syzkaller #0',
        'Call Trace:',
        ' <TASK>',
        ' __dump_stack lib/dump_stack.c:88 [inline]',
        ' dump_stack_lvl+0x1b1/0x290 lib/dump_stack.c:106',
        ' </TASK>',
        '',
        'Allocated by task 5119:',
        ' kasan_save_stack mm/kasan/common.c:45 [inline]',
        '',
        'The buggy address belongs to the object at ffff888075f5c000',
        ' which belongs to the cache kernfs_node_cache of size 168',
        'The buggy address is located 0 bytes to the right of',
        ' 168-byte region [ffff888075f5c000, ffff888075f5c0a8)',
        '',
        'The buggy address belongs to the physical page:',
        'page:ffffea0001d7d700 refcount:1 mapcount:0 mapping:0000000000000000 index:0x0 pfn:0x75f5c',
        'flags: 0xfff00000000200(slab|node=0|zone=1|lastcpupid=0x7ff)',
        'raw: 00fff00000000200 ffff8880129ebc80 dead000000000122 0000000000000000',
        'page dumped because: kasan: bad access detected',
        '',
        'Memory state around the buggy address:',
        ' ffff888075f5c000: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00',
        '>ffff888075f5c080: 00 00 00 00 00 fc fc fc fc fc fc fc fc 00 00 00',
        '                                  ^',
        '==================================================================',
        '',
        '',
        '---',
        'This report is generated by a bot. It may contain errors.',
      ),
    );
    expect(kinds(segs)).toEqual(['text', 'trace', 'text']);
    expect(segs[1]!.text.startsWith('=====')).toBe(true);
    expect(segs[1]!.text.endsWith('=====')).toBe(true);
  });

  it('reads an ARM oops (PC is at, pc : [<…>], Backtrace:) and a powerpc one (NIP [c…])', () => {
    const arm = seg(
      body(
        'Unable to handle kernel NULL pointer dereference at virtual address 00000009',
        'pgd = e8a60000',
        '[00000009] *pgd=00000000',
        'Internal error: Oops: 805 [#1] SMP ARM',
        'CPU: 1 PID: 431 Comm: systemd-logind Not tainted 3.17.8-300.fc21.armv7hl #1',
        'PC is at shmem_getpage_gfp+0x584/0x72c',
        'LR is at shmem_getpage_gfp+0x454/0x72c',
        'pc : [<c0333330>]    lr : [<c0333200>]    psr: 80070113',
        'sp : e8a59dd8  ip : 2d2f9000  fp : 00000000',
        'r10: e89fa198  r9 : 00000001  r8 : 000200da',
        'Flags: Nzcv  IRQs on  FIQs on  Mode SVC_32  ISA ARM  Segment user',
        'Control: 10c5387d  Table: a8a6004a  DAC: 00000015',
        'Stack: (0xe8a59dd8 to 0xe8a5a000)',
        '9de0: e89fa29c 00000001 00000000 00000000 000000d0 00000000 c0aba922 00000009',
        'Backtrace:',
        '[<c0333330>] (shmem_getpage_gfp) from [<c031c7a0>] (generic_perform_write+0xa8/0x1c0)',
        ' r7:df912310 r6:df912140 r5:c081745c r4:00000000',
        'Code: e5933000 e3530000 0a000002 (e5933000)',
      ),
    );
    expect(kinds(arm)).toEqual(['trace']);
    const ppc = seg(
      body(
        'NIP: c000000008068dfc LR: c000000008068df8 CTR: 00000000015c6170',
        'REGS: c000000010f92e30 TRAP: 0700 Not tainted (3.10.0-33.el7.ppc64)',
        'SOFTE: 0',
        'NIP [c000000008068dfc] .eeh_dev_check_failure+0x27c/0x390',
        'LR [c000000008068df8] .eeh_dev_check_failure+0x278/0x390',
        'PACATMSCRATCH [800000000280f032]',
        'Call Trace:',
        '[c000000010f930b0] [c000000008068df8] .eeh_dev_check_failure+0x278/0x390 (unreliable)',
        'Instruction dump:',
        '60000000 7f44d378 7f63db78 486c7eb9 60000000 7fe3fb78 48002d4d 60000000',
      ),
    );
    expect(kinds(ppc)).toEqual(['trace']);
  });

  it('reads hung-task and RCU-stall reports with syslog or caller-id prefixes', () => {
    const segs = seg(
      body(
        'Apr 20 12:00:01 host kernel: INFO: task jbd2/sda9-8:704 blocked for more than 120 seconds.',
        'Apr 20 12:00:01 host kernel:       Not tainted 5.15.0 #1',
        'Apr 20 12:00:01 host kernel: task:jbd2/sda9-8     state:D stack:    0 pid:  704',
        'Apr 20 12:00:01 host kernel: Call Trace:',
        'Apr 20 12:00:01 host kernel:  __schedule+0x2eb/0x8d0',
        '',
        '[  584.319520][   T31] rcu: INFO: rcu_preempt detected stalls on CPUs/tasks:',
        '[  584.319554][   T31] rcu: \t1-...!: (0 ticks this GP) idle=1234',
        '[  584.319578][   T31] \t(detected by 0, t=10502 jiffies, g=1234, q=5)',
        '<4>[  584.319601][   T31] Call trace:',
        '<4>[  584.319605][   T31]  __switch_to+0x2b0/0x6e0 (T)',
        '[   76.004476] [   T1175]  <TASK>',
        '[  T1175]  __schedule+0x51f/0x1a80',
      ),
    );
    expect(kinds(segs)).toEqual(['trace']);
  });

  it('starts on two pasted frame lines, not on one, nor on a syzbot title in prose', () => {
    const frames = seg(body('It dies here:', '  dump_stack+0x19/0x1b', '  warn_slowpath_common+0x70/0xa0', '', 'ok?'));
    expect(kinds(frames)).toEqual(['text', 'trace', 'text']);
    const one = seg(body('The fault is at __d_lookup+0xf1/0x117 in the', 'dcache code.'));
    expect(kinds(one)).toEqual(['text']);
    const titles = seg(
      body(
        'Other reports with the same cause:',
        '',
        'KASAN: slab-out-of-bounds Read in get_max_inline_xattr_value_size',
        '    https://syzkaller.appspot.com/bug?id=731e35eeed762019e385baa96953d9ec8eb63c10',
        'BUG: unable to handle kernel paging request in __d_lookup',
        'INFO: task hung in filename_unlinkat',
      ),
    );
    expect(kinds(titles)).toEqual(['text']);
  });

  it('bridges the kernel’s own prose inside a report but not a blank-separated comment', () => {
    const inside = seg(
      body(
        'WARNING: at drivers/iommu/intel_irq_remapping.c:533 intel_irq_remapping_supported+0x37/0x7a()',
        'This system BIOS has enabled interrupt remapping',
        'on a chipset that contains an erratum making that',
        'feature unstable.  To maintain system stability',
        'interrupt remapping is being disabled.  Please',
        'contact your BIOS vendor for an update',
        'Modules linked in:',
        'CPU: 0 PID: 1 Comm: swapper/0 Not tainted 3.10.12-100.fc18.x86_64 #1',
      ),
    );
    expect(kinds(inside)).toEqual(['trace']);
    const comment = seg(body('Call Trace:', ' dump_stack+0x19/0x1b', '', 'And then a second one:', '', 'Call Trace:', ' foo+0x1/0x2'));
    expect(kinds(comment)).toEqual(['trace', 'text', 'trace']);
  });
});

describe('log', () => {
  it('makes runs of timestamped or device lines a log, a single one stays text', () => {
    const segs = seg(
      body(
        'Boot says:',
        '[    1.234567] usb 1-1: new high-speed USB device number 2 using ehci-pci',
        '[    1.345678] EXT4-fs (sda1): mounted filesystem with ordered data mode',
        '',
        'and later [   67.420754] OOM killer disabled. appears once:',
        '[   67.420754] OOM killer disabled.',
        '',
        'usb 1-1: new high-speed USB device number 2 using ehci-pci',
        'sd 0:0:0:0: [sda] Attached SCSI disk',
        'EXT4-fs (sda1): mounted filesystem with ordered data mode',
      ),
    );
    expect(kinds(segs)).toEqual(['text', 'log', 'text', 'log']);
  });

  it('makes a shell session a log and stops it where a report starts', () => {
    const segs = seg(
      body(
        '$ git bisect bad',
        '7678abee0867e6b7fb89aa40f6e9f575f755fb37 is the first bad commit',
        '',
        '[root@localhost ~]# ./loadret',
        '[   84.618610] Freezing user space processes',
        '[   84.682946] ------------[ cut here ]------------',
        '[   84.683584] WARNING: CPU: 0 PID: 571 at drivers/base/syscore.c:103 syscore_resume+0x18a/0x220',
      ),
    );
    expect(kinds(segs)).toEqual(['log', 'trace']);
  });
});

describe('code', () => {
  it('makes indented C a code segment, with its header and column-0 braces', () => {
    const segs = seg(
      body(
        'The loop is:',
        '',
        '__up_console_sem()',
        '{',
        '\tprintk_safe_enter_irqsave(flags);',
        '\tup(&console_sem);',
        '\tprintk_safe_exit_irqrestore(flags);',
        '}',
        '',
        'which looks fine.',
      ),
    );
    expect(kinds(segs)).toEqual(['text', 'code', 'text']);
    expect(segs[1]!.text.startsWith('__up_console_sem()\n{')).toBe(true);
  });

  it('keeps indented prose as text, even with a call in it', () => {
    const segs = seg(
      body(
        '1.\tThe local variable is passed into a called function that is',
        '\talso invoked on shared storage.  In this case, the use of',
        '\trcu_dereference() on a local variable is the cost of common',
        '\tcode.',
        '',
        '\tprefetch(pos->next)',
      ),
    );
    expect(kinds(segs)).toEqual(['text']);
  });

  it('keeps a commit message indented by `git log` as text around the diagram it holds', () => {
    const segs = seg(
      body(
        '    The following race can lead to a loss of i_disksize update from truncate',
        '    thus resulting in a wrong inode size:',
        '    ',
        '    ext4_setattr()                          mpage_map_and_submit_extent()',
        '      EXT4_I(inode)->i_disksize = attr->ia_size;',
        '                                              if (disksize > EXT4_I(inode)->i_disksize)',
        '                                                ext4_update_i_disksize()',
        '      i_size_write(inode, attr->ia_size);',
        '    ',
        '    We fix the race by doing both updates in truncate under i_data_sem',
        '    and in mpage_map_and_submit_extent() we move the check as well.',
      ),
    );
    expect(kinds(segs)).toEqual(['text', 'code', 'text']);
    expect(segs[1]!.text.split('\n')).toHaveLength(5);
  });

  it('reads a gdb session with its numbered listing', () => {
    const segs = seg(
      body(
        'That is line 1250 in fs/dcache.c, btw:',
        '',
        '(gdb) l *__d_lookup+0xf1',
        '0xffffffff802a7b3c is in __d_lookup (/home/rafael/src/linux-2.6/fs/dcache.c:1250).',
        '1245            struct hlist_node *node;',
        '1247',
        '1250            hlist_for_each_entry_rcu(dentry, node, head, d_hash) {',
        '1254                            continue;',
      ),
    );
    expect(kinds(segs)).toEqual(['text', 'code']);
  });
});

describe('signature', () => {
  it('runs from `-- ` to the end when the tail is short', () => {
    const segs = seg(body('Thanks,', '-- ', 'Visit Openswan at http://www.openswan.org/', 'Email: Herbert Xu'));
    expect(kinds(segs)).toEqual(['text', 'signature']);
  });

  it('accepts a bare `--` only as a short last block, and list footers', () => {
    expect(kinds(seg(body('Ingo', '--')))).toEqual(['text', 'signature']);
    const footer = seg(
      body(
        'Reply.',
        '--',
        'To unsubscribe from this list: send the line "unsubscribe linux-kernel" in',
        'the body of a message to majordomo@vger.kernel.org',
        'More majordomo info at  http://vger.kernel.org/majordomo-info.html',
        'Please read the FAQ at  http://www.tux.org/lkml/',
      ),
    );
    expect(kinds(footer)).toEqual(['text', 'signature']);
    const mailman = seg(
      body(
        'Reply.',
        '',
        '_______________________________________________',
        'Linux-nvme mailing list',
        'http://lists.infradead.org/mailman/listinfo/linux-nvme',
      ),
    );
    expect(kinds(mailman)).toEqual(['text', 'signature']);
  });

  it('is not a signature when the tail is long or holds a report', () => {
    const long = ['A', '-- ', ...Array.from({ length: 13 }, (_, k) => `line ${k}`)];
    expect(kinds(seg(body(...long)))).toEqual(['text']);
    const oops = seg(body('Here:', '--', 'BUG: unable to handle kernel NULL pointer dereference at 0000000000000008', 'Call Trace:'));
    expect(kinds(oops)).toEqual(['text', 'trace']);
  });
});

describe('headers', () => {
  it('reads the forwarded patch of seed 000 (lines 349–405): scrape headers, forwarded headers, trailers, diff', () => {
    const segs = seg(readSeedExcerpt());
    expect(kinds(segs)).toEqual(['headers', 'text', 'headers', 'text', 'trailers', 'diff']);
    expect(segs[0]!.text).toBe('From: Ingo Molnar\nDate: Monday, April 21, 2008 - 6:00 am');
    expect(segs[2]!.text.split('\n')).toEqual([
      '-------------------->',
      'Subject: RCU, list.h: fix list iterators',
      'From: "Paul E. McKenney" <paulmck@linux.vnet.ibm.com>',
      'Date: Sun, 20 Apr 2008 21:59:13 -0700',
    ]);
  });

  it('reads Original Message blocks, format-patch `From <sha>` blocks and folded lines', () => {
    const outlook = seg(
      body(
        'Top post.',
        '',
        '-----Original Message-----',
        'From: Alan Stern [mailto:stern@rowland.harvard.edu]',
        'Sent: Monday, May 11, 2009 10:50 AM',
        'To: Someone',
        'Subject: Re: oops',
        '',
        'Old text.',
      ),
    );
    expect(kinds(outlook)).toEqual(['text', 'headers', 'text']);
    const fp = seg(
      body(
        'From 0123456789abcdef0123456789abcdef01234567 Mon Sep 17 00:00:00 2001',
        'From: A <a@b.c>',
        'Date: Tue, 30 Aug 2022 11:19:07 -0400',
        'Cc: Dev One <one@example.com>,',
        ' Dev Two <two@example.com>',
        'Subject: [PATCH] x',
        '',
        'Body.',
      ),
    );
    expect(kinds(fp)).toEqual(['headers', 'text']);
    expect(fp[0]!.text.split('\n')).toHaveLength(6);
  });

  it('needs two header lines (or a separator) and a From/To/Subject/Date among them', () => {
    expect(kinds(seg(body('Date: tomorrow works for me.', 'See you.')))).toEqual(['text']);
    expect(kinds(seg(body('Cc: a@b.c', 'Cc: d@e.f')))).toEqual(['text']);
  });
});

// ---- Real data -------------------------------------------------------------------------------------------

const CORPUS = join(import.meta.dirname, '../../../shared/corpus');
const SEEDS = join(import.meta.dirname, '../../../shared/seeds');
const OOPSES = join(CORPUS, 'satyr/tests/kerneloopses');
const haveCorpus = existsSync(OOPSES);

/** Seed 000 lines 349–405 (Ingo forwarding Paul's patch), cut where the archive cut it. */
function readSeedExcerpt(): string {
  const file = join(SEEDS, '000_d5f8a1cfcba163cf.txt');
  if (existsSync(file)) return readFileSync(file, 'utf8').split('\n').slice(348, 405).join('\n');
  return body(
    'From: Ingo Molnar',
    'Date: Monday, April 21, 2008 - 6:00 am',
    '',
    'i have queued up your patch in its form below.',
    '',
    '-------------------->',
    'Subject: RCU, list.h: fix list iterators',
    'From: "Paul E. McKenney" <paulmck@linux.vnet.ibm.com>',
    'Date: Sun, 20 Apr 2008 21:59:13 -0700',
    '',
    'RCU list iterators: fix.',
    '',
    'Signed-off-by: Ingo Molnar <mingo@elte.hu>',
    '---',
    ' include/linux/list.h |   48 ++++---',
    ' 1 file changed, 15 insertions(+), 33 deletions(-)',
    'Index: linux/include/linux/list.h',
    '===================================================================',
    '--- linux.orig/include/linux/list.h',
    '+++ linux/include/linux/list.h',
    '@@ -631,31 +631,14 @@',
    '-a ...',
  );
}

/** Decoded bodies of the messages of an mbox (mboxrd `>From ` unescaped). */
async function mboxBodies(file: string): Promise<string[]> {
  const raw = readFileSync(file, 'utf8');
  const bodies: string[] = [];
  for (const msg of raw.split(/^From (?=\S+ .*\d{4}\s*$)/m)) {
    if (!msg.trim()) continue;
    const parsed = await simpleParser(msg.slice(msg.indexOf('\n') + 1).replace(/^>(>*From )/gm, '$1'));
    if (parsed.text) bodies.push(parsed.text.replace(/\r\n/g, '\n'));
  }
  return bodies;
}

describe.skipIf(!haveCorpus)('real data (../shared/corpus)', () => {
  const FRAME = /\[<[0-9a-f]+>\]|\+0x[0-9a-f]+\/0x[0-9a-f]+|Call Trace:/;

  it('turns every satyr oops into trace segments that hold all its frames, losing no line', () => {
    const files = readdirSync(OOPSES).sort();
    expect(files.length).toBeGreaterThan(40);
    for (const f of files) {
      const text = readFileSync(join(OOPSES, f), 'utf8');
      const segs = seg(text);
      const traced = new Set(find(segs, 'trace').flatMap((s) => s.text.split('\n')));
      expect(traced.size, f).toBeGreaterThan(0);
      const frames = text.split('\n').filter((l) => FRAME.test(l));
      expect(
        frames.filter((l) => !traced.has(l)),
        f,
      ).toEqual([]);
    }
  });

  it('keeps the invariants on syzkaller console logs and finds their report', () => {
    const dir = join(CORPUS, 'syzkaller/pkg/report/testdata/linux/report');
    const files = readdirSync(dir)
      .sort((a, b) => Number(a) - Number(b))
      .slice(0, 120);
    let withTrace = 0;
    for (const f of files) {
      const segs = seg(readFileSync(join(dir, f), 'utf8'));
      if (find(segs, 'trace').length > 0) withTrace++;
    }
    expect(withTrace / files.length).toBeGreaterThan(0.9);
  });

  it('keeps the invariants on lore threads, b4 patches and seed scrapes', async () => {
    const mboxes = [
      'linux-mailinglist-archives/linux-ext4.vger.kernel.org.0/threads/03-lockdep-warnings-on-kexec-virtio-blk-hrtimers.mbox',
      'linux-mailinglist-archives/linux-ext4.vger.kernel.org.0/threads/04-syzbot-ext4-kasan-slab-out-of-bounds-read-in-ext4-group-desc-csum.mbox',
      'linux-mailinglist-archives/linux-ext4.vger.kernel.org.0/threads/07-syzbot-possible-deadlock-in-jbd2-journal-lock-updates.mbox',
      'linux-mailinglist-archives/kasan-dev.googlegroups.com.0/threads/07-patch-kcov-usb-fix-invalid-context-sleep-in-softirq-path-on-preempt-rt.mbox',
      'b4/src/tests/samples/trailers-followup-with-diffstat.mbox',
      'b4/src/tests/samples/trailers-thread-with-cover-followup.mbox',
    ];
    const counts: Record<string, number> = {};
    for (const m of mboxes) {
      for (const text of await mboxBodies(join(CORPUS, m))) {
        // A few hundred lines per body is enough to meet every kind; whole bodies are checked too when short.
        const cut = text.split('\n').slice(0, 400).join('\n');
        for (const s of seg(cut)) counts[s.kind] = (counts[s.kind] ?? 0) + 1;
      }
    }
    for (const k of ['text', 'quote', 'diff', 'trace', 'trailers', 'signature', 'log', 'code']) {
      expect(counts[k] ?? 0, k).toBeGreaterThan(0);
    }
    for (const f of readdirSync(SEEDS)) seg(readFileSync(join(SEEDS, f), 'utf8'));
  });

  it('finds the first report of a syzbot thread as one trace after its prose header', async () => {
    const [first] = await mboxBodies(
      join(CORPUS, 'linux-mailinglist-archives/linux-ext4.vger.kernel.org.0/threads/04-syzbot-ext4-kasan-slab-out-of-bounds-read-in-ext4-group-desc-csum.mbox'),
    );
    const segs = seg(first!);
    expect(kinds(segs).slice(0, 3)).toEqual(['text', 'trailers', 'trace']);
    expect(find(segs, 'trace')).toHaveLength(1);
    expect(find(segs, 'trace')[0]!.text).toContain('Memory state around the buggy address:');
  });
});

// ---- Time -----------------------------------------------------------------------------------------------

describe('linear time', () => {
  const SIZE = 5 * 1024 * 1024;
  const repeat = (unit: string): string => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);
  const mixedUnit = (): string => {
    const parts = [readSeedExcerpt()];
    if (haveCorpus) for (const f of readdirSync(OOPSES)) parts.push(readFileSync(join(OOPSES, f), 'utf8'));
    return `${parts.join('\n\n')}\n\n`;
  };

  it('segments a 5 MB body of real mail and oopses in linear time', () => {
    const text = repeat(mixedUnit());
    const t0 = performance.now();
    const segs = segmentBody(text);
    const ms = performance.now() - t0;
    expect(segs.length).toBeGreaterThan(100);
    expect(ms).toBeLessThan(budget(2000));
  });

  it.each([
    ['one 5 MB line', 'x'],
    ['quote markers only', '>'],
    ['a quoted copy of everything', '> > '],
    ['hex rows with a bad tail', `${'ab '.repeat(150)}!\n`],
    ['a hunk whose counts never end', '@@ -1,99999999 +1,99999999 @@\n-a\ngarbage line\n'],
    ['indented prose', '    just some prose here, nothing else\n'],
    ['frames', ' [<ffffffff81656735>] dump_stack+0x19/0x1b\n'],
  ])('stays linear on %s (5 MB)', (_name, unit) => {
    const text = repeat(unit);
    const t0 = performance.now();
    segmentBody(text);
    expect(performance.now() - t0).toBeLessThan(budget(2000));
  });

  // Over a million tiny lines cost a few hundred ns each (every detector looks at every line), about a second
  // in all; the looser bound still fails any super-linear path, which would take minutes at this size.
  it.each([
    ['signature dashes', '-- \n'],
    ['lone minus signs', '-\n'],
    ['header-like lines', 'X-Foo: bar\n'],
    ['blank lines', '\n'],
  ])('stays linear on a million lines of %s (5 MB)', (_name, unit) => {
    const text = repeat(unit);
    const t0 = performance.now();
    segmentBody(text);
    expect(performance.now() - t0).toBeLessThan(budget(5000));
  });
});
