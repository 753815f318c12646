// rehype plugin: highlights the case files' fenced code (```kernel-log, ```diff, ```c, any bundled shiki
// language) with the thread pages' highlighting (src/highlight: on the site build's worker, one TextMate
// pass for both themes) instead of Astro's, which would be a second highlighter on the main thread
// tokenizing every block once per theme. It writes what Astro's rehype-shiki writes (renderFence: `<pre
// class="astro-code …" data-language>` …), so the site's CSS and rehype-mark-lines see the same markup
// (test/highlight/fences.test.ts compares the two).
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import { highlightFence } from '../highlight/highlight.ts';
import { textOf } from './rehype-mark-lines.ts';

const LANGUAGE = /\blanguage-(\S+)\b/;
/** Fences Astro leaves alone (its defaultExcludeLanguages). */
const EXCLUDED = new Set(['math']);

function languageOf(code: Element): string {
  const c = code.properties.className;
  for (const cls of Array.isArray(c) ? c : typeof c === 'string' ? [c] : []) {
    const m = typeof cls === 'string' ? LANGUAGE.exec(cls) : null;
    if (m) return m[1]!;
  }
  return 'plaintext';
}

export default function rehypeHighlightFences() {
  return async (tree: Root) => {
    const blocks: { code: Element; pre: Element; parent: Element | Root; language: string }[] = [];
    visit(tree, 'element', (pre: Element, _index, parent) => {
      const code = pre.children[0];
      if (pre.tagName !== 'pre' || pre.children.length !== 1 || code?.type !== 'element' || code.tagName !== 'code' || !parent) return;
      const language = languageOf(code);
      if (EXCLUDED.has(language)) return;
      blocks.push({ code, pre, parent: parent as Element | Root, language });
    });
    // All at once: on the site build they go to the highlighting worker side by side.
    const trees = await Promise.all(
      blocks.map(({ code, language }) =>
        highlightFence(textOf(code), language, (code.data as { meta?: string } | undefined)?.meta ?? (code.properties.metastring as string | undefined)),
      ),
    );
    blocks.forEach(({ pre, parent }, i) => {
      parent.children[parent.children.indexOf(pre)] = trees[i]!.children[0] as Element;
    });
  };
}
