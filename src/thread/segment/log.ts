// Console output that is not a crash report: timestamped printk lines, dmesg-style device messages, and shell
// sessions (`$ cmd` followed by its output).
import { type Block, type Body, head, isBlank, isStamped } from './body.ts';
import { depthAt } from './quote.ts';
import { startsTrace } from './trace.ts';

/** Device messages without a timestamp: `usb 1-1: …`, `sd 0:0:0:0: [sda] …`, `EXT4-fs (sda1): …`, `ata1.00: …`. */
const DMESG =
  /^(?:[a-z][\w-]{1,24} (?:\d+-\d+(?:\.\d+)*(?::\d+\.\d+)?|[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]|\d+:\d+:\d+:\d+|[a-z]+\d+(?:\.\d+)?)|[A-Z][A-Z0-9]{1,7}-fs (?:\([\w.-]+\)|error|warning)[^:]{0,40}|(?:XFS|BTRFS|F2FS|JBD2|ata\d+(?:\.\d+)?|scsi\d*|eth\d+|wlan\d+|ACPI(?: [A-Z][a-z]+)?|EDAC \w+|md\d*|raid\d+|systemd\[\d+\]|audit|SELinux|kvm|smpboot|usbcore|nvme\d*(?:n\d+)?|loop\d+|blk_update_request|Buffer I\/O error)(?: \([\w.-]+\))?): /;
/** A shell prompt and a command: `$ dmesg`, `root@host:~# modprobe x`, `[root@host ~]# cat …`. */
const PROMPT = /^\s{0,3}(?:\$|[\w.-]+@[\w.-]+:[^\s$#]{0,80}[$#]|\[[\w.-]+@[\w.-]+ [^\]]{0,60}\][$#]) +[a-z./~][\w./+-]*/;
/** A bare `#` prompt is also a comment marker, so it counts only before a command this common. */
const ROOT_PROMPT =
  /^\s{0,3}# +(?:\.{0,2}\/\S|(?:echo|cat|ls|mount|umount|dd|modprobe|insmod|rmmod|dmesg|uname|mkfs(?:\.\w+)?|fsck(?:\.\w+)?|sync|git|perf|xfs_io|fio|strace|grep|time|sysctl|reboot|blockdev|losetup|mkdir|rm|cp|mv|find|lsblk|lspci|lsusb|free|top|ps|kill)\b)/;

export function isLogLine(b: Body, i: number): boolean {
  if (i >= b.lines.length || isBlank(b, i) || depthAt(b, i) > 0) return false;
  if (isStamped(b, i)) return true;
  const c = head(b, i).charCodeAt(0);
  return ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) && DMESG.test(head(b, i));
}

function isPrompt(line: string): boolean {
  const t = line.trimStart();
  const c = t.charCodeAt(0);
  if (c === 35 /* # */) return ROOT_PROMPT.test(line);
  return (c === 36 /* $ */ || c === 91 /* [ */ || t.includes('@')) && PROMPT.test(line);
}

export function logBlock(b: Body, i: number): Block | null {
  if (isPrompt(head(b, i))) {
    const end = sessionEnd(b, i);
    if (end - i >= 2) return { kind: 'log', start: i, end };
  }
  if (!isLogLine(b, i)) return null;
  let j = i + 1;
  while (isLogLine(b, j) && !startsTrace(b, j)) j++;
  // One timestamped line inside prose is a quotation of the log, not a log: it stays text.
  return j - i >= 2 ? { kind: 'log', start: i, end: j } : null;
}

/** A command and its output run to the next blank line, unless a report starts inside it. */
function sessionEnd(b: Body, i: number): number {
  let j = i + 1;
  while (j < b.lines.length && !isBlank(b, j) && depthAt(b, j) === 0 && !startsTrace(b, j)) j++;
  return j;
}
