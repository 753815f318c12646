// Reports of memory and tasks that wait (src/analysis/symptoms/): an allocation the kernel warns failed,
// a blocked task named the way syzbot names hung tasks (past the generic helpers that wait for someone
// else's object, past a preemption on the way to sleep), and the hung-task detector's note on a lock's
// owner, which belongs to the report above it.
import { describe, expect, it } from 'vitest';
import { findCrashReports, findSymptoms, mainSymptomFirst } from '../../src/analysis/symptoms/index.ts';
import { findAllocFailures } from '../../src/analysis/symptoms/alloc-failures.ts';
import { findBlockedTasks } from '../../src/analysis/symptoms/blocked-tasks.ts';
import { analyze } from '../helpers/mbox.ts';

describe('findAllocFailures', () => {
  it('warn_alloc: named after the first frame below the page and slab allocators', () => {
    const found = findAllocFailures(
      [
        '[  104.000001] frobd: page allocation failure: order:0, mode:0xc0c40(GFP_NOFS|__GFP_COMP), nodemask=(null),cpuset=/,mems_allowed=0',
        '[  104.000002] CPU: 4 UID: 0 PID: 156 Comm: frobd Not tainted 6.99.0-rc5 #1',
        '[  104.000003] Hardware name: Frob Laptop, BIOS 1.0 01/01/2025',
        '[  104.000004] Call Trace:',
        '[  104.000005]  <TASK>',
        '[  104.000006]  dump_stack_lvl+0x6a/0x90',
        '[  104.000007]  warn_alloc.cold+0x95/0x1af',
        '[  104.000008]  ? frob_guess+0x80/0x80',
        '[  104.000009]  __alloc_frozen_pages_noprof+0xec3/0x2470',
        '[  104.000010]  allocate_slab+0x2b7/0x510',
        '[  104.000011]  ___slab_alloc+0x1/0x2',
        '[  104.000012]  kmem_cache_alloc_noprof+0x5b6/0x6f0',
        '[  104.000013]  frob_alloc_state+0x1b/0x210 [frob]',
        '[  104.000014]  frob_clear_bits+0x2be/0x9c0 [frob]',
        '[  104.000015]  </TASK>',
        '[  104.000016] Mem-Info:',
      ].join('\n'),
    );
    expect(found).toEqual([{ title: 'page allocation failure in frob_alloc_state', kind: 'warning', function: 'frob_alloc_state', line: 0 }]);
  });

  it('old wording, arm frames without a stack header, vmalloc; a failure line without a stack is none', () => {
    const found = findAllocFailures(
      [
        'frobd: page allocation failure. order:3, mode:0x4020',
        '[<c000f780>] (unwind_backtrace) from [<c000d20c>] (show_stack+0x10/0x14)',
        '[<c000d20c>] (show_stack) from [<c009bf44>] (warn_alloc_failed+0xdc/0x124)',
        '[<c009bf44>] (warn_alloc_failed) from [<c009e194>] (__alloc_pages_nodemask+0x178/0x860)',
        '[<c009e194>] (__alloc_pages_nodemask) from [<c009ea7c>] (__get_free_pages+0x14/0x50)',
        '[<c009ea7c>] (__get_free_pages) from [<bf17c574>] (frob_rx_refill+0xac/0x1bc [frob])',
        '',
        'frobctl: vmalloc error: size 8192, page order 1, failed to allocate pages, mode:0xcc0(GFP_KERNEL), nodemask=(null)',
        'Call Trace:',
        ' dump_stack_lvl+0x1/0x2',
        ' warn_alloc+0x1/0x2',
        ' __vmalloc_node_range_noprof+0x1/0x2',
        ' kvmalloc_node_noprof+0x1/0x2',
        ' frob_table_grow+0x1/0x2',
        '',
        'frobd: page allocation failure: order:0, mode:0x20(GFP_ATOMIC)',
        'and then the box was fine again.',
      ].join('\n'),
    );
    expect(found.map((f) => [f.title, f.function])).toEqual([
      ['page allocation failure in frob_rx_refill', 'frob_rx_refill'],
      ['vmalloc allocation failure in frob_table_grow', 'frob_table_grow'],
    ]);
  });

  it("is a message's symptom only when it shows no crash report", async () => {
    const failure = ['frobd: page allocation failure: order:0, mode:0x20(GFP_ATOMIC)', 'Call Trace:', ' warn_alloc+0x1/0x2', ' frob_rx_refill+0x1/0x2'];
    const t = await analyze([
      {
        from: 'A <a@example.org>',
        date: 'Mon, 1 Jan 2024 10:00:00 +0000',
        subject: 'frob: allocations fail',
        id: 'a@example.org',
        body: `Seen under load:\n\n${failure.join('\n')}\n`,
      },
    ]);
    expect(mainSymptomFirst(t, findSymptoms(t))[0]).toMatchObject({
      title: 'page allocation failure in frob_rx_refill',
      kind: 'warning',
      function: 'frob_rx_refill',
    });
    const withCrash = await analyze([
      {
        from: 'A <a@example.org>',
        date: 'Mon, 1 Jan 2024 10:00:00 +0000',
        subject: 'frob: crash under load',
        id: 'a@example.org',
        body: [
          ...failure,
          '',
          'WARNING: CPU: 0 PID: 1 at drivers/frob/frob.c:12 frob_rx_refill+0x1/0x2',
          'Call Trace:',
          ' frob_rx_refill+0x1/0x2',
          ' frob_poll+0x1/0x2',
          '',
        ].join('\n'),
      },
    ]);
    expect(findSymptoms(withCrash).map((s) => s.title)).toEqual(['WARNING in frob_rx_refill']);
  });
});

describe('findBlockedTasks names the wait as syzbot names a hung task', () => {
  it("past a generic helper that waits for someone else's object (a work item, an URB)", () => {
    const found = findBlockedTasks(
      [
        'task:frobctl         state:D stack:0     pid:72857 tgid:72857 ppid:1      flags:0x00080001',
        'Call Trace:',
        ' <TASK>',
        ' __schedule+0x1/0x2',
        ' schedule+0x1/0x2',
        ' schedule_timeout+0x1/0x2',
        ' __wait_for_common+0x1/0x2',
        ' ? __flush_work+0x1/0x2',
        ' __flush_work+0x1/0x2',
        ' frob_drain_all+0x1/0x2',
        ' frob_reconfigure+0x1/0x2',
        ' </TASK>',
      ].join('\n'),
    );
    expect(found.map((f) => f.function)).toEqual(['frob_drain_all']);
  });

  it('past the hooks schedule() runs when the task was preempted on its way to sleep', () => {
    const found = findBlockedTasks(
      [
        'task:kworker/6:0     state:D stack:0     pid:56    tgid:56    ppid:2      flags:0x00080000',
        'Workqueue: events frob_work_fn [frob]',
        'Call Trace:',
        ' <TASK>',
        ' __schedule+0x1/0x2',
        ' preempt_schedule_notrace+0x1/0x2',
        ' preempt_schedule_notrace_thunk+0x1/0x2',
        ' rcu_is_watching+0x1/0x2',
        ' lock_acquire+0x1/0x2',
        ' schedule+0x1/0x2',
        ' schedule_preempt_disabled+0x1/0x2',
        ' __mutex_lock+0x1/0x2',
        ' frob_work_fn+0x18/0x2b0 [frob]',
        ' process_one_work+0x1/0x2',
        ' </TASK>',
        '',
        'task:frobpoll        state:D stack:0     pid:57    tgid:57    ppid:2      flags:0x00080000',
        'Call Trace:',
        ' __schedule+0x1/0x2',
        ' preempt_schedule_common+0x1/0x2',
        ' frob_poll_loop+0x1/0x2',
        ' frob_poll_thread+0x1/0x2',
        ' kthread+0x1/0x2',
        ' ret_from_fork+0x1/0x2',
      ].join('\n'),
    );
    // A preempted task that enters no sleep after it waits where it was preempted.
    expect(found.map((f) => f.function)).toEqual(['frob_work_fn', 'frob_poll_loop']);
  });

  it('a signature after the stack is no frame', () => {
    const found = findBlockedTasks(
      ['task:frobd state:D stack:0 pid:7 ppid:2 flags:0x0', 'Call Trace:', ' __schedule+0x1/0x2', ' schedule+0x1/0x2', '', 'Cheers.'].join('\n'),
    );
    expect(found).toEqual([]);
  });
});

describe("the hung-task detector's note on who owns the lock", () => {
  it('belongs to the report above it: no report of its own', () => {
    const reports = findCrashReports(
      [
        'INFO: task frobd:1 blocked for more than 180 seconds.',
        '      Not tainted 6.99.0 #1',
        'task:frobd           state:D stack:0     pid:1     tgid:1     ppid:0      flags:0x00000000',
        'Call Trace:',
        ' __schedule+0x1/0x2',
        ' schedule+0x1/0x2',
        ' __mutex_lock.constprop.0+0x1/0x2',
        ' frob_power_off+0x1/0x2',
        ' frob_reboot+0x1/0x2',
        'INFO: task frobd:1 is blocked on a mutex likely owned by task kworker/4:1:16648.',
        'INFO: task kworker/4:1:16648 blocked for more than 360 seconds.',
        'task:kworker/4:1     state:D stack:0     pid:16648 tgid:16648 ppid:2      flags:0x00000000',
        'Call Trace:',
        ' __schedule+0x1/0x2',
        ' schedule+0x1/0x2',
        ' frob_reset_hw+0x1/0x2',
        'INFO: task frobctl:5 blocked on an rw-semaphore likely owned by task frobd:1 <writer>',
        'INFO: task frobctl:6 is blocked on a',
        'mutex likely owned by task frobd:1.',
      ].join('\n'),
    );
    expect(reports.map((r) => r.title)).toEqual(['INFO: task hung in frob_power_off', 'INFO: task hung in frob_reset_hw']);
  });
});
