// Text → the errors a file system prints about itself. They are no crash (syzbot ignores them as report
// headers), but a thread may be about one: a mount that fails with "XFS (sda1): Internal error … Caller …",
// an ext4 error on every lookup. Such a message is the thread's symptom when its message shows no crash
// report: titled with the file system's name and its words (the device, line numbers and addresses left
// out), named after the function the message names, and of kind `warning` only when the file system itself
// says "WARNING:".
import type { SymptomKind } from '../types.ts';
import { parseConsoleLine } from './console-line.ts';

export interface FsMessage {
  title: string;
  kind: SymptomKind;
  function: string | null;
  /** 0-based line of the text the message is on. */
  line: number;
}

interface FsRule {
  test: RegExp;
  read(m: RegExpExecArray): { title: string; kind: SymptomKind; function: string | null };
}

// A function as XFS prints its caller: `xfs_foo_read+0x30/0x90 [xfs]`, `[<ffffffffa0123>] xfs_foo+0x…`.
const CALLER = String.raw`(?:\[<?[0-9a-f]+>?\]\s*)?([A-Za-z_]\w*)`;
// A lower-case identifier is a function; XFS's tags are also macro names (XFS_WANT_CORRUPTED_GOTO) and
// conditions (`!foo_ok`), which name none.
const FUNCTION_NAME = /^[a-z_][a-z0-9_]*$/;

const RULES: FsRule[] = [
  {
    // XFS_ERROR_REPORT / XFS_CORRUPTION_ERROR: `Internal error xfs_foo_verify(3) at line 412 of file
    // fs/xfs/xfs_foo.c.  Caller xfs_foo_read+0x30/0x90 [xfs]`.
    // The caller may be lost to a wrapped line.
    test: new RegExp(String.raw`^XFS(?: \([^)]*\))?: Internal error (\S+) at line \d+ of file \S+(?:\s+Caller ${CALLER})?`),
    read: (m) => {
      const tag = m[1].replace(/\(\d+\)$/, '');
      return { title: `XFS: Internal error ${m[1]}`, kind: 'other', function: FUNCTION_NAME.test(tag) ? tag : (m[2] ?? null) };
    },
  },
  {
    // A verifier's complaint: `Metadata corruption detected at xfs_foo_block_verify+0x…, xfs_foo block 0x…`.
    test: new RegExp(String.raw`^XFS(?: \([^)]*\))?: Metadata (corruption|CRC error) detected at ${CALLER}`),
    read: (m) => ({ title: `XFS: Metadata ${m[1]} detected at ${m[2]}`, kind: 'other', function: m[2] }),
  },
  {
    // xfs_warn(mp, "WARNING: …") about the file system's state, often several sentences: the first one.
    test: /^XFS(?: \([^)]*\))?: WARNING: (.+?)(?:\.\s|\.?$)/,
    read: (m) => ({ title: `XFS: WARNING: ${m[1]}`, kind: 'warning', function: null }),
  },
  {
    // __ext4_error: `EXT4-fs error (device sda1): ext4_lookup:1700: inode #2: comm ls: deleted inode referenced`;
    // __ext4_std_error: `EXT4-fs error (device loop3) in ext4_mb_clear_bb:6545: Corrupt filesystem`.
    test: /^EXT4-fs error \(device [^)]*\)(?::| in) ([A-Za-z_]\w*):\d+:/,
    read: (m) => ({ title: `EXT4-fs error in ${m[1]}`, kind: 'other', function: m[1] }),
  },
  {
    // btrfs_handle_fs_error: `BTRFS: error (device loop0) in btrfs_commit_transaction:2346: errno=-5 IO failure`.
    test: /^BTRFS:? error \(device [^)]*\)(?: state \w+)?:? in ([A-Za-z_]\w*):\d+: errno=-?\d+ ?([A-Za-z][\w ]*)?/,
    read: (m) => ({ title: `BTRFS error in ${m[1]}${m[2] ? `: ${m[2].trim()}` : ''}`, kind: 'other', function: m[1] }),
  },
];

const DMESG_STAMP = /^\[[\w\s:.+-]*\]\s*/;
// Each rule's literal, to pass over the many texts that hold none.
const MAY_HOLD = /XFS|EXT4-fs error|BTRFS/;

/** The file-system messages in `text`, each distinct title once, in text order. */
export function findFsMessages(text: string): FsMessage[] {
  if (!MAY_HOLD.test(text)) return [];
  const found: FsMessage[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!MAY_HOLD.test(lines[i])) continue;
    // Besides the printk prefix, the stamps of `dmesg -H`/`-T` (`[  +0.001856]`, `[Aug16 14:41]`).
    const line = parseConsoleLine(lines[i].trim()).text.replace(DMESG_STAMP, '').trim();
    for (const rule of RULES) {
      const m = rule.test.exec(line);
      if (!m) continue;
      const message = { ...rule.read(m), line: i };
      if (!found.some((f) => f.title === message.title)) found.push(message);
      break;
    }
  }
  return found;
}
