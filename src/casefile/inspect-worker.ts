// A worker thread of inspect-pool.ts: reads and analyses the sources it is sent, one at a time.
import { parentPort } from 'node:worker_threads';
import { inspectSource, loadStages } from '../casebook.ts';
import { SourceError } from '../ingest/source-error.ts';
import type { WorkerReply } from './inspect-pool.ts';

// The stages load as soon as the worker starts, before the first source arrives; a failure to load them is
// reported with that source.
loadStages().catch(() => {});

parentPort!.on('message', async ({ index, path }: { index: number; path: string }) => {
  let reply: WorkerReply;
  try {
    reply = { index, thread: await inspectSource(path) };
  } catch (err) {
    reply =
      err instanceof SourceError
        ? { index, sourceError: { file: err.file, message: err.message, hint: err.hint } }
        : { index, crash: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  parentPort!.postMessage(reply);
});
