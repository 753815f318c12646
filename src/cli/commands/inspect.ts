// `casebook inspect <source>… [--json] [--format NAME] [--thread ID] [--bugs-only] [--one-thread]`: parse and
// analyse without writing anything; a source holding several conversations prints each as a thread.
import type { AnalyzedThread } from '../../casebook.ts';
import type { Command, CommandContext } from '../command.ts';
import { UsageError } from '../args.ts';
import { createProgress } from '../progress.ts';
import { pickOptions, THREAD_FLAGS } from '../thread-flags.ts';
import { ARCHIVE_FLAG, fetchIfThreadRef } from '../thread-source.ts';

export const inspect: Command = {
  name: 'inspect',
  summary: 'parse and analyse thread sources without writing anything',
  usage: 'casebook inspect <source | Message-ID | lore URL>… [--json] [--format NAME] [--thread ID] [--bugs-only] [--one-thread] [--archive URL]',
  flags: {
    json: { value: false, description: 'print the threads as JSON (schemaVersion 1, see CONTRACT.md) on stdout' },
    format: { value: true, placeholder: 'NAME', description: 'force the source format instead of detecting it' },
    ...THREAD_FLAGS,
    ...ARCHIVE_FLAG,
  },
  async run(args, ctx: CommandContext) {
    if (args.positionals.length === 0) throw new UsageError('`casebook inspect` needs at least one source', 'Example: casebook inspect thread.mbox --json');
    if (args.positionals.filter((p) => p === '-').length > 1) throw new UsageError('`-` (standard input) can be given only once');
    const [
      { inspectThreads, SCHEMA_VERSION },
      { assertFormat, SourceError },
      { batched, jsonFileChunks },
      { toContractThread },
      { pickThreads, messageIdArg },
    ] = await Promise.all([
      import('../../casebook.ts'),
      import('../../ingest/index.ts'),
      import('../../casefile/json-chunks.ts'),
      import('../../casefile/thread-json.ts'),
      import('../../casefile/pick-threads.ts'),
    ]);
    const pick = pickOptions(args);
    const format = typeof args.flags.get('format') === 'string' ? assertFormat(args.flags.get('format') as string) : undefined;
    const threads: AnalyzedThread[] = [];
    let failed = 0;
    let leftOut = 0;
    for (const path of args.positionals) {
      const progress = createProgress(ctx.stderr, path);
      try {
        const fetched = await fetchIfThreadRef(path, args);
        const all = await inspectThreads(fetched ? '-' : path, {
          format,
          stdin: fetched ? async () => fetched.mbox : ctx.stdin,
          oneThread: pick.oneThread,
          onProgress: progress.update,
          onAnalysing: progress.analysing,
        });
        const picked = pickThreads(all, pick);
        threads.push(...picked.threads);
        leftOut += all.length - picked.threads.length;
      } catch (err) {
        if (!(err instanceof SourceError)) throw err;
        failed++;
        ctx.reportError(err);
      } finally {
        progress.done();
      }
    }
    if (args.flags.has('json')) {
      // In pieces: the JSON of a 200 MB thread as one string would double the memory (json-chunks.ts).
      for (const piece of batched(jsonFileChunks({ schemaVersion: SCHEMA_VERSION, threads: threads.map(toContractThread) }, 4))) ctx.stdout.write(piece);
    } else {
      for (const t of threads) printSummary(t, ctx);
    }
    for (const t of threads) {
      for (const w of t.warnings) ctx.warn(w, t.source.path);
    }
    const messages = threads.reduce((n, t) => n + t.messages.filter((m) => !m.ghost).length, 0);
    const warnings = threads.reduce((n, t) => n + t.warnings.length, 0);
    ctx.stderr.write(
      `casebook: ${threads.length} thread(s), ${messages} message(s), ${warnings} warning(s)` +
        `${leftOut ? `, ${leftOut} thread(s) left out (${pick.thread !== undefined ? '--thread' : ''}${pick.thread !== undefined && pick.bugsOnly ? ', ' : ''}${pick.bugsOnly ? '--bugs-only' : ''})` : ''}` +
        `${failed ? `, ${failed} source(s) unreadable` : ''}\n`,
    );
    if (threads.length === 0 && failed === 0 && pick.thread !== undefined) {
      ctx.stderr.write(`casebook: no thread holds the message <${messageIdArg(pick.thread)}>\n`);
    }
    // Exit 2 when nothing usable was read, 1 when some named source was not (the rest still printed).
    return threads.length === 0 ? (failed || pick.thread !== undefined ? 2 : 0) : failed ? 1 : 0;
  },
};

function printSummary(t: AnalyzedThread, ctx: CommandContext): void {
  const real = t.messages.filter((m) => !m.ghost);
  const ghosts = t.messages.length - real.length;
  const dates = real.map((m) => m.date).filter((d): d is string => !!d);
  ctx.stdout.write(
    `${t.slug}\n  title:    ${t.title}\n  source:   ${t.source.path} (${t.source.format})\n` +
      `  messages: ${real.length}${ghosts ? ` + ${ghosts} ghost(s)` : ''}, ${real.length - dates.length} undated\n` +
      (dates.length ? `  dates:    ${dates[0]} … ${dates[dates.length - 1]}\n` : '') +
      `  warnings: ${t.warnings.length}\n`,
  );
}
