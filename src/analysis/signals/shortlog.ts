// A pull request or merge notice lists its commits as a git shortlog: "Jiri Slaby (1):" then the commit
// subjects indented below. It says which patches went upstream, and names patches that were posted
// without a subject.
import type { Message } from '../../thread/types.ts';

export interface ShortlogEntry {
  author: string;
  subjects: string[];
  messageIndex: number;
}

const AUTHOR = /^(\S[^():]*?) \((\d+)\):\s*$/;
const SUBJECT = /^\s{2,}(\S.*?)\s*$/;

export function parseShortlog(m: Message): ShortlogEntry[] {
  const out: ShortlogEntry[] = [];
  // The segmenter may put the author line and the indented subjects in different segments.
  const lines = m.segments.filter((s) => s.kind !== 'quote' && !s.attachment).flatMap((s) => s.text.split('\n'));
  for (let i = 0; i < lines.length; i++) {
    const a = AUTHOR.exec(lines[i]);
    if (!a) continue;
    const count = Number(a[2]);
    const subjects: string[] = [];
    for (let j = i + 1; j < lines.length && subjects.length < count; j++) {
      const s = SUBJECT.exec(lines[j]);
      if (!s) break;
      subjects.push(s[1]);
    }
    if (subjects.length > 0) out.push({ author: a[1].trim(), subjects, messageIndex: m.index });
  }
  return out;
}
