// `casebook build [--content DIR]`: reads every source under DIR/sources (new or changed ones only) and
// writes the parsed threads to DIR/threads/<slug>.json.
import { resolve } from 'node:path';
import { buildThreads } from '../../casefile/build-threads.ts';
import type { Command } from '../command.ts';

export const build: Command = {
  name: 'build',
  summary: 'read every source under content/sources and write content/threads/<slug>.json',
  usage: 'casebook build [--content DIR]',
  flags: {
    content: { value: true, placeholder: 'DIR', description: 'the content folder (default: content)' },
  },
  async run(args, ctx) {
    const content = resolve((args.flags.get('content') as string | undefined) ?? 'content');
    const r = await buildThreads({
      content,
      onWarning: (w, source) => ctx.warn(w, source),
      onError: (err) => ctx.reportError(err),
    });
    ctx.stderr.write(
      `casebook: ${r.written.length} thread(s) written, ${r.unchanged.length} unchanged, ${r.removed.length} removed` +
        `${r.failed.length ? `, ${r.failed.length} source(s) unreadable` : ''} in ${content}/threads\n`,
    );
    return r.failed.length > 0 && r.written.length + r.unchanged.length === 0 ? 2 : 0;
  },
};
