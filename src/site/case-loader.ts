// The `cases` collection's loader: each content/cases/<slug>.md becomes an entry holding its validated
// frontmatter, and nothing else. Astro's glob loader would also keep each case's rendered HTML in the content
// store, and Astro inlines the whole store into the build as one module: at 5,000 cases that was a 267 MB
// store, bundled and parsed again, and the build ran out of heap. Case pages render their Markdown themselves
// (render-case.ts), from the file, with a cache of their own.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import type { Loader } from 'astro/loaders';

export function casesLoader(dir: string): Loader {
  return {
    name: 'casebook-cases',
    async load({ store, parseData, generateDigest }) {
      const base = resolve(dir);
      const names = (await readdir(base).catch(() => [] as string[])).filter((n) => n.endsWith('.md')).sort();
      const seen = new Set<string>();
      for (const name of names) {
        const id = name.slice(0, -'.md'.length);
        const path = join(base, name);
        const text = await readFile(path, 'utf8');
        const digest = generateDigest(text);
        seen.add(id);
        // An unchanged file keeps its entry: no YAML parsing, no validation.
        if (store.get(id)?.digest === digest) continue;
        const filePath = relative(process.cwd(), path);
        const data = await parseData({ id, data: parseFrontmatter(text).frontmatter, filePath });
        store.set({ id, data, digest, filePath });
      }
      for (const id of store.keys()) if (!seen.has(id)) store.delete(id);
    },
  };
}
