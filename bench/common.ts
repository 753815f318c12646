// What the bench scripts share: the project root, their options, and the corpus threads they measure on.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = new URL('../', import.meta.url).pathname;
export const CORPUS = join(ROOT, '../shared/corpus/linux-mailinglist-archives');

const args = process.argv.slice(2);

/** The value after `--name` on the command line, or `def`. */
export function arg(name: string, def: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? (args[i + 1] ?? def) : def;
}

export function flag(name: string): boolean {
  return args.includes(`--${name}`);
}

/** The real kernel bug threads of the corpus, one mbox each, in a stable order. */
export function corpusThreads(): string[] {
  return readdirSync(CORPUS)
    .filter((d) => d.endsWith('.0'))
    .flatMap((d) =>
      readdirSync(join(CORPUS, d, 'threads'))
        .filter((f) => f.endsWith('.mbox'))
        .map((f) => join(CORPUS, d, 'threads', f)),
    )
    .sort();
}
