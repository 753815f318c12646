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

/** A source's threads, handed over one by one as they are analysed, or the SourceError that stopped its reading. */
export type Inspected = { threads: AsyncIterable<AnalyzedThread>; error?: undefined } | { threads?: undefined; error: SourceError };

/** One source to read: its path, and whether it is read as one thread (`--one-thread`). */
export interface InspectJob {
  path: string;
  oneThread: boolean;
}

/**
 * What a worker sends back for one source: each thread as soon as it is analysed, then `end`; or the SourceError
 * (before any thread), or a crash.
 */
export type WorkerReply =
  | { index: number; thread: AnalyzedThread }
  | { index: number; end: true }
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

/** A queue of one source's threads: the worker puts, the consumer takes in order, `end` or a failure closes it. */
class Channel {
  private readonly items: AnalyzedThread[] = [];
  private closed = false;
  private failure: Error | null = null;
  private wake: (() => void) | null = null;
  /** Resolves with the first news of the source: a thread, its end, or its SourceError. */
  readonly started: Promise<Inspected>;
  private start!: (v: Inspected) => void;
  private startFailed!: (e: Error) => void;

  constructor() {
    this.started = new Promise<Inspected>((res, rej) => {
      this.start = res;
      this.startFailed = rej;
    });
    // Taken in order by the consumer; an early rejection must not count as unhandled meanwhile.
    this.started.catch(() => {});
  }

  put(t: AnalyzedThread): void {
    this.items.push(t);
    this.start({ threads: this.take() });
    this.wake?.();
  }

  end(): void {
    this.closed = true;
    this.start({ threads: this.take() });
    this.wake?.();
  }

  sourceError(err: SourceError): void {
    this.closed = true;
    this.start({ error: err });
  }

  fail(err: Error): void {
    this.failure = err;
    this.closed = true;
    this.startFailed(err);
    this.wake?.();
  }

  private taking: AsyncGenerator<AnalyzedThread> | null = null;

  private take(): AsyncGenerator<AnalyzedThread> {
    const self = this;
    this.taking ??= (async function* () {
      for (;;) {
        const next = self.items.shift();
        if (next) {
          yield next;
          continue;
        }
        if (self.failure) throw self.failure;
        if (self.closed) return;
        await new Promise<void>((r) => {
          self.wake = r;
        });
        self.wake = null;
      }
    })();
    return this.taking;
  }
}

/**
 * The analysed threads (or the SourceError) of each source, in order, each source's threads as they come; `bytes`
 * is the sources' total size. The workers start at once, so they load the stages while the caller loads what it
 * needs; `inspect` is the in-process reader used without workers. A caller takes a source's threads before it
 * takes the next source. Any other error in a worker ends the whole run, as it would in process.
 */
export function inspectAll(jobs: InspectJob[], bytes: number, inspect: (job: InspectJob) => AsyncGenerator<AnalyzedThread>): AsyncIterableIterator<Inspected> {
  const n = workerCount(jobs.length, bytes);
  return n === 0 ? inProcess(jobs, inspect) : inWorkers(jobs, n);
}

async function* inProcess(jobs: InspectJob[], inspect: (job: InspectJob) => AsyncGenerator<AnalyzedThread>): AsyncGenerator<Inspected> {
  for (const job of jobs) {
    const threads = inspect(job);
    // The reading's SourceError comes with the first thread; later errors are bugs and end the run.
    let first: IteratorResult<AnalyzedThread>;
    try {
      first = await threads.next();
    } catch (err) {
      if (err instanceof SourceError) {
        yield { error: err };
        continue;
      }
      throw err;
    }
    yield {
      threads: (async function* () {
        if (first.done) return;
        yield first.value;
        yield* threads;
      })(),
    };
  }
}

function inWorkers(jobs: InspectJob[], n: number): AsyncIterableIterator<Inspected> {
  const paths = jobs.map((j) => j.path);
  const results = paths.map(() => new Channel());
  // Sources handed to workers ahead of the one being taken: a worker moves on while the caller writes.
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
      const c = results[reply.index]!;
      if ('thread' in reply) {
        c.put(reply.thread);
        return;
      }
      busy.delete(w);
      if ('end' in reply) c.end();
      else if ('sourceError' in reply) c.sourceError(new SourceError(reply.sourceError.file, reply.sourceError.message, reply.sourceError.hint));
      else c.fail(new Error(`reading ${paths[reply.index]} failed in a worker:\n${reply.crash}`));
      feed(w);
    });
    w.on('error', (err) => {
      const index = busy.get(w);
      const failure = new Error(`a worker reading ${index === undefined ? 'sources' : paths[index]} stopped: ${err.message}`, { cause: err });
      for (const c of results) c.fail(failure);
    });
    feed(w);
  }

  const stop = () => Promise.all(workers.map((w) => w.terminate()));
  const taking = (async function* () {
    try {
      for (let i = 0; i < paths.length; i++) {
        const r = await results[i]!.started;
        taken = i + 1;
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
