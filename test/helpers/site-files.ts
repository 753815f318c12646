// Reading a built site as files: every HTML page, the links in a page (`href=` and `src=` attributes), the
// ids a page defines. Enough of HTML for a link checker; Astro writes well-formed, quoted attributes.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Every file under `dir` with the given extension, as paths relative to `dir` with `/` separators. */
export function filesUnder(dir: string, ext: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(ext)) out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

// A start tag whose quoted attribute values may hold `>`.
const START_TAG = /<([a-zA-Z][\w:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*\/?>/g;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

export interface Link {
  tag: string;
  attr: 'href' | 'src';
  value: string;
}

/** The start tags of a page: name and entity-decoded attributes (names lower-cased). */
export function* tagsOf(html: string): Generator<{ tag: string; attrs: Map<string, string> }> {
  // Comments go, and the text of scripts and styles (which is not markup); their own tags stay.
  const body = html.replace(/<!--[\s\S]*?-->/g, '').replace(/(<(script|style)\b[^>]*>)[\s\S]*?(<\/\2\s*>)/gi, '$1$3');
  for (const m of body.matchAll(START_TAG)) {
    const attrs = new Map<string, string>();
    for (const a of (m[2] ?? '').matchAll(/\s+([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
      attrs.set(a[1].toLowerCase(), decodeEntities(a[2] ?? a[3] ?? a[4] ?? ''));
    }
    yield { tag: m[1].toLowerCase(), attrs };
  }
}

/** The `href` and `src` attributes of every tag, in document order. */
export function linksOf(html: string): Link[] {
  const links: Link[] = [];
  for (const { tag, attrs } of tagsOf(html)) {
    for (const attr of ['href', 'src'] as const) {
      const value = attrs.get(attr);
      if (value !== undefined) links.push({ tag, attr, value });
    }
  }
  return links;
}

/** Every `id` attribute of a page, with how often each occurs. */
export function idsOf(html: string): Map<string, number> {
  const ids = new Map<string, number>();
  for (const { attrs } of tagsOf(html)) {
    const id = attrs.get('id');
    if (id !== undefined) ids.set(id, (ids.get(id) ?? 0) + 1);
  }
  return ids;
}

export function read(dir: string, rel: string): string {
  return readFileSync(join(dir, rel), 'utf8');
}
