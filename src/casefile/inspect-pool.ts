// Reads and analyses the changed sources of a build on worker threads: the import is CPU-bound and one
// thread's analysis needs nothing from another's. Results are handed back in the order the sources were given,
// whichever worker finishes first, so what the build writes (slugs, files) never depends on timing; and at
// most a few results wait to be taken, so memory stays that of a few threads, not all of them.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { AnalyzedThread } from '../casebook.ts';
import { SourceError } from '../ingest/source-error.ts';

/** Worker threads a build starts at most: past the cores there is nothing to gain, only memory to spend. */
export const MAX_WORKERS = 8;
/**
 * Source bytes each worker past the first must have to read. A worker costs ~0.3 s of CPU to load the stages
 * and as much again while its code warms up (the 21 corpus threads, 5.4 MB, took 1.3 s in a fresh thread and
 * 0.55 s warm), so a second one pays only for several seconds of work. On this 2-core machine one worker was
 * the fastest at every size tried (cold builds of 21, 42 and 200 threads, 5-50 MB: 1.31, 2.05, 4.68 s with one
 * worker; 1.42, 2.19, 5.55 s on the main thread; 1.39, 2.56, 5.49 s with two): the main thread needs a core of
 * its own to load the case writer while the worker loads the stages, then to write the cases.
 */
export const BYTES_PER_EXTRA_WORKER = 16 * 1024 * 1024;

export type Inspected = { threads: AnalyzedThread[]; error?: undefined } | { threads?: undefined; error: SourceError };

/** One source to read: its path, and whether it is read as one thread (`--one-thread`). */
export interface InspectJob {
  path: string;
  oneThread: boolean;
}

/** What a worker sends back for one source. */
export type WorkerReply =
  | { index: number; threads: AnalyzedThread[] }
  | { index: number; sourceError: { file: string; message: string; hint: string } }
  | { index: number; crash: string };

/**
 * How many worker threads to read `count` changed sources of `bytes` bytes with; 0 reads them on the main
 * thread. CASEBOOK_WORKERS when set (1 reads everything on the main thread), else one, and one more per
 * BYTES_PER_EXTRA_WORKER, leaving a core to the main thread (none on one core).
 */
export function workerCount(count: number, bytes: number): number {
  const asked = Number(process.env.CASEBOOK_WORKERS);
  if (Number.isInteger(asked) && asked >= 1) return asked === 1 ? 0 : Math.min(asked, MAX_WORKERS, Math.max(1, count));
  const cores = availableParallelism();
  if (cores < 2 || count === 0) return 0;
  return Math.min(cores - 1, MAX_WORKERS, count, 1 + Math.floor(bytes / BYTES_PER_EXTRA_WORKER));
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
 * The analysed threads (or the SourceError) of each source, in order; `bytes` is their total size. The workers
 * start at once, so they load the stages while the caller loads what it needs; `inspect` is the in-process
 * reader used without workers. Any other error in a worker ends the whole run, as it would in process.
 */
export function inspectAll(jobs: InspectJob[], bytes: number, inspect: (job: InspectJob) => Promise<AnalyzedThread[]>): AsyncIterableIterator<Inspected> {
  const n = workerCount(jobs.length, bytes);
  return n === 0 ? inProcess(jobs, inspect) : inWorkers(jobs, n);
}

async function* inProcess(jobs: InspectJob[], inspect: (job: InspectJob) => Promise<AnalyzedThread[]>): AsyncGenerator<Inspected> {
  for (const job of jobs) {
    try {
      yield { threads: await inspect(job) };
    } catch (err) {
      if (err instanceof SourceError) yield { error: err };
      else throw err;
    }
  }
}

function inWorkers(jobs: InspectJob[], n: number): AsyncIterableIterator<Inspected> {
  const paths = jobs.map((j) => j.path);
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
    w.postMessage({ index, ...jobs[index] });
  };

  for (let k = 0; k < n; k++) {
    const w = new Worker(new URL('./inspect-worker.ts', import.meta.url));
    workers.push(w);
    w.on('message', (reply: WorkerReply) => {
      busy.delete(w);
      const d = results[reply.index]!;
      if ('threads' in reply) d.resolve({ threads: reply.threads });
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

  const stop = () => Promise.all(workers.map((w) => w.terminate()));
  const taking = (async function* () {
    try {
      for (let i = 0; i < paths.length; i++) {
        const r = await results[i]!.promise;
        taken = i + 1;
        results[i] = undefined as unknown as Deferred; // let the thread go once handed over
        while (idle.length > 0 && next < paths.length && next - taken < ahead) feed(idle.pop()!);
        yield r;
      }
    } finally {
      await stop();
    }
  })();
  // return() stops the workers even when no result was taken yet (the caller failed before it began taking).
  return {
    next: () => taking.next(),
    return: async () => {
      await stop();
      return taking.return(undefined);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
