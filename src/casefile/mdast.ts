// The small part of mdast the case generator builds, and its serialisation through remark-stringify with
// the directive extension (`:cite[…]{msg=…}`, `:::note`), so every piece of mail text is escaped.
import remarkDirective from 'remark-directive';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import type { BlockContent, Root, PhrasingContent } from 'mdast';
import type { TextDirective } from 'mdast-util-directive';

export type Inline = PhrasingContent | TextDirective;
export type Block = BlockContent;

const processor = unified().use(remarkDirective).use(remarkStringify, {
  bullet: '-',
  emphasis: '_',
  strong: '*',
  fence: '`',
  fences: true,
  rule: '-',
  listItemIndent: 'one',
  incrementListMarker: true,
});

export function toMarkdown(children: Block[]): string {
  const root: Root = { type: 'root', children };
  return String(processor.stringify(root)).trimEnd() + '\n';
}
