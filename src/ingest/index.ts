// Ingest: a thread source (mbox, .eml, maildir, folder, web-archive text, `-`) → IngestedMessage[].
// One adapter per format; no ordering or threading happens here.
export {
  readSource,
  SourceError,
  assertFormat,
  MAX_SOURCE_BYTES,
  MAX_TEXT_SOURCE_BYTES,
  MAX_MESSAGE_BYTES,
  MAX_MESSAGES_PER_THREAD,
  MAX_FOLDER_FILES,
  MAX_FOLDER_DEPTH,
} from './read-source.ts';
export type { ReadOptions, SourceRead } from './read-source.ts';
export { splitMbox, isFromLine } from './split-mbox.ts';
export { parseMail } from './parse-mail.ts';
export { readArchiveText } from './archive-text.ts';
export { readArchivePage } from './archive-page.ts';
export { readCollapsedMbox } from './collapsed-mbox.ts';
export { detectTextFormat, FILE_ADAPTERS, type FileAdapter, type FileFormat } from './adapters.ts';
export * from './types.ts';
export { b4Command, DEFAULT_ARCHIVE, fetchedFileName, fetchThread, parseThreadRef, type ThreadRef } from './fetch-thread.ts';
