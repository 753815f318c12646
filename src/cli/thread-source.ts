// A command-line source that is not a file: a Message-ID or a lore link, fetched from the archive as an mbox
// (src/ingest/fetch-thread.ts). A word that names an existing file or folder is always that file.
import { existsSync } from 'node:fs';
import type { ParsedArgs } from './args.ts';

export const ARCHIVE_FLAG = {
  archive: {
    value: true,
    placeholder: 'URL',
    description:
      "the public-inbox archive a Message-ID is fetched from (default: CASEBOOK_ARCHIVE, the configuration's `archive`, https://lore.kernel.org/all/)",
  },
} as const;

/** A fetched thread: its mbox, the name it is kept under in content/sources, and the archive link it came from. */
export interface FetchedSource {
  mbox: Buffer;
  name: string;
  url: string;
}

/**
 * The thread a positional names when it is a Message-ID or an archive link and no such file exists; null for a
 * path (or `-`). Throws SourceError when the fetch fails.
 */
export async function fetchIfThreadRef(word: string, args: ParsedArgs, configured?: string): Promise<FetchedSource | null> {
  if (word === '-' || existsSync(word)) return null;
  const { parseThreadRef, fetchThread, fetchedFileName, DEFAULT_ARCHIVE } = await import('../ingest/index.ts');
  const archive = (args.flags.get('archive') as string | undefined) ?? process.env.CASEBOOK_ARCHIVE ?? configured ?? DEFAULT_ARCHIVE;
  const ref = parseThreadRef(word, archive);
  if (!ref) return null;
  const { mbox, url } = await fetchThread(ref);
  return { mbox, name: fetchedFileName(ref), url };
}
