// remark plugin: the editors' directives become plain, safe HTML.
//   :cite[exact words]{msg=ID}            → <q class="cite"><a href="thread/#m-ID">exact words</a></q>
//   :::note{msg=ID} … :::                  → <aside class="note" data-msg="ID"> … </aside>
//   :::note{patch=p3 file=… line=12} … ::: → <aside class="note" data-patch="p3" data-file="…" data-line="12">
//   :::note{trace=0 frame=…} … :::         → <aside class="note" data-trace="0" data-frame="…">
// Any other directive is rendered as the text it was written as, so nothing an editor typed disappears.
import type { Root } from 'mdast';
import type { ContainerDirective, LeafDirective, TextDirective } from 'mdast-util-directive';
import { visit } from 'unist-util-visit';
// Brings the `hName`/`hProperties` fields of node data into the types.
import type {} from 'mdast-util-to-hast';

export interface RemarkCaseDirectivesOptions {
  /** Maps a message reference (id, index or Message-ID) to its anchor id; the identity when absent. */
  resolveMessage?: (ref: string) => string | null;
  /**
   * Where a citation of a message links: by default to the message on the case's thread page (`thread/#m-<id>`,
   * relative to the case page), where it is shown whole and highlighted; the thread page's notes link on the page.
   */
  messageHref?: (id: string) => string;
}

type Directive = TextDirective | ContainerDirective | LeafDirective;

function noteLabel(attrs: Record<string, string | null | undefined>): string {
  if (attrs.patch) return `Editor’s note on ${attrs.patch}${attrs.file ? `, ${attrs.file}` : ''}${attrs.line ? ` line ${attrs.line}` : ''}`;
  if (attrs.trace !== undefined && attrs.trace !== null) return `Editor’s note on the trace${attrs.frame ? `, frame ${attrs.frame}` : ''}`;
  if (attrs.msg) return 'Editor’s note on a message';
  return 'Editor’s note';
}

export default function remarkCaseDirectives(options: RemarkCaseDirectivesOptions = {}) {
  const resolve = options.resolveMessage ?? ((ref: string) => ref);
  const href = options.messageHref ?? ((id: string) => `thread/#m-${id}`);
  return (tree: Root) => {
    visit(tree, (node) => {
      // A plain link to a message (`[message](#m-<id>)`, as generated cases and editors write them) goes where a
      // citation goes.
      if (node.type === 'link' && /^#m-[\w-]+$/.test(node.url)) {
        node.url = href(node.url.slice('#m-'.length));
        return;
      }
      if (node.type !== 'textDirective' && node.type !== 'containerDirective' && node.type !== 'leafDirective') return;
      const d = node as Directive;
      const attrs = (d.attributes ?? {}) as Record<string, string | null | undefined>;
      if (d.type === 'textDirective' && d.name === 'cite') {
        const id = attrs.msg ? resolve(attrs.msg) : null;
        d.data = { hName: 'q', hProperties: { className: ['cite'] } };
        if (id) d.children = [{ type: 'link', url: href(id), children: d.children } as never];
        return;
      }
      if (d.type === 'containerDirective' && d.name === 'note') {
        const props: Record<string, string> = { className: 'note' };
        for (const key of ['patch', 'file', 'line', 'trace', 'frame'] as const) {
          if (attrs[key] !== undefined && attrs[key] !== null) props[`data-${key}`] = String(attrs[key]);
        }
        if (attrs.msg) props['data-msg'] = resolve(attrs.msg) ?? attrs.msg;
        d.data = { hName: 'aside', hProperties: props };
        d.children.unshift({
          type: 'paragraph',
          data: { hName: 'p', hProperties: { className: ['note-label'] } },
          children: [{ type: 'text', value: noteLabel(attrs) }],
        } as never);
        return;
      }
      // An unknown directive: show what was written rather than dropping it.
      const text = d.type === 'textDirective' ? `:${d.name}` : `${d.type === 'leafDirective' ? '::' : ':::'}${d.name}`;
      d.data = { hName: d.type === 'textDirective' ? 'span' : 'div' };
      d.children.unshift({ type: 'text', value: `${text} ` } as never);
    });
  };
}
