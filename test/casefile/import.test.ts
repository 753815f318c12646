// `casebook import`: case files an editor can annotate, re-imports that keep every edit, files that are
// never overwritten when damaged, stable slugs, and mail text that stays literal in YAML and Markdown.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { directive } from 'micromark-extension-directive';
import { directiveFromMarkdown } from 'mdast-util-directive';
import { toString as mdastText } from 'mdast-util-to-string';
import { caseSchema } from '../../src/casefile/case-schema.ts';
import { mbox, type Mail } from '../helpers/mbox.ts';
import { runCli } from '../helpers/run-cli.ts';

const OOPS = `[   42.000001] BUG: unable to handle kernel NULL pointer dereference at 0000000000000010
[   42.000002] RIP: 0010:widget_release+0x2a/0x90 [widget]
[   42.000003] Call Trace:
[   42.000004]  __fput+0xd4/0x1f0
[   42.000005]  ____fput+0xe/0x10`;

const PATCH = `Signed-off-by: Mia Maintainer <mia@example.org>
---
 drivers/misc/widget.c | 1 +
 1 file changed, 1 insertion(+)

diff --git a/drivers/misc/widget.c b/drivers/misc/widget.c
--- a/drivers/misc/widget.c
+++ b/drivers/misc/widget.c
@@ -40,6 +40,7 @@ static int widget_release(struct inode *inode, struct file *f)
 \tstruct widget *w = f->private_data;
 \tkfree(w->buf);
+\tw->buf = NULL;
 \treturn 0;
 }`;

const base: Mail[] = [
  {
    from: 'Rita Reporter <rita@example.org>',
    date: 'Mon, 7 Nov 2016 09:00:00 +0100',
    subject: '[BUG] oops in widget_release',
    id: 'r1@x',
    body: `Closing /dev/widget twice oopses:\n\n${OOPS}`,
  },
  {
    from: 'Mia Maintainer <mia@example.org>',
    date: 'Tue, 8 Nov 2016 09:00:00 +0100',
    subject: '[PATCH] widget: clear the buffer pointer on release',
    id: 'm1@x',
    replyTo: 'r1@x',
    body: `widget_release() frees w->buf but leaves the pointer behind, so a second close frees it again.\n\n${PATCH}`,
  },
];
const late: Mail = {
  from: 'Rita Reporter <rita@example.org>',
  date: 'Wed, 9 Nov 2016 09:00:00 +0100',
  subject: 'Re: [PATCH] widget: clear the buffer pointer on release',
  id: 'r2@x',
  replyTo: 'm1@x',
  body: 'That fixes it for me.\n\nTested-by: Rita Reporter <rita@example.org>',
};

function casebook(): string {
  const dir = mkdtempSync(join(tmpdir(), 'casebook-import-'));
  mkdirSync(join(dir, 'content'));
  return dir;
}

async function importInto(dir: string, file: string) {
  return runCli(['import', file, '--content', join(dir, 'content'), '--json']);
}

function parseCase(text: string) {
  const m = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text)!;
  return { fm: YAML.parse(m[1]), body: m[2], tree: fromMarkdown(m[2], { extensions: [directive()], mdastExtensions: [directiveFromMarkdown()] }) };
}

interface Node {
  type: string;
  name?: string;
  children?: Node[];
}

function nodes(tree: Node): Node[] {
  return [tree, ...(tree.children ?? []).flatMap(nodes)];
}

describe('casebook import', () => {
  it('writes a case and its thread, and a re-import with one more message keeps every edit', async () => {
    const dir = casebook();
    const src = join(dir, 'thread.mbox');
    writeFileSync(src, mbox(base));
    const first = await importInto(dir, src);
    expect(first.code).toBe(0);
    const info = JSON.parse(first.stdout).imported[0];
    expect(info.slug).toMatch(/^[a-z0-9-]+$/);
    expect(info.created).toBe(true);
    const caseFile = info.case as string;
    const original = readFileSync(caseFile, 'utf8');
    const parsed = parseCase(original);
    expect(caseSchema.safeParse(parsed.fm).success).toBe(true);
    expect(parsed.fm.review).toBe('draft');
    expect(original).toMatch(/^## Summary$/m);
    // The source was copied into the casebook, so `casebook build` can read it again.
    expect(readdirSync(join(dir, 'content', 'sources'))).toEqual(['thread.mbox']);

    // An editor: a new root cause, a note, a section of their own, a key of their own, and the review state.
    const thread = JSON.parse(readFileSync(info.thread, 'utf8'));
    const patchMessage = thread.messages.find((m: { messageId: string }) => m.messageId === 'm1@x');
    let edited = original.replace(
      /## Root cause\n[\s\S]*?(?=\n## )/,
      `## Root cause\n\nThe second close frees the buffer again: :cite[frees w->buf but leaves the pointer behind]{msg=${patchMessage.id}}.\n`,
    );
    edited = edited.replace('## The fix\n', `## The fix\n\n:::note{patch=p1 file="drivers/misc/widget.c" line=42}\nThis one line is the whole fix.\n:::\n`);
    edited = edited.replace(/^review: draft$/m, 'review: reviewed\nlessons: "Clear pointers you free: a second close should find NULL."');
    edited += '\n## Lessons\n\nFree, then forget: set the pointer to NULL.\n';
    writeFileSync(caseFile, edited);

    writeFileSync(src, mbox([...base, late]));
    const second = await importInto(dir, src);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout).imported[0]).toMatchObject({ slug: info.slug, created: false });
    const after = readFileSync(caseFile, 'utf8');
    expect(after).toContain(':cite[frees w->buf but leaves the pointer behind]');
    expect(after).toContain('This one line is the whole fix.');
    expect(after).toContain('## Lessons\n\nFree, then forget: set the pointer to NULL.');
    const fm = parseCase(after).fm;
    expect(fm.review).toBe('reviewed');
    expect(fm.lessons).toBe('Clear pointers you free: a second close should find NULL.');
    // The machine's parts are refreshed: the new message is in the thread, the timeline and the counts.
    expect(fm.messages).toBe(3);
    expect(fm.status).toBe('fixed');
    expect(after).toMatch(/## Timeline[\s\S]*That fixes it for me\./);
    const thread2 = JSON.parse(readFileSync(info.thread, 'utf8'));
    expect(thread2.messages.map((m: { messageId: string }) => m.messageId)).toContain('r2@x');
    // The edited generated section was kept, and the editor is told that the machine's version moved on.
    expect(second.stderr).toMatch(/"The fix" was edited and is kept/);
    expect(nodes(parseCase(after).tree as Node).some((n) => n.type === 'containerDirective')).toBe(true);
  });

  it('reports a damaged or half-written case file and leaves it alone', async () => {
    const damages = [(t: string) => t.slice(0, t.indexOf('\n---\n') - 40), (t: string) => t.replace('status: ', 'status: [unclosed ')];
    for (const damage of damages) {
      const dir = casebook();
      const src = join(dir, 'thread.mbox');
      writeFileSync(src, mbox(base));
      const info = JSON.parse((await importInto(dir, src)).stdout).imported[0];
      const broken = damage(readFileSync(info.case, 'utf8'));
      writeFileSync(info.case, broken);
      const r = await importInto(dir, src);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/error: .*left as it is \[case-unreadable\]/);
      expect(r.stderr).toContain(info.case);
      expect(readFileSync(info.case, 'utf8')).toBe(broken);
    }
  });

  it('gives stable slugs of [a-z0-9-], distinct for two threads with the same subject', async () => {
    const a = casebook();
    const b = casebook();
    const src = join(a, 'thread.mbox');
    writeFileSync(src, mbox(base));
    const other = join(a, 'other.mbox');
    writeFileSync(other, mbox([{ ...base[0], id: 'elsewhere@x', body: 'The same subject, another thread.' }]));
    const one = JSON.parse((await importInto(a, src)).stdout).imported[0].slug;
    const two = JSON.parse((await importInto(a, other)).stdout).imported[0].slug;
    const again = JSON.parse((await importInto(a, src)).stdout).imported[0].slug;
    const elsewhere = JSON.parse((await importInto(b, src)).stdout).imported[0].slug;
    for (const s of [one, two]) expect(s).toMatch(/^[a-z0-9-]+$/);
    expect(two).not.toBe(one);
    expect(again).toBe(one);
    expect(elsewhere).toBe(one);
  });

  it('keeps Markdown and YAML metacharacters in subjects and names literal', async () => {
    const nasty = 'sd 0:0:0:0 --- : # `tick` ``double`` <script>alert(1)</script> *star* _u_ [l](javascript:x) :cite[x]{msg=1} {{x}}';
    const dir = casebook();
    const src = join(dir, 'nasty.mbox');
    writeFileSync(
      src,
      mbox([
        {
          from: `"${nasty.replace(/"/g, '')}" <n@example.org>`,
          date: 'Mon, 7 Nov 2016 09:00:00 +0100',
          subject: nasty,
          id: 'n1@x',
          body: `${nasty}\n\n${OOPS}`,
        },
        {
          from: 'Second <s@example.org>',
          date: 'Mon, 7 Nov 2016 10:00:00 +0100',
          subject: `Re: ${nasty}`,
          id: 'n2@x',
          replyTo: 'n1@x',
          body: `I think ${nasty} is the problem here.`,
        },
      ]),
    );
    const r = await importInto(dir, src);
    expect(r.code).toBe(0);
    const info = JSON.parse(r.stdout).imported[0];
    const { fm, tree } = parseCase(readFileSync(info.case, 'utf8'));
    expect(fm.title).toBe(nasty);
    expect(fm.participants.map((p: { name: string }) => p.name)).toContain(nasty);
    expect(caseSchema.safeParse(fm).success).toBe(true);
    // The name comes out as the same literal text in the body, with no HTML and no directive made of mail text.
    expect(mdastText(tree)).toContain(`${nasty} reported`);
    const all = nodes(tree as Node);
    expect(all.some((n) => n.type === 'html')).toBe(false);
    expect(all.filter((n) => n.type.endsWith('Directive')).every((n) => n.name === 'cite')).toBe(true);
  });
});
