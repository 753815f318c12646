// Editors' notes pulled out of a case's Markdown so each can also be shown where it points: beside its
// message in the thread view, on its diff line, on its oops frame. The note's text is rendered by the same
// safe pipeline as the rest of the case (no raw HTML passes).
import type { Root } from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
import rehypeStringify from 'rehype-stringify';
import remarkDirective from 'remark-directive';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import remarkCaseDirectives from '../markdown/remark-case-directives.ts';

export interface Note {
  msg?: string;
  patch?: string;
  file?: string;
  line?: number;
  trace?: number;
  frame?: string;
  /** The note's content as HTML. */
  html: string;
}

const parser = unified().use(remarkParse).use(remarkDirective);
// Notes are shown on the thread page, beside the messages they cite.
const renderer = unified()
  .use(remarkCaseDirectives, { messageHref: (id: string) => `#m-${id}` })
  .use(remarkRehype)
  .use(rehypeStringify);

export function notesOf(markdown: string, resolveMessage: (ref: string) => string | null): Note[] {
  // No container directive without a `:::` fence: a case without notes is not parsed at all (a thousand
  // thread pages spent a second of the site build parsing Markdown for nothing).
  if (!markdown.includes(':::')) return [];
  const tree = parser.parse(markdown) as Root;
  const notes: Note[] = [];
  visit(tree, 'containerDirective', (node: ContainerDirective) => {
    if (node.name !== 'note') return;
    const a = (node.attributes ?? {}) as Record<string, string | undefined>;
    const body: Root = { type: 'root', children: node.children as Root['children'] };
    const html = String(renderer.stringify(renderer.runSync(body) as never));
    notes.push({
      ...(a.msg ? { msg: resolveMessage(a.msg) ?? a.msg } : {}),
      ...(a.patch ? { patch: a.patch } : {}),
      ...(a.file ? { file: a.file } : {}),
      ...(a.line ? { line: Number(a.line) } : {}),
      ...(a.trace !== undefined ? { trace: Number(a.trace) } : {}),
      ...(a.frame ? { frame: a.frame } : {}),
      html,
    });
  });
  return notes;
}
