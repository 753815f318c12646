// A case's frontmatter → problems: YAML that does not parse, then every way it misses `caseSchema`, each at
// the line of the key it is about, so an editor can jump to it.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { caseSchema } from '../case-schema.ts';
import { error, type Problem } from './types.ts';

const SCHEMA_HINT = "The frontmatter's keys and their types are `caseSchema` in src/casefile/case-schema.ts; `npx casebook import` writes a valid one.";

/** `participants[0].roles` */
function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${String(k)}` : String(k)), '');
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

/** The offset of the deepest key (or sequence item) along `path` that the YAML holds: a missing key points at its parent. */
function offsetOf(doc: Document, path: readonly PropertyKey[]): number | null {
  let node: unknown = doc.contents;
  let offset: number | null = null;
  for (const k of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(k));
      if (!pair) break;
      offset = (pair.key as { range?: [number, number, number] }).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof k === 'number' && node.items[k]) {
      node = node.items[k];
      offset = (node as { range?: [number, number, number] }).range?.[0] ?? offset;
    } else {
      break;
    }
  }
  return offset;
}

/** `yaml` is the text between the `---` lines; `firstLine` is the file line it starts on. */
export function checkFrontmatter(yaml: string, firstLine: number): Problem[] {
  const lineCounter = new LineCounter();
  // prettyErrors off: its "at line N" would count from the frontmatter, not from the file.
  const doc = parseDocument(yaml, { lineCounter, prettyErrors: false });
  const lineAt = (offset: number) => lineCounter.linePos(offset).line + firstLine - 1;
  if (doc.errors.length > 0) {
    return doc.errors.map((e) =>
      error(
        'frontmatter-yaml',
        `the frontmatter is not valid YAML: ${e.message.split('\n')[0]}`,
        lineAt(e.pos[0]),
        'Quote values that hold `: `, ` #`, or start with `[`, `{`, `*`, `&`, `!`, `|`, `>`, `%`, `@` or a backquote.',
      ),
    );
  }
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (err) {
    // `yaml` refuses documents whose aliases expand past its limit (a "billion laughs" file).
    return [
      error('frontmatter-yaml', `the frontmatter cannot be read: ${(err as Error).message}`, firstLine, 'Write the values out instead of using YAML aliases.'),
    ];
  }
  const result = caseSchema.safeParse(data);
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const key = formatPath(issue.path);
    const offset = offsetOf(doc, issue.path);
    const line = offset === null ? firstLine : lineAt(offset);
    const value = valueAt(data, issue.path);
    // zod says "Invalid option: expected …"; the schema's own messages name only what is expected.
    let expected = issue.message.replace(/^Invalid (?:input|option|value): /i, '').replace(/, received \w+$/, '');
    if (!/^expected\b/i.test(expected)) expected = `expected ${expected}`;
    const shown = JSON.stringify(value);
    const message = !key
      ? `the frontmatter is ${value === null || value === undefined ? 'empty' : 'not a mapping of keys'}: ${expected}`
      : value === undefined
        ? `frontmatter key \`${key}\` is missing: ${expected}`
        : `frontmatter key \`${key}\` is ${shown.length > 40 ? `${shown.slice(0, 37)}…` : shown}: ${expected}`;
    return error('frontmatter-schema', message, line, SCHEMA_HINT);
  });
}
