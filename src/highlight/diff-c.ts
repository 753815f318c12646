// A unified-diff grammar whose hunk lines are highlighted as C, registered under the name `diff` so that
// ```diff fences and highlight(…, 'diff') use it instead of shiki's built-in diff grammar.
//
//   +	if (core_kernel_text((unsigned long)addr)) {
//   ^ markup.inserted.diff punctuation.definition.inserted.diff
//    ^^ markup.inserted.diff … keyword.control.c
//
// Each run of `+`, `-` or context lines is one begin/while region that embeds source.c, so C state (a
// block comment, an open parenthesis) carries across the lines of a run but starts afresh at the next
// run: a TextMate grammar cannot give one C tokenizer two line colours. Headers, diffstat and the commit
// message are meta or plain text; only hunks, and tab-indented loose `+`/`-` runs, are read as C.
import type { LanguageRegistration } from 'shiki';

type Rule = LanguageRegistration['patterns'][number];

/** A hunk's first line: `@@ -515,7 +515,7 @@ void *__kprobes text_poke(…)`. */
export const HUNK_HEADER = String.raw`^(@@)\s*(-\d+(?:,\d+)?)\s+(\+\d+(?:,\d+)?)\s*(@@)(.*)$`;
// Said after a `-`: what makes the line not a removal. `--- ` starts the next file of a diff without
// `diff --git` lines, and `-- ` alone is format-patch's signature.
const NOT_REMOVAL = '(?!-- |--$|- ?$)';
/** A line that continues a hunk. An empty one does: mailers strip the space of empty context lines. */
export const HUNK_LINE = String.raw`^(?=[ +\\]|-${NOT_REMOVAL}|$)`;
/**
 * Outside any hunk, a `+` or `-` line of tab-indented code starts a loose run: a snippet pasted into a
 * mail without its `@@` line. A tab, because a commit message's bullets (`- fix the leak`) have none.
 */
export const LOOSE_RUN = {
  '+': { begin: String.raw`^(\+)(?=\t)`, while: String.raw`^(\+)(?!\+\+ )` },
  '-': { begin: String.raw`^(-)(?=\t)`, while: `^(-)${NOT_REMOVAL}` },
} as const;

const LINE_SCOPE = {
  '+': ['markup.inserted.diff', 'punctuation.definition.inserted.diff'],
  '-': ['markup.deleted.diff', 'punctuation.definition.deleted.diff'],
  ' ': ['meta.line.context.diff', 'punctuation.definition.context.diff'],
} as const;

/** Consecutive lines that begin with `marker`, as C, all of them under the marker's line scope. */
function run(marker: keyof typeof LINE_SCOPE, begin: string, whileLine: string): Rule {
  const [scope, markerScope] = LINE_SCOPE[marker];
  return {
    begin,
    while: whileLine,
    name: scope,
    contentName: 'meta.embedded.block.c',
    beginCaptures: { 1: { name: markerScope } },
    whileCaptures: { 1: { name: markerScope } },
    patterns: [{ include: 'source.c' }],
  };
}

export const diffCGrammar: LanguageRegistration = {
  name: 'diff',
  displayName: 'Diff (C)',
  scopeName: 'source.diff-c',
  aliases: ['patch', 'diff-c'],
  embeddedLangs: ['c'],
  // source.c anchors its directives at `^`, which the diff marker has already passed. Injected into every
  // C region of this grammar, however deep in C's own rules, \G (right after the marker) finds them.
  injections: { 'L:meta.embedded.block.c -comment -string': { patterns: [{ include: '#directive' }] } },
  patterns: [
    { include: '#hunk' },
    { include: '#file-header' },
    { include: '#diffstat' },
    run('+', LOOSE_RUN['+'].begin, LOOSE_RUN['+'].while),
    run('-', LOOSE_RUN['-'].begin, LOOSE_RUN['-'].while),
    // format-patch ends a mail with `-- ` and the git version.
    { begin: '^-- $', while: '^(?!$)', name: 'comment.block.signature.diff' },
    { match: '^(?:---|={67})$', name: 'meta.separator.diff' },
  ],
  repository: {
    'file-header': {
      patterns: [
        { match: '^diff --git .*$', name: 'meta.diff.header.git' },
        { match: '^diff (?:-\\S+\\s+)*\\S+\\s+\\S+.*$', name: 'meta.diff.header.command' },
        {
          match: '^(index) ([0-9a-f]{7,64})(\\.\\.)([0-9a-f]{7,64})(?: ([0-7]{6}))?$',
          name: 'meta.diff.index.git',
          captures: {
            1: { name: 'keyword.other.index.diff' },
            2: { name: 'constant.other.sha.diff' },
            4: { name: 'constant.other.sha.diff' },
            5: { name: 'constant.numeric.mode.diff' },
          },
        },
        {
          match:
            '^(?:(?:new|deleted) file mode|old mode|new mode|similarity index|dissimilarity index|rename from|rename to|copy from|copy to) .*$|^Binary files .* differ$',
          name: 'meta.diff.header.extended',
        },
        // quilt and CVS-era patches name the file on an `Index:` line.
        { match: '^(Index)(:) (.+)$', name: 'meta.diff.index', captures: { 1: { name: 'keyword.other.index.diff' } } },
        {
          match: '^(---) (.*)$',
          name: 'meta.diff.header.from-file',
          captures: { 1: { name: 'punctuation.definition.from-file.diff' } },
        },
        {
          match: '^(\\+\\+\\+) (.*)$',
          name: 'meta.diff.header.to-file',
          captures: { 1: { name: 'punctuation.definition.to-file.diff' } },
        },
      ],
    },
    // ` fs/ext4/inode.c | 12 +++++-----` and ` 2 files changed, 7 insertions(+), 5 deletions(-)`.
    // Context lines also start with a space, which is why this only applies outside a hunk.
    diffstat: {
      patterns: [
        {
          match: '^ (\\S.*?)\\s+(\\|)\\s+(?:(\\d+) ?(\\+*)(-*)|(Bin) (.*))$',
          name: 'meta.diff.stat',
          captures: {
            1: { name: 'string.unquoted.filename.diff' },
            2: { name: 'punctuation.separator.diff' },
            3: { name: 'constant.numeric.diff' },
            4: { name: 'markup.inserted.diff' },
            5: { name: 'markup.deleted.diff' },
            6: { name: 'keyword.other.binary.diff' },
          },
        },
        {
          match: '^ \\d+ files? changed(?:, \\d+ insertions?\\(\\+\\))?(?:, \\d+ deletions?\\(-\\))?$',
          name: 'meta.diff.stat.summary',
        },
        { match: '^ (?:create|delete) mode [0-7]+ .*$|^ (?:rename|copy) .* \\(\\d+%\\)$', name: 'meta.diff.stat' },
      ],
    },
    hunk: {
      begin: HUNK_HEADER,
      while: HUNK_LINE,
      name: 'meta.diff.hunk',
      beginCaptures: {
        0: { name: 'meta.diff.range.unified' },
        1: { name: 'punctuation.definition.range.diff' },
        2: { name: 'meta.toc-list.line-number.diff' },
        3: { name: 'meta.toc-list.line-number.diff' },
        4: { name: 'punctuation.definition.range.diff' },
        // The function git names after the range is C too.
        5: { name: 'meta.diff.section-heading', patterns: [{ include: 'source.c' }] },
      },
      patterns: [
        run('+', String.raw`^(\+)`, String.raw`^(\+)`),
        run('-', `^(-)${NOT_REMOVAL}`, `^(-)${NOT_REMOVAL}`),
        run(' ', '^( )', '^( )'),
        { match: '^(\\\\) .*$', name: 'comment.line.no-newline.diff' },
      ],
    },
    directive: {
      patterns: [
        {
          match: '\\G\\s*((#)\\s*(?:include|include_next))\\b\\s*(<[^>]*>|"[^"]*")?',
          captures: {
            1: { name: 'keyword.control.directive.include.c' },
            2: { name: 'punctuation.definition.directive.c' },
            3: { name: 'string.quoted.other.include.c' },
          },
        },
        {
          match: '\\G\\s*((#)\\s*(?:if|ifdef|ifndef|elif|else|endif|undef|pragma|error|warning|line))\\b',
          captures: {
            1: { name: 'keyword.control.directive.conditional.c' },
            2: { name: 'punctuation.definition.directive.c' },
          },
        },
      ],
    },
  },
};
