// The pipeline's layers and the one rule between them: an import only points down (ingest → thread →
// analysis → the core → casefile → the site), statically or with `import()`; no two files import each other,
// however indirectly; and no Astro package is imported below the site's own modules.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/paths.ts';

const SRC = join(ROOT, 'src');

/**
 * Each top-level module of src/ (a folder, or a file without its extension) and its layer, lowest first. A
 * module may import only modules of lower layers (and itself).
 */
const LAYER: Record<string, number> = {
  vocabulary: 0, // the domain's words: statuses, kinds, roles
  cache: 0, // the cache folder and the code fingerprint
  config: 0, // a casebook's folder and casebook.config.json
  ingest: 1,
  thread: 2,
  analysis: 3,
  casebook: 4, // src/casebook.ts: sources in, analysed threads out
  casefile: 5, // case files and thread JSON, check, build's import half
  highlight: 6,
  markdown: 7,
  site: 8,
  'content.config': 9,
  components: 9,
  layouts: 9,
  styles: 8, // the site's stylesheets
  pages: 10,
  cli: 11,
};
/** Below this layer nothing imports Astro (the CLI's import, check and inspect never load it). */
const ASTRO_FROM_LAYER = LAYER.markdown;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(?:ts|astro|mjs)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const moduleOf = (file: string) =>
  relative(SRC, file)
    .split('/')[0]!
    .replace(/\.(?:ts|astro|mjs)$/, '');
const IMPORT = /(?:\bfrom\s+|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;

/** Every file of src/ with the files and packages it imports (static and dynamic). */
function importGraph(): Map<string, { files: string[]; packages: string[] }> {
  const graph = new Map<string, { files: string[]; packages: string[] }>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    const files: string[] = [];
    const packages: string[] = [];
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1]!;
      if (spec.startsWith('.')) files.push(resolve(dirname(file), spec));
      else if (!spec.startsWith('node:')) packages.push(spec);
    }
    graph.set(file, { files, packages });
  }
  return graph;
}

type Graph = Map<string, { files: string[]; packages: string[] }>;

/** The imports that point up or sideways: `from → to`, paths relative to src/. */
function upwardImports(graph: Graph): string[] {
  const upward: string[] = [];
  for (const [file, { files }] of graph) {
    const from = moduleOf(file);
    for (const to of files) {
      const target = moduleOf(to);
      if (target === from || target === 'types') continue;
      if (!(LAYER[target]! < LAYER[from]!)) upward.push(`${relative(SRC, file)} → ${relative(SRC, to)}`);
    }
  }
  return upward;
}

describe('layers', () => {
  const graph = importGraph();

  it('every top-level module of src/ has a layer', () => {
    expect([...new Set([...graph.keys()].map(moduleOf))].filter((m) => !(m in LAYER) && m !== 'types').sort()).toEqual([]);
  });

  it('an import only points down', () => {
    expect(upwardImports(graph)).toEqual([]);
  });

  it('no import cycle between files, static or dynamic', () => {
    // Tarjan's strongly connected components over the file graph.
    let counter = 0;
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const cycles: string[][] = [];
    const visit = (v: string) => {
      index.set(v, counter);
      low.set(v, counter++);
      stack.push(v);
      onStack.add(v);
      for (const w of graph.get(v)?.files ?? []) {
        if (!graph.has(w)) continue;
        if (!index.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
      if (low.get(v) === index.get(v)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(relative(SRC, w));
        } while (w !== v);
        if (component.length > 1) cycles.push(component.sort());
      }
    };
    for (const file of graph.keys()) if (!index.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });

  it('nothing below the site imports Astro', () => {
    const astro = [...graph]
      .filter(([file]) => LAYER[moduleOf(file)]! < ASTRO_FROM_LAYER)
      .flatMap(([file, { packages }]) => packages.filter((p) => /^(?:astro|@astrojs\/)/.test(p)).map((p) => `${relative(SRC, file)} → ${p}`));
    expect(astro).toEqual([]);
  });

  it('the check reports an upward or sideways import, and reads the whole tree', () => {
    const made: Graph = new Map([
      [join(SRC, 'analysis', 'x.ts'), { files: [join(SRC, 'site', 'y.ts'), join(SRC, 'thread', 'z.ts')], packages: [] }],
      [join(SRC, 'cache', 'c.ts'), { files: [join(SRC, 'vocabulary', 'v.ts')], packages: [] }],
    ]);
    expect(upwardImports(made)).toEqual(['analysis/x.ts → site/y.ts', 'cache/c.ts → vocabulary/v.ts']);
    expect([...graph.values()].reduce((n, g) => n + g.files.length, 0)).toBeGreaterThan(200);
  });
});
