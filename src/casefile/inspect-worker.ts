// A worker thread of inspect-pool.ts: reads and analyses the sources it is sent, one at a time.
import { parentPort } from 'node:worker_threads';
import { inspectStream, loadStages } from '../casebook.ts';
import { SourceError } from '../ingest/source-error.ts';
import type { WorkerReply } from './inspect-pool.ts';

// The stages load as soon as the worker starts, before the first source arrives; a failure to load them is
// reported with that source.
loadStages().catch(() => {});

parentPort!.on('message', async ({ index, path, oneThread }: { index: number; path: string; oneThread: boolean }) => {
  // Each thread goes back as soon as it is analysed: the main thread writes it while this one analyses the next.
  try {
    for await (const thread of inspectStream(path, { oneThread })) parentPort!.postMessage({ index, thread } satisfies WorkerReply);
    parentPort!.postMessage({ index, end: true } satisfies WorkerReply);
  } catch (err) {
    parentPort!.postMessage(
      (err instanceof SourceError
        ? { index, sourceError: { file: err.file, message: err.message, hint: err.hint } }
        : { index, crash: err instanceof Error ? (err.stack ?? err.message) : String(err) }) satisfies WorkerReply,
    );
  }
});
