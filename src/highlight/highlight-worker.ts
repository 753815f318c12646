// A highlighting worker (see highlight-pool.ts): blocks in, HTML out, one at a time in arrival order.
import { parentPort } from 'node:worker_threads';
import { renderBlock } from './render-block.ts';

export interface BlockRequest {
  id: number;
  code: string;
  lang: string;
  lineNumbers: boolean;
}
export type BlockReply = { id: number; html: string } | { id: number; error: string };

parentPort!.on('message', (req: BlockRequest) => {
  renderBlock(req.code, req.lang, req.lineNumbers).then(
    (html) => parentPort!.postMessage({ id: req.id, html } satisfies BlockReply),
    (err: unknown) => parentPort!.postMessage({ id: req.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies BlockReply),
  );
});
