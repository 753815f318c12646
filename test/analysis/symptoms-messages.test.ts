// What a thread is about when it shows no crash report of its own (src/analysis/symptoms/): a file
// system's error, a task blocked in D state, a report only quoted, or in the end the subject.
import { describe, expect, it } from 'vitest';
import { findSymptoms, mainSymptomFirst } from '../../src/analysis/symptoms/index.ts';
import { findBlockedTasks } from '../../src/analysis/symptoms/blocked-tasks.ts';
import { findFsMessages } from '../../src/analysis/symptoms/fs-messages.ts';
import { cleanSubject } from '../../src/analysis/symptoms/subject-symptom.ts';
import type { Message, Thread } from '../../src/thread/types.ts';
import { analyze, numberedMail as mail, type Mail } from '../helpers/mbox.ts';

const mainOf = async (mails: Mail[]) => {
  const t = await analyze(mails);
  return mainSymptomFirst(t, findSymptoms(t))[0];
};

describe('findFsMessages', () => {
  it('XFS internal errors: the tag when it is a function, else the caller', () => {
    const found = findFsMessages(
      [
        '[  12.1] XFS (sdb1): Internal error xfs_frob_verify(3) at line 412 of file fs/xfs/xfs_frob.c.  Caller xfs_frob_read+0x30/0x90 [xfs]',
        '[  12.2] XFS (sdb1): Internal error !frob_ok at line 77 of file fs/xfs/libxfs/xfs_frob2.c.  Caller xfs_frob_check+0x2c/0x90',
        '   [  +0.000100] XFS (sdb1): Internal error XFS_WANT_CORRUPTED_RETURN at line 9 of file fs/xfs/xfs_x.c.',
      ].join('\n'),
    );
    expect(found).toEqual([
      { title: 'XFS: Internal error xfs_frob_verify(3)', kind: 'other', function: 'xfs_frob_verify', line: 0 },
      { title: 'XFS: Internal error !frob_ok', kind: 'other', function: 'xfs_frob_check', line: 1 },
      // `dmesg -H` stamps; the caller lost to a wrapped line.
      { title: 'XFS: Internal error XFS_WANT_CORRUPTED_RETURN', kind: 'other', function: null, line: 2 },
    ]);
  });

  it('verifier failures, XFS warnings (kind warning), ext4 and btrfs errors', () => {
    const found = findFsMessages(
      [
        'XFS (loop1): Metadata corruption detected at xfs_frob_block_verify+0x4f/0x120, xfs_frob block 0x40',
        'XFS (loop1): WARNING: Frobnicated the free list on AG 2. 3 blocks leaked. Please unmount and run xfs_repair.',
        'EXT4-fs error (device vdb): ext4_frob_lookup:1700: inode #2: comm ls: deleted inode referenced: 12',
        'EXT4-fs error (device vdb) in ext4_frob_free:6545: Corrupt filesystem',
        'BTRFS: error (device sdc) in btrfs_frob_commit:2346: errno=-5 IO failure',
        'XFS (loop1): Ending clean mount',
      ].join('\n'),
    );
    expect(found.map((f) => [f.title, f.kind, f.function])).toEqual([
      ['XFS: Metadata corruption detected at xfs_frob_block_verify', 'other', 'xfs_frob_block_verify'],
      ['XFS: WARNING: Frobnicated the free list on AG 2', 'warning', null],
      ['EXT4-fs error in ext4_frob_lookup', 'other', 'ext4_frob_lookup'],
      ['EXT4-fs error in ext4_frob_free', 'other', 'ext4_frob_free'],
      ['BTRFS error in btrfs_frob_commit: IO failure', 'other', 'btrfs_frob_commit'],
    ]);
  });
});

describe('findBlockedTasks', () => {
  it('the frame below the scheduler and the generic sleeps; `?` guesses and running tasks left out', () => {
    const found = findBlockedTasks(
      [
        '[  50.1][   C2] sysrq: Show Blocked State',
        '[  50.1][   C2] task:frobd           state:D stack:0     pid:77    ppid:2      flags:0x00004000',
        '[  50.1][   C2] Call trace:',
        '[  50.1][   C2]  __switch_to+0x1/0x2',
        '[  50.1][   C2]  __schedule+0x1/0x2',
        '[  50.1][   C2]  schedule+0x1/0x2',
        '[  50.1][   C2]  schedule_timeout+0x1/0x2',
        '[  50.1][   C2]  ? frob_guess+0x1/0x2',
        '[  50.1][   C2]  wait_for_completion+0x1/0x2',
        '[  50.1][   C2]  frob_drain_queue+0x1/0x2',
        '[  50.1][   C2]  frob_shutdown+0x1/0x2',
        '[  50.2][   C2] task:idle           state:S stack:0     pid:78    ppid:2      flags:0x00004000',
        '[  50.2][   C2] Call trace:',
        '[  50.2][   C2]  __schedule+0x1/0x2',
        '[  50.2][   C2]  frob_idle+0x1/0x2',
      ].join('\n'),
    );
    expect(found).toEqual([{ title: 'task blocked in frob_drain_queue', function: 'frob_drain_queue', line: 1 }]);
  });

  it('a task with nowhere to wait in its stack is left out; a long dump gives its first few', () => {
    const task = (name: string, frames: string[]) => [
      `task:${name} state:D stack:0 pid:1 ppid:0 flags:0x0`,
      'Call Trace:',
      ...frames.map((f) => ` ${f}+0x1/0x2`),
    ];
    const text = [...task('a', ['__schedule', 'schedule']), ...['b', 'c', 'd', 'e'].flatMap((n) => task(n, ['__schedule', `frob_wait_${n}`]))].join('\n');
    expect(findBlockedTasks(text).map((t) => t.function)).toEqual(['frob_wait_b', 'frob_wait_c', 'frob_wait_d']);
  });
});

describe('findSymptoms in prose', () => {
  it('a timestamped report line is kernel output even without a stack; the same words in prose are not', () => {
    // As a segmenter may leave a wrapped log: all of it in one text segment.
    const text = [
      'After the test the kernel printed, among other things,',
      '[  7.000001] BUG: Bad rss-counter state mm:00000000abcd0001 type:MM_ANONPAGES val:2',
      'and then nothing else. A colleague says BUG: Bad page state in process frobd is related.',
    ].join('\n');
    const message: Message = {
      index: 0,
      id: 'm0',
      messageId: '<m0@example.org>',
      author: { name: 'P', email: 'p@example.org' },
      to: [],
      cc: [],
      date: null,
      dateRaw: null,
      subject: 'frob counters',
      inReplyTo: null,
      references: [],
      parentIndex: null,
      ghost: false,
      truncated: false,
      lines: null,
      segments: [{ kind: 'text', text }],
      attachments: [],
    };
    const source = { path: 't.mbox', format: 'mbox' as const, sha256: '0' };
    const thread: Thread = { slug: 't', title: 'frob counters', source, messages: [message], missingParents: [], warnings: [] };
    expect(findSymptoms(thread).map((s) => s.title)).toEqual(['BUG: Bad rss-counter state']);
  });
});

describe('cleanSubject', () => {
  it('drops the tags, reply markers and syzbot repeat counter', () => {
    expect(cleanSubject('Re: [PATCH v3 2/5] [REGRESSION] frob: boot hangs after resume')).toBe('frob: boot hangs after resume');
    expect(cleanSubject('Fwd: Re: [syzbot] [fs?] WARNING in frob_write (3)')).toBe('WARNING in frob_write');
    expect(cleanSubject('[PATCH]: fix frob leak')).toBe('fix frob leak');
    expect(cleanSubject('[BUG]')).toBe('');
  });
});

describe('the symptom of a thread without a crash report of its own', () => {
  it('a file system error in the report', async () => {
    const main = await mainOf([
      mail(
        0,
        'mount fails after upgrade',
        'Mounting fails:\n\n[  3.1] XFS (vdc): Internal error xfs_frob_tail(1) at line 90 of file fs/xfs/xfs_frob.c.  Caller xfs_frob_mount+0x1/0x2\n[  3.2] XFS (vdc): log mount failed\n\nAny idea?\n',
      ),
    ]);
    expect(main).toMatchObject({ title: 'XFS: Internal error xfs_frob_tail(1)', kind: 'other', function: 'xfs_frob_tail', messageIndex: 0 });
  });

  it('a blocked task the reporter shows', async () => {
    const main = await mainOf([
      mail(
        0,
        'reboot takes minutes',
        [
          'Reboot stalls; sysrq-w shows:',
          '',
          '[  90.1][   C0] task:systemd-shutdow state:D stack:0 pid:1 ppid:0 flags:0x00000008',
          '[  90.1][   C0] Call trace:',
          '[  90.1][   C0]  __schedule+0x1/0x2',
          '[  90.1][   C0]  schedule+0x1/0x2',
          '[  90.1][   C0]  frob_quiesce+0x1/0x2',
          '[  90.1][   C0]  frob_shutdown+0x1/0x2',
          '',
        ].join('\n'),
      ),
    ]);
    expect(main).toMatchObject({ title: 'task blocked in frob_quiesce', kind: 'hang', function: 'frob_quiesce', messageIndex: 0 });
  });

  it('a report only quoted: the original is not in the thread', async () => {
    const main = await mainOf([
      mail(
        1,
        'Re: frob crash',
        [
          'On Monday someone wrote:',
          '> [  7.1] BUG: KASAN: slab-use-after-free in frob_close+0x20/0x90',
          '> [  7.1] Read of size 8 at addr ffff888012345678 by task frobd/99',
          '',
          'Looks like the close path races with release.',
          '',
        ].join('\n'),
      ),
    ]);
    expect(main).toMatchObject({ title: 'KASAN: slab-use-after-free Read in frob_close', kind: 'kasan', function: 'frob_close', messageIndex: 0 });
  });

  it('no report at all: the subject in plain words, of kind other, from the first message', async () => {
    const mails = [
      mail(0, '[REGRESSION] [BUG] frob: resume takes 30 seconds since 6.7', 'Since 6.7 resume is slow.\n'),
      mail(1, 'Re: [REGRESSION] [BUG] frob: resume takes 30 seconds since 6.7', 'Same here.\n', 0),
    ];
    expect(await mainOf(mails)).toEqual({
      title: 'frob: resume takes 30 seconds since 6.7',
      kind: 'other',
      function: null,
      kernelVersion: '6.7',
      arch: null,
      messageIndex: 0,
    });
  });

  it('a subject that is a crash title gives its kind and function', async () => {
    const main = await mainOf([mail(1, 'Re: [syzbot] [fs?] WARNING in frob_write (2)', 'Is this still happening?\n')]);
    expect(main).toMatchObject({ title: 'WARNING in frob_write', kind: 'warning', function: 'frob_write' });
    const prose = await mainOf([mail(0, 'Kernel panic on frob module load', 'It panics.\n')]);
    expect(prose).toMatchObject({ kind: 'other', function: null });
  });
});
