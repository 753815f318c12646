// `casebook build [--content DIR]`: imports every source under DIR/sources that is new or changed into
// DIR/threads and DIR/cases (the first half of `npm run build`; the site build follows).
import { resolve } from 'node:path';
import type { Command } from '../command.ts';

export const build: Command = {
  name: 'build',
  summary: 'import every new or changed source under content/sources into content/threads and content/cases',
  usage: 'casebook build [--content DIR]',
  flags: {
    content: { value: true, placeholder: 'DIR', description: 'the content folder (default: content)' },
  },
  env: {
    CASEBOOK_WORKERS: 'worker threads reading changed sources (default: one, one more per 16 MiB of them, up to the cores less one; 1: none)',
    CASEBOOK_CACHE: 'the cache folder (default: .cache/casebook; safe to delete)',
  },
  async run(args, ctx) {
    const content = resolve((args.flags.get('content') as string | undefined) ?? 'content');
    // Loaded when the command runs, not when `casebook --help` lists it (see main.ts).
    const { buildCasebook } = await import('../../casefile/build-casebook.ts');
    const r = await buildCasebook({
      content,
      onImported: (i) => {
        for (const w of i.thread.warnings) ctx.warn(w, i.thread.source.path);
        for (const w of i.mergeWarnings) ctx.stderr.write(`${i.caseFile}: warning: ${w.message} [${w.code}]\n`);
        for (const p of i.schemaProblems) ctx.stderr.write(`${i.caseFile}: warning: frontmatter ${p} [frontmatter-schema]\n`);
        if (i.caseError)
          ctx.stderr.write(`${i.caseFile}${i.caseError.line ? `:${i.caseError.line}` : ''}: error: ${i.caseError.message}; left as it is [case-unreadable]\n`);
      },
      onError: (err) => ctx.reportError(err),
    });
    ctx.stderr.write(
      `casebook: ${r.written.length} thread(s) imported, ${r.unchanged.length} unchanged, ${r.removed.length} removed` +
        `${r.failed.length ? `, ${r.failed.length} source(s) unreadable` : ''}${r.damaged.length ? `, ${r.damaged.length} damaged case file(s) left alone` : ''} in ${content}\n`,
    );
    if (r.damaged.length) return 1;
    return r.failed.length > 0 && r.written.length + r.unchanged.length === 0 ? 2 : 0;
  },
};
