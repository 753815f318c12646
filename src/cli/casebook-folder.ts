// How every command finds the casebook it works on: `--casebook DIR`, else CASEBOOK_DIR, else the current folder;
// its casebook.config.json (src/config/); its content folder (the configuration's, or `--content DIR`).
import { resolve } from 'node:path';
import type { Casebook } from '../config/index.ts';
import type { ParsedArgs } from './args.ts';

export const CASEBOOK_FLAGS = {
  casebook: { value: true, placeholder: 'DIR', description: 'the casebook folder (default: CASEBOOK_DIR, else the current folder)' },
  content: { value: true, placeholder: 'DIR', description: "the content folder, when it is not the configuration's (default: content)" },
} as const;

/** The casebook a command works on, with `--content` applied. Throws ConfigError. Loaded when a command runs. */
export async function casebookOf(args: ParsedArgs): Promise<Casebook> {
  const { casebookDir, loadCasebook } = await import('../config/index.ts');
  const cb = loadCasebook(casebookDir(args.flags.get('casebook') as string | undefined));
  const content = args.flags.get('content') as string | undefined;
  return content === undefined ? cb : { ...cb, content: resolve(content) };
}
