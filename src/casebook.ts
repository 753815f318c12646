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
  /** Called when reading is done and the analysis of the thread's messages starts (progress shows it). */
  onAnalysing?: (messages: number) => void;
}

/** Reads, threads and analyses one source. Throws SourceError when nothing usable is in it. */
export async function inspectSource(path: string, options: InspectOptions = {}): Promise<AnalyzedThread> {
  const [{ readSource }, { buildThread }, { analyzeThread }] = await loadStages();
  const read = await readSource(path, options);
  const thread = buildThread(read, { path: read.path, format: read.format, sha256: read.sha256 });
  options.onAnalysing?.(thread.messages.length);
  return { ...thread, analysis: analyzeThread(thread) };
}
