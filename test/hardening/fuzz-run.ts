// Runs fuzz inputs through inspectSource in child processes, each input against a wall-clock budget: a
// child that overruns is killed and the input recorded as a hang, a child that dies (out of memory, a native
// abort) as a crash, and the next input gets a fresh child. Outcomes are classified the way the pipeline's
// contract puts it: a thread, a SourceError naming the file (a clear rejection), or anything else (a crash).
import { fork, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SourceFormat } from '../../src/ingest/index.ts';
import type { Job, Outcome } from './fuzz-child.ts';

const CHILD = fileURLToPath(new URL('./fuzz-child.ts', import.meta.url));
/** A child's V8 heap limit: an input that needs more is reported as a crash (out of memory), not left to swap. */
export const CHILD_HEAP_MB = 3072;

export interface Prepared {
  /** The path given to inspectSource (for stdin inputs, the file fed to it). */
  path: string;
  format?: SourceFormat;
  stdin?: boolean;
  /** What a SourceError must name: the path, `-`, or the folder. */
  names: string;
  /** Overrides the input's budget once its size is known. */
  budgetMs?: number;
}

export interface FuzzInput {
  /** Says how to make the input again: `mutation 17 (seed 1): truncate+nul of patchwork/…/x.mbox`. */
  label: string;
  group: 'corpus' | 'mutation' | 'generated';
  budgetMs: number;
  /** Runs in a child of its own, so the peak memory reported is this input's. */
  fresh?: boolean;
  /** Writes the input under `dir` (or points at an existing file). */
  prepare(dir: string): Promise<Prepared>;
}

export type ResultKind = 'thread' | 'rejected' | 'crash' | 'hang';

export interface Result {
  input: FuzzInput;
  kind: ResultKind;
  ms: number;
  /** The child's peak resident memory so far, in KB (the input's own for `fresh` inputs). */
  rssKb: number;
  messages?: number;
  warnings?: number;
  /** For a rejection: true when the SourceError names the input's file and gives a hint. */
  clear?: boolean;
  detail: string;
  /** Where the failing input was kept, if it was. */
  kept?: string;
}

class Slot {
  private child: ChildProcess | null = null;
  private stderr = '';

  private async start(): Promise<ChildProcess> {
    this.stderr = '';
    const child = fork(CHILD, [], {
      execArgv: [`--max-old-space-size=${CHILD_HEAP_MB}`, '--disable-warning=ExperimentalWarning'],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    child.stderr!.on('data', (d: Buffer) => {
      this.stderr = (this.stderr + d.toString('utf8')).slice(-4000);
    });
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code) => reject(new Error(`fuzz child exited with ${code} before it was ready:\n${this.stderr}`)));
    });
    this.child = child;
    return child;
  }

  stop(): void {
    this.child?.kill('SIGKILL');
    this.child = null;
  }

  async run(job: Job, budgetMs: number): Promise<Outcome | { kind: 'hang' | 'died'; detail: string; ms: number }> {
    const child = this.child ?? (await this.start());
    const t0 = performance.now();
    return new Promise((resolve) => {
      const done = (r: Outcome | { kind: 'hang' | 'died'; detail: string; ms: number }) => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(r);
      };
      const onMessage = (m: Outcome) => {
        if (m.id === job.id) done(m);
      };
      const onExit = (code: number | null, signal: string | null) => {
        this.child = null;
        done({
          kind: 'died',
          detail: `child died (${signal ?? `exit ${code}`}): ${this.stderr.trim().split('\n').slice(-6).join('\n')}`,
          ms: performance.now() - t0,
        });
      };
      const expire = () => {
        child.off('exit', onExit);
        this.stop();
        done({ kind: 'hang', detail: `no answer within ${budgetMs} ms`, ms: performance.now() - t0 });
      };
      let timer = setTimeout(() => {
        // A timer that fires late means this process was busy (preparing another input), and the child's
        // answer may be waiting behind it: let pending messages in before calling it a hang.
        if (performance.now() - t0 > budgetMs + LATE_TIMER_MS) timer = setTimeout(expire, LATE_TIMER_MS);
        else expire();
      }, budgetMs);
      child.on('message', onMessage);
      child.on('exit', onExit);
      child.send(job);
    });
  }
}

export interface RunOptions {
  concurrency: number;
  /** Scratch folder for the inputs; emptied per input. */
  workDir: string;
  /** Failing inputs are copied here (when small enough to keep). */
  keepDir?: string;
  /** Stop taking new inputs at this time (performance.now() milliseconds). */
  deadline?: number;
  /**
   * Every input's budget is multiplied by this (default 1): `npm test` runs beside the rest of the suite on
   * two cores, where an input may wait several times its own time for a core; a hang overruns any budget.
   */
  budgetScale?: number;
  onResult?: (r: Result) => void;
}

/** Failing inputs larger than this are described by their label only (the generators make them again). */
const MAX_KEPT_BYTES = 64 << 20;

function keep(prepared: Prepared, index: number, kind: string, keepDir: string): string | undefined {
  try {
    const st = statSync(prepared.path);
    if (!st.isFile() || st.size > MAX_KEPT_BYTES) return undefined;
    mkdirSync(keepDir, { recursive: true });
    const to = join(keepDir, `${String(index).padStart(5, '0')}-${kind}-${basename(prepared.path)}`);
    copyFileSync(prepared.path, to);
    return to;
  } catch {
    return undefined;
  }
}

let nextJobId = 1;
/** How late a budget timer may fire before the fuzzer suspects its own event loop rather than the input. */
const LATE_TIMER_MS = 500;

/** Runs the inputs (in order handed out, `concurrency` at a time) and returns every result. */
export async function runInputs(inputs: Iterable<FuzzInput>, opts: RunOptions): Promise<Result[]> {
  const results: Result[] = [];
  const iterator = inputs[Symbol.iterator]();
  let index = 0;
  const worker = async (slotNo: number) => {
    const slot = new Slot();
    try {
      for (;;) {
        if (opts.deadline !== undefined && performance.now() > opts.deadline) return;
        const step = iterator.next();
        if (step.done) return;
        const input = step.value;
        const myIndex = index++;
        const dir = join(opts.workDir, `slot${slotNo}`);
        rmSync(dir, { recursive: true, force: true });
        mkdirSync(dir, { recursive: true });
        const prepared = await input.prepare(dir);
        if (input.fresh) slot.stop();
        const job: Job = { id: nextJobId++, path: prepared.path, format: prepared.format, stdin: prepared.stdin };
        const out = await slot.run(job, (prepared.budgetMs ?? input.budgetMs) * (opts.budgetScale ?? 1));
        if (input.fresh) slot.stop();
        const r = classify(input, prepared, out);
        if (r.kind === 'crash' || r.kind === 'hang' || r.clear === false) {
          if (opts.keepDir) r.kept = keep(prepared, myIndex, r.kind, opts.keepDir);
        }
        results.push(r);
        opts.onResult?.(r);
      }
    } finally {
      slot.stop();
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, (_, k) => worker(k)));
  return results;
}

function classify(input: FuzzInput, prepared: Prepared, out: Outcome | { kind: 'hang' | 'died'; detail: string; ms: number }): Result {
  switch (out.kind) {
    case 'thread':
      return { input, kind: 'thread', ms: out.ms, rssKb: out.rssKb, messages: out.messages, warnings: out.warnings, detail: `${out.messages} message(s)` };
    case 'rejected': {
      const clear = out.file === prepared.names && out.message.includes(prepared.names) && out.hint.trim().length > 0;
      return {
        input,
        kind: 'rejected',
        ms: out.ms,
        rssKb: out.rssKb,
        clear,
        detail: `${out.message}${clear ? '' : ` (file: ${out.file}; hint: ${out.hint})`}`,
      };
    }
    case 'crash':
      return { input, kind: 'crash', ms: out.ms, rssKb: out.rssKb, detail: out.error };
    case 'died':
      return { input, kind: 'crash', ms: out.ms, rssKb: 0, detail: out.detail };
    case 'hang':
      return { input, kind: 'hang', ms: out.ms, rssKb: 0, detail: out.detail };
  }
}

export interface Summary {
  tried: number;
  threads: number;
  crashes: number;
  hangs: number;
  rejections: number;
  unclearRejections: number;
  warnings: number;
  peakRssMb: number;
  slowest: Result | null;
}

export function summarize(results: Result[]): Summary {
  const count = (k: ResultKind) => results.filter((r) => r.kind === k).length;
  return {
    tried: results.length,
    threads: count('thread'),
    crashes: count('crash'),
    hangs: count('hang'),
    rejections: count('rejected'),
    unclearRejections: results.filter((r) => r.clear === false).length,
    warnings: results.reduce((n, r) => n + (r.warnings ?? 0), 0),
    peakRssMb: Math.round(Math.max(0, ...results.map((r) => r.rssKb)) / 1024),
    slowest: results.filter((r) => r.kind !== 'hang').sort((a, b) => b.ms - a.ms)[0] ?? null,
  };
}

/** The failures worth a line each: crashes, hangs and rejections that do not name the file. */
export function failures(results: Result[]): Result[] {
  return results.filter((r) => r.kind === 'crash' || r.kind === 'hang' || r.clear === false);
}

export function describeFailure(r: Result): string {
  return `${r.kind.toUpperCase()} ${r.input.label} (${Math.round(r.ms)} ms)${r.kept ? ` kept as ${r.kept}` : ''}\n    ${r.detail.split('\n').join('\n    ')}`;
}
