// `casebook check`: every problem code at the line it is about, against a real thread JSON made from a small
// mbox written here (an oops report, a two-file patch, a Tested-by), the exit codes and the --json shape.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, type AnalyzedThread } from '../../src/casebook.ts';
import { checkCases, type Problem } from '../../src/casefile/check/index.ts';
import { diffHunks } from '../../src/casefile/check/diff-hunks.ts';
import { toContractThread } from '../../src/casefile/thread-json.ts';
import { analyze } from '../helpers/mbox.ts';
import { runCli } from '../helpers/run-cli.ts';

const OOPS = `[   42.000001] BUG: unable to handle kernel NULL pointer dereference at 0000000000000010
[   42.000002] IP: [<ffffffff81234567>] widget_release+0x2a/0x90 [widget]
[   42.000003] Oops: 0000 [#1] SMP
[   42.000004] CPU: 1 PID: 777 Comm: cat Not tainted 4.9.0-rc3 #12
[   42.000005] RIP: 0010:[<ffffffff81234567>]  [<ffffffff81234567>] widget_release+0x2a/0x90 [widget]
[   42.000006] Call Trace:
[   42.000007]  [<ffffffff811c1234>] __fput+0xd4/0x1f0
[   42.000008]  [<ffffffff811c13ee>] ____fput+0xe/0x10`;

// Hunks in the new files: widget.c 40–47 and 101–107, widget.h 10–15.
const DIFF = `---
 drivers/misc/widget.c  | 4 +++-
 include/linux/widget.h | 1 +
 2 files changed, 4 insertions(+), 1 deletion(-)

diff --git a/drivers/misc/widget.c b/drivers/misc/widget.c
index 1111111..2222222 100644
--- a/drivers/misc/widget.c
+++ b/drivers/misc/widget.c
@@ -40,7 +40,8 @@ static int widget_release(struct inode *inode, struct file *f)
 static int widget_release(struct inode *inode, struct file *f)
 {
 \tstruct widget *w = f->private_data;
-\tkfree(w->buf);
+\tkfree_sensitive(w->buf);
+\tw->buf = NULL;
 \treturn 0;
 }
 EXPORT_SYMBOL(widget_release);
@@ -100,6 +101,7 @@ static int widget_open(struct inode *inode, struct file *f)
 \tw = kzalloc(sizeof(*w), GFP_KERNEL);
 \tif (!w)
 \t\treturn -ENOMEM;
+\tw->buf = NULL;
 \tf->private_data = w;
 \treturn 0;
 }
diff --git a/include/linux/widget.h b/include/linux/widget.h
index 3333333..4444444 100644
--- a/include/linux/widget.h
+++ b/include/linux/widget.h
@@ -10,5 +10,6 @@
 struct widget {
 \tvoid *buf;
 \tsize_t len;
+\tbool released;
 \tspinlock_t lock;
 };`;

let thread: AnalyzedThread;
let threadJson = '';
let ids: string[] = [];

beforeAll(async () => {
  thread = await analyze([
    {
      from: 'Rita Reporter <rita@example.org>',
      date: 'Mon, 7 Nov 2016 09:00:00 +0100',
      subject: '[BUG] 4.9-rc3: oops in widget_release',
      id: 'r1@x',
      body: `Closing /dev/widget twice oopses:\n\n${OOPS}\n\nRita`,
    },
    {
      from: 'Mia Maintainer <mia@example.org>',
      date: 'Tue, 8 Nov 2016 09:00:00 +0100',
      subject: '[PATCH] widget: clear the buffer pointer on release',
      id: 'm1@x',
      replyTo: 'r1@x',
      body: `widget_release() frees w->buf but\nleaves the pointer behind.\n\nSigned-off-by: Mia Maintainer <mia@example.org>\n${DIFF}`,
    },
    {
      from: 'Rita Reporter <rita@example.org>',
      date: 'Tue, 8 Nov 2016 10:00:00 +0100',
      subject: 'Re: [PATCH] widget: clear the buffer pointer on release',
      id: 'r2@x',
      replyTo: 'm1@x',
      body: 'That fixes it for me, thanks!\n\nTested-by: Rita Reporter <rita@example.org>',
    },
  ]);
  // The way src/casefile/build-threads.ts writes content/threads/<slug>.json.
  threadJson = `${JSON.stringify({ schemaVersion: SCHEMA_VERSION, generator: 'test', ...toContractThread(thread) }, null, 2)}\n`;
  ids = thread.messages.map((m) => m.id);
});

const FRONTMATTER = `---
title: "oops in widget_release"
status: fixed
symptom:
  title: "BUG: unable to handle kernel NULL pointer dereference in widget_release"
  kind: oops
subsystem: null
kernelVersions: ["4.9.0-rc3"]
dates:
  reported: "2016-11-07T09:00:00+01:00"
  fixed: "2016-11-08T10:00:00+01:00"
  daysToFix: 1
culprit: null
fix: { commit: null, subject: "widget: clear the buffer pointer on release", patch: p1 }
tags: [use-after-free]
participants:
  - name: Rita Reporter
    roles: [reporter, tester]
    messages: 2
messages: 3
sources:
  - path: content/sources/widget.mbox
    sha256: ${'ab'.repeat(32)}
    lore: null
review: draft
editorNote: an editor's own key is allowed
---
`;

/** A case with all four kinds of annotation, naming messages by id, index and Message-ID. */
const validCase = () => `${FRONTMATTER}
Rita reported :cite[BUG: unable to handle kernel NULL pointer dereference]{msg=${ids[0]}} on closing the device twice.

## Fix

The patch says it :cite[frees w->buf
but leaves the   pointer behind]{msg="<m1@x>"}, and :cite[That fixes it for me]{msg=2}.

:::note{msg=${ids[1]}}
The fix.
:::

:::note{patch=p1 file="drivers/misc/widget.c" line=47}
The last line of the first hunk.
:::

:::note{patch=p1 file="include/linux/widget.h" line=10}
The first line of a hunk in the other file.
:::

:::note{patch=p1 line=12}
Any file of the patch will do without file=.
:::

:::note{trace=0 frame="__fput"}
Closing the file.
:::

:::note{trace=0 frame="widget_release"}
The crashing function.
:::

\`\`\`text
:::note{patch=p9}
inside a code fence: not a directive
\`\`\`
`;

const brokenBody = () => `
Not said: :cite[widget_release crashed on Tuesday]{msg=${ids[0]}}

Unknown id :cite[BUG]{msg=deadbeefcafe} :cite[BUG]{msg=000000000000}

:::note{msg=99}
:::

:::note{msg="<nobody@x>"}
:::

:::note{patch=p7}
:::

:::note{patch=p1 file="drivers/misc/gadget.c"}
:::

:::note{patch=p1 file="drivers/misc/widget.c" line=48}
:::

:::note{patch=p1 file="drivers/misc/widget.c" line=60}
:::

:::note{patch=p1 file="drivers/misc/widget.c" line=12}
:::

:::note{trace=3}
:::

:::note{trace=0 frame="widget_open"}
:::

:::note{trace=0 frame="fput"}
:::

:::note
:::

:::warn{msg=0}
:::
`;

/** The 1-based line of the first line containing `needle`. */
function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`not in the text: ${needle}`);
  return i + 1;
}

/** A content folder with the given cases; each has the test thread under its slug unless `threads` says otherwise. */
function contentDir(cases: Record<string, string>, threads: Record<string, string | null> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'casebook-check-'));
  mkdirSync(join(dir, 'cases'));
  mkdirSync(join(dir, 'threads'));
  for (const [slug, text] of Object.entries(cases)) {
    writeFileSync(join(dir, 'cases', `${slug}.md`), text);
    const json = slug in threads ? threads[slug] : threadJson;
    if (json !== null) writeFileSync(join(dir, 'threads', `${slug}.json`), json);
  }
  return dir;
}

async function problemsOf(text: string): Promise<Problem[]> {
  const report = await checkCases(contentDir({ case: text }));
  return report.cases[0]!.problems;
}

const codesAndLines = (ps: Problem[]) => ps.map((p) => [p.code, p.line]);

describe('checkCases', () => {
  it('reads the test thread as the checks expect it', () => {
    expect(thread.analysis.patches.map((p) => [p.id, p.files])).toEqual([['p1', ['drivers/misc/widget.c', 'include/linux/widget.h']]]);
    expect(thread.analysis.symptoms.map((s) => [s.function, s.messageIndex])).toEqual([['widget_release', 0]]);
    expect(thread.messages.map((m) => m.messageId)).toEqual(['r1@x', 'm1@x', 'r2@x']);
  });

  it('passes a valid case with citations and notes on a message, a patch line and a trace frame', async () => {
    expect(await problemsOf(validCase())).toEqual([]);
  });

  it('reports every broken reference at its line', async () => {
    const text = FRONTMATTER + brokenBody();
    const problems = await problemsOf(text);
    expect(codesAndLines(problems)).toEqual([
      ['cite-not-found', lineOf(text, 'Not said')],
      ['message-unknown', lineOf(text, 'Unknown id')],
      ['message-unknown', lineOf(text, 'Unknown id')],
      ['message-unknown', lineOf(text, 'msg=99')],
      ['message-unknown', lineOf(text, 'nobody@x')],
      ['patch-unknown', lineOf(text, 'patch=p7')],
      ['file-unknown', lineOf(text, 'gadget.c')],
      ['line-unknown', lineOf(text, 'line=48')],
      ['line-unknown', lineOf(text, 'line=60')],
      ['line-unknown', lineOf(text, 'widget.c" line=12')],
      ['trace-unknown', lineOf(text, 'trace=3')],
      ['frame-unknown', lineOf(text, 'widget_open')],
      ['frame-unknown', lineOf(text, 'frame="fput"')],
      ['note-target-missing', text.split('\n').indexOf(':::note') + 1],
      ['directive-unknown', lineOf(text, ':::warn')],
    ]);
    expect(problems.filter((p) => p.severity === 'warning').map((p) => p.code)).toEqual(['directive-unknown']);
    const byCode = (code: string) => problems.find((p) => p.code === code)!;
    expect(byCode('cite-not-found').message).toMatch(/widget_release crashed on Tuesday/);
    expect(byCode('file-unknown').message).toMatch(/drivers\/misc\/widget\.c.*include\/linux\/widget\.h/);
    expect(problems.find((p) => p.message.includes('line 60'))!.message).toMatch(/40–47, 101–107/);
    expect(byCode('patch-unknown').message).toMatch(/`p1`/);
    for (const p of problems) expect(p.hint, p.code).toMatch(/\S/);
  });

  it('stops at a file that does not split', async () => {
    const problems = await problemsOf('---\ntitle: half written\n:::note\n');
    expect(codesAndLines(problems)).toEqual([['case-unreadable', 1]]);
  });

  it('names the line of YAML that does not parse', async () => {
    const text = validCase().replace('subsystem: null', 'subsystem: drivers: misc');
    const problems = await problemsOf(text);
    expect(codesAndLines(problems)).toEqual([['frontmatter-yaml', lineOf(text, 'subsystem:')]]);
  });

  it('gives one error per schema issue at the line of its key', async () => {
    const text = validCase()
      .replace('status: fixed', 'status: done')
      .replace('reported: "2016-11-07T09:00:00+01:00"', 'reported: yesterday')
      .replace('roles: [reporter, tester]', 'roles: [reporter, hacker]')
      .replace('review: draft\n', '');
    const problems = await problemsOf(text);
    expect(codesAndLines(problems)).toEqual([
      ['frontmatter-schema', 2],
      ['frontmatter-schema', lineOf(text, 'status: done')],
      ['frontmatter-schema', lineOf(text, 'reported: yesterday')],
      ['frontmatter-schema', lineOf(text, 'roles: [reporter, hacker]')],
    ]);
    const messages = problems.map((p) => p.message).join('\n');
    expect(messages).toMatch(/`review` is missing: expected one of "draft"\|"reviewed"/);
    expect(messages).toMatch(/`status` is "done": expected one of "fixed"/);
    expect(messages).toMatch(/`dates\.reported` is "yesterday": expected an ISO 8601 date/);
    expect(messages).toMatch(/`participants\[0\]\.roles\[1\]` is "hacker": expected one of/);
  });

  it('refuses a fix link that is not http(s): a javascript: URL never reaches a page', async () => {
    const text = validCase().replace('patch: p1 }', 'patch: p1, link: "javascript:alert(1)" }');
    const problems = await problemsOf(text);
    expect(codesAndLines(problems)).toEqual([['frontmatter-schema', lineOf(text, 'javascript:alert(1)')]]);
    expect(problems[0].message).toMatch(/`fix\.link` .*an http\(s\) URL/);
  });

  it('says so when the frontmatter is empty', async () => {
    const problems = await problemsOf(validCase().replace(/^---\n[\s\S]*?\n---\n/, '---\n---\n'));
    expect(problems.map((p) => [p.code, p.line, p.message])).toEqual([
      ['frontmatter-schema', 2, expect.stringMatching(/^the frontmatter is empty: expected object/)],
    ]);
  });

  it('skips the reference checks when the thread is missing or unreadable', async () => {
    const report = await checkCases(contentDir({ lost: FRONTMATTER + brokenBody(), damaged: FRONTMATTER + brokenBody() }, { lost: null, damaged: '{' }));
    const [damaged, lost] = report.cases;
    expect(codesAndLines(lost!.problems)).toEqual([['thread-missing', null]]);
    expect(lost!.problems[0]!.hint).toMatch(/npx casebook build/);
    expect(codesAndLines(damaged!.problems)).toEqual([['thread-unreadable', null]]);
  });

  it('sorts cases by file name and gives paths relative to the working folder', async () => {
    const dir = contentDir({ b: validCase(), a: validCase() });
    const report = await checkCases(dir);
    expect(report.cases.map((c) => [c.slug, c.file])).toEqual([
      ['a', relative(process.cwd(), join(dir, 'cases', 'a.md'))],
      ['b', relative(process.cwd(), join(dir, 'cases', 'b.md'))],
    ]);
    expect([report.errors, report.warnings]).toEqual([0, 0]);
  });
});

describe('diffHunks', () => {
  it('names a file the way the patch does when its header carries a version suffix (at91_mci.c-2.6.22-rc5)', () => {
    const diff = [
      '--- drivers/mmc/host/at91_mci.c-2.6.22-rc5.orig\t2007-06-21 16:27:31.000000000 +0200',
      '+++ drivers/mmc/host/at91_mci.c-2.6.22-rc5\t2007-06-21 16:42:48.000000000 +0200',
      '@@ -164,3 +164,3 @@ static inline void at91mci_sg_to_dma(str',
      ' \t\telse',
      '-\t\tkunmap_atomic(sgbuffer, KM_BIO_SRC_IRQ);',
      '+\t\tkunmap_atomic(sgbuffer - sg->offset, KM_BIO_SRC_IRQ);',
      ' \t\tif (size == 0)',
    ].join('\n');
    expect(diffHunks(diff)).toEqual([{ path: 'drivers/mmc/host/at91_mci.c', start: 164, count: 3 }]);
  });

  it('does not take changed lines that look like file headers (`--- a/x`, `+++ b/x`) for them', () => {
    const diff = [
      'diff --git a/doc/a.txt b/doc/a.txt',
      '--- a/doc/a.txt',
      '+++ b/doc/a.txt',
      '@@ -1,3 +1,3 @@',
      ' intro',
      '--- a/signature',
      '+++ b/signature',
      ' end',
      'diff --git a/doc/b.txt b/doc/b.txt',
      '--- a/doc/b.txt',
      '+++ b/doc/b.txt',
      '@@ -5 +5 @@',
      '-x',
      '+y',
    ].join('\n');
    expect(diffHunks(diff)).toEqual([
      { path: 'doc/a.txt', start: 1, count: 3 },
      { path: 'doc/b.txt', start: 5, count: 1 },
    ]);
  });
});

describe('casebook check', () => {
  it('prints file:line: severity: message [code], a summary, and exits 1 on errors', async () => {
    const dir = contentDir({ broken: FRONTMATTER + brokenBody(), good: validCase() });
    const r = await runCli(['check', '--content', dir]);
    expect(r.code).toBe(1);
    const file = relative(process.cwd(), join(dir, 'cases', 'broken.md'));
    const text = FRONTMATTER + brokenBody();
    expect(r.stdout).toContain(`${file}:${lineOf(text, 'patch=p7')}: error: \`patch=p7\` names no patch`);
    expect(r.stdout).toMatch(
      new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${lineOf(text, ':::warn')}: warning: .* \\[directive-unknown\\]$`, 'm'),
    );
    expect(r.stdout).toMatch(/^ {2}hint: /m);
    expect(r.stdout).not.toContain('good.md');
    expect(r.stderr).toBe('casebook: 2 case(s) checked, 14 error(s), 1 warning(s)\n');
  });

  it('prints the report as JSON with --json', async () => {
    const dir = contentDir({ broken: FRONTMATTER + brokenBody(), good: validCase() });
    const r = await runCli(['check', '--content', dir, '--json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(['schemaVersion', 'cases', 'errors', 'warnings']);
    expect(json.schemaVersion).toBe(1);
    expect(json.cases.map((c: { slug: string }) => c.slug)).toEqual(['broken', 'good']);
    expect(json.cases[0].problems[0]).toMatchObject({ severity: 'error', code: 'cite-not-found', line: expect.any(Number), message: expect.any(String) });
    expect([json.errors, json.warnings]).toEqual([14, 1]);
  });

  it('exits 0 when there are only warnings', async () => {
    const r = await runCli(['check', '--content', contentDir({ good: `${validCase()}\n::aside{msg=0}\n` })]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('casebook: 1 case(s) checked, 0 error(s), 1 warning(s)\n');
  });

  it('exits 2 with a hint for a content folder without cases/', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casebook-check-'));
    const r = await runCli(['check', '--content', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(join(dir, 'cases'));
    expect(r.stderr).toMatch(/hint: .*--content DIR/);
  });

  it('rejects a source given as if to import', async () => {
    const r = await runCli(['check', 'thread.mbox']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/takes no sources/);
  });
});

describe('checkCases with a cache (casebook build)', () => {
  it('reuses the verdict on an unchanged case and its thread, and checks again when either changes', async () => {
    const dir = contentDir({ case: validCase() });
    const cacheRoot = mkdtempSync(join(tmpdir(), 'casebook-check-cache-'));
    expect((await checkCases(dir, { cacheRoot })).errors).toBe(0);
    // Tamper with the stored verdict: a second check that returns it has reused it, not checked again.
    const entries = readdirSync(join(cacheRoot, 'check'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(entries).toHaveLength(1);
    const stored = join(entries[0]!.parentPath, entries[0]!.name);
    writeFileSync(stored, JSON.stringify([{ severity: 'error', code: 'planted', message: 'from the cache', line: null }]));
    expect((await checkCases(dir, { cacheRoot })).cases[0]!.problems.map((p) => p.code)).toEqual(['planted']);
    // The thread changes under the case: its citation of message 2 no longer resolves, and the check says so.
    const thread = JSON.parse(readFileSync(join(dir, 'threads', 'case.json'), 'utf8'));
    thread.messages = thread.messages.slice(0, 2);
    writeFileSync(join(dir, 'threads', 'case.json'), JSON.stringify(thread));
    const again = await checkCases(dir, { cacheRoot });
    expect(again.cases[0]!.problems.map((p) => p.code)).not.toContain('planted');
    expect(again.errors).toBeGreaterThan(0);
    // Without a cache folder everything is checked: the planted verdict is never seen.
    expect((await checkCases(dir)).cases[0]!.problems.map((p) => p.code)).not.toContain('planted');
  });
});
