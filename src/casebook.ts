// The programmatic core the CLI is a thin shell over: sources in, threads with analysis out.
import type { Analysis } from './analysis/index.ts';
import type { ReadOptions } from './ingest/index.ts';
import type { Thread } from './thread/index.ts';

/** The `inspect --json` schema version (../shared/CONTRACT.md); bump it when a field changes meaning. */
export const SCHEMA_VERSION = 1;

export interface AnalyzedThread extends Thread {
  analysis: Analysis;
}

/**
 * The three stages, imported on first use: a build with nothing to read only needs SCHEMA_VERSION from here,
 * and loading the stages (about a hundred modules, mailparser among them) took a third of its time.
 */
type Stages = [typeof import('./ingest/index.ts'), typeof import('./thread/index.ts'), typeof import('./analysis/index.ts')];
let stages: Promise<Stages> | undefined;

export function loadStages(): Promise<Stages> {
  stages ??= Promise.all([import('./ingest/index.ts'), import('./thread/index.ts'), import('./analysis/index.ts')]);
  return stages;
}

export interface InspectOptions extends ReadOptions {
  /** Called when reading is done and the analysis of the source's messages starts (progress shows it). */
  onAnalysing?: (messages: number) => void;
  /**
   * Read the source as one conversation, whatever its threading headers say: a bug hunt collected by hand from
   * several threads (the report, then the patch posted as a thread of its own). By default a source is split.
   */
  oneThread?: boolean;
}

/**
 * Reads a source, splits it into its conversations (src/thread/split-threads.ts) and analyses each: a list
 * mbox, a maildir or a folder gives one thread per conversation, in the order they start in the source.
 * Throws SourceError when nothing usable is in it.
 */
export async function inspectThreads(path: string, options: InspectOptions = {}): Promise<AnalyzedThread[]> {
  const out: AnalyzedThread[] = [];
  for await (const t of inspectStream(path, options)) out.push(t);
  return out;
}

/**
 * inspectThreads one thread at a time: each is analysed when it is asked for, so a consumer that writes each one
 * away holds one analysed thread, not all of them. The SourceError, if any, comes with the first.
 */
export async function* inspectStream(path: string, options: InspectOptions = {}): AsyncGenerator<AnalyzedThread> {
  const [{ readSource }, { buildThread, splitSource }, { analyzeThread }] = await loadStages();
  const read = await readSource(path, options);
  const source = { path: read.path, format: read.format, sha256: read.sha256, ...(options.oneThread ? { whole: true } : {}) };
  const parts = options.oneThread ? [read] : splitSource(read);
  options.onAnalysing?.(read.messages.length);
  // The parts hold the messages now; each is let go once its thread is built.
  if (!options.oneThread) read.messages = [];
  for (let i = 0; i < parts.length; i++) {
    const thread = buildThread(parts[i], source);
    // Let the parts already threaded go.
    parts[i] = undefined as unknown as (typeof parts)[number];
    yield { ...thread, analysis: analyzeThread(thread) };
  }
}

/** Reads and analyses a source as one thread (inspectThreads with `oneThread`). */
export async function inspectSource(path: string, options: InspectOptions = {}): Promise<AnalyzedThread> {
  const [thread] = await inspectThreads(path, { ...options, oneThread: true });
  return thread;
}
