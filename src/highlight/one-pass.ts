// One TextMate pass for both themes. Shiki highlights a block for a light and a dark theme by tokenizing it
// once per theme (codeToTokensWithThemes), although the grammar's regular expressions — most of the cost —
// match the same way whatever the theme: only the colours attached to the scopes differ. Here the first
// pass tokenizes with scope names and keeps the result; every pass, the first included, then gets its
// theme's token attributes computed from the scope names, as vscode-textmate computes them while
// tokenizing (AttributedScopeStack, folded from the root scope), and merged as its binary tokens are.
// The HTML is byte for byte what shiki gives without this (test/highlight/one-pass.test.ts compares them
// on every trace, patch and code block of the corpus and the seeds).
//
// This leans on vscode-textmate's internals (pinned with shiki in package.json): when a grammar lacks what it
// needs, or uses token-type overrides or partial bracket selectors (which depend on more than the scopes'
// attributes), it is left alone and shiki tokenizes per theme as usual.
import type { Highlighter } from 'shiki';
import { EncodedTokenMetadata } from 'shiki/textmate';

interface ScopedToken {
  startIndex: number;
  scopes: string[];
}
interface LineResult<T> {
  tokens: T;
  ruleStack: unknown;
  stoppedEarly: boolean;
}
interface AttributedScopes {
  tokenAttributes: number;
  pushAttributed(scope: string, grammar: Grammar): AttributedScopes;
}
interface AttributedScopesClass {
  createRootAndLookUpScopeName(scope: string, attributes: number, grammar: Grammar): AttributedScopes;
}
interface Grammar {
  tokenizeLine(line: string, prev: unknown, timeLimit?: number): LineResult<ScopedToken[]>;
  tokenizeLine2(line: string, prev: unknown, timeLimit?: number): LineResult<Uint32Array>;
  themeProvider: { _theme?: object; getDefaults(): { fontStyle: number; foregroundId: number; backgroundId: number } };
  _basicScopeAttributesProvider?: { getDefaultAttributes(): { languageId: number; tokenType: number } };
  _tokenTypeMatchers?: unknown[];
  balancedBracketSelectors?: { matchesAlways: boolean; matchesNever: boolean } | null;
}

/** Scope-name tokenizations of the block being highlighted, by previous line state, then by line text. */
let current: Map<unknown, Map<string, LineResult<ScopedToken[]>>> | null = null;
const INITIAL_KEY = {};
const patched = new WeakSet<object>();

/**
 * Patches the grammars of `langs` in `highlighter` (once); then highlighting inside `withOnePass` tokenizes
 * each line once for all themes.
 */
export function enableOnePass(highlighter: Highlighter, langs: readonly string[]): void {
  const primitive = highlighter.getInternalContext() as unknown as { getLanguage(name: string): Grammar };
  for (const lang of langs) {
    const grammar = primitive.getLanguage(lang);
    if (patched.has(grammar) || !supported(grammar)) continue;
    patched.add(grammar);
    patch(grammar);
  }
}

/** Runs `fn` (one codeToHtml) with the block's line tokenizations kept for its later theme passes. */
export function withOnePass<T>(fn: () => T): T {
  current = new Map();
  try {
    return fn();
  } finally {
    current = null;
  }
}

function supported(g: Grammar): boolean {
  return (
    typeof g.tokenizeLine === 'function' &&
    typeof g.tokenizeLine2 === 'function' &&
    typeof g._basicScopeAttributesProvider?.getDefaultAttributes === 'function' &&
    typeof g.themeProvider?.getDefaults === 'function' &&
    typeof g.themeProvider._theme === 'object' &&
    Array.isArray(g._tokenTypeMatchers) &&
    g._tokenTypeMatchers.length === 0 &&
    (!g.balancedBracketSelectors || g.balancedBracketSelectors.matchesAlways || g.balancedBracketSelectors.matchesNever)
  );
}

function patch(grammar: Grammar): void {
  const binary = grammar.tokenizeLine2.bind(grammar);
  /** Token attributes by theme, then by the token's scope names. */
  const attributesByTheme = new WeakMap<object, Map<string, number>>();
  let Scopes: AttributedScopesClass | null = null;

  const attributesOf = (scopes: string[]): number => {
    const theme = grammar.themeProvider._theme!;
    let known = attributesByTheme.get(theme);
    if (!known) attributesByTheme.set(theme, (known = new Map()));
    const key = scopes.join(' ');
    let attributes = known.get(key);
    if (attributes === undefined) {
      // As Grammar._tokenize starts a line with no previous state, then pushes each scope.
      const basic = grammar._basicScopeAttributesProvider!.getDefaultAttributes();
      const style = grammar.themeProvider.getDefaults();
      const defaults = EncodedTokenMetadata.set(0, basic.languageId, basic.tokenType, null, style.fontStyle, style.foregroundId, style.backgroundId);
      let stack = Scopes!.createRootAndLookUpScopeName(scopes[0]!, defaults, grammar);
      for (let i = 1; i < scopes.length; i++) stack = stack.pushAttributed(scopes[i]!, grammar);
      attributes = stack.tokenAttributes;
      // As LineTokens marks every token when the bracket selectors match everything (shiki's default).
      if (grammar.balancedBracketSelectors?.matchesAlways) attributes = EncodedTokenMetadata.set(attributes, 0, 8, true, -1, 0, 0);
      known.set(key, attributes);
    }
    return attributes;
  };

  grammar.tokenizeLine2 = (line, prev, timeLimit) => {
    if (!current) return binary(line, prev, timeLimit);
    const stateKey = prev ?? INITIAL_KEY;
    let byLine = current.get(stateKey);
    if (!byLine) current.set(stateKey, (byLine = new Map()));
    let scoped = byLine.get(line);
    if (!scoped) {
      scoped = grammar.tokenizeLine(line, prev, timeLimit);
      byLine.set(line, scoped);
    }
    Scopes ??= (scoped.ruleStack as { nameScopesList: { constructor: AttributedScopesClass } }).nameScopesList.constructor;
    // LineTokens in binary mode: a token whose attributes equal the previous token's extends it.
    const out: number[] = [];
    for (const t of scoped.tokens) {
      const attributes = attributesOf(t.scopes);
      if (out.length > 0 && out[out.length - 1] === attributes) continue;
      out.push(t.startIndex, attributes);
    }
    return { tokens: Uint32Array.from(out), ruleStack: scoped.ruleStack, stoppedEarly: scoped.stoppedEarly };
  };
}
