// The `cases` collection's loader: each content/cases/<slug>.md becomes an entry holding its validated
// frontmatter, and nothing else. Astro's glob loader would also keep each case's rendered HTML in the content
// store, and Astro inlines the whole store into the build as one module: at 5,000 cases that was a 267 MB
// store, bundled and parsed again, and the build ran out of heap. Case pages render their Markdown themselves
// (render-case.ts), from the file, with a cache of their own.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import type { Loader, LoaderContext } from 'astro/loaders';

/** The reload of each case folder a dev server watches, by folder: one listener each, however often loaded. */
const reloads = new Map<string, (path: string) => void>();
/** The context of the last load of each case folder: a reload writes into the store Astro uses now. */
const latest = new Map<string, LoaderContext>();

export function casesLoader(dir: string): Loader {
  return {
    name: 'casebook-cases',
    async load(context) {
      const { store, parseData, generateDigest, watcher } = context;
      const base = resolve(dir);
      // In `casebook dev`: a case or thread file written (by an editor, or by an import of a new source) loads the
      // collection again, and Astro reloads the open pages. A thread file changes a page without changing its case.
      if (watcher) {
        const threads = join(base, '..', 'threads');
        latest.set(base, context);
        let reload = reloads.get(base);
        if (!reload) {
          reload = (path: string) => {
            if (!path.startsWith(base) && !path.startsWith(threads)) return;
            const now = latest.get(base)!;
            if (path.startsWith(threads)) now.store.clear();
            void this.load({ ...now, watcher: undefined });
          };
          reloads.set(base, reload);
        }
        // Astro drops every listener of the loaders when it syncs the collections again: listen anew after that.
        if (!watcher.listeners('change').includes(reload)) {
          watcher.add([base, threads]);
          watcher.on('change', reload);
          watcher.on('add', reload);
          watcher.on('unlink', reload);
        }
      }
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
