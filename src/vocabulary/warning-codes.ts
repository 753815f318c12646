// The codes of the warnings a source and a case file can raise. A problem in the content never stops an import:
// it becomes a warning with a code from these lists, the file and the line. The CLI prints the code in brackets
// (`… [glued-reply]`), `--json` carries it, and scripts filter on it, so a new warning gets its code here.

/** Problems met while reading a source (src/ingest/) and building its thread (src/thread/). */
export const SOURCE_WARNING_CODES = [
  // ---- mbox and folders
  /** The gzip data ends early: what it holds was read. */
  'gzip-truncated',
  /** Non-blank lines before the first `From ` separator, ignored. */
  'mbox-preamble',
  /** A `From ` separator without sender and date, read as a message start anyway. */
  'from-line-malformed',
  /** A `From ` line with no message after it. */
  'empty-message',
  /** A message larger than MAX_MESSAGE_BYTES: only its start was read. */
  'message-too-large',
  /** More than MAX_MESSAGES_PER_THREAD messages: the rest were not read. */
  'too-many-messages',
  /** A folder nested deeper than MAX_FOLDER_DEPTH. */
  'folder-too-deep',
  /** A folder with more files, or bytes, than the limits: the rest were not read. */
  'folder-too-large',
  /** A symbolic link in a folder source, never followed. */
  'symlink-skipped',
  /** A file in a folder source that is not mail (binary, empty, no headers): skipped. */
  'file-skipped',
  // ---- one mail (RFC 822, MIME)
  /** A header line that is not `Name: value`. */
  'header-malformed',
  /** No usable `From:`. */
  'author-missing',
  /** No `Date:` (the date stays unknown, never "now"). */
  'date-missing',
  /** The MIME structure could not be decoded: the raw body is kept. */
  'mime-unreadable',
  /** Only an HTML part: turned into text. */
  'html-only',
  /** An HTML part with more than MAX_HTML_TAGS tags: its tags were removed. */
  'html-too-complex',
  /** Runs of spaces or tabs longer than MAX_BLANK_RUN, cut. */
  'blank-run-cut',
  /** A message/rfc822 part nested deeper than MAX_NESTING_DEPTH, not opened. */
  'nesting-limit',
  /** A gzip attachment that does not inflate. */
  'attachment-unreadable',
  /** An attachment that is not text, skipped. */
  'attachment-binary',
  /** A text attachment over MAX_ATTACHMENT_TEXT characters, cut. */
  'attachment-cut',
  // ---- web archive text and pages
  /** No message header block in an archive text. */
  'no-messages',
  /** A message without the archive's `--` line or `...` cut at its end. */
  'message-end-unclear',
  /** Text after an archive's `--` separator with no header: a reply whose header was lost, kept with the message. */
  'glued-reply',
  /** An archive page that does not start with its subject. */
  'title-missing',
  /** No header block (archive page) or no known header name (collapsed mbox): all of it is body. */
  'headers-missing',
  /** An archive page's body runs to the end of the page. */
  'body-end-uncertain',
  /** An archive page's `Date:` states no year. */
  'year-unknown',
  /** An archive page without a `To:` header. */
  'recipients-missing',
  /** An archive page without its thread list. */
  'thread-list-missing',
  /** A thread list entry that is not `Subject, Author, (date)`. */
  'thread-list-entry-unparsed',
  /** Nothing names the message's author. */
  'author-unknown',
  /** A collapsed mbox `From ` line without a readable date. */
  'from-line-unreadable',
  /** A message collapsed onto one line: its headers recovered by heuristics. */
  'headers-recovered',
  /** Headers whose `<…>` values a scraper removed. */
  'header-values-empty',
  /** Where a collapsed message's body starts is a guess. */
  'body-start-uncertain',
  // ---- the thread
  /** A date no parser reads: kept as raw text, the date stays unknown. */
  'date-unparsed',
  /** The same message twice (same Message-ID, or same author, date and body in two files): one kept. */
  'duplicate-merged',
  /** Messages named as parents that the source does not hold (they appear as ghosts). */
  'missing-parent',
  /** Reply headers that form a loop: cut at its earliest message. */
  'reply-loop',
  /** A message without In-Reply-To or References joined to a thread by its subject only. */
  'thread-by-subject',
] as const;

export type SourceWarningCode = (typeof SOURCE_WARNING_CODES)[number];

/** What importing again did to a case file an editor had changed (src/casefile/merge-case.ts), and its schema. */
export const CASE_FILE_WARNING_CODES = [
  /** A frontmatter key an editor changed: kept, the machine's new value named. */
  'key-kept',
  /** A frontmatter key an editor removed: stays removed. */
  'key-deleted-kept',
  /** A section an editor edited: kept, the machine's new draft not shown. */
  'section-kept',
  /** A section an editor removed: stays removed. */
  'section-deleted-kept',
  /** A case file without a `generated:` record: all of it treated as the editor's. */
  'untracked',
  /** The frontmatter misses the case schema (src/casefile/case-schema.ts). */
  'frontmatter-schema',
] as const;

export type CaseFileWarningCode = (typeof CASE_FILE_WARNING_CODES)[number];
