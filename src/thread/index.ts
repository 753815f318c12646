// Thread: IngestedMessage[] → Thread — date order, reply tree, duplicates merged, ghosts, and every
// message cut into segments (text, quote, diff, trace, log, code, signature, trailers, headers).
export { buildThread } from './build-thread.ts';
export { displayTime, parseDate } from './parse-date.ts';
export { segmentBody } from './segment-body.ts';
export { caseTitle, cleanSubject, threadSlug, threadTitle } from './title.ts';
export * from './types.ts';
export { splitConversations, splitSource } from './split-threads.ts';
