// A source holding many threads (a list mbox, a folder): a case per thread, `--thread`, `--bugs-only`,
// `--one-thread`, and builds and re-imports that find each thread's case again.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { mbox, type Mail } from '../helpers/mbox.ts';
import { runCli } from '../helpers/run-cli.ts';

const OOPS = `[   42.000001] BUG: unable to handle kernel NULL pointer dereference at 0000000000000010
[   42.000002] RIP: 0010:widget_release+0x2a/0x90 [widget]
[   42.000003] Call Trace:
[   42.000004]  __fput+0xd4/0x1f0`;

const mail = (id: string, day: number, subject: string, body: string, replyTo?: string): Mail => ({
  from: `Person ${id} <${id}@example.org>`,
  date: `Mon, ${day} Nov 2016 09:00:00 +0100`,
  subject,
  id: `${id}@x`,
  replyTo: replyTo && `${replyTo}@x`,
  body,
});

// Three conversations, interleaved as a list archive holds them: a crash report, a feature patch, a regression.
const list: Mail[] = [
  mail('a1', 1, 'oops in widget_release', `Closing twice oopses:\n\n${OOPS}`),
  mail('b1', 2, '[PATCH] gadget: add a sysfs knob', 'A knob for the gadget.'),
  mail('a2', 3, 'Re: oops in widget_release', 'Does it happen with 6.0 too?', 'a1'),
  mail('c1', 4, '[REGRESSION] 6.1: gizmo stays off after resume', 'Since 6.1 the gizmo stays off.'),
  mail('b2', 5, 'Re: [PATCH] gadget: add a sysfs knob', 'Looks good.', 'b1'),
];
const grown: Mail[] = [...list, mail('a3', 6, 'Re: oops in widget_release', 'Yes, 6.0 too.', 'a2'), mail('d1', 7, 'question about gadgets', 'How?')];

function casebook(): { dir: string; content: string; src: string } {
  const dir = mkdtempSync(join(tmpdir(), 'casebook-threads-'));
  mkdirSync(join(dir, 'content'));
  const src = join(dir, 'list.mbox');
  writeFileSync(src, mbox(list));
  return { dir, content: join(dir, 'content'), src };
}

/** `casebook build --import-only` run from the casebook's folder, as a build from a fresh clone is. */
async function importFrom(dir: string, content: string) {
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    return await runCli(['build', '--import-only', '--content', content]);
  } finally {
    process.chdir(cwd);
  }
}

const cases = (content: string) => readdirSync(join(content, 'cases')).sort();
const sources = (content: string) => readdirSync(join(content, 'sources')).sort();
const frontmatter = (file: string) => YAML.parse(/^---\n([\s\S]*?)\n---\n/.exec(readFileSync(file, 'utf8'))![1]);

describe('a source of many threads', () => {
  it('imports a case per thread, keeps the source once, and finds each case again when it grows', async () => {
    const { content, src } = casebook();
    const r = await runCli(['import', src, '--content', content, '--json']);
    expect(r.code).toBe(0);
    const imported = JSON.parse(r.stdout).imported as { slug: string; case: string }[];
    expect(imported).toHaveLength(3);
    expect(r.stderr).toMatch(/3 thread\(s\) from 1 source\(s\) imported \(3 new case\(s\)\)/);
    expect(sources(content)).toEqual(['list.mbox']);
    // Each case names the thread of the source it is.
    const threadIds = imported.map((i) => frontmatter(i.case).sources[0].thread);
    expect(new Set(threadIds).size).toBe(3);
    const before = cases(content);

    // The list grows: one more reply to the crash report, one new thread.
    writeFileSync(src, mbox(grown));
    const again = await runCli(['import', src, '--content', content, '--json']);
    expect(again.code).toBe(0);
    const after = JSON.parse(again.stdout).imported as { slug: string; created: boolean }[];
    expect(after.filter((i) => !i.created).map((i) => i.slug)).toEqual(imported.map((i) => i.slug));
    expect(after.filter((i) => i.created)).toHaveLength(1);
    expect(cases(content)).toEqual([...before, `${after.find((i) => i.created)!.slug}.md`].sort());
    // The grown copy replaced the older one: still one source.
    expect(sources(content)).toEqual(['list.mbox']);
  });

  it('a build from a fresh clone (no thread files) gives each thread its own case again, by the id its case records', async () => {
    const { dir, content, src } = casebook();
    await runCli(['import', src, '--content', content]);
    const slugs = cases(content);
    rmSync(join(content, 'threads'), { recursive: true });
    expect((await importFrom(dir, content)).code).toBe(0);
    expect(readdirSync(join(content, 'threads')).sort()).toEqual(slugs.map((s) => s.replace(/\.md$/, '.json')));
    expect(cases(content)).toEqual(slugs);
  });

  it('--bugs-only keeps the bug hunts, each cut out of the source, so a later build imports only them', async () => {
    const { dir, content, src } = casebook();
    const r = await runCli(['import', src, '--content', content, '--bugs-only', '--json']);
    expect(r.code).toBe(0);
    const imported = JSON.parse(r.stdout).imported as { slug: string; case: string }[];
    expect(imported.map((i) => frontmatter(i.case).title).sort()).toEqual(['[REGRESSION] 6.1: gizmo stays off after resume', 'oops in widget_release']);
    expect(r.stderr).toMatch(/1 thread\(s\) left out/);
    // Each kept thread is a source of its own, holding its messages only.
    expect(sources(content)).toEqual(imported.map((i) => `${i.slug}.mbox`).sort());
    const crash = imported.find((i) => frontmatter(i.case).title.startsWith('oops'))!;
    const cut = readFileSync(join(content, 'sources', `${crash.slug}.mbox`), 'utf8');
    expect(cut.match(/^Message-ID: .*$/gm)).toEqual(['Message-ID: <a1@x>', 'Message-ID: <a2@x>']);

    const slugs = cases(content);
    expect((await importFrom(dir, content)).code).toBe(0);
    expect(cases(content)).toEqual(slugs);
  });

  it('--thread takes the thread holding a Message-ID, in any spelling; an unknown one is an error', async () => {
    const { content, src } = casebook();
    for (const spelling of ['<b2@x>', 'id:b2@x', 'b2@x']) {
      const r = await runCli(['inspect', src, '--thread', spelling, '--json']);
      expect(r.code).toBe(0);
      const threads = JSON.parse(r.stdout).threads as { title: string }[];
      expect(threads.map((t) => t.title)).toEqual(['[PATCH] gadget: add a sysfs knob']);
    }
    const picked = await runCli(['import', src, '--content', content, '--thread', 'c1@x', '--json']);
    expect(JSON.parse(picked.stdout).imported).toHaveLength(1);
    const missing = await runCli(['import', src, '--content', content, '--thread', 'nope@x']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no thread in it holds the message <nope@x>');
  });

  it('--one-thread reads the source as one thread, and the build remembers it', async () => {
    const { dir, content, src } = casebook();
    const r = await runCli(['import', src, '--content', content, '--one-thread', '--json']);
    const imported = JSON.parse(r.stdout).imported as { slug: string; case: string }[];
    expect(imported).toHaveLength(1);
    expect(frontmatter(imported[0].case).sources[0].whole).toBe(true);
    expect(frontmatter(imported[0].case).messages).toBe(5);
    rmSync(join(content, 'threads'), { recursive: true });
    expect((await importFrom(dir, content)).code).toBe(0);
    expect(cases(content)).toEqual([`${imported[0].slug}.md`]);
    expect(JSON.parse(readFileSync(join(content, 'threads', `${imported[0].slug}.json`), 'utf8')).messages).toHaveLength(5);
  });
});

describe('a folder source', () => {
  it('skips a node_modules folder with one warning and reads the mail beside it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casebook-folder-'));
    writeFileSync(join(dir, 'list.mbox'), mbox(list));
    mkdirSync(join(dir, 'node_modules', 'pkg'), { recursive: true });
    for (let i = 0; i < 20; i++) writeFileSync(join(dir, 'node_modules', 'pkg', `f${i}.js`), 'module.exports = 1;\n');
    const r = await runCli(['inspect', dir, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).threads).toHaveLength(3);
    expect(r.stderr.match(/node_modules/g)).toHaveLength(1);
  });
});
