// Thread or text → crash symptoms: every kernel crash report found, titled the way syzbot titles it, and
// which of them the thread is about.
// Re-exports only; each function lives in its own file.
export { findCrashReports, type CrashReport } from './find-crash-reports.ts';
export { titleFamily, titleKind } from './title-family.ts';
export { findSymptoms, symptomTitle } from './find-symptoms.ts';
export { mainSymptomFirst } from './main-symptom.ts';
