// The small part of mdast the case generator builds, and its serialisation through remark-stringify with
// the directive extension (`:cite[…]{msg=…}`, `:::note`), so every piece of mail text is escaped.
import remarkDirective from 'remark-directive';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import type { BlockContent, Root, PhrasingContent } from 'mdast';
import type { TextDirective } from 'mdast-util-directive';

export type Inline = PhrasingContent | TextDirective;
export type Block = BlockContent;

const processor = unified()
  .use(remarkDirective)
  .use(remarkStringify, {
    bullet: '-',
    emphasis: '_',
    strong: '*',
    fence: '`',
    fences: true,
    rule: '-',
    listItemIndent: 'one',
    incrementListMarker: true,
    // Every colon before a word character is escaped: `sd 0:0:0:0` must not become a `:0` directive. The
    // directive extension's own rule misses colons that follow another escaped one.
    unsafe: [{ character: ':', after: '[A-Za-z0-9_]', inConstruct: 'phrasing' }],
  });

export function toMarkdown(children: Block[]): string {
  const root: Root = { type: 'root', children };
  return `${String(processor.stringify(root)).trimEnd()}\n`;
}
