// The fuzzer's child process: runs inspectSource on the inputs the parent sends over IPC, one at a time, and
// answers with the outcome. The parent owns the clock and kills this process when an input hangs it, so a
// hang or an out-of-memory abort costs one child, never the whole run.
import { readFile } from 'node:fs/promises';
import { inspectSource } from '../../src/casebook.ts';
import { SourceError } from '../../src/ingest/index.ts';
import type { SourceFormat } from '../../src/ingest/index.ts';

export interface Job {
  id: number;
  path: string;
  format?: SourceFormat;
  /** Feed the file as standard input (the source `-`). */
  stdin?: boolean;
}

export type Outcome =
  | { id: number; kind: 'thread'; messages: number; warnings: number; ms: number; rssKb: number }
  | { id: number; kind: 'rejected'; file: string; message: string; hint: string; ms: number; rssKb: number }
  | { id: number; kind: 'crash'; error: string; ms: number; rssKb: number };

const send = (m: Outcome | { kind: 'ready' }) => process.send!(m);
let current: Job | null = null;
const started = { at: 0 };

function crash(err: unknown): void {
  if (!current) return;
  const e = err as Error;
  send({
    id: current.id,
    kind: 'crash',
    error: `${e?.name ?? 'Error'}: ${e?.message ?? String(err)}\n${(e?.stack ?? '').split('\n').slice(1, 8).join('\n')}`,
    ms: performance.now() - started.at,
    rssKb: process.resourceUsage().maxRSS,
  });
  current = null;
}

// An error thrown outside inspectSource's promise chain (a stream callback, a timer) is a crash of the input
// being read, not of the fuzzer.
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);

process.on('message', async (job: Job) => {
  current = job;
  started.at = performance.now();
  try {
    const opts = { format: job.format, stdin: job.stdin ? () => readFile(job.path) : undefined };
    const t = await inspectSource(job.stdin ? '-' : job.path, opts);
    if (current !== job) return;
    send({
      id: job.id,
      kind: 'thread',
      messages: t.messages.length,
      warnings: t.warnings.length,
      ms: performance.now() - started.at,
      rssKb: process.resourceUsage().maxRSS,
    });
  } catch (err) {
    if (current !== job) return;
    if (err instanceof SourceError) {
      send({
        id: job.id,
        kind: 'rejected',
        file: err.file,
        message: err.message,
        hint: err.hint,
        ms: performance.now() - started.at,
        rssKb: process.resourceUsage().maxRSS,
      });
    } else {
      crash(err);
      return;
    }
  }
  current = null;
});

send({ kind: 'ready' });
