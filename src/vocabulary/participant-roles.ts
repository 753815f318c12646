// What a person did in a thread. The one list for the analysis and the case schema.

export const PARTICIPANT_ROLES = ['reporter', 'fixer', 'reviewer', 'tester', 'maintainer', 'bisector'] as const;

export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];
