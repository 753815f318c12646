// `casebook dev [--casebook DIR] [--port N]`: the site while you edit. Imports what is new or changed under
// content/sources first and again whenever a source appears or changes (under the casebook's lock, so a build
// running meanwhile is never corrupted: the import waits its turn), and serves the site with Astro's dev server,
// which reloads an open page when a case or thread file changes (src/site/case-loader.ts watches them).
import { spawn } from 'node:child_process';
import { type FSWatcher, watch } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { CASEBOOK_FLAGS, casebookOf } from '../casebook-folder.ts';
import { TOOL, PORT_FLAG, portOf } from '../tool.ts';
import type { Command, CommandContext } from '../command.ts';
import { siteEnv } from './build.ts';

/** How long the sources must stay quiet before they are imported: a copy in progress is not read half-written. */
const SETTLE_MS = 300;

async function importOnce(content: string, ctx: CommandContext): Promise<void> {
  const [{ buildCasebook }, { lockCasebook, BusyError }] = await Promise.all([import('../../casefile/build-casebook.ts'), import('../../casefile/lock.ts')]);
  let release: () => Promise<void>;
  for (;;) {
    try {
      release = await lockCasebook(content);
      break;
    } catch (err) {
      if (!(err instanceof BusyError)) throw err;
      // Another command is writing the casebook: this import waits for it.
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    const r = await buildCasebook({
      content,
      onImported: (i) => ctx.stderr.write(`casebook dev: imported ${i.thread.source.path} → ${i.caseFile}\n`),
      onError: (err) => ctx.reportError(err),
    });
    if (r.written.length || r.removed.length) ctx.stderr.write(`casebook dev: ${r.written.length} thread(s) imported, ${r.removed.length} removed\n`);
  } finally {
    await release();
  }
}

export const dev: Command = {
  name: 'dev',
  summary: 'serve the site while you edit, importing sources as they appear',
  usage: 'casebook dev [--casebook DIR] [--port N]',
  flags: {
    ...CASEBOOK_FLAGS,
    ...PORT_FLAG,
  },
  async run(args, ctx) {
    const cb = await casebookOf(args);
    const port = portOf(args, false);
    const sources = join(cb.content, 'sources');
    await mkdir(sources, { recursive: true });
    await importOnce(cb.content, ctx);

    let timer: NodeJS.Timeout | null = null;
    let running: Promise<void> = Promise.resolve();
    const schedule = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        running = running.then(() => importOnce(cb.content, ctx)).catch((err) => ctx.reportError(err as Error));
      }, SETTLE_MS);
    };
    const watcher: FSWatcher = watch(sources, { recursive: true }, (_event, name) => {
      if (name && !String(name).split('/').pop()!.startsWith('.')) schedule();
    });

    const astro = spawn(process.execPath, [join(TOOL, 'node_modules/astro/bin/astro.mjs'), 'dev', '--host', '127.0.0.1', '--port', String(port)], {
      cwd: TOOL,
      env: siteEnv(cb),
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const stop = () => astro.kill('SIGTERM');
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    const code = await new Promise<number>((done) => astro.once('exit', (c) => done(c ?? 0)));
    watcher.close();
    if (timer) clearTimeout(timer);
    await running;
    return code;
  },
};
