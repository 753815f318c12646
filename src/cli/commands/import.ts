// `casebook import <source>… [--content DIR] [--json]` and `casebook new <source>`: each thread of each source
// becomes content/threads/<slug>.json and content/cases/<slug>.md; re-importing never loses an editor's edit.
import type { ImportResult } from '../../casefile/import-source.ts';
import { UsageError, type ParsedArgs } from '../args.ts';
import type { Command, CommandContext } from '../command.ts';
import { createProgress } from '../progress.ts';
import { pickOptions, THREAD_FLAGS } from '../thread-flags.ts';
import { ARCHIVE_FLAG, fetchIfThreadRef } from '../thread-source.ts';
import { CASEBOOK_FLAGS, casebookOf } from '../casebook-folder.ts';

const FLAGS = {
  ...CASEBOOK_FLAGS,
  format: { value: true, placeholder: 'NAME', description: 'force the source format instead of detecting it' },
  json: { value: false, description: 'print what was imported as JSON on stdout' },
  ...THREAD_FLAGS,
  ...ARCHIVE_FLAG,
} as const;

function report(r: ImportResult, ctx: CommandContext): void {
  for (const w of r.thread.warnings) ctx.warn(w, r.thread.source.path);
  for (const w of r.mergeWarnings) ctx.stderr.write(`${r.caseFile}: warning: ${w.message} [${w.code}]\n`);
  for (const p of r.schemaProblems) ctx.stderr.write(`${r.caseFile}: warning: frontmatter ${p} [frontmatter-schema]\n`);
  if (r.caseError) {
    ctx.stderr.write(
      `${r.caseFile}${r.caseError.line ? `:${r.caseError.line}` : ''}: error: ${r.caseError.message}; the case file was left as it is [case-unreadable]\n  hint: repair the file (or move it away to have it generated again), then import again.\n`,
    );
  }
}

async function run(args: ParsedArgs, ctx: CommandContext, single: boolean): Promise<number> {
  if (args.positionals.length === 0) throw new UsageError(`\`casebook ${single ? 'new' : 'import'}\` needs a source`, 'Example: casebook import thread.mbox');
  if (single && args.positionals.length > 1) throw new UsageError('`casebook new` takes exactly one source', 'Use `casebook import` for several.');
  const cb = await casebookOf(args);
  const content = cb.content;
  const [{ generatorId }, { importSource, storedThreads }, { assertFormat, SourceError }, { lockCasebook }, { messageIdArg }] = await Promise.all([
    import('../../casefile/build-casebook.ts'),
    import('../../casefile/import-source.ts'),
    import('../../ingest/index.ts'),
    import('../../casefile/lock.ts'),
    import('../../casefile/pick-threads.ts'),
  ]);
  const format = typeof args.flags.get('format') === 'string' ? assertFormat(args.flags.get('format') as string) : undefined;
  const generator = await generatorId();
  const choice = pickOptions(args);
  const results: ImportResult[] = [];
  let failed = 0;
  let sources = 0;
  let leftOut = 0;
  const release = await lockCasebook(content);
  try {
    const stored = await storedThreads(content);
    for (const path of args.positionals) {
      const progress = createProgress(ctx.stderr, path);
      try {
        // A Message-ID or lore link is fetched first; a failed fetch writes nothing.
        const fetched = await fetchIfThreadRef(path, args, cb.config.archive);
        const imported = await importSource(
          fetched ? '-' : path,
          {
            content,
            generator,
            format,
            stdin: fetched ? async () => fetched.mbox : ctx.stdin,
            fetched: fetched ? { name: fetched.name, url: fetched.url } : undefined,
            oneThread: choice.oneThread,
            pick: choice,
            onProgress: progress.update,
            onAnalysing: progress.analysing,
          },
          stored,
        );
        sources++;
        leftOut += imported.leftOut;
        if (choice.thread !== undefined && imported.results.length === 0) {
          ctx.stderr.write(`${path}: no thread in it holds the message <${messageIdArg(choice.thread)}> [thread-not-found]\n`);
        }
        for (const r of imported.results) {
          results.push(r);
          report(r, ctx);
        }
      } catch (err) {
        if (!(err instanceof SourceError)) throw err;
        failed++;
        ctx.reportError(err);
      } finally {
        progress.done();
      }
    }
  } finally {
    await release();
  }
  if (args.flags.has('json')) {
    const imported = results.map((r) => ({
      source: r.thread.source.path,
      slug: r.slug,
      case: r.caseFile,
      thread: r.threadFile,
      created: r.created,
      caseError: r.caseError?.message ?? null,
      warnings: [
        ...r.mergeWarnings.map((w) => ({ code: w.code, message: w.message })),
        ...r.schemaProblems.map((p) => ({ code: 'frontmatter-schema', message: p })),
      ],
    }));
    ctx.stdout.write(`${JSON.stringify({ schemaVersion: 1, imported }, null, 2)}\n`);
  } else if (single) {
    for (const r of results) if (!r.caseError) ctx.stdout.write(`${r.caseFile}\n`);
  }
  const damaged = results.filter((r) => r.caseError).length;
  ctx.stderr.write(
    `casebook: ${results.length} thread(s) from ${sources} source(s) imported (${results.filter((r) => r.created).length} new case(s))` +
      `${leftOut ? `, ${leftOut} thread(s) left out` : ''}` +
      `${damaged ? `, ${damaged} damaged case file(s) left alone` : ''}${failed ? `, ${failed} source(s) unreadable` : ''}\n`,
  );
  if (results.length === 0) return sources > 0 && choice.thread === undefined ? 0 : 2;
  return damaged || failed ? 1 : 0;
}

export const importCommand: Command = {
  name: 'import',
  summary: 'turn each thread of the sources into content/cases/<slug>.md and content/threads/<slug>.json',
  usage:
    'casebook import <source | Message-ID | lore URL>… [--content DIR] [--format NAME] [--thread ID] [--bugs-only] [--one-thread] [--archive URL] [--json]',
  flags: FLAGS,
  run: (args, ctx) => run(args, ctx, false),
};

export const newCommand: Command = {
  name: 'new',
  summary: 'import one source, then print the path of its case file(s) to edit',
  usage: 'casebook new <source | Message-ID | lore URL> [--content DIR] [--format NAME] [--thread ID] [--bugs-only] [--one-thread] [--archive URL]',
  flags: { ...CASEBOOK_FLAGS, format: FLAGS.format, ...THREAD_FLAGS, ...ARCHIVE_FLAG },
  run: (args, ctx) => run(args, ctx, true),
};
