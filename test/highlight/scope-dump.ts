// A reviewable text form of how a grammar reads a block: each source line, then its tokens with the
// scopes the grammar gave them (outermost first, the grammar's own root scope left out).
//
//   0002 [12844.066765] IP: [<ffffffff802a7b3c>] __d_lookup+0xf1/0x117
//        "[12844.066765]"  comment.other.timestamp.kernel-log
//        "IP"  variable.parameter.register.kernel-log
//
// Whitespace-only tokens are left out; a token the grammar did not scope shows as `(plain)`.
import { createHighlighter, type Highlighter, type HighlighterCore, type RegexEngine } from 'shiki';
import { CASEBOOK_LANGS, CASEBOOK_THEMES } from '../../src/highlight/index.ts';

export interface ScopedToken {
  text: string;
  scopes: string[];
}

/** Long tokens (a module list) are cut in the dump; the source line above them is shown whole. */
const MAX_DUMPED_TOKEN = 100;

/** A highlighter with the site's languages, apart from highlight()'s own so tests can pick the engine. */
export function createTestHighlighter(engine?: RegexEngine): Promise<Highlighter> {
  const themes = Object.values(CASEBOOK_THEMES);
  return createHighlighter(engine ? { themes, langs: CASEBOOK_LANGS, engine } : { themes, langs: CASEBOOK_LANGS });
}

/** The grammar's tokens of each line, with their full scope stacks (root scope dropped). */
export function scopedTokens(h: HighlighterCore, code: string, lang: string): ScopedToken[][] {
  const lines = h.codeToTokensBase(code, { lang, theme: CASEBOOK_THEMES.light, includeExplanation: 'scopeName' });
  return lines.map((tokens) =>
    tokens.flatMap((t) => (t.explanation ?? []).map((e) => ({ text: e.content, scopes: e.scopes.slice(1).map((s) => s.scopeName) }))),
  );
}

/** The scopes of the first token reading exactly `text`, or undefined when there is none. */
export function scopesOf(tokens: ScopedToken[], text: string): string[] | undefined {
  return tokens.find((t) => t.text === text)?.scopes;
}

export function scopeDump(h: HighlighterCore, code: string, lang: string): string {
  const out: string[] = [];
  const source = code.split('\n');
  scopedTokens(h, code, lang).forEach((tokens, i) => {
    out.push(`${String(i + 1).padStart(4, '0')} ${source[i] ?? ''}`.trimEnd());
    for (const t of tokens) {
      if (t.text.trim() === '') continue;
      const text = t.text.length > MAX_DUMPED_TOKEN ? `${t.text.slice(0, MAX_DUMPED_TOKEN - 1)}…` : t.text;
      out.push(`     ${JSON.stringify(text)}  ${t.scopes.join(' ') || '(plain)'}`);
    }
  });
  return `${out.join('\n')}\n`;
}
