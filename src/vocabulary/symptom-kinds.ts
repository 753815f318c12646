// What kind of failure a symptom is, as kernel people and syzbot name them. The one list: the analysis's type,
// the case schema and the site's filters come from here.

export const SYMPTOM_KINDS = [
  /** "BUG: unable to handle kernel paging request / NULL pointer dereference", "Oops:". */
  'oops',
  /** "kernel BUG at file:line", "BUG: sleeping function called …" and other BUG: lines no sanitizer printed. */
  'bug',
  /** "WARNING: CPU: … at file:line" and "WARNING in …". */
  'warning',
  /** KASAN (and KFENCE, KCSAN) memory-safety reports. */
  'kasan',
  /** KMSAN: use of uninitialised memory. */
  'kmsan',
  /** UBSAN: undefined behaviour (shift out of bounds, array index out of bounds …). */
  'ubsan',
  /** "general protection fault". */
  'gpf',
  /** lockdep: possible deadlock, inconsistent lock state, circular locking dependency. */
  'lockdep',
  /** "Kernel panic - not syncing" with no other report behind it. */
  'panic',
  /** Hung tasks, soft and hard lockups. */
  'hang',
  /** "INFO: rcu detected stall". */
  'rcu-stall',
  /** No crash report: a wrong result, a failed mount, a slow reboot, a build error. */
  'other',
] as const;

export type SymptomKind = (typeof SYMPTOM_KINDS)[number];
