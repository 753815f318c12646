// A rebuild that reuses the caches (the content store, rendered case text, highlighted blocks) must show
// every edit: a changed sentence in a case, a changed frontmatter title, a removed case. Stale renders are
// the price of a cache done wrong.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSite, type BuiltSite } from '../helpers/build-site.ts';
import { ROOT } from '../helpers/paths.ts';

const work = mkdtempSync(join(tmpdir(), 'casebook-incremental-'));
const content = join(work, 'content');
const cache = join(work, 'cache');
const built: BuiltSite[] = [];
afterAll(() => {
  for (const b of built) b.remove();
  rmSync(work, { recursive: true, force: true });
});

describe('a rebuild from the caches', () => {
  it('shows an edited sentence and title, and drops a removed case', async () => {
    cpSync(join(ROOT, 'content', 'cases'), join(content, 'cases'), { recursive: true });
    cpSync(join(ROOT, 'content', 'sources'), join(content, 'sources'), { recursive: true });
    const first = await buildSite({ content, cache, search: false });
    built.push(first);
    const [edited, removed] = readdirSync(join(content, 'cases')).sort();
    const slug = edited!.replace(/\.md$/, '');
    const gone = removed!.replace(/\.md$/, '');
    expect(readFileSync(join(first.dir, 'cases', slug, 'index.html'), 'utf8')).not.toContain('An editor added this sentence');
    expect(readdirSync(join(cache, 'cases')).length).toBeGreaterThan(0);

    const file = join(content, 'cases', edited!);
    const text = readFileSync(file, 'utf8')
      .replace(/^title: .*$/m, 'title: A title the editor changed')
      .replace('## Summary\n\n', '## Summary\n\nAn editor added this sentence. ');
    writeFileSync(file, text);
    // A case leaves the casebook with its source (a case file alone is never deleted by a build).
    const source = /^sources:\n\s+- path: (\S+)/m
      .exec(readFileSync(join(content, 'cases', removed!), 'utf8'))![1]!
      .split('/')
      .pop()!;
    rmSync(join(content, 'sources', source), { recursive: true });
    rmSync(join(content, 'cases', removed!));
    const second = await buildSite({ content, cache, search: false });
    built.push(second);

    const page = readFileSync(join(second.dir, 'cases', slug, 'index.html'), 'utf8');
    expect(page).toContain('An editor added this sentence');
    expect(page).toContain('A title the editor changed');
    expect(readFileSync(join(second.dir, 'index.html'), 'utf8')).toContain('A title the editor changed');
    expect(existsSync(join(second.dir, 'cases', gone))).toBe(false);
    expect(readFileSync(join(second.dir, 'index.html'), 'utf8')).not.toContain(`cases/${gone}/`);
  }, 300_000);

  it('copies a page whose case and thread files are unchanged from the last build, and renders again one whose thread changed', async () => {
    // Continues from the casebook the first test left (built with this cache).
    const slugs = readdirSync(join(content, 'cases'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => f.replace(/\.md$/, ''))
      .sort();
    const [kept, touched] = slugs;
    const stored = readdirSync(join(cache, 'astro')).map((d) => join(cache, 'astro', d, 'dist'));
    expect(stored).toHaveLength(1);
    // Mark the stored copy of an unchanged page: only a copy, not a render, carries the mark into the output.
    const copy = join(stored[0]!, 'cases', kept!, 'index.html');
    writeFileSync(copy, readFileSync(copy, 'utf8').replace('</body>', '<!-- restored from the build cache --></body>'));
    // A thread file changes under an unchanged case file (a message's words): its pages must be rendered again.
    const threadFile = join(content, 'threads', `${touched}.json`);
    const thread = JSON.parse(readFileSync(threadFile, 'utf8'));
    const segment = thread.messages
      .flatMap((m: { segments: { kind: string; text: string }[] }) => m.segments)
      .find((sg: { kind: string }) => sg.kind === 'text');
    segment.text = `A sentence only the thread file has. ${segment.text}`;
    writeFileSync(threadFile, JSON.stringify(thread));
    // casebook build would re-import the source over the edited thread file; build the site alone.
    const third = await buildSite({ content, cache, search: false, siteOnly: true });
    built.push(third);
    expect(readFileSync(join(third.dir, 'cases', kept!, 'index.html'), 'utf8')).toContain('restored from the build cache');
    expect(readFileSync(join(third.dir, 'cases', touched!, 'thread', 'index.html'), 'utf8')).toContain('A sentence only the thread file has.');
    expect(readFileSync(join(third.dir, 'cases', touched!, 'index.html'), 'utf8')).not.toContain('restored from the build cache');
  }, 300_000);
});
