// rehype plugin: raw HTML in a case file is shown as text, never parsed into the page. Mail text is escaped
// when a case is generated; this keeps an editor's (or an attacker's) `<script>` inert as well. It runs
// before Astro's own rehype-raw step, which would otherwise turn `raw` nodes into elements.
import type { Root } from 'hast';
import { visit } from 'unist-util-visit';

export default function rehypeNoRaw() {
  return (tree: Root) => {
    visit(tree, 'raw', (node, index, parent) => {
      if (!parent || index === undefined) return;
      parent.children[index] = { type: 'text', value: (node as { value: string }).value };
    });
  };
}
