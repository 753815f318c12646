// Where a bug hunt ended. The one list of statuses: the analysis's type, the case schema and the site's labels
// all come from here, so a new status is added in this file and nowhere else.

export const CASE_STATUSES = [
  /** A fix confirmed: tested by someone other than its author or by syzbot, applied or queued by a maintainer, or named by its commit. */
  'fixed',
  /** A fix was posted or promised, and nothing in the thread confirms it. */
  'fix-proposed',
  /** The thread settled on a way around the bug, not a fix. */
  'workaround',
  /** Not a kernel bug: invalid, user error, hardware, firmware, a wrong test, a false positive. */
  'not-a-bug',
  /** Closed as a duplicate of another report (`#syz dup:`, "this is the same as …"). */
  'duplicate',
  /** The thread ends with no fix, no proposal and no verdict. */
  'unresolved',
] as const;

export type CaseStatus = (typeof CASE_STATUSES)[number];

/** How a reader sees each status. */
export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  fixed: 'Fixed',
  'fix-proposed': 'Fix proposed',
  workaround: 'Workaround',
  'not-a-bug': 'Not a bug',
  duplicate: 'Duplicate',
  unresolved: 'Unresolved',
};
