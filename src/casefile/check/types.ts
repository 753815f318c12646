// What `casebook check` reports: problems per case file, each with a code that scripts and tests key on.

export type Severity = 'error' | 'warning';

export type ProblemCode =
  | 'case-unreadable'
  | 'frontmatter-yaml'
  | 'frontmatter-schema'
  | 'thread-missing'
  | 'thread-unreadable'
  | 'cite-not-found'
  | 'message-unknown'
  | 'patch-unknown'
  | 'file-unknown'
  | 'line-unknown'
  | 'trace-unknown'
  | 'frame-unknown'
  | 'note-target-missing'
  | 'directive-unknown';

export interface Problem {
  severity: Severity;
  code: ProblemCode;
  message: string;
  /** 1-based line in the case file; null when the problem has no place (an unreadable file). */
  line: number | null;
  /** How to fix it. */
  hint?: string;
}

export interface CaseReport {
  /** The case file, relative to the current working folder. */
  file: string;
  slug: string;
  problems: Problem[];
}

export interface CheckReport {
  cases: CaseReport[];
  errors: number;
  warnings: number;
}

export const error = (code: ProblemCode, message: string, line: number | null, hint?: string): Problem => ({
  severity: 'error',
  code,
  message,
  line,
  ...(hint ? { hint } : {}),
});

export const warning = (code: ProblemCode, message: string, line: number | null, hint?: string): Problem => ({
  severity: 'warning',
  code,
  message,
  line,
  ...(hint ? { hint } : {}),
});
