// The commits a message names in its own text: `commit <sha>` blocks as git log prints them (the title
// indented under Author and Date), `<sha> ("title")` as in a Fixes: tag, git.kernel.org commit URLs, and
// lore.kernel.org links to a posting. Each with the paragraph around it, so a rule can ask what is said of it
// ("fixed by", "introduced by", "reverting … fixes it").
//
//   commitRefs('Fixed by 1234567890ab ("foo: bar").') → [{ sha: '1234567890ab', title: 'foo: bar', url: null, … }]

export interface CommitRef {
  sha: string | null;
  title: string | null;
  url: string | null;
  /** The paragraph that names it, whitespace collapsed: what the message says about it. */
  context: string;
  /** The line that names it, trimmed: the evidence. */
  line: string;
}

const SHA = '[0-9a-f]{7,40}';
/** `1234567890ab ("title")`, `commit 1234567890ab ("title")`, with straight or curly quotes. */
const SHA_TITLE = new RegExp(`\\b(?:commit\\s+)?(${SHA})\\s*\\(\\s*["“]([^"”\\n]{3,200})["”]\\s*\\)`, 'gi');
/** `commit <sha>` then Author:/Date: lines and the indented title, as git log and git show print it. */
const LOG_BLOCK = new RegExp(
  `^[ \\t]*commit (${SHA})\\b[^\\n]*\\n(?:[ \\t]*(?:Author|AuthorDate|Commit|CommitDate|Date|Merge):[^\\n]*\\n){1,5}[ \\t]*\\n[ \\t]{2,}(\\S[^\\n]*)`,
  'gim',
);
/** git.kernel.org (cgit) and GitHub commit URLs. */
const COMMIT_URL = new RegExp(`https?://[^\\s<>"]*?(?:/commit/?\\?(?:[^\\s<>"]*&)?id=|/c/|/commit/)(${SHA})\\b[^\\s<>"]*`, 'gi');
/** A posting on lore (or the older marc/lkml archives): names a patch by its Message-ID. */
const LORE_URL = /https?:\/\/(?:lore\.kernel\.org|lkml\.kernel\.org|patch\.msgid\.link)\/[^\s<>")\]]+/gi;
/** A bare commit id in prose: 12 or more hex digits with at least one letter and one digit. */
const BARE_SHA = /(?<![\w/.=-])([0-9a-f]{12,40})(?![\w/-]|\.\.)/g;

/** Words before a bare run of digits that make it a commit id: "apply 390390240145", "commit 123456789012". */
const COMMIT_WORDS = /\b(?:commit|apply|applying|pick|picking|revert|reverting|backport|cherry-pick|upstream)\s+$/i;

/** How much text around a reference its context holds, each way: a paragraph, not a pasted megabyte. */
const CONTEXT_CHARS = 600;
/** A message naming more commits than this is a log or a shortlog dump: the rest are not read. */
export const MAX_REFS_PER_MESSAGE = 200;

function paragraphAround(text: string, index: number): string {
  // Only the window around the reference is searched for paragraph breaks: a megabyte without a blank line is
  // not scanned again for every commit it names.
  const from = Math.max(0, index - CONTEXT_CHARS);
  const to = Math.min(text.length, index + CONTEXT_CHARS);
  const window = text.slice(from, to);
  const at = index - from;
  const start = window.lastIndexOf('\n\n', at);
  const end = window.indexOf('\n\n', at);
  return window
    .slice(start < 0 ? 0 : start + 2, end < 0 ? undefined : end)
    .replace(/\s+/g, ' ')
    .trim();
}

function lineAround(text: string, index: number): string {
  const from = Math.max(0, index - CONTEXT_CHARS);
  const window = text.slice(from, Math.min(text.length, index + CONTEXT_CHARS));
  const at = index - from;
  const end = window.indexOf('\n', at);
  return window.slice(window.lastIndexOf('\n', at) + 1, end < 0 ? undefined : end).trim();
}

/** Every commit reference in `text` (a message's own text), in order of appearance, each sha once. */
export function commitRefs(text: string): CommitRef[] {
  if (!/[0-9a-f]{7}|https?:/i.test(text)) return [];
  const found: (CommitRef & { at: number })[] = [];
  const seen = new Set<string>();
  const add = (at: number, sha: string | null, title: string | null, url: string | null) => {
    const key = sha ? `s:${sha.toLowerCase().slice(0, 12)}` : `u:${url}`;
    const prior = found.find((f) => (sha && f.sha?.startsWith(sha.toLowerCase().slice(0, 12))) || (url && f.url === url));
    if (prior) {
      prior.title ??= title;
      if (sha && prior.sha && sha.length > prior.sha.length) prior.sha = sha.toLowerCase();
      return;
    }
    if (seen.has(key) || found.length >= MAX_REFS_PER_MESSAGE) return;
    seen.add(key);
    found.push({ at, sha: sha?.toLowerCase() ?? null, title: title?.trim() ?? null, url, context: paragraphAround(text, at), line: lineAround(text, at) });
  };
  for (const m of text.matchAll(LOG_BLOCK)) add(m.index, m[1], m[2], null);
  for (const m of text.matchAll(SHA_TITLE)) add(m.index, m[1], m[2], null);
  for (const m of text.matchAll(COMMIT_URL)) add(m.index, m[1], null, m[0]);
  for (const m of text.matchAll(LORE_URL)) add(m.index, null, null, m[0].replace(/[.,;:]+$/, ''));
  for (const m of text.matchAll(BARE_SHA)) {
    // An id of digits alone is a commit only where the words around it say so.
    const hex = /[a-f]/.test(m[1]) && /\d/.test(m[1]);
    if (hex || COMMIT_WORDS.test(text.slice(Math.max(0, m.index - 24), m.index))) add(m.index, m[1], null, null);
  }
  return found.sort((a, b) => a.at - b.at).map(({ at: _at, ...ref }) => ref);
}
