// Highlighting on worker threads. TextMate tokenizing is most of a cold site build's rendering time and
// runs on one core; a thread page asks for all its blocks at once (ThreadMessage awaits them together), so
// workers — one per core, started as the blocks in flight outnumber them — highlight them side by side.
// Each worker renders with the same code and settings as the calling thread (render-block.ts): the HTML
// does not depend on which worker, or whether one, did it.
import type { Root } from 'hast';
import { Worker } from 'node:worker_threads';
import type { BlockReply, BlockRequest } from './highlight-worker.ts';

interface Waiting {
  resolve: (result: string | Root) => void;
  reject: (err: Error) => void;
}

type Request = Exclude<BlockRequest, { kind: 'warm-up' }> extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

interface PoolWorker {
  worker: Worker;
  /** Requests sent and not yet answered. */
  inFlight: Map<number, Waiting>;
}

export class HighlightPool {
  private readonly workers: PoolWorker[] = [];
  private nextId = 1;
  private broken: Error | null = null;
  private readonly file: string;
  private readonly size: number;

  /** `file` is highlight-worker.ts; at most `size` workers are started. */
  constructor(file: string, size: number) {
    this.file = file;
    this.size = size;
  }

  /** A thread page's block to HTML (renderBlock). */
  render(code: string, lang: string, lineNumbers: boolean): Promise<string> {
    return this.send({ kind: 'block', code, lang, lineNumbers }) as Promise<string>;
  }

  /** A case file's fence to HAST (renderFence). */
  fence(code: string, lang: string, meta: string | undefined): Promise<Root> {
    return this.send({ kind: 'fence', code, lang, meta }) as Promise<Root>;
  }

  /** Starts a worker, if none is running, and has it make its highlighter. */
  warmUp(): void {
    if (this.workers.length === 0 && !this.broken) this.start().worker.postMessage({ id: 0, kind: 'warm-up' } satisfies BlockRequest);
  }

  private send(req: Request): Promise<string | Root> {
    if (this.broken) return Promise.reject(this.broken);
    const pw = this.pick();
    const id = this.nextId++;
    return new Promise<string | Root>((resolve, reject) => {
      pw.inFlight.set(id, { resolve, reject });
      // A worker with work keeps the process alive until it answers; an idle one does not hold it open.
      if (pw.inFlight.size === 1) pw.worker.ref();
      pw.worker.postMessage({ id, ...req } as BlockRequest);
    });
  }

  /** Stops the workers (for tests; a build's process exits with them idle and unreferenced). */
  async close(): Promise<void> {
    await Promise.all(this.workers.splice(0).map((pw) => pw.worker.terminate()));
  }

  /** The least busy worker; a new one while every worker has work and the pool is not full. */
  private pick(): PoolWorker {
    let best: PoolWorker | undefined;
    for (const pw of this.workers) if (!best || pw.inFlight.size < best.inFlight.size) best = pw;
    if (best && (best.inFlight.size === 0 || this.workers.length >= this.size)) return best;
    return this.start();
  }

  private start(): PoolWorker {
    const pw: PoolWorker = { worker: new Worker(this.file), inFlight: new Map() };
    pw.worker.unref();
    pw.worker.on('message', (reply: BlockReply) => {
      const waiting = pw.inFlight.get(reply.id);
      if (!waiting) return;
      pw.inFlight.delete(reply.id);
      if (pw.inFlight.size === 0) pw.worker.unref();
      if ('html' in reply) waiting.resolve(reply.html);
      else if ('hast' in reply) waiting.resolve(reply.hast);
      else waiting.reject(new Error(`Highlighting failed in a worker: ${reply.error}`));
    });
    const fail = (err: Error) => {
      // A worker that died (out of memory, say) takes its requests with it: every later request fails too,
      // rather than the build going on with some blocks silently left plain.
      this.broken ??= new Error(`A highlighting worker stopped: ${err.message}`);
      for (const w of pw.inFlight.values()) w.reject(this.broken);
      pw.inFlight.clear();
    };
    pw.worker.on('error', fail);
    pw.worker.on('exit', (code) => {
      if (pw.inFlight.size > 0) fail(new Error(`exit code ${code}`));
    });
    this.workers.push(pw);
    return pw;
  }
}
