// Thread → Analysis: symptoms, patches, culprit, fix, status, timeline, root cause, participants.
// Until the analysis extractors land, only participants are derived; every contract key is present.
import type { Thread } from '../thread/types.ts';
import { findParticipants } from './find-participants.ts';
import type { Analysis } from './types.ts';

export type * from './types.ts';

export function analyzeThread(thread: Thread): Analysis {
  return {
    status: 'unresolved',
    symptoms: [],
    patches: [],
    fix: null,
    culprit: null,
    timeline: [],
    rootCause: null,
    participants: findParticipants(thread),
  };
}
