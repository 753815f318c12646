// One thread cut out of a source that holds many (a list mbox, a maildir, a folder): the raw text of its
// messages, as an mbox. Each message is taken by the lines the reader recorded, from the file it came from;
// a mail file of its own (`.eml`, a maildir entry) gets a From_ line and mboxrd escaping; a file in a one-thread
// format (an archive page or scrape) is taken whole. Nothing is re-encoded: the bytes are the source's.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { AnalyzedThread } from '../casebook.ts';
import { adapterOf, detectTextFormat } from '../ingest/adapters.ts';
import { SourceError } from '../ingest/source-error.ts';

/** The From_ line public-inbox and b4 write: it carries no date or sender of its own, so none is invented. */
const FROM_LINE = 'From mboxrd@z Thu Jan  1 00:00:00 1970';

async function textOf(file: string, stdin: Buffer | null): Promise<string> {
  let bytes = stdin ?? (await readFile(file));
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  // latin1 keeps every byte as one char, so the output has exactly the source's bytes.
  return bytes.toString('latin1');
}

/** The lines of the files a source's threads are cut from, read once for all of them. */
export type SourceLines = Map<string, { lines: string[]; whole: boolean }>;

export async function extractThread(thread: AnalyzedThread, path: string, stdin: Buffer | null, texts: SourceLines = new Map()): Promise<Buffer> {
  const folder = stdin === null && (await stat(path)).isDirectory();
  const real = thread.messages.filter((m) => !m.ghost);
  // Source order: by file, then by line.
  const ordered = [...real].sort((a, b) => {
    const [fa, fb] = [a.file ?? '', b.file ?? ''];
    if (fa !== fb) return fa < fb ? -1 : 1;
    return (a.lines?.[0] ?? 0) - (b.lines?.[0] ?? 0);
  });
  const pieces: string[] = [];
  const takenWhole = new Set<string>();
  for (const m of ordered) {
    const file = folder ? join(path, m.file ?? '') : path;
    if (!m.lines) {
      throw new SourceError(
        path,
        `Cannot take one thread out of \`${path}\`: its messages have no line positions`,
        'Import the whole source (without --thread or --bugs-only).',
      );
    }
    let read = texts.get(file);
    if (!read) {
      const text = await textOf(file, folder ? null : stdin);
      const format = detectTextFormat(text);
      const lines = text.split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      read = { lines, whole: format !== null && adapterOf(format).oneThread };
      texts.set(file, read);
    }
    const { lines } = read;
    if (read.whole) {
      if (!takenWhole.has(file)) pieces.push(`${lines.join('\n')}\n`);
      takenWhole.add(file);
      continue;
    }
    const own = lines.slice(m.lines[0] - 1, m.lines[1]);
    if (/^From /.test(own[0] ?? '')) pieces.push(`${own.join('\n')}\n`);
    else pieces.push(`${FROM_LINE}\n${own.map((l) => (/^>*From /.test(l) ? `>${l}` : l)).join('\n')}\n`);
  }
  // A blank line separates messages, as in any mbox; none follows the last, whose reader would keep it as text.
  return Buffer.from(pieces.join('\n'), 'latin1');
}
