// Crash-report detection and syzbot-style titling (src/analysis/symptoms/): one inline report per kind
// of report, the seed threads, deduplication across a thread, and syzbot's own test data.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { measureTitles } from '../../scripts/eval-titles.ts';
import { findCrashReports, findSymptoms } from '../../src/analysis/symptoms/index.ts';
import { inspectSource } from '../../src/casebook.ts';
import type { Message, Segment, Thread } from '../../src/thread/types.ts';
import { hasShared, SEEDS } from '../helpers/paths.ts';
import { first, log } from '../helpers/crash-log.ts';

describe('findCrashReports: oopses', () => {
  it('x86_64 paging request (2.6-era IP: line, taint flags, mail indentation)', () => {
    const r = first(`
      BUG: unable to handle kernel paging request at ffffffffffffffff
      IP: [<ffffffff802a7b3c>] __d_lookup+0xf1/0x117
      PGD 203067 PUD 204067 PMD 0
      Oops: 0000 [1] SMP DEBUG_PAGEALLOC
      CPU 1
      Pid: 13078, comm: kio_file Tainted: G   M     2.6.25 #401
      RIP: 0010:[<ffffffff802a7b3c>]  [<ffffffff802a7b3c>] __d_lookup+0xf1/0x117
      RSP: 0018:ffff810064c5dc08  EFLAGS: 00010286
      Call Trace:
       [<ffffffff802a0f3c>] do_lookup+0x2c/0x1b0
       [<ffffffff802a2a4d>] __link_path_walk+0x38d/0xd80
    `);
    expect(r).toMatchObject({
      title: 'BUG: unable to handle kernel paging request in __d_lookup',
      kind: 'oops',
      function: '__d_lookup',
      kernelVersion: '2.6.25',
      tainted: 'G M',
      arch: 'x86_64',
      guiltyFrame: '__d_lookup+0xf1/0x117',
      startLine: 1,
      endLine: 11,
    });
    expect(r.frames).toEqual(['do_lookup', '__link_path_walk']);
  });

  it('NULL pointer dereference with a modern RIP line and printk caller ids', () => {
    const r = first(`
      [   35.118201][ T1234] BUG: kernel NULL pointer dereference, address: 0000000000000008
      [   35.118202][ T1234] #PF: supervisor read access in kernel mode
      [   35.118203][ T1234] Oops: 0000 [#1] PREEMPT SMP KASAN
      [   35.118204][ T1234] CPU: 1 PID: 1234 Comm: syz-executor.3 Not tainted 6.1.0-rc1 #1
      [   35.118205][ T1234] RIP: 0010:foo_release+0x1c/0x80 drivers/foo/foo.c:42
      [   35.118206][ T1234] Call Trace:
      [   35.118207][ T1234]  <TASK>
      [   35.118208][ T1234]  __fput+0x27a/0x8e0 fs/file_table.c:320
      [   35.118209][ T1234]  task_work_run+0x16b/0x270 kernel/task_work.c:179
      [   35.118210][ T1234]  </TASK>
    `);
    expect(r).toMatchObject({
      title: 'BUG: unable to handle kernel NULL pointer dereference in foo_release',
      kind: 'oops',
      function: 'foo_release',
      kernelVersion: '6.1.0-rc1',
      tainted: null,
      arch: 'x86_64',
      guiltyFrame: 'foo_release+0x1c/0x80 drivers/foo/foo.c:42',
    });
  });

  it('general protection fault: the RIP function, with KASAN shadow noise before it', () => {
    const r = first(`
      general protection fault, probably for non-canonical address 0xdffffc0000000001: 0000 [#1] PREEMPT SMP KASAN
      KASAN: null-ptr-deref in range [0x0000000000000008-0x000000000000000f]
      CPU: 0 PID: 5100 Comm: syz-executor Not tainted 6.2.0-rc5-syzkaller-00205-gc96618275234 #0
      RIP: 0010:ext4_xattr_set_entry+0x1b4/0x3ae0 fs/ext4/xattr.c:1650
      Call Trace:
       <TASK>
       ext4_xattr_ibody_set+0x77/0x2f0 fs/ext4/xattr.c:2231
    `);
    expect(r).toMatchObject({ title: 'general protection fault in ext4_xattr_set_entry', kind: 'gpf', arch: 'x86_64' });
    expect(r.kernelVersion).toBe('6.2.0-rc5-syzkaller-00205-gc96618275234');
  });

  it('arm: "Unable to handle kernel NULL pointer dereference", PC is at, old frame format', () => {
    const r = first(`
      Unable to handle kernel NULL pointer dereference at virtual address 0000000d
      pgd = c0004000
      Internal error: Oops: 1 [#1]
      Modules linked in:
      CPU: 0    Not tainted  (2.6.22-rc5 #1)
      PC is at get_index+0x1c/0x50
      LR is at prio_tree_next+0x60/0x194
      pc : [<c01098ac>]    lr : [<c0109fc4>]    Not tainted
      Backtrace:
      [<c0109e98>] (prio_tree_next+0x0/0x194) from [<c0082a0c>] (vma_prio_tree_next+0x28/0x58)
    `);
    expect(r).toMatchObject({
      title: 'BUG: unable to handle kernel NULL pointer dereference in get_index',
      kind: 'oops',
      function: 'get_index',
      kernelVersion: '2.6.22-rc5',
      arch: 'arm',
    });
  });

  it('arm64, powerpc and i386 are told by their register dumps', () => {
    expect(
      first(`
        Unable to handle kernel paging request at virtual address dfff800000000004
        Internal error: Oops: 96000005 [#1] PREEMPT SMP
        CPU: 1 PID: 3164 Comm: syz-executor Not tainted 6.0.0-rc7 #0
        pc : xfrm_policy_lookup+0x40/0x2f0 net/xfrm/xfrm_policy.c:2012
        lr : xfrm_policy_lookup+0x2c/0x2f0 net/xfrm/xfrm_policy.c:2008
        sp : ffff80000f5e3a10
        x29: ffff80000f5e3a10 x28: ffff0000c6e0a280 x27: 0000000000000000
        Call trace:
         xfrm_policy_lookup+0x40/0x2f0 net/xfrm/xfrm_policy.c:2012
      `),
    ).toMatchObject({ title: 'BUG: unable to handle kernel paging request in xfrm_policy_lookup', arch: 'arm64' });
    expect(
      first(`
        Unable to handle kernel paging request for data at address 0x00000010
        Oops: Kernel access of bad area, sig: 11 [#1]
        NIP: c00000000002c8f4 LR: c00000000002c8e0 CTR: 0000000000000000
        NIP [c00000000002c8f4] .eeh_dev_check_failure+0x27c/0x390
        LR [c00000000002c8e0] .eeh_dev_check_failure+0x268/0x390
        Call Trace:
        [c000000010f930b0] [c000000008028668] .rtas_read_config+0x128/0x170
      `),
    ).toMatchObject({ title: 'BUG: unable to handle kernel paging request in eeh_dev_check_failure', arch: 'powerpc' });
    expect(
      first(`
        BUG: unable to handle kernel NULL pointer dereference at virtual address 00000004
        printing eip: c01d4d2b
        Oops: 0000 [#1]
        EIP:    0060:[<c01d4d2b>]    Not tainted VLI
        EIP is at list_del+0xb/0x60
        eax: 00000000   ebx: f7e0e000   ecx: 00000000   edx: 00000000
      `),
    ).toMatchObject({ kind: 'oops', arch: 'i386' });
  });

  it('a module frame in the old `:module:func` form names the function', () => {
    const r = first(`
      BUG: unable to handle kernel paging request at ffffc20004500140
      IP: [<ffffffffa04e7b38>] :nvidia:_nv003832rm+0x1d/0x22
      Oops: 0000 [1] PREEMPT SMP DEBUG_PAGEALLOC
      Pid: 0, comm: swapper Tainted: P\t 2.6.25-rc6-sched-devel.git-x86-latest.git #2
      RIP: 0010:[<ffffffffa04e7b38>]  [<ffffffffa04e7b38>] :nvidia:_nv003832rm+0x1d/0x22
    `);
    expect(r).toMatchObject({
      title: 'BUG: unable to handle kernel paging request in _nv003832rm',
      function: '_nv003832rm',
      kernelVersion: '2.6.25-rc6-sched-devel.git-x86-latest.git',
      tainted: 'P',
      arch: 'x86_64',
    });
  });

  it('a bare "Oops:" line (the BUG line above it not pasted)', () => {
    const r = first(`
      Oops: 0002 [#1] SMP
      Pid: 1, comm: swapper Not tainted 2.6.32 #1
      RIP: 0010:[<ffffffff81234567>]  [<ffffffff81234567>] bar_probe+0x20/0x100
    `);
    expect(r).toMatchObject({ title: 'Oops in bar_probe', kind: 'oops', function: 'bar_probe' });
  });
});

describe('findCrashReports: BUGs and panics', () => {
  it('kernel BUG at file:line → kernel BUG in the RIP function', () => {
    const r = first(`
      [  100.1][    C0] ------------[ cut here ]------------
      [  100.2][    C0] kernel BUG at fs/ext4/extents_status.c:898!
      [  100.3][    C0] invalid opcode: 0000 [#1] PREEMPT SMP KASAN
      [  100.4][    C0] RIP: 0010:ext4_es_cache_extent+0x5e1/0x640 fs/ext4/extents_status.c:898
      [  100.5][    C0] Call Trace:
      [  100.6][    C0]  ext4_cache_extents+0x1b2/0x2e0 fs/ext4/extents.c:538
      [  100.7][    C0] Kernel panic - not syncing: Fatal exception
    `);
    expect(r).toMatchObject({ title: 'kernel BUG in ext4_es_cache_extent', kind: 'bug', function: 'ext4_es_cache_extent' });
    // The panic that follows belongs to the report.
    expect(
      findCrashReports(
        log(`
      kernel BUG at fs/ext4/extents_status.c:898!
      invalid opcode: 0000 [#1] PREEMPT SMP KASAN
      RIP: 0010:ext4_es_cache_extent+0x5e1/0x640
      Kernel panic - not syncing: Fatal exception
    `),
      ),
    ).toHaveLength(1);
  });

  it('scheduling while atomic and sleeping function called from invalid context', () => {
    expect(
      first(`
        BUG: scheduling while atomic: swapper/0/0x00000002
        Modules linked in:
        Pid: 0, comm: swapper Not tainted 2.6.31 #1
        Call Trace:
         [<ffffffff8103ad3d>] __schedule_bug+0x5d/0x70
         [<ffffffff813f3c16>] schedule+0x5d6/0x8c0
         [<ffffffff8105e2a1>] do_nanosleep+0x81/0xc0
      `),
    ).toMatchObject({ title: 'BUG: scheduling while atomic in do_nanosleep', kind: 'bug', function: 'do_nanosleep' });
    expect(
      first(`
        BUG: sleeping function called from invalid context at mm/slab.c:3054
        in_atomic(): 1, irqs_disabled(): 0, pid: 1, name: swapper
        Call Trace:
         [<ffffffff81037ec0>] __might_sleep+0xd0/0xf0
         [<ffffffff810b1234>] kmem_cache_alloc+0x44/0x160
         [<ffffffff81345678>] put_cmsg+0x38/0x120
      `),
    ).toMatchObject({ title: 'BUG: sleeping function called from invalid context in put_cmsg', kind: 'bug' });
  });

  it('soft lockup: the frame above the first dispatcher, not the looping leaf', () => {
    const r = first(`
      watchdog: BUG: soft lockup - CPU#1 stuck for 22s! [syz-executor:1234]
      CPU: 1 PID: 1234 Comm: syz-executor Not tainted 5.10.0 #1
      RIP: 0010:native_queued_spin_lock_slowpath+0x1c0/0x800
      Call Trace:
       do_raw_spin_lock+0x1f0/0x200
       foo_ioctl+0x200/0x300
       __x64_sys_ioctl+0x19a/0x210
       do_syscall_64+0x2d/0x70
       entry_SYSCALL_64_after_hwframe+0x44/0xa9
    `);
    // ioctl is a dispatcher: the handler under it names the device.
    expect(r).toMatchObject({ title: 'BUG: soft lockup in foo_ioctl', kind: 'hang' });
  });

  it('memory leak: from the "BUG: memory leak" line or a bare kmemleak record', () => {
    const record = `
      unreferenced object 0xffff88810b1c4c00 (size 1024):
        comm "syz-executor", pid 3600, jiffies 4294944562 (age 14.500s)
        hex dump (first 32 bytes):
          00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  ................
        backtrace:
          [<ffffffff8146ff7a>] kmalloc include/linux/slab.h:600 [inline]
          [<ffffffff8146ff7a>] kzalloc+0x1a/0x20
          [<ffffffff83cf5d3a>] hci_conn_add+0x5a/0x8e0 net/bluetooth/hci_conn.c:958
          [<ffffffff83cf9a6b>] hci_connect_acl+0x1bb/0x230
    `;
    expect(first(`BUG: memory leak\n${record}`)).toMatchObject({ title: 'memory leak in hci_conn_add', kind: 'other' });
    expect(first(record)).toMatchObject({ title: 'memory leak in hci_conn_add', function: 'hci_conn_add' });
  });

  it('list corruption: the lead-in line opens the report, the BUG line titles it', () => {
    const reports = findCrashReports(
      log(`
      list_del corruption. next->prev should be ffff8801d8caa528, but was ffffffff868a8010
      ------------[ cut here ]------------
      kernel BUG at lib/list_debug.c:53!
      invalid opcode: 0000 [#1] SMP KASAN
      Call Trace:
       __list_del_entry include/linux/list.h:117 [inline]
       list_del_rcu include/linux/rculist.h:130 [inline]
       __dev_remove_pack+0x1d8/0x2f0 net/core/dev.c:422
    `),
    );
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ title: 'BUG: corrupted list in __dev_remove_pack', kind: 'bug', startLine: 1 });
  });

  it('refcount_t saturation titled after the WARNING it leads into', () => {
    const r = first(`
      refcount_t: increment on 0; use-after-free.
      WARNING: CPU: 0 PID: 5 at lib/refcount.c:153 refcount_inc+0x47/0x50 lib/refcount.c:153
      RIP: 0010:refcount_inc+0x47/0x50 lib/refcount.c:153
      Call Trace:
       get_net include/net/net_namespace.h:203 [inline]
       dev_activate+0x1b0/0x800 net/sched/sch_generic.c:1216
    `);
    expect(r).toMatchObject({ title: 'WARNING: refcount bug in dev_activate', kind: 'warning', startLine: 1 });
  });

  it('a panic that names its function (`panic("%pS: …")`) gives it as the function', () => {
    const r = first('Kernel panic - not syncing: kasan_populate_pmd+0x142/0x1d2: Failed to allocate page, nid=0 from=1000000\n');
    expect(r).toMatchObject({
      title: 'kernel panic: kasan_populate_pmd: Failed to allocate page, nid=NUM from=ADDR',
      kind: 'panic',
      function: 'kasan_populate_pmd',
    });
  });

  it('Kernel panic - not syncing on its own', () => {
    const r = first(`
      [    2.345678] VFS: Cannot open root device "sda1" or unknown-block(0,0): error -6
      [    2.345679] Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)
      [    2.345680] CPU: 0 PID: 1 Comm: swapper/0 Not tainted 5.15.0 #1
    `);
    expect(r).toMatchObject({
      title: 'kernel panic: VFS: Unable to mount root fs on unknown-block(NUM,NUM)',
      kind: 'panic',
      function: null,
      kernelVersion: '5.15.0',
    });
  });
});

describe('findCrashReports: WARNINGs', () => {
  it('modern WARNING: the trapping RIP function', () => {
    const r = first(`
      ------------[ cut here ]------------
      WARNING: CPU: 0 PID: 1 at fs/ext4/inode.c:5348 ext4_write_inode+0x4e8/0x580 fs/ext4/inode.c:5348
      Modules linked in:
      CPU: 0 PID: 1 Comm: syz-executor Not tainted 5.6.0-rc2-syzkaller #0
      RIP: 0010:ext4_write_inode+0x4e8/0x580 fs/ext4/inode.c:5348
      Call Trace:
       write_inode fs/fs-writeback.c:1312 [inline]
       __writeback_single_inode+0xa4c/0x1030 fs/fs-writeback.c:1511
    `);
    expect(r).toMatchObject({ title: 'WARNING in ext4_write_inode', kind: 'warning', function: 'ext4_write_inode', startLine: 2 });
  });

  it('old-style "WARNING: at file:line func+0x…()" from the call trace', () => {
    const r = first(`
      WARNING: at drivers/base/power/main.c:78 device_pm_add+0x6c/0x10c()
      Pid: 1, comm: swapper Not tainted 2.6.25-git2 #5
      Call Trace:
       [<ffffffff8023dc7f>] warn_on_slowpath+0x51/0x77
       [<ffffffff8036a6d6>] device_pm_add+0x6c/0x10c
       [<ffffffff80362bd7>] device_add+0x2f7/0x5d0
    `);
    expect(r).toMatchObject({ title: 'WARNING in device_pm_add', kind: 'warning', kernelVersion: '2.6.25-git2' });
  });

  it('messages that say "WARNING:" without reporting a bug are not reports', () => {
    expect(findCrashReports('WARNING: /etc/ssh/moduli does not exist, using fixed modulus\n')).toEqual([]);
    expect(findCrashReports('I keep seeing this in my logs, no BUG or oops though.\n')).toEqual([]);
  });
});

describe('findCrashReports: sanitizers', () => {
  it('KASAN: the access type from "Read of size", the function from the header line', () => {
    const r = first(`
      ==================================================================
      BUG: KASAN: use-after-free in xhci_trb_virt_to_dma+0x2a/0x70 drivers/usb/host/xhci-ring.c:83
      Read of size 8 at addr ffff88801d2c8fa8 by task kworker/0:2/4321

      CPU: 0 PID: 4321 Comm: kworker/0:2 Not tainted 6.1.0 #1
      Call Trace:
       <TASK>
       dump_stack_lvl+0xcd/0x134 lib/dump_stack.c:106
       kasan_report+0xbf/0x1f0 mm/kasan/report.c:495
       xhci_trb_virt_to_dma+0x2a/0x70 drivers/usb/host/xhci-ring.c:83
       handle_tx_event+0x6f1/0x3e60 drivers/usb/host/xhci-ring.c:2610

      Allocated by task 1:
       xhci_segment_alloc+0x44/0x2d0 drivers/usb/host/xhci-mem.c:36
      ==================================================================
    `);
    expect(r).toMatchObject({ title: 'KASAN: use-after-free Read in xhci_trb_virt_to_dma', kind: 'kasan', function: 'xhci_trb_virt_to_dma' });
    // The allocation stack is another stack; the report's is the Call Trace.
    expect(r.frames).toEqual(['dump_stack_lvl', 'kasan_report', 'xhci_trb_virt_to_dma', 'handle_tx_event']);
  });

  it('KASAN through a memcpy: the caller, since string helpers are skipped', () => {
    const r = first(`
      BUG: KASAN: slab-out-of-bounds in memcpy include/linux/fortify-string.h:57 [inline]
      BUG: KASAN: slab-out-of-bounds in ext4_xattr_set_entry+0x10a/0x2e0 fs/ext4/xattr.c:1736
      Write of size 4 at addr ffff888012345678 by task syz/1
      Call Trace:
       ext4_xattr_set_entry+0x10a/0x2e0 fs/ext4/xattr.c:1736
    `);
    expect(r.title).toBe('KASAN: slab-out-of-bounds Write in ext4_xattr_set_entry');
    // A symbolizer's inline expansion of the header is one report, not two.
    expect(
      findCrashReports(
        log(`
      BUG: KASAN: slab-out-of-bounds in memcpy include/linux/fortify-string.h:57 [inline]
      BUG: KASAN: slab-out-of-bounds in ext4_xattr_set_entry+0x10a/0x2e0 fs/ext4/xattr.c:1736
      Write of size 4 at addr ffff888012345678 by task syz/1
    `),
      ),
    ).toHaveLength(1);
  });

  it('KMSAN, KCSAN and UBSAN, each of its own kind (KCSAN counts with KASAN)', () => {
    expect(
      first(`
        BUG: KMSAN: uninit-value in prepare_task_switch+0x284/0xd00
         prepare_task_switch+0x284/0xd00
         __schedule+0x2da/0x520

        Local variable ----path@step_into created at:
         step_into+0xbc/0x1a00
      `),
    ).toMatchObject({ title: 'KMSAN: uninit-value in prepare_task_switch', kind: 'kmsan' });
    expect(
      first(`
        ==================================================================
        BUG: KCSAN: data-race in ext4_mark_iloc_dirty / ext4_mark_iloc_dirty

        write to 0xffff8881 of 4 bytes by task 123 on cpu 1:
         ext4_mark_iloc_dirty+0x19a/0x1a0
      `),
    ).toMatchObject({ title: 'KCSAN: data-race in ext4_mark_iloc_dirty / ext4_mark_iloc_dirty', kind: 'kasan' });
    expect(
      first(`
        ================================================================================
        UBSAN: array-index-out-of-bounds in drivers/net/foo.c:123:45
        index 8 is out of range for type 'u8 [8]'
        CPU: 0 PID: 1 Comm: swapper/0 Not tainted 5.10.0 #1
        Call Trace:
         dump_stack+0x107/0x163
         ubsan_epilogue+0xb/0x5a
         __ubsan_handle_out_of_bounds.cold+0x62/0x6c
         foo_parse_frame+0x3c1/0x400
      `),
    ).toMatchObject({ title: 'UBSAN: array-index-out-of-bounds in foo_parse_frame', kind: 'ubsan', function: 'foo_parse_frame' });
  });
});

describe('findCrashReports: lockdep, stalls and hangs', () => {
  it('possible circular locking dependency → possible deadlock in the acquiring function', () => {
    const r = first(`
      ======================================================
      WARNING: possible circular locking dependency detected
      5.19.0-next-20220808-syzkaller #0 Not tainted
      ------------------------------------------------------
      syz-executor.2/4321 is trying to acquire lock:
      ffff8880 (&journal->j_barrier){+.+.}-{3:3}, at: jbd2_journal_lock_updates+0x16d/0x310 fs/jbd2/transaction.c:905

      but task is already holding lock:
      ffff8881 (&sbi->s_writepages_rwsem){++++}-{0:0}, at: ext4_change_inode_journal_flag+0x16a/0x650 fs/ext4/inode.c:5993
    `);
    expect(r).toMatchObject({ title: 'possible deadlock in jbd2_journal_lock_updates', kind: 'lockdep', kernelVersion: '5.19.0-next-20220808-syzkaller' });
  });

  it('the bracketed lockdep banners of older kernels, with addresses eaten by a web archive', () => {
    const r = first(`
      =================================
      [ INFO: inconsistent lock state ]
      2.6.30-rc4-tip.hbkpt #31
      ---------------------------------
      inconsistent {SOFTIRQ-ON-W} -> {IN-SOFTIRQ-W} usage.
      swapper/0 [HC0[0]:SC1[1]:HE1:SE0] takes:
      (hw_breakpoint_lock){+.?...}, at: [] flush_thread_hw_breakpoint+0x16/0x75
      {SOFTIRQ-ON-W} state was registered at:
      [] __lock_acquire+0x2e8/0xb55
    `);
    expect(r).toMatchObject({ title: 'inconsistent lock state in flush_thread_hw_breakpoint', kind: 'lockdep', kernelVersion: '2.6.30-rc4-tip.hbkpt' });
  });

  it('bad unlock balance, invalid wait context, suspicious RCU usage', () => {
    expect(
      first(`
        =====================================
        WARNING: bad unlock balance detected!
        6.1.0 #1 Not tainted
        -------------------------------------
        syz/123 is trying to release lock (&q->lock) at:
        [<ffffffff81234567>] blk_queue_bio+0x2a2/0x380
        but there are no more locks to release!
        Call Trace:
         print_unlock_imbalance_bug+0x100/0x110
         lock_release+0x3c0/0x6d0
         blk_queue_bio+0x2a2/0x380
      `),
    ).toMatchObject({ title: 'WARNING: bad unlock balance in blk_queue_bio', kind: 'lockdep' });
    expect(
      first(`
        =============================
        [ BUG: Invalid wait context ]
        6.12.0-rc5-next-20241029 #1 Not tainted
        -----------------------------
        swapper/0/1 is trying to lock:
        Call Trace:
         <TASK>
         dump_stack_lvl+0x5d/0x80
         __lock_acquire+0x96c/0x1d30
         lock_acquire+0xc8/0x2c0
         _raw_spin_lock_irqsave+0x3d/0x60
         put_cpu_partial+0x48/0x130
      `),
    ).toMatchObject({ title: 'WARNING: locking bug in put_cpu_partial', kind: 'lockdep' });
    expect(
      first(`
        =============================
        WARNING: suspicious RCU usage
        6.1.0 #1 Not tainted
        -----------------------------
        include/linux/rcupdate.h:737 rcu_read_lock() used illegally while idle!
        Call Trace:
         dump_stack_lvl+0x5d/0x80
         lockdep_rcu_suspicious+0x100/0x150
         rcu_read_lock+0x30/0x40
         cpuacct_charge+0x94/0x1f4
      `),
    ).toMatchObject({ title: 'WARNING: suspicious RCU usage in cpuacct_charge', kind: 'lockdep' });
  });

  it('RCU stall: titled from the interrupted code above the syscall entry', () => {
    const r = first(`
      rcu: INFO: rcu_preempt detected stalls on CPUs/tasks:
      rcu: 	1-...!: (10499 ticks this GP) idle=bf2/1/0x4000000000000000
      NMI backtrace for cpu 1
      CPU: 1 PID: 9000 Comm: syz-executor Not tainted 5.4.0-rc1 #0
      Call Trace:
       <IRQ>
       apic_timer_interrupt+0xf/0x20 arch/x86/entry/entry_64.S:830
       </IRQ>
      RIP: 0010:__sanitizer_cov_trace_pc+0x0/0x50
       ext4_es_lookup_extent+0x100/0x200
       ext4_write_checks+0x200/0x300
       ext4_file_write_iter+0x100/0x200
       new_sync_write+0x4d3/0x770
       __vfs_write+0xe1/0x110
       vfs_write+0x268/0x5d0
    `);
    expect(r).toMatchObject({ title: 'INFO: rcu detected stall in ext4_file_write_iter', kind: 'rcu-stall' });
  });

  it("DEPT circular dependency: a possible deadlock, named after the first context's wait", () => {
    const r = first(`
      ===================================================
      DEPT: Circular dependency has been detected.
      6.15.0-rc6-00043-ga83a69ec7f9f #5 Not tainted
      ---------------------------------------------------
      context A
         [S] lock(report_lock:0)
         [W] lock(&vn->busy.lock:0)
         [E] unlock(report_lock:0)
      ---------------------------------------------------
      context A's detail
      [S] lock(report_lock:0):
      [<ffff800080bd2600>] kasan_report+0x74/0x1d4 mm/kasan/report.c:623
      [W] lock(&vn->busy.lock:0):
      [<ffff800080ae57a0>] spin_lock include/linux/spinlock.h:351 [inline]
      [<ffff800080ae57a0>] find_vmap_area+0xa0/0x228 mm/vmalloc.c:2418
      stacktrace:
            find_vm_area+0x20/0x68 mm/vmalloc.c:3208
    `);
    expect(r).toMatchObject({ title: 'possible deadlock in find_vmap_area', kind: 'lockdep', kernelVersion: '6.15.0-rc6-00043-ga83a69ec7f9f' });
  });

  it('hung task: the function that waits, not the scheduler', () => {
    const r = first(`
      INFO: task syz-executor.0:5995 blocked for more than 143 seconds.
            Not tainted 6.7.0-rc5-syzkaller #0
      "echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.
      Call Trace:
       <TASK>
       context_switch kernel/sched/core.c:5376 [inline]
       __schedule+0x1961/0x4ab0 kernel/sched/core.c:6688
       schedule+0x149/0x260 kernel/sched/core.c:6763
       rwsem_down_write_slowpath+0xcf0/0x1450 kernel/locking/rwsem.c:1178
       down_write_nested+0x1f0/0x230 kernel/locking/rwsem.c:1671
       filename_unlinkat+0x2c3/0x900 fs/namei.c:4420
       do_syscall_64+0x44/0x110
    `);
    expect(r).toMatchObject({ title: 'INFO: task hung in filename_unlinkat', kind: 'hang', function: 'filename_unlinkat' });
  });
});

describe('findCrashReports: logs and mail text', () => {
  it('syslog and log-level prefixes are read through', () => {
    const r = first(`
      Apr 20 12:04:00 laptop kernel: [12844.066757] BUG: unable to handle kernel NULL pointer dereference at 0000000000000001
      Apr 20 12:04:00 laptop kernel: [12844.066765] IP: [<ffffffff802aca27>] __d_lookup+0x97/0x160
      Apr 20 12:04:00 laptop kernel: [12844.066778] Oops: 0000 [1] SMP
    `);
    expect(r).toMatchObject({ title: 'BUG: unable to handle kernel NULL pointer dereference in __d_lookup', startLine: 1, endLine: 3 });
    expect(first('<4>BUG: unable to handle kernel paging request at 00000010\n<4>IP: [<c01d4d2b>] foo_bar+0xb/0x60\n')).toMatchObject({
      function: 'foo_bar',
      arch: 'i386',
    });
  });

  it('interleaved printk callers: each report keeps its own task lines', () => {
    const reports = findCrashReports(
      log(`
      [  10.0][ T100] WARNING: CPU: 0 PID: 100 at net/core/dev.c:1 first_fn+0x1/0x2
      [  10.0][ T200] general protection fault, probably for non-canonical address 0xdffffc0000000000: 0000 [#1]
      [  10.1][ T100] RIP: 0010:first_fn+0x1/0x2
      [  10.1][ T200] RIP: 0010:second_fn+0x3/0x4
      [  10.2][ T100] Call Trace:
      [  10.2][ T100]  caller_one+0x5/0x6
    `),
    );
    expect(reports.map((r) => r.title)).toEqual(['WARNING in first_fn', 'general protection fault in second_fn']);
  });

  it('two reports in one mail, each with its own lines; prose after a report ends it', () => {
    const reports = findCrashReports(
      log(`
      Here is the first one:

      BUG: scheduling while atomic: swapper/0/0x00000002
      Call Trace:
       [<ffffffff813f3c16>] schedule+0x5d6/0x8c0
       [<ffffffff8105e2a1>] do_nanosleep+0x81/0xc0

      And after resume I also got this, which looks unrelated to me but I am
      not sure at all, so I am reporting it here as well.

      BUG: sleeping function called from invalid context at mm/slab.c:3054
      Call Trace:
       [<ffffffff81345678>] put_cmsg+0x38/0x120
    `),
    );
    expect(reports.map((r) => [r.title, r.startLine, r.endLine])).toEqual([
      ['BUG: scheduling while atomic in do_nanosleep', 3, 6],
      ['BUG: sleeping function called from invalid context in put_cmsg', 11, 13],
    ]);
  });

  it('Rust frames are demangled before they are skipped or named', () => {
    const text = `
      [   23.717039][  T298] rust_kernel: panicked at drivers/android/binder/node.rs:877:13:
      [   23.717039][  T298] attempt to subtract with overflow
      [   23.771620][  T298] kernel BUG at rust/helpers/bug.c:7!
      [   24.050000][  T298] Call Trace:
      [   24.063751][  T298]  _RNvCscSpY9Juk0HT_7___rustc17rust_begin_unwind+0x15b/0x160
      [   24.128451][  T298]  _RNvNtCs9jEwPDbx20M_4core9panicking9panic_fmt+0x84/0x90
      [   24.163987][  T298]  _RNvMs3_NtCshgDM7dBCdno_11rust_binder7processNtB5_7Process10update_ref+0x17e5/0x1860
    `;
    const r = first(text);
    expect(r).toMatchObject({
      title: 'attempt to subtract with overflow in <rust_binder::process::Process>::update_ref',
      kind: 'panic',
      function: '<rust_binder::process::Process>::update_ref',
    });
    // The BUG() the panic ends in is part of the same report.
    expect(findCrashReports(log(text))).toHaveLength(1);
    expect(r.frames).toEqual(['__rustc::rust_begin_unwind', 'core::panicking::panic_fmt', '<rust_binder::process::Process>::update_ref']);
  });
});

// ---------------------------------------------------------------------------------------------------

const segment = (kind: Segment['kind'], text: string, extra: Partial<Segment> = {}): Segment => ({ kind, text: log(text), ...extra });
const message = (index: number, segments: Segment[], subject: string | null = null): Message => ({
  index,
  id: `m${index}`,
  messageId: `<m${index}@example.org>`,
  author: { name: `Poster ${index}`, email: `p${index}@example.org` },
  to: [],
  cc: [],
  date: null,
  dateRaw: null,
  subject,
  inReplyTo: null,
  references: [],
  parentIndex: index === 0 ? null : 0,
  ghost: false,
  truncated: false,
  lines: null,
  segments,
  attachments: segments.flatMap((s) => (s.attachment ? [s.attachment] : [])),
});
const thread = (messages: Message[], title = 'a bug'): Thread => ({
  slug: 'test',
  title,
  source: { path: 'test.mbox', format: 'mbox', sha256: '0' },
  messages,
  missingParents: [],
  warnings: [],
});

const OOPS = `
  BUG: unable to handle kernel NULL pointer dereference at 0000000000000110
  IP: [<ffffffff802a8b88>] d_free+0x18/0x80
  Oops: 0000 [1] PREEMPT SMP
  Pid: 210, comm: kswapd0 Not tainted 2.6.25 #56
  RIP: 0010:[<ffffffff802a8b88>]  [<ffffffff802a8b88>] d_free+0x18/0x80
  Call Trace:
   [<ffffffff802a9b1e>] prune_one_dentry+0x7e/0x120
`;
const LEAK = `
  WARNING: CPU: 1 PID: 1 at mm/page_alloc.c:4000 __alloc_pages+0x1/0x2
  Call Trace:
   [<ffffffff81000001>] __alloc_pages+0x1/0x2
   [<ffffffff81000002>] foo_grow+0x3/0x4
`;

describe('findSymptoms', () => {
  it('one symptom per distinct report: a repost and a quote are not new symptoms', () => {
    const symptoms = findSymptoms(
      thread([
        message(0, [segment('text', 'I got this:'), segment('trace', OOPS)], '2.6.25-git2: BUG: unable to handle kernel NULL pointer'),
        message(1, [segment('quote', OOPS.replace(/^/gm, '> ')), segment('text', 'Is it reproducible?')]),
        // Reposted in full, and a different report only quoted: neither is new.
        message(2, [segment('trace', OOPS), segment('quote', LEAK.replace(/^/gm, '> '))]),
        // A report the segmenter did not mark as a trace is found in the text, and one in an attachment.
        message(3, [segment('text', `Another one:\n${LEAK}`), segment('trace', OOPS, { attachment: 'dmesg.txt' })]),
      ]),
    );
    expect(symptoms).toEqual([
      {
        title: 'BUG: unable to handle kernel NULL pointer dereference in d_free',
        kind: 'oops',
        function: 'd_free',
        kernelVersion: '2.6.25-git2',
        arch: 'x86_64',
        messageIndex: 0,
      },
      { title: 'WARNING in foo_grow', kind: 'warning', function: 'foo_grow', kernelVersion: null, arch: 'x86_64', messageIndex: 3 },
    ]);
  });

  it('reads attachments and ignores syzbot titles quoted in prose', () => {
    const symptoms = findSymptoms(
      thread([
        message(0, [segment('text', 'Crash log attached.'), segment('log', OOPS, { attachment: 'oops.txt' })]),
        message(1, [segment('text', 'The third syzbot report listed above ("kernel BUG in ext4_get_group_info") is the same.')]),
      ]),
    );
    expect(symptoms.map((s) => [s.title, s.messageIndex])).toEqual([['BUG: unable to handle kernel NULL pointer dereference in d_free', 0]]);
  });
});

const seed = (prefix: string) => SEEDS + readdirSync(SEEDS).find((f) => f.startsWith(prefix))!;
const symptomsOf = async (prefix: string) => findSymptoms(await inspectSource(seed(prefix)));

describe.skipIf(!hasShared)('findSymptoms on the seed threads', () => {
  it('000: the paging request in __d_lookup, on 2.6.25-git2 (the subject is more precise than the oops)', async () => {
    const symptoms = await symptomsOf('000_');
    expect(symptoms[0]).toEqual({
      title: 'BUG: unable to handle kernel paging request in __d_lookup',
      kind: 'oops',
      function: '__d_lookup',
      kernelVersion: '2.6.25-git2',
      arch: 'x86_64',
      messageIndex: 1,
    });
    // Another poster's oops in the thread keeps its own release.
    expect(symptoms.find((s) => s.function === 'd_free')?.kernelVersion).toBe('2.6.25');
    for (let i = 1; i < symptoms.length; i++) expect(symptoms[i].messageIndex).toBeGreaterThanOrEqual(symptoms[i - 1].messageIndex);
  });

  it('002: the inconsistent lock state in flush_thread_hw_breakpoint', async () => {
    const symptoms = await symptomsOf('002_');
    expect(symptoms[0]).toMatchObject({
      title: 'inconsistent lock state in flush_thread_hw_breakpoint',
      kind: 'lockdep',
      function: 'flush_thread_hw_breakpoint',
    });
    expect(symptoms[0].kernelVersion).toMatch(/^2\.6\.30-rc4/);
  });

  it('003: the arm NULL pointer dereference in get_index', async () => {
    const symptoms = await symptomsOf('003_');
    expect(symptoms[0]).toMatchObject({
      title: 'BUG: unable to handle kernel NULL pointer dereference in get_index',
      kind: 'oops',
      function: 'get_index',
      arch: 'arm',
    });
  });

  it('004: the paging request in the nvidia module function _nv003832rm', async () => {
    const symptoms = await symptomsOf('004_');
    expect(symptoms[0]).toMatchObject({
      title: 'BUG: unable to handle kernel paging request in _nv003832rm',
      kind: 'oops',
      function: '_nv003832rm',
      arch: 'x86_64',
    });
  });
});

describe.skipIf(!hasShared)("syzbot's own test data (npm run eval:titles)", () => {
  it('titles agree with syzbot on the files not marked CORRUPTED', () => {
    const { titles, corrupted } = measureTitles();
    expect(titles.files).toBeGreaterThan(250);
    // Measured: 100 % exact (299 of 299), 100 % same family; a small margin for corpus updates.
    expect(titles.exact / titles.files).toBeGreaterThanOrEqual(0.98);
    expect(titles.sameFamily / titles.files).toBeGreaterThanOrEqual(0.95);
    expect(titles.missing).toBe(0);
    // CORRUPTED files differ on purpose where syzbot says "in corrupted" and the header names a function.
    expect(corrupted.sameFamily / corrupted.files).toBeGreaterThanOrEqual(0.95);
  });
});

describe('public API', () => {
  it('the symptoms index exports exactly these functions', async () => {
    expect(Object.keys(await import('../../src/analysis/symptoms/index.ts')).sort()).toEqual([
      'findCrashReports',
      'findSymptoms',
      'mainSymptomFirst',
      'symptomTitle',
      'titleFamily',
      'titleKind',
    ]);
  });
});
