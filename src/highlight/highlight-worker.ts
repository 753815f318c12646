// A highlighting worker (see highlight-pool.ts): blocks in, HTML (a thread page's block) or HAST (a case
// file's fence) out, one at a time in arrival order.
import type { Root } from 'hast';
import { parentPort } from 'node:worker_threads';
import { renderBlock, renderFence } from './render-block.ts';

export type BlockRequest =
  | { id: number; kind: 'block'; code: string; lang: string; lineNumbers: boolean }
  | { id: number; kind: 'fence'; code: string; lang: string; meta: string | undefined }
  | { id: 0; kind: 'warm-up' };
export type BlockReply = { id: number; html: string } | { id: number; hast: Root } | { id: number; error: string };

parentPort!.on('message', (req: BlockRequest) => {
  if (req.kind === 'warm-up') {
    // Nobody waits for it; a failure shows on the first real block.
    renderBlock('[    1.000000] BUG: warm-up+0x0/0x1\n', 'kernel-log', false).catch(() => {});
    return;
  }
  const work: Promise<BlockReply> =
    req.kind === 'block'
      ? renderBlock(req.code, req.lang, req.lineNumbers).then((html) => ({ id: req.id, html }))
      : renderFence(req.code, req.lang, req.meta).then((hast) => ({ id: req.id, hast }));
  work.then(
    (reply) => parentPort!.postMessage(reply),
    (err: unknown) => parentPort!.postMessage({ id: req.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies BlockReply),
  );
});
