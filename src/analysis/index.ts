// Analysis: Thread → Analysis — symptoms, patches and trailers, culprit, fix and patch roles, status,
// timeline, a cited root-cause draft and participants. Deterministic heuristics over the thread only.
export type * from './types.ts';
export { analyzeThread, reportMessage } from './analyze-thread.ts';
export { findSymptoms, findCrashReports } from './symptoms/index.ts';
export { findPatches } from './find-patches.ts';
export { type BugEvidence, bugEvidence } from './bug-hunt.ts';
