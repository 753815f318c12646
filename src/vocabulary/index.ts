// The domain's words, defined once: statuses, symptom kinds, patch roles, event kinds, participant roles,
// confidence levels and warning codes. Every stage (analysis, case files, site) imports them from here; this folder imports nothing.
export * from './case-status.ts';
export * from './confidence.ts';
export * from './event-kinds.ts';
export * from './participant-roles.ts';
export * from './patch-roles.ts';
export * from './symptom-kinds.ts';
export * from './warning-codes.ts';
