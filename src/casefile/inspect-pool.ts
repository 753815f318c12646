// Reads and analyses the changed sources of a build on worker threads, one per core: the import is CPU-bound
// and one thread's analysis needs nothing from another's. Results are handed back in the order the sources
// were given, whichever worker finishes first, so what the build writes (slugs, files) never depends on
// timing; and at most a few results wait to be taken, so memory stays that of a few threads, not all of them.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { AnalyzedThread } from '../casebook.ts';
import { SourceError } from '../ingest/index.ts';

/** Worker threads a build starts at most: past the cores there is nothing to gain, only memory to spend. */
export const MAX_WORKERS = 8;
/** Fewer changed sources than this are read on the main thread: a worker's start (loading the code) costs more. */
export const MIN_SOURCES_FOR_WORKERS = 4;

export type Inspected = { thread: AnalyzedThread; error?: undefined } | { thread?: undefined; error: SourceError };

/** What a worker sends back for one source. */
export type WorkerReply =
  | { index: number; thread: AnalyzedThread }
  | { index: number; sourceError: { file: string; message: string; hint: string } }
  | { index: number; crash: string };

/**
 * How many workers to use for `count` changed sources: CASEBOOK_WORKERS when set (1 reads everything on the
 * main thread), else one per core, none for a handful of sources.
 */
export function workerCount(count: number): number {
  const asked = Number(process.env.CASEBOOK_WORKERS);
  if (Number.isInteger(asked) && asked >= 1) return Math.min(asked, MAX_WORKERS, Math.max(1, count));
  if (count < MIN_SOURCES_FOR_WORKERS) return 1;
  return Math.max(1, Math.min(availableParallelism(), MAX_WORKERS, count));
}

interface Deferred {
  promise: Promise<Inspected>;
  resolve: (v: Inspected) => void;
  reject: (e: Error) => void;
}

function deferred(): Deferred {
  let resolve!: (v: Inspected) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<Inspected>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Taken in order by the consumer; an early rejection must not count as unhandled meanwhile.
  promise.catch(() => {});
  return { promise, resolve, reject };
}

/**
 * The analysed thread (or the SourceError) of each path, in order. `inspect` is the in-process reader used
 * when one worker is enough. Any other error in a worker ends the whole run, as it would in process.
 */
export async function* inspectAll(paths: string[], inspect: (path: string) => Promise<AnalyzedThread>): AsyncGenerator<Inspected> {
  const n = workerCount(paths.length);
  if (n <= 1) {
    for (const p of paths) {
      try {
        yield { thread: await inspect(p) };
      } catch (err) {
        if (err instanceof SourceError) yield { error: err };
        else throw err;
      }
    }
    return;
  }

  const results = paths.map(() => deferred());
  const ahead = n * 2;
  let next = 0;
  let taken = 0;
  const idle: Worker[] = [];
  const busy = new Map<Worker, number>();
  const workers: Worker[] = [];

  const feed = (w: Worker) => {
    if (next >= paths.length || next - taken >= ahead) {
      idle.push(w);
      return;
    }
    const index = next++;
    busy.set(w, index);
    w.postMessage({ index, path: paths[index] });
  };

  for (let k = 0; k < n; k++) {
    const w = new Worker(new URL('./inspect-worker.ts', import.meta.url));
    workers.push(w);
    w.on('message', (reply: WorkerReply) => {
      busy.delete(w);
      const d = results[reply.index]!;
      if ('thread' in reply) d.resolve({ thread: reply.thread });
      else if ('sourceError' in reply) d.resolve({ error: new SourceError(reply.sourceError.file, reply.sourceError.message, reply.sourceError.hint) });
      else d.reject(new Error(`reading ${paths[reply.index]} failed in a worker:\n${reply.crash}`));
      feed(w);
    });
    w.on('error', (err) => {
      const index = busy.get(w);
      const failure = new Error(`a worker reading ${index === undefined ? 'sources' : paths[index]} stopped: ${err.message}`, { cause: err });
      for (const d of results) d?.reject(failure);
    });
    feed(w);
  }

  try {
    for (let i = 0; i < paths.length; i++) {
      const r = await results[i]!.promise;
      taken = i + 1;
      results[i] = undefined as unknown as Deferred; // let the thread go once handed over
      while (idle.length > 0 && next < paths.length && next - taken < ahead) feed(idle.pop()!);
      yield r;
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
