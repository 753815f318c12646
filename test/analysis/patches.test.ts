// findPatches: inline mails pin each diff style, the posting rules, truncation, identity and version links;
// then Patchwork's and b4's test mail and the seed threads check the same rules on real data.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inspectSource } from '../../src/casebook.ts';
import { findPatches, findPatchQuotes, parseDiff, parsePatchSubject, toContractPatch } from '../../src/analysis/find-patches.ts';
import { ownLines, ownText } from '../../src/analysis/own-text.ts';
import { segmentBody } from '../../src/thread/segment-body.ts';
import type { Message, Thread } from '../../src/thread/types.ts';
import { CORPUS, hasShared, SEEDS } from '../helpers/paths.ts';
import { budget } from '../helpers/budget.ts';

interface Mail {
  body: string;
  from?: string;
  subject?: string;
  truncated?: boolean;
  attachment?: { name: string; text: string };
}

function message(m: Mail, index: number): Message {
  const segments = segmentBody(m.body);
  if (m.attachment) for (const s of segmentBody(m.attachment.text)) segments.push({ ...s, attachment: m.attachment.name });
  return {
    index,
    id: `m${index}`,
    messageId: null,
    author: { name: m.from ?? 'Ann Author', email: null },
    to: [],
    cc: [],
    date: null,
    dateRaw: null,
    subject: m.subject ?? null,
    inReplyTo: null,
    references: [],
    parentIndex: index > 0 ? index - 1 : null,
    ghost: false,
    truncated: m.truncated ?? false,
    lines: null,
    segments,
    attachments: m.attachment ? [m.attachment.name] : [],
  };
}

function thread(...mails: Mail[]): Thread {
  return {
    slug: 'test',
    title: 'test',
    source: { path: 'inline', format: 'mbox', sha256: '' },
    messages: mails.map(message),
    missingParents: [],
    warnings: [],
  };
}

const lines = (...l: string[]) => l.join('\n');

const GIT_DIFF = lines(
  'diff --git a/mm/rmap.c b/mm/rmap.c',
  'index eaa7a09..ee97d38 100644',
  '--- a/mm/rmap.c',
  '+++ b/mm/rmap.c',
  '@@ -182,7 +182,7 @@ int anon_vma_clone(struct vm_area_struct *dst, struct vm_area_struct *src)',
  ' {',
  ' \tstruct anon_vma_chain *avc, *pavc;',
  ' ',
  '-\tlist_for_each_entry(pavc, &src->anon_vma_chain, same_vma) {',
  '+\tlist_for_each_entry_reverse(pavc, &src->anon_vma_chain, same_vma) {',
  ' \t\tavc = anon_vma_chain_alloc();',
  ' \t\tif (!avc)',
  ' \t\t\tgoto enomem_failure;',
);

const FORMAT_PATCH = lines(
  'We want to walk the chain in reverse order when cloning it.',
  '',
  'Fixes: 5beb49305251 ("mm: change anon_vma linking to fix multi-process server scalability issue")',
  'Reported-by: Borislav Petkov <bp@alien8.de>',
  'Signed-off-by: Linus Torvalds <torvalds@linux-foundation.org>',
  '---',
  ' mm/rmap.c |    2 +-',
  ' 1 files changed, 1 insertions(+), 1 deletions(-)',
  '',
  GIT_DIFF,
  '-- ',
  '1.7.1.rc1.dirty',
);

describe('findPatches: diff styles', () => {
  it('reads a git format-patch mail: files, counts, subject, version, trailers, diffstat, commit message', () => {
    const [p, ...rest] = findPatches(thread({ subject: '[PATCH v3 2/4] anon_vma: clone the chain in the right order', body: FORMAT_PATCH }));
    expect(rest).toEqual([]);
    expect(p).toMatchObject({
      id: 'p1',
      messageIndex: 0,
      author: 'Ann Author',
      subject: 'anon_vma: clone the chain in the right order',
      files: ['mm/rmap.c'],
      insertions: 1,
      deletions: 1,
      truncated: false,
      role: 'candidate',
      version: 3,
      part: 2,
      total: 4,
      seriesKey: 'anon_vma: clone the chain in the right order',
      subjectSource: 'message',
      quotedFrom: null,
      previousVersion: null,
      fromAttachment: null,
    });
    expect(p.commitMessage).toBe('We want to walk the chain in reverse order when cloning it.');
    expect(p.trailers).toEqual([
      { key: 'Fixes', name: null, email: null },
      { key: 'Reported-by', name: 'Borislav Petkov', email: 'bp@alien8.de' },
      { key: 'Signed-off-by', name: 'Linus Torvalds', email: 'torvalds@linux-foundation.org' },
    ]);
    expect(p.parsedTrailers[0]).toMatchObject({ commit: '5beb49305251', subject: 'mm: change anon_vma linking to fix multi-process server scalability issue' });
    expect(p.diffstat).toEqual({ files: [{ path: 'mm/rmap.c', changes: 2, abbreviated: false }], filesChanged: 1, insertions: 1, deletions: 1 });
    expect(p.diffText).toContain('+++ b/mm/rmap.c');
    expect(p.identity).toMatch(/^[0-9a-f]{12}$/);
    expect(Object.keys(toContractPatch(p)).sort()).toEqual([
      'author',
      'deletions',
      'files',
      'id',
      'insertions',
      'messageIndex',
      'previousVersion',
      'role',
      'subject',
      'trailers',
      'truncated',
      'version',
    ]);
  });

  it('reads `diff -urpN` between two trees, dropping the tree names and timestamps', () => {
    const d = parseDiff(
      lines(
        'diff -urpNa -X dontdiff linux-2.6.25/include/linux/list.h linux-2.6.25-rcu-list/include/linux/list.h',
        '--- linux-2.6.25/include/linux/list.h\t2008-04-16 19:49:44.000000000 -0700',
        '+++ linux-2.6.25-rcu-list/include/linux/list.h\t2008-04-20 21:48:29.000000000 -0700',
        '@@ -631,3 +631,3 @@ static inline void list_splice_init_rcu(',
        ' #define list_for_each_rcu(pos, head) \\',
        '-\tfor (pos = (head)->next; \\',
        '+\tfor (pos = rcu_dereference((head)->next); \\',
        ' \t\tprefetch(pos->next), pos != (head); \\',
      ),
    );
    expect(d.files.map((f) => f.path)).toEqual(['include/linux/list.h']);
    expect([d.insertions, d.deletions, d.unmet]).toEqual([1, 1, false]);
  });

  it('reads quilt (`Index:` + `=====` + linux.orig) and several files', () => {
    const d = parseDiff(
      lines(
        'Index: linux/arch/x86/kernel/alternative.c',
        '===================================================================',
        '--- linux.orig/arch/x86/kernel/alternative.c',
        '+++ linux/arch/x86/kernel/alternative.c',
        '@@ -518,2 +518,3 @@ void *__kprobes text_poke(void *addr, co',
        ' \tif (core_kernel_text((unsigned long)addr)) {',
        '+\t\tWARN_ON(pages[0] && !PageReserved(pages[0]));',
        ' \t\tif (!pages[1])',
        'Index: linux-2.6/mm/vmalloc.c',
        '===================================================================',
        '--- linux-2.6.orig/mm/vmalloc.c\t2007-06-22 10:33:27.000000000 -0700',
        '+++ linux-2.6/mm/vmalloc.c\t2007-06-22 10:34:09.000000000 -0700',
        '@@ -391,2 +391,3 @@ static void __vunmap(const void *addr, i',
        ' \t\t\tBUG_ON(!page);',
        '+\t\t\tClearPageReserved(page);',
        ' \t\t\t__free_page(page);',
      ),
    );
    expect(d.files.map((f) => f.path)).toEqual(['arch/x86/kernel/alternative.c', 'mm/vmalloc.c']);
    expect([d.insertions, d.deletions]).toEqual([2, 0]);
  });

  it('reads a bare `---`/`+++` diff and a p0 diff against a `.orig` copy', () => {
    const bare = parseDiff(lines('--- a/drivers/pci/quirks.c', '+++ b/drivers/pci/quirks.c', '@@ -1,2 +1,2 @@', ' x', '-y', '+z'));
    expect(bare.files.map((f) => f.path)).toEqual(['drivers/pci/quirks.c']);
    const p0 = parseDiff(
      lines(
        '--- drivers/mmc/host/at91_mci.c-2.6.22-rc5.orig\t2007-06-21 16:27:31.000000000 +0200',
        '+++ drivers/mmc/host/at91_mci.c-2.6.22-rc5\t2007-06-21 16:42:48.000000000 +0200',
        '@@ -164,1 +164,1 @@ static inline void at91mci_sg_to_dma(str',
        '-\t\tkunmap_atomic(buffer, KM_BIO_SRC_IRQ);',
        '+\t\tkunmap_atomic(buffer - sg->offset, KM_BIO_SRC_IRQ);',
      ),
    );
    expect(p0.files.map((f) => f.path)).toEqual(['drivers/mmc/host/at91_mci.c']);
    const cvs = parseDiff(
      lines(
        'Index: bfd/elflink.c',
        '===================================================================',
        'RCS file: /cvs/src/src/bfd/elflink.c,v',
        'retrieving revision 1.430',
        'diff -u -p -r1.430 elflink.c',
        '--- elflink.c\t15 Nov 2011 11:33:57 -0000\t1.430',
        '+++ elflink.c\t5 Dec 2011 20:15:50 -0000',
        '@@ -1,1 +1,2 @@',
        ' a',
        '+b',
      ),
    );
    expect(cvs.files.map((f) => f.path)).toEqual(['bfd/elflink.c']);
  });

  it('reads git renames, new and deleted files, mode changes and binary patches', () => {
    const d = parseDiff(
      lines(
        'diff --git a/old/name.c b/new/name.c',
        'similarity index 100%',
        'rename from old/name.c',
        'rename to new/name.c',
        'diff --git a/added.c b/added.c',
        'new file mode 100644',
        'index 0000000..e69de29',
        '--- /dev/null',
        '+++ b/added.c',
        '@@ -0,0 +1,2 @@',
        '+int a;',
        '+int b;',
        'diff --git a/gone.c b/gone.c',
        'deleted file mode 100644',
        'index e69de29..0000000',
        '--- a/gone.c',
        '+++ /dev/null',
        '@@ -1 +0,0 @@',
        '-int c;',
        'diff --git a/script.sh b/script.sh',
        'old mode 100644',
        'new mode 100755',
        'diff --git a/pixel.bmp b/pixel.bmp',
        'new file mode 100644',
        'index 0000000..ed0f1a9',
        'GIT binary patch',
        'literal 58',
        'zcmZ?rwPJt(Ga#h_#EfvT0hm@wDDnbAAzU_Cx',
        '',
        'literal 0',
        'HcmV?d00001',
        '',
        'diff --git a/logo.png b/logo.png',
        'index 1111111..2222222 100644',
        'Binary files a/logo.png and b/logo.png differ',
      ),
    );
    expect(d.files.map((f) => [f.path, f.status, f.binary])).toEqual([
      ['new/name.c', 'renamed', false],
      ['added.c', 'added', false],
      ['gone.c', 'deleted', false],
      ['script.sh', 'modified', false],
      ['pixel.bmp', 'added', true],
      ['logo.png', 'modified', true],
    ]);
    expect(d.files[0]!.oldPath).toBe('old/name.c');
    expect([d.insertions, d.deletions, d.unmet]).toEqual([2, 1, false]);
  });

  it('counts a hunk whose context lines an archive stripped of their leading space', () => {
    const d = parseDiff(
      lines(
        '--- a/fs/dcache.c',
        '+++ b/fs/dcache.c',
        '@@ -88,5 +88,4 @@ static void d_free(struct dentry *dentry',
        '{',
        '\tif (dentry->d_op && dentry->d_op->d_release)',
        '',
        '-\t/* if dentry was never inserted */',
        '}',
      ),
    );
    expect([d.insertions, d.deletions, d.unmet, d.damaged]).toEqual([0, 1, false, false]);
  });

  it('does not count `+++`/`---` headers as lines and handles `\\ No newline at end of file`', () => {
    const d = parseDiff(lines('--- a/x', '+++ b/x', '@@ -1 +1 @@', '-old', '\\ No newline at end of file', '+new', '\\ No newline at end of file'));
    expect([d.insertions, d.deletions, d.unmet]).toEqual([1, 1, false]);
  });
});

describe('findPatches: truncation', () => {
  const cut = lines(
    '---',
    ' mm/mmap.c |   24 ++++++++----------------',
    ' 1 files changed, 8 insertions(+), 16 deletions(-)',
    '',
    'diff --git a/mm/mmap.c b/mm/mmap.c',
    '--- a/mm/mmap.c',
    '+++ b/mm/mmap.c',
    '@@ -507,11 +507,12 @@ int vma_adjust(struct vm_area_struct *vma,',
    ' \tstruct file *file = vma->vm_file;',
    '-\tstruct anon_vma *anon_vma = NULL;',
    ' \tlong adjust_next = 0;',
    '+\t\tstruct vm_area_struct *exporter ...',
  );

  it('marks the diff an archive cut and takes the real size from its diffstat', () => {
    const [p] = findPatches(thread({ body: `Fix below.\n\n${cut}`, truncated: true }));
    expect(p).toMatchObject({ truncated: true, files: ['mm/mmap.c'], insertions: 8, deletions: 16 });
  });

  it('marks unmet hunk counts or a trailing `...` as cut even when the message is not flagged', () => {
    const [p] = findPatches(thread({ body: `Fix below.\n\n${cut}` }));
    expect(p!.truncated).toBe(true);
    const [whole] = findPatches(thread({ body: `Fix below.\n\n${FORMAT_PATCH}` }));
    expect(whole!.truncated).toBe(false);
  });

  it('keeps a `[PATCH]` posting whose diff the archive cut away, linked to its first posting', () => {
    const first = { subject: '[PATCH 4/4] anonvma: pick the oldest anonvma', body: FORMAT_PATCH };
    const repost = {
      truncated: true,
      body: lines(
        'It now looks like this..',
        '',
        '---',
        'From: Linus Torvalds <torvalds@linux-foundation.org>',
        'Date: Mon, 12 Apr 2010 12:44:29 -0700',
        'Subject: [PATCH 4/4] anonvma: pick the oldest anonvma',
        '',
        'Otherwise we might be mapping in a page in a new mapping, but ...',
      ),
    };
    const [a, b] = findPatches(thread(first, repost));
    expect(b).toMatchObject({
      subject: 'anonvma: pick the oldest anonvma',
      author: 'Linus Torvalds',
      files: [],
      truncated: true,
      previousVersion: a!.id,
      part: 4,
      total: 4,
    });
  });
});

describe('findPatches: postings', () => {
  it('takes author and subject from an in-body header block (a forwarded or re-sent patch)', () => {
    const body = lines(
      'i have queued up your patch in its form below.',
      '',
      '\tIngo',
      '',
      '-------------------->',
      'Subject: RCU, list.h: fix list iterators',
      'From: "Paul E. McKenney" <paulmck@linux.vnet.ibm.com>',
      'Date: Sun, 20 Apr 2008 21:59:13 -0700',
      '',
      'RCU list iterators: should prefetch ever be optimised out.',
      '',
      'Pointed-out-by: Linus Torvalds <torvalds@linux-foundation.org>',
      'Signed-off-by: Paul E. McKenney <paulmck@linux.vnet.ibm.com>',
      FORMAT_PATCH.slice(FORMAT_PATCH.indexOf('---')),
    );
    const [p] = findPatches(thread({ from: 'Ingo Molnar', body }));
    expect(p).toMatchObject({ author: 'Paul E. McKenney', subject: 'RCU, list.h: fix list iterators', subjectSource: 'headers' });
    expect(p!.commitMessage).toBe('RCU list iterators: should prefetch ever be optimised out.');
    expect(p!.trailers.map((t) => t.key)).toEqual(['Pointed-out-by', 'Signed-off-by']);
  });

  it('takes a lone `Subject:` line as the subject, and the commit message after it or after a `--` line', () => {
    const diff = lines('---', ' mm/slub.c | 2 +-', '', '--- a/mm/slub.c', '+++ b/mm/slub.c', '@@ -1 +1 @@', '-a', '+b');
    const [p] = findPatches(
      thread({
        body: lines(
          'Or simpler:',
          '',
          'Subject: slab_err: Pass parameters correctly',
          '',
          'Pass the format string through.',
          '',
          'Signed-off-by: C <c@example.com>',
          diff,
        ),
      }),
    );
    expect(p).toMatchObject({ subject: 'slab_err: Pass parameters correctly', subjectSource: 'text', commitMessage: 'Pass the format string through.' });
    const [q] = findPatches(
      thread({ body: lines('The patch below fixes it for me.', '', '--', '', 'Use core_kernel_text instead.', '', 'Signed-off-by: J <j@example.com>', diff) }),
    );
    expect(q).toMatchObject({ subject: null, commitMessage: 'Use core_kernel_text instead.' });
  });

  it('gives two patches for two format-patch blocks in one message, one for a diffstat then its diff', () => {
    const block = (subject: string, file: string) =>
      lines(
        `From: A <a@example.com>`,
        `Subject: [PATCH] ${subject}`,
        '',
        `Change ${file}.`,
        '',
        'Signed-off-by: A <a@example.com>',
        '---',
        ` ${file} | 2 +-`,
        ' 1 file changed, 1 insertion(+), 1 deletion(-)',
        '',
        `diff --git a/${file} b/${file}`,
        `--- a/${file}`,
        `+++ b/${file}`,
        '@@ -1 +1 @@',
        `-old ${file}`,
        `+new ${file}`,
      );
    const ps = findPatches(thread({ body: `${block('one', 'a.c')}\n\n${block('two', 'b.c')}` }));
    expect(ps.map((p) => [p.subject, p.files])).toEqual([
      ['one', ['a.c']],
      ['two', ['b.c']],
    ]);
  });

  it('keeps one diff broken by a short comment as one patch', () => {
    const body = lines(
      'Try this:',
      '',
      '--- a/x.c',
      '+++ b/x.c',
      '@@ -1,2 +1,2 @@',
      ' a',
      '-b',
      '+c',
      '',
      'and this part is the interesting one:',
      '',
      '--- a/y.c',
      '+++ b/y.c',
      '@@ -1 +1 @@',
      '-d',
      '+e',
    );
    const ps = findPatches(thread({ body }));
    expect(ps.map((p) => [p.files, p.insertions, p.deletions])).toEqual([[['x.c', 'y.c'], 2, 2]]);
  });

  it('splits two separate patches that each carry their own sign-off', () => {
    const body = lines(
      'There is a bug that can be fixed this way:',
      '',
      '--- a/x.c',
      '+++ b/x.c',
      '@@ -1 +1 @@',
      '-d',
      '+e',
      '',
      'But it is better to do this instead:',
      '',
      'Signed-off-by: R <r@example.com>',
      '---',
      ' y.c | 2 +-',
      '',
      '--- a/y.c',
      '+++ b/y.c',
      '@@ -1 +1 @@',
      '-f',
      '+g',
    );
    const ps = findPatches(thread({ body }));
    expect(ps.map((p) => [p.files, p.trailers.length])).toEqual([
      [['x.c'], 0],
      [['y.c'], 1],
    ]);
  });

  it('names the attachment a diff came from', () => {
    const [p] = findPatches(thread({ body: 'Patch attached.', attachment: { name: 'fix.patch', text: GIT_DIFF } }));
    expect(p).toMatchObject({ fromAttachment: 'fix.patch', files: ['mm/rmap.c'] });
  });

  it('does not take a quoted diff for a patch of the reply, but records which patch it reviews', () => {
    const quoted = GIT_DIFF.split('\n')
      .map((l) => `> ${l}`)
      .join('\n');
    const t = thread(
      { subject: '[PATCH] fix', body: FORMAT_PATCH },
      { subject: 'Re: [PATCH] fix', body: `${quoted}\n\nLooks good.\n\nReviewed-by: R <r@example.com>` },
    );
    const ps = findPatches(t);
    expect(ps.map((p) => p.messageIndex)).toEqual([0]);
    expect(findPatchQuotes(t, ps)).toEqual([{ messageIndex: 1, patchId: 'p1' }]);
  });
});

describe('findPatches: identity and versions', () => {
  it('gives a re-indented repost with other context and hunk headers the same identity', () => {
    const repost = lines(
      'Index: linux/mm/rmap.c',
      '===================================================================',
      '--- linux.orig/mm/rmap.c',
      '+++ linux/mm/rmap.c',
      '@@ -184,3 +184,3 @@',
      ' other context',
      '-    list_for_each_entry(pavc,   &src->anon_vma_chain, same_vma) {',
      '+    list_for_each_entry_reverse(pavc, &src->anon_vma_chain,   same_vma) {',
      ' more context',
    );
    const [a, b] = findPatches(thread({ body: FORMAT_PATCH }, { body: `Here it is again:\n\n${repost}` }));
    expect(b!.identity).toBe(a!.identity);
    expect(b!.quotedFrom).toBe('p1');
    expect(b!.previousVersion).toBeNull();
  });

  it('gives a changed line a new identity', () => {
    const changed = FORMAT_PATCH.replace('list_for_each_entry_reverse(pavc', 'list_for_each_entry_safe(pavc');
    const [a, b] = findPatches(thread({ body: FORMAT_PATCH }, { body: changed }));
    expect(b!.identity).not.toBe(a!.identity);
    expect(b!.quotedFrom).toBeNull();
  });

  it('links [PATCH v2] to [PATCH] by subject, and an archive-cut repost to the whole one', () => {
    const v2 = FORMAT_PATCH.replace('list_for_each_entry_reverse(pavc', 'list_for_each_entry_safe(pavc');
    const cut = `${FORMAT_PATCH.slice(0, FORMAT_PATCH.indexOf(' \t\tavc = '))} \t\tavc = anon_vma_ch...`;
    const ps = findPatches(
      thread(
        { subject: '[PATCH] mm: fix the clone order', body: FORMAT_PATCH },
        { subject: '[PATCH v2] mm: fix the clone order', body: v2 },
        { subject: 'Re: [PATCH v2] mm: fix the clone order', body: `As applied:\n\n${v2.slice(0, v2.indexOf(' \t\tavc = '))} \t\tav...`, truncated: true },
        { subject: 'Re: [PATCH] mm: fix the clone order', body: `Quoting the first one:\n\n${cut}`, truncated: true },
      ),
    );
    expect(ps.map((p) => [p.id, p.version, p.seriesKey, p.previousVersion, p.quotedFrom])).toEqual([
      ['p1', 1, 'mm: fix the clone order', null, null],
      ['p2', 2, 'mm: fix the clone order', 'p1', null],
      ['p3', 2, 'mm: fix the clone order', null, 'p2'],
      ['p4', 1, 'mm: fix the clone order', null, 'p1'],
    ]);
    expect(ps[2]!.truncated).toBe(true);
  });

  it('links subject-less postings of one author to the same files that share their lines (archive scrapes)', () => {
    const v1 = lines('--- a/x.c', '+++ b/x.c', '@@ -1,3 +1,3 @@', '-a', '-b', '-c', '+A', '+B', '+C');
    const v2 = lines('--- a/x.c', '+++ b/x.c', '@@ -1,3 +1,3 @@', '-a', '-b', '-c', '+A', '+B', '+D');
    const other = lines('--- a/x.c', '+++ b/x.c', '@@ -9 +9 @@', '-q', '+r');
    const ps = findPatches(thread({ body: v1 }, { body: other }, { body: `please use this one\n\n${v2}` }));
    expect(ps.map((p) => p.previousVersion)).toEqual([null, null, 'p1']);
  });
});

describe('findPatches: hostile input', () => {
  it('stays linear on huge diffs and lines of spaces', () => {
    const hunk = Array.from({ length: 100_000 }, (_, i) => `+line ${i}`).join('\n');
    const spaces = ' '.repeat(1_000_000);
    const body = lines(
      '--- a/x',
      '+++ b/x',
      '@@ -0,0 +1,100000 @@',
      hunk,
      '',
      `diff --git a/y${spaces}y b/y`,
      `--- a/y${spaces}`,
      `+++ b/y${spaces}`,
      `@@ -1 +1 @@`,
      `-${spaces}`,
      `+${spaces}x`,
      '',
      `Signed-off-by: ${spaces}`,
      `${spaces}| 2 +-`,
    );
    const t0 = performance.now();
    const [p] = findPatches(thread({ body }));
    expect(performance.now() - t0).toBeLessThan(budget(3000));
    expect(p!.insertions).toBeGreaterThanOrEqual(100_000);
  });
});

describe('parsePatchSubject', () => {
  it('reads versions, parts and list tags', () => {
    expect(parsePatchSubject('Re: [Buildroot] [PATCH v3 02/11] package/x: rename')).toMatchObject({
      subject: 'package/x: rename',
      isPatch: true,
      version: 3,
      part: 2,
      total: 11,
    });
    expect(parsePatchSubject('[PATCHv2 net-next] foo')).toMatchObject({ version: 2, part: null, isPatch: true });
    expect(parsePatchSubject('[RFC PATCH 0/3] bar')).toMatchObject({ part: 0, total: 3, isPatch: true });
    expect(parsePatchSubject('[Patch]: Fix ld')).toMatchObject({ subject: 'Fix ld', isPatch: true, version: 1 });
    expect(parsePatchSubject('Re: 2.6.25-git2: BUG: unable to handle kernel paging request')).toMatchObject({ isPatch: false });
  });
});

describe('ownText', () => {
  it('joins non-quote, non-signature segments', () => {
    const m = message({ body: lines('> quoted', '', 'mine', '', '-- ', 'sig') }, 0);
    expect(ownText(m)).toBe('mine');
    expect(ownLines(m)).toEqual(['mine']);
  });
});

const PW = `${CORPUS}patchwork/patchwork/tests/data/mail/`;
const B4 = `${CORPUS}b4/src/tests/samples/`;

describe.skipIf(!hasShared)('findPatches on Patchwork test mail', () => {
  const cases: [string, string[], number, number][] = [
    ['0001-git-pull-request.mbox', [], 0, 0],
    ['0007-cvs-format-diff.mbox', ['bfd/elf-bfd.h', 'bfd/elflink.c', 'bfd/elfxx-mips.c'], 6, 0],
    [
      '0008-git-rename.mbox',
      [
        'package/rpi-userland/rpi-userland-000-add-pkgconfig-files.patch',
        'package/rpi-userland/rpi-userland-001-makefiles-cmake-vmcs.cmake-allow-to-override-VMCS_IN.patch',
      ],
      0,
      0,
    ],
    [
      '0009-git-rename-with-diff.mbox',
      [
        'package/rpi-userland/rpi-userland-000-add-pkgconfig-files.patch',
        'package/rpi-userland/rpi-userland-001-makefiles-cmake-vmcs.cmake-allow-to-override-VMCS_IN.patch',
      ],
      1,
      1,
    ],
    [
      '0011-no-newline-at-end-of-file.mbox',
      ['tools/testing/selftests/powerpc/Makefile', 'tools/testing/selftests/powerpc/vphn/vphn.c', 'tools/testing/selftests/powerpc/vphn/vphn.h'],
      3,
      1,
    ],
    ['0021-git-empty-new-file.mbox', ['banana'], 0, 0],
    ['0022-git-mode-change.mbox', ['scripts/kconfig/nconf-cfg.sh'], 0, 0],
    ['0025-git-add-binary-file.mbox', ['pixel.bmp'], 0, 0],
    ['0026-git-add-mixed-binary-text-files.mbox', ['pixel.bmp', 'quit.sh'], 3, 0],
    ['0027-git-modify-binary-file.mbox', ['pixel.bmp'], 0, 0],
  ];
  it.each(cases)('%s', async (file, files, insertions, deletions) => {
    const ps = findPatches(await inspectSource(PW + file));
    if (files.length === 0) return expect(ps).toEqual([]);
    expect(ps).toHaveLength(1);
    expect(ps[0]).toMatchObject({ files, insertions, deletions, truncated: false });
  });

  it('0007: the CVS diff came as an attachment; 0011: version and part from the subject', async () => {
    const [cvs] = findPatches(await inspectSource(`${PW}0007-cvs-format-diff.mbox`));
    expect(cvs).toMatchObject({ fromAttachment: 'dd-2.patch', subject: 'Fix ld pr11138 FAILures on mips*.' });
    const [v3] = findPatches(await inspectSource(`${PW}0011-no-newline-at-end-of-file.mbox`));
    expect(v3).toMatchObject({ version: 3, part: 5, total: 5, subject: 'selftests, powerpc: Add test for VPHN' });
    const binary = findPatches(await inspectSource(`${PW}0026-git-add-mixed-binary-text-files.mbox`))[0]!;
    expect(binary.diffFiles.map((f) => [f.path, f.status, f.binary])).toEqual([
      ['pixel.bmp', 'added', true],
      ['quit.sh', 'added', false],
    ]);
  });

  it('pull requests without a diff and comments give no patch', async () => {
    for (const f of ['0002-git-pull-request-wrapped.mbox', '0017-git-pull-request-git-2-14-3.mbox', '0020-multipart-comment.mbox']) {
      expect(findPatches(await inspectSource(PW + f)), f).toEqual([]);
    }
  });
});

describe.skipIf(!hasShared)('findPatches on b4 test mail', () => {
  it('a four-patch series: parts, subjects, one patch per message, follow-up trailers not taken for patch trailers', async () => {
    const t = await inspectSource(`${B4}trailers-thread-with-followups.mbox`);
    const ps = findPatches(t);
    expect(ps.map((p) => [p.part, p.total, p.files])).toEqual([
      [1, 4, ['file2.txt']],
      [2, 4, ['file1.txt']],
      [3, 4, ['lipsum.txt']],
      [4, 4, ['lipsum.txt']],
    ]);
    expect(ps[0]).toMatchObject({ subject: 'Remove line 2 from file2', insertions: 0, deletions: 1 });
    for (const p of ps) expect(p.trailers.map((x) => x.key)).toEqual(['Signed-off-by']);
  });

  it('a re-rolled patch links to its previous version; all copies of the same junk diff share one identity', async () => {
    const ps = findPatches(await inspectSource(`${B4}trailers-followup-partial-reroll.mbox`));
    expect(ps.map((p) => [p.version, p.part, p.previousVersion])).toEqual([
      [2, 1, null],
      [2, 2, null],
      [3, 2, 'p2'],
    ]);
    const ids = new Set<string>();
    for (const f of [
      'trailers-followup-single.mbox',
      'trailers-followup-stripped-lines.mbox',
      'trailers-followup-non-git-patch.mbox',
      'trailers-followup-with-diffstat.mbox',
    ]) {
      const [p] = findPatches(await inspectSource(B4 + f));
      expect(p, f).toMatchObject({ files: ['b4/junk.py'], insertions: 1, deletions: 1 });
      ids.add(p!.identity);
    }
    expect(ids.size).toBe(1);
  });
});

const seed = (prefix: string) => SEEDS + readdirSync(SEEDS).find((f) => f.startsWith(prefix))!;

describe.skipIf(!hasShared)('findPatches on the seed threads', () => {
  it("000: Jiri Slaby's text_poke() fix, and one identity for the list.h patch and its quilt repost", async () => {
    const t = await inspectSource(seed('000_'));
    const ps = findPatches(t);
    const jiri = ps.filter((p) => p.author === 'Jiri Slaby');
    expect(jiri).toHaveLength(1);
    expect(jiri[0]).toMatchObject({ files: ['arch/x86/kernel/alternative.c'], insertions: 1, deletions: 1, truncated: false });
    expect(t.messages[jiri[0]!.messageIndex]!.segments.map((s) => s.text).join('\n')).toContain('kernel_text_address returns true even for modules');
    expect(jiri[0]!.commitMessage).toMatch(/^kernel_text_address returns true even for modules/);
    expect(jiri[0]!.trailers[0]).toEqual({ key: 'Signed-off-by', name: 'Jiri Slaby', email: 'jirislaby@gmail.com' });

    const listH = ps.filter((p) => p.files.length === 1 && p.files[0] === 'include/linux/list.h');
    expect(listH.map((p) => p.author)).toEqual(['Linus Torvalds', 'Paul E. McKenney', 'Paul E. McKenney', 'Paul E. McKenney']);
    const [linus, paul1, paul2, queued] = listH;
    expect(linus).toMatchObject({ insertions: 17, deletions: 17, truncated: true });
    // Paul's update and Ingo's quilt copy of it (re-sent with a Subject) are one change: one identity.
    expect(queued).toMatchObject({ subject: 'RCU, list.h: fix list iterators', quotedFrom: paul2!.id, identity: paul2!.identity });
    expect(new Set([linus!.identity, paul1!.identity, paul2!.identity]).size).toBe(3);
    expect(paul2!.previousVersion).toBe(paul1!.id);
  });

  it("001: Linus's [PATCH 4/4] on mm/rmap.c, posted twice, the second time cut before its diff", async () => {
    const ps = findPatches(await inspectSource(seed('001_')));
    const oldest = ps.filter((p) => p.subject === 'anonvma: when setting up page->mapping, we need to pick the _oldest_ anonvma');
    expect(oldest).toHaveLength(2);
    const [first, again] = oldest;
    expect(first).toMatchObject({ author: 'Linus Torvalds', files: ['mm/rmap.c'], insertions: 13, deletions: 2, part: 4, total: 4, truncated: false });
    expect(again).toMatchObject({ author: 'Linus Torvalds', truncated: true, previousVersion: first!.id });
    const series = ps.filter((p) => p.total === 4);
    expect(series.map((p) => p.part)).toEqual([1, 2, 3, 4, 4]);
  });

  it("003: the at91_mci.c patch (a p0 diff against a suffixed copy) and Hugh Dickins's mm.h patch", async () => {
    const ps = findPatches(await inspectSource(seed('003_')));
    const at91 = ps.filter((p) => p.files.includes('drivers/mmc/host/at91_mci.c'));
    expect(at91.map((p) => p.author)).toEqual(['Marc Pignat', 'Marc Pignat', 'Marc Pignat']);
    expect(at91[1]!.previousVersion).toBe(at91[0]!.id);
    expect(at91[2]!.quotedFrom).toBe(at91[1]!.id);
    const hugh = ps.filter((p) => p.author === 'Hugh Dickins');
    expect(hugh).toHaveLength(1);
    expect(hugh[0]).toMatchObject({ files: ['include/linux/mm.h'], insertions: 4, deletions: 0 });
  });
});
