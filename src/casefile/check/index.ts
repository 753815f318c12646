// Check: a content folder → a report of every case file's problems (frontmatter against caseSchema, citations
// and notes against content/threads/<slug>.json), each with a code, a line and a hint.
export { checkCases } from './check-cases.ts';
export type { CaseReport, CheckReport, Problem, ProblemCode, Severity } from './types.ts';
