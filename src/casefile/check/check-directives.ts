// A case's Markdown → problems with its remark directives: every `:cite` must quote its message word for
// word, every `:::note` must point at something the thread holds, and other directive names are flagged
// (the site would drop them, and a stray `word:word` in prose parses as one).
import type { Nodes, Root } from 'mdast';
import type { ContainerDirective, LeafDirective, TextDirective } from 'mdast-util-directive';
import remarkDirective from 'remark-directive';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { checkNote, messageUnknown } from './check-note.ts';
import { messageText, normalizeSpace, resolveMessage, type ThreadFile } from './thread-file.ts';
import { error, warning, type Problem } from './types.ts';

type Directive = ContainerDirective | LeafDirective | TextDirective;

const parser = unified().use(remarkParse).use(remarkDirective);

/** A cite's words as they read, Markdown escapes and emphasis removed. */
function plainText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  return 'children' in node ? (node.children as Nodes[]).map(plainText).join('') : '';
}

function* directives(node: Nodes): Generator<Directive> {
  if (node.type === 'textDirective' || node.type === 'leafDirective' || node.type === 'containerDirective') yield node;
  if ('children' in node) for (const child of node.children as Nodes[]) yield* directives(child);
}

const MARK = { textDirective: ':', leafDirective: '::', containerDirective: ':::' } as const;

function checkCite(d: Directive, thread: ThreadFile, line: number | null): Problem[] {
  const ref = d.attributes?.msg;
  if (ref === undefined || ref === null) {
    return [error('message-unknown', '`:cite` names no message', line, 'Write it as :cite[exact words]{msg=ID}.')];
  }
  const message = resolveMessage(thread, ref);
  if (!message) return [messageUnknown(ref, thread, line)];
  const words = normalizeSpace(plainText(d));
  if (words && messageText(message).includes(words)) return [];
  const shown = words.length > 60 ? `${words.slice(0, 57)}…` : words;
  return [
    error(
      'cite-not-found',
      words ? `the words “${shown}” are not in message ${message.index} (${message.id})` : '`:cite` quotes no words',
      line,
      "A citation is the message's exact words (whitespace may differ): copy them from the thread, or cite the message that wrote them.",
    ),
  ];
}

/** `body` is the Markdown after the frontmatter; `lineOffset` is added to its lines to give file lines. */
export function checkDirectives(body: string, lineOffset: number, thread: ThreadFile): Problem[] {
  const tree = parser.parse(body) as Root;
  const problems: Problem[] = [];
  for (const d of directives(tree)) {
    const line = d.position ? d.position.start.line + lineOffset : null;
    if (d.name === 'cite') problems.push(...checkCite(d, thread, line));
    else if (d.name === 'note') problems.push(...checkNote(d.attributes ?? {}, thread, line));
    else {
      problems.push(
        warning(
          'directive-unknown',
          `\`${MARK[d.type]}${d.name}\` is not a casebook directive (only :cite and :::note are)`,
          line,
          d.type === 'textDirective' ? 'For a literal colon before a word (`12:30`, `foo:bar`) write `\\:`.' : 'Use :::note{msg=ID} for a note on a message.',
        ),
      );
    }
  }
  return problems;
}
