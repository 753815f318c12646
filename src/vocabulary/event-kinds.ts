// The kinds of step in a bug hunt's timeline. The one list for the analysis, the case schema and the timeline chart.

export const EVENT_KINDS = [
  /** The bug reported: the first crash or description. */
  'report',
  /** A new trace or log that moves the hunt (another crash, a debug run's output). */
  'trace',
  /** A guess at the cause, or a statement of it. */
  'hypothesis',
  /** A question that asks the reporter for something: a test, a config, a log. */
  'question',
  /** A bisection, or its result. */
  'bisect',
  /** A patch posted: a debug patch, a candidate, the fix. */
  'patch',
  /** A patch tried: "fixes it for me", "still crashes", syzbot's test result, a request to syzbot to test. */
  'test',
  /** A review: Reviewed-by, Acked-by, "looks good", a NAK. */
  'review',
  /** A maintainer taking the fix: applied, queued, merged, pulled. */
  'applied',
  /** A commit reverted or dropped. */
  'revert',
  /** The end of the hunt: the last confirmation of the fix, a verdict (not a bug, duplicate). */
  'resolution',
  /** Anything else a reader should see. */
  'other',
] as const;

export type EventKind = (typeof EVENT_KINDS)[number];
