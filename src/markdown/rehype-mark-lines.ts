// rehype plugin for case pages: in the highlighted oops, marks the guilty frame's lines and the lines of
// functions the fix touches; in the highlighted diff, marks the lines editors' notes point at
// (`:::note{patch file line}`), so the note and its line can be read together. (Added and removed lines
// are tagged by the highlighter's own transformer.)
//   frontmatter symptom.title "BUG: … in __d_lookup" → kernel-log lines naming __d_lookup get class `guilty`
//   diff `@@ … @@ static int widget_release(` → kernel-log lines naming widget_release get class `touched`
import type { Element, ElementContent, Root, Text } from 'hast';
import { visit } from 'unist-util-visit';

interface FileData {
  astro?: { frontmatter?: { symptom?: { title?: string } | null } };
}

/** The text of a HAST node, its descendants' joined (what a reader sees of a code line or block). */
export function textOf(node: ElementContent): string {
  if (node.type === 'text') return (node as Text).value;
  if (node.type === 'element') return node.children.map(textOf).join('');
  return '';
}

// shiki's hast keeps HTML attribute names (`class`, `data-language`); other plugins use hast's
// (`className`, `dataLanguage`): read both, write `className`.
function classes(el: Element): string[] {
  const c = el.properties.className ?? el.properties.class;
  return Array.isArray(c) ? c.map(String) : c ? String(c).split(/\s+/) : [];
}

function addClass(el: Element, cls: string): void {
  el.properties.className = [...classes(el), cls];
  delete el.properties.class;
}

function lines(pre: Element): Element[] {
  const code = pre.children.find((c): c is Element => c.type === 'element' && c.tagName === 'code');
  return (code?.children ?? []).filter((c): c is Element => c.type === 'element' && classes(c).includes('line'));
}

function language(pre: Element): string {
  return String(pre.properties.dataLanguage ?? pre.properties['data-language'] ?? '');
}

/** Functions a diff changes: named in hunk headers, and called or defined on changed lines. */
function touchedFunctions(diff: string): Set<string> {
  const out = new Set<string>();
  for (const line of diff.split('\n')) {
    const hunk = /^@@[^@]*@@.*?\b([A-Za-z_]\w*)\s*\(/.exec(line);
    if (hunk) out.add(hunk[1]);
  }
  return out;
}

export default function rehypeMarkLines() {
  return (tree: Root, file: { data: FileData }) => {
    const guilty = / in ([A-Za-z_][\w.]*)\s*$/.exec(file.data.astro?.frontmatter?.symptom?.title ?? '')?.[1] ?? null;
    const pres: Element[] = [];
    visit(tree, 'element', (el: Element) => {
      if (el.tagName === 'pre') pres.push(el);
    });
    const touched = new Set<string>();
    for (const pre of pres) if (language(pre) === 'diff') for (const f of touchedFunctions(lines(pre).map(textOf).join('\n'))) touched.add(f);
    const notes: { file: string; line: number }[] = [];
    const frames: string[] = [];
    visit(tree, 'element', (el: Element) => {
      if (el.tagName !== 'aside') return;
      const p = el.properties;
      const file = p.dataFile ?? p['data-file'];
      const line = p.dataLine ?? p['data-line'];
      const frame = p.dataFrame ?? p['data-frame'];
      if (file && line) notes.push({ file: String(file), line: Number(line) });
      if (frame) frames.push(String(frame));
    });
    for (const pre of pres) {
      const lang = language(pre);
      if (lang === 'kernel-log') {
        for (const line of lines(pre)) {
          const t = textOf(line);
          const named = (f: string) => new RegExp(`(^|[^\\w])${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\+0x|\\(|\\s|$)`).test(t);
          if (guilty && named(guilty)) addClass(line, 'guilty');
          else if ([...touched].some(named)) addClass(line, 'touched');
          if (frames.some(named)) addClass(line, 'marked');
        }
      } else if (lang === 'diff') {
        let file = '';
        let next = 0;
        for (const line of lines(pre)) {
          const t = textOf(line);
          const plus = /^\+\+\+ (?:[ab]\/|[^/\s]+\/)?(\S+)/.exec(t);
          if (plus) file = plus[1];
          const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)/.exec(t);
          if (hunk) {
            next = Number(hunk[1]);
            continue;
          }
          if (next > 0 && !t.startsWith('-')) {
            if (notes.some((n) => n.line === next && (file.endsWith(n.file) || n.file.endsWith(file)))) addClass(line, 'marked');
            next++;
          }
        }
      }
    }
  };
}
