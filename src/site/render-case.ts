// A case page's text: the case file's Markdown rendered by the site's pipeline (src/markdown/config.ts, the
// one Astro is configured with), cached in the cache folder by a hash of the file and of the rendering code —
// an unchanged case is not rendered again by the next build, and a change to a plugin or grammar renders
// every case anew.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { markdownConfigDefaults, parseFrontmatter, type MarkdownRenderer } from '@astrojs/markdown-remark';
import { CASEBOOK_MARKDOWN } from '../markdown/config.ts';
import { DiskCache, rendererFingerprint } from '../cache/index.ts';
import type { CaseEntry } from './load.ts';

let renderer: Promise<MarkdownRenderer> | undefined;
let disk: DiskCache | undefined;

/** The case file's text, frontmatter and all. */
function caseText(entry: CaseEntry): string {
  if (!entry.filePath) throw new Error(`The case ${entry.id} has no file path: it was not loaded from content/cases`);
  return readFileSync(resolve(entry.filePath), 'utf8');
}

/** The case file's Markdown without its frontmatter (where editors' notes live). */
export function caseBody(entry: CaseEntry): string {
  return parseFrontmatter(caseText(entry)).content;
}

/** The case's text as HTML: safe, as every mail-derived piece went through rehype-no-raw. */
export async function renderCase(entry: CaseEntry): Promise<string> {
  const text = caseText(entry);
  const key = createHash('sha256').update(`case\0${rendererFingerprint()}\0`).update(text).digest('hex');
  disk ??= new DiskCache('cases');
  const cached = disk.get(key);
  if (cached !== null) return cached;
  renderer ??= CASEBOOK_MARKDOWN.processor.createRenderer({
    syntaxHighlight: CASEBOOK_MARKDOWN.syntaxHighlight,
    shikiConfig: CASEBOOK_MARKDOWN.shikiConfig,
    gfm: markdownConfigDefaults.gfm,
    smartypants: CASEBOOK_MARKDOWN.smartypants,
  });
  const { frontmatter, content } = parseFrontmatter(text);
  const { code } = await (await renderer).render(content, { frontmatter, fileURL: new URL(`file://${resolve(entry.filePath!)}`) });
  disk.set(key, code);
  return code;
}
