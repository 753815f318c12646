// How sure the analysis is of a decision, shown beside it ("why we think so").

export const CONFIDENCE_LEVELS = [
  /** Explicit and independent: syzbot's test result, a maintainer's "applied", a bisection's first bad commit. */
  'high',
  /** Indirect: the author's own claim, the last of several versions, a phrase that usually means it. */
  'medium',
  /** A guess from weak signals: nothing else stood out. */
  'low',
] as const;

export type Confidence = (typeof CONFIDENCE_LEVELS)[number];
