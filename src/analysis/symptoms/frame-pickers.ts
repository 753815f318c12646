// How stalls and hangs choose their frame. For most reports the first non-generic frame is the culprit;
// for a stall or a hung task the top of the stack is just wherever the CPU or task happened to be when
// the watchdog looked, so titling by it would split one bug into many. These pickers look deeper.

/** A picked frame: the name to put in the title and the index of the frame it came from. */
export interface Picked {
  name: string;
  index: number;
}

export type FramePicker = (frames: readonly string[]) => Picked | null;

// Generic dispatchers (syscall entry, workqueues, softirq, timers) and the discriminating callbacks right
// under them: a stall is named after the frame just *above* the first of these, i.e. the syscall handler
// or the work function that looped, not the loop's random innermost point.
const STALL_ANCHORS: RegExp[] = [
  'process_one_work',
  'do_syscall_',
  'do_fast_syscall_',
  'sysenter_dispatch',
  'tracesys_phase2',
  'el0_svc_handler',
  'invoke_syscall',
  'ret_fast_syscall',
  'netif_receive_skb',
  'do_softirq',
  'call_timer_fn',
  '_run_timers',
  'run_timer_softirq',
  'hrtimer_run',
  'run_ksoftirqd',
  'smpboot_thread_fn',
  '^kthread$',
  'start_secondary',
  'cpu_startup_entry',
  'ret_from_fork',
  // file_operations callbacks: the frame above them names the device or file system.
  'vfs_write',
  'vfs_read',
  'vfs_iter_read',
  'vfs_iter_write',
  'do_iter_read',
  'do_iter_write',
  'call_read_iter',
  'call_write_iter',
  'new_sync_read',
  'new_sync_write',
  'vfs_ioctl',
  'ksys_ioctl',
  'compat_ioctl',
  'compat_sys_ioctl',
  'blkdev_driver_ioctl',
  'blkdev_ioctl',
  'do_iter_readv_writev',
  '^call_mmap',
  'mmap_region',
  'do_mmap',
  'do_dentry_open',
  'vfs_open',
  // Socket operations: the frame above names the protocol.
  '^sock_sendmsg',
  '^sock_recvmsg',
  '^sock_release',
  '^__sock_release',
  '^setsockopt$',
  'kernel_setsockopt',
  'sock_common_setsockopt',
  '^listen$',
  'kernel_listen',
  'sk_common_release',
  '^sock_mmap',
  '^accept$',
  'kernel_accept',
  '^sock_do_ioctl',
  '^sock_ioctl',
  '^compat_sock_ioctl',
  '^nfnetlink_rcv_msg',
  '^rtnetlink_rcv_msg',
  '^netlink_dump',
  '^(sys_)?(socketpair|connect|ioctl)',
  // Page faults and the return-to-user work.
  '__do_fault',
  'do_page_fault',
  '^page_fault$',
  '__fput',
  'task_work_run',
  'exit_to_usermode',
  'smp_call_function',
  'tasklet_action',
  'tasklet_hi_action',
].map((s) => new RegExp(s));

export const pickStallFrame: FramePicker = (frames) => {
  if (frames.length === 0) return null;
  let prev: Picked = { name: frames[0], index: 0 };
  for (let i = 0; i < frames.length; i++) {
    const frame = frames[i];
    if (STALL_ANCHORS.some((re) => re.test(frame))) {
      // Cross-CPU calls have many variants below them; the call itself is the useful name.
      if (frame.includes('smp_call_function')) prev = { name: 'smp_call_function', index: i };
      return prev;
    }
    prev = { name: frame, index: i };
  }
  return null;
};

// Hung tasks pile up behind a few global locks; grouping by them keeps one bug per lock.
const HANG_ANCHORS: [string, string | null][] = [
  ['rtnl_lock', null],
  ['synchronize_rcu', 'synchronize_rcu'],
  ['synchronize_srcu', 'synchronize_rcu'],
  ['synchronize_net', 'synchronize_rcu'],
  ['synchronize_sched', 'synchronize_rcu'],
];
// Waiting primitives: the task is blocked *in* them, the caller is what waits.
const HANG_SKIPS = [
  'sched',
  '_lock',
  '_slowlock',
  'down',
  'rwsem',
  'completion',
  'kthread',
  'wait',
  'synchronize',
  'context_switch',
  '__switch_to',
  'cancel_delayed_work',
  'rcu_barrier',
];

export const pickHangFrame: FramePicker = (frames) => {
  for (let i = 0; i < frames.length; i++) {
    for (const [anchor, replacement] of HANG_ANCHORS) {
      if (frames[i].includes(anchor)) return { name: replacement ?? frames[i], index: i };
    }
  }
  for (let i = 0; i < frames.length; i++) {
    if (!HANG_SKIPS.some((s) => frames[i].includes(s))) return { name: frames[i], index: i };
  }
  return null;
};
