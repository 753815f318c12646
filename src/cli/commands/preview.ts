// `casebook preview [--casebook DIR] [--port N]`: serves the built site (the casebook's dist/) on 127.0.0.1, under
// its base path, as a static host would: `/x/` serves `x/index.html`, a missing file the site's 404 page with
// status 404. Nothing outside dist/ is ever served.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { UsageError } from '../args.ts';
import { CASEBOOK_FLAGS, casebookOf } from '../casebook-folder.ts';
import { PORT_FLAG, portOf } from '../tool.ts';
import type { Command } from '../command.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pf_filter': 'application/octet-stream',
};

async function fileAt(root: string, path: string): Promise<string | null> {
  const target = resolve(root, `.${path}`);
  if (target !== root && !target.startsWith(root + sep)) return null;
  const st = await stat(target).catch(() => null);
  if (st?.isFile()) return target;
  if (st?.isDirectory()) {
    const index = join(target, 'index.html');
    return (await stat(index).catch(() => null))?.isFile() ? index : null;
  }
  return null;
}

export const preview: Command = {
  name: 'preview',
  summary: 'serve the built site (dist/) on http://127.0.0.1:4321',
  usage: 'casebook preview [--casebook DIR] [--port N]',
  flags: {
    ...CASEBOOK_FLAGS,
    ...PORT_FLAG,
  },
  async run(args, ctx) {
    const cb = await casebookOf(args);
    const root = resolve(process.env.CASEBOOK_OUT || join(cb.dir, 'dist'));
    if (!(await stat(join(root, 'index.html')).catch(() => null))) {
      throw new UsageError(`No built site in ${root}`, 'Run `casebook build` first.');
    }
    const port = portOf(args, true);
    const base = process.env.CASEBOOK_BASE || cb.config.base;
    const server = createServer(async (req, res) => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      if (!path.startsWith(base)) {
        res.writeHead(302, { location: base });
        res.end();
        return;
      }
      const file = await fileAt(root, `/${path.slice(base.length)}`);
      const notFound = file ? null : await fileAt(root, '/404.html');
      const served = file ?? notFound;
      if (!served) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('not found\n');
        return;
      }
      res.writeHead(file ? 200 : 404, { 'content-type': TYPES[extname(served)] ?? 'application/octet-stream' });
      createReadStream(served).pipe(res);
    });
    await new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen(port, '127.0.0.1', () => ok());
    });
    const address = server.address();
    const actual = typeof address === 'object' && address ? address.port : port;
    ctx.stderr.write(`casebook: serving ${root} at http://127.0.0.1:${actual}${base} (Ctrl-C stops)\n`);
    await new Promise<void>((done) => {
      const stop = () => server.close(() => done());
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  },
};
