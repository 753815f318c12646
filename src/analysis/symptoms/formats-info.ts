// Reports whose header line holds "INFO:": stalls, hung tasks and the bracketed lockdep banners of older
// kernels (`[ INFO: possible circular locking dependency detected ]`).
import { STACK, type FrameWalk, type ReportFamily } from './format-types.ts';
import { pickHangFrame, pickStallFrame } from './frame-pickers.ts';
import { CALL_TRACE, pattern, RIP_FRAME } from './patterns.ts';

// The lock's site follows "at:", with its address (which web archives and some kernels leave out).
const oldLockdep = (banner: string, lead: string) => pattern(String.raw`INFO: ${banner} \](?:.*\n)+?.*${lead}(?:.*\n)+?.*at: (?:{PC} +)?{FUNC}`);

// An RCU stall is titled from the interrupted code: the frames after the timer interrupt entry.
const STALL_WALK: FrameWalk = {
  steps: [/apic_timer_interrupt/, RIP_FRAME, STACK],
  fallback: [/(?:apic_timer_interrupt|Exception stack|el1h_64_irq)/, STACK],
  skip: ['apic_timer_interrupt', 'rcu'],
  pick: pickStallFrame,
};

export const INFO_FAMILY: ReportFamily = {
  header: 'INFO:',
  formats: [
    {
      title: /INFO: possible circular locking dependency detected/,
      detail: oldLockdep('possible circular locking dependency detected', 'is trying to acquire lock'),
      template: 'possible deadlock in {1}',
    },
    {
      title: /INFO: possible irq lock inversion dependency detected/,
      detail: oldLockdep('possible irq lock inversion dependency detected', 'just changed the state of lock'),
      template: 'possible deadlock in {1}',
    },
    {
      title: /INFO: SOFTIRQ-safe -> SOFTIRQ-unsafe lock order detected/,
      detail: oldLockdep('SOFTIRQ-safe -> SOFTIRQ-unsafe lock order detected', 'is trying to acquire'),
      template: 'possible deadlock in {1}',
    },
    {
      title: /INFO: possible recursive locking detected/,
      detail: oldLockdep('possible recursive locking detected', 'is trying to acquire lock'),
      template: 'possible deadlock in {1}',
    },
    {
      title: /INFO: inconsistent lock state/,
      detail: oldLockdep('inconsistent lock state', 'takes'),
      template: 'inconsistent lock state in {1}',
    },
    {
      title: /INFO: rcu_(?:preempt|sched|bh) (?:self-)?detected(?: expedited)? stall/,
      template: 'INFO: rcu detected stall in {1}',
      frames: STALL_WALK,
    },
    // 2.6.3x-era wording: `INFO: rcu_sched_state detected stall on CPU 0`, `INFO: RCU detected CPU 1 stall`.
    { title: /INFO: (?:rcu_\w+|RCU) (?:self-)?detected.* stall/, template: 'INFO: rcu detected stall in {1}', frames: STALL_WALK },
    {
      title: /INFO: trying to register non-static key/,
      template: 'INFO: trying to register non-static key in {1}',
      frames: { steps: [CALL_TRACE, STACK], skip: ['stack', 'lock', 'IRQ'] },
    },
    {
      title: /INFO: suspicious RCU usage/,
      detail: pattern(String.raw`INFO: suspicious RCU usage(?:.*\n)+?.*?{SRC}`),
      template: 'INFO: suspicious RCU usage in {2}',
      frames: { steps: [CALL_TRACE, STACK], skip: ['rcu', 'kmem', 'slab'] },
    },
    // The task's name may hold spaces (`Web Content:4711`), and a mail may wrap the line (as syzbot's {{TASK}}).
    {
      title: /INFO: task [\s\S]{0,100}? blocked\s+(?:in I\/O wait\s+)?for\s+more\s+than\s+[0-9]+\s+seconds/,
      template: 'INFO: task hung in {1}',
      frames: { steps: [CALL_TRACE, STACK], pick: pickHangFrame },
    },
    {
      title: /INFO: task .* can't die for more than .* seconds/,
      template: "INFO: task can't die in {1}",
      frames: { steps: [CALL_TRACE, STACK], skip: ['schedule'] },
    },
    // 2.6.3x printed the RCU-lockdep splat as "[ INFO: suspicious rcu_dereference_check() usage. ]".
    {
      title: /INFO: suspicious rcu_dereference_check\(\) usage/,
      detail: pattern(String.raw`INFO: suspicious rcu_dereference_check\(\) usage(?:.*\n)+?.*?{SRC}`),
      template: 'INFO: suspicious RCU usage in {2}',
      frames: { steps: [CALL_TRACE, STACK], skip: ['rcu', 'kmem', 'slab'] },
    },
    // What is left of an old-style KASAN report whose header was lost.
    { title: /INFO: (Freed|Allocated) in (.*)/, template: 'INFO: {1} in {2}', corrupted: true },
    { title: /INFO:\s*(?:\n|$)/, template: 'INFO: corrupted', corrupted: true },
  ],
  ignore: [
    // The hung-task detector's note under a blocked task's stack on who holds the lock it waits for
    // ("INFO: task a:1 is blocked on a mutex likely owned by task b:2.", maybe wrapped after "on a"): part
    // of that task's report, not a report of its own.
    /INFO: task .* blocked on an?(?: [\w-]+(?: likely owned by|, but the owner)|\s*$)/,
    /INFO: lockdep is turned off/,
    /INFO: Stall ended before state dump start/,
    /INFO: NMI handler/,
    /INFO: recovery required on readonly filesystem/,
    /(handler|interrupt).*took too long/,
    /INFO: sys_.* is not present in \/proc\/kallsyms/,
    /INFO: no syscalls can create resource/,
    /rmt_storage:INFO:/,
    /_INFO:/,
  ],
};
