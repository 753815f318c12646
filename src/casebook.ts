// The programmatic core the CLI is a thin shell over: sources in, threads with analysis out.
import { analyzeThread, type Analysis } from './analysis/index.ts';
import { readSource, type ReadOptions } from './ingest/index.ts';
import { buildThread, type Thread } from './thread/index.ts';

/** The `inspect --json` schema version (../shared/CONTRACT.md); bump it when a field changes meaning. */
export const SCHEMA_VERSION = 1;

export interface AnalyzedThread extends Thread {
  analysis: Analysis;
}

/** Reads, threads and analyses one source. Throws SourceError when nothing usable is in it. */
export async function inspectSource(path: string, options: ReadOptions = {}): Promise<AnalyzedThread> {
  const read = await readSource(path, options);
  const thread = buildThread(read, { path: read.path, format: read.format, sha256: read.sha256 });
  return { ...thread, analysis: analyzeThread(thread) };
}
