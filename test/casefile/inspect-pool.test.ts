// How many worker threads a build reads its changed sources with: none when asked (CASEBOOK_WORKERS=1) or on
// one core; else one (it loads the stages while the main thread loads the case writer), and one more per
// BYTES_PER_EXTRA_WORKER of sources, never more than the sources or the cores less the main thread's.
import { availableParallelism } from 'node:os';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BYTES_PER_EXTRA_WORKER, MAX_WORKERS, workerCount } from '../../src/casefile/inspect-pool.ts';

afterEach(() => vi.unstubAllEnvs());

describe('workerCount', () => {
  it('follows CASEBOOK_WORKERS, 1 meaning the main thread', () => {
    vi.stubEnv('CASEBOOK_WORKERS', '1');
    expect(workerCount(21, 100 * BYTES_PER_EXTRA_WORKER)).toBe(0);
    vi.stubEnv('CASEBOOK_WORKERS', '3');
    expect(workerCount(21, 0)).toBe(3);
    expect(workerCount(2, 0)).toBe(2);
  });

  it('uses one worker for a small import and adds one per BYTES_PER_EXTRA_WORKER, leaving the main thread a core', () => {
    vi.stubEnv('CASEBOOK_WORKERS', '');
    const free = Math.min(availableParallelism() - 1, MAX_WORKERS);
    const atMost = (n: number) => Math.min(n, free);
    expect(workerCount(0, 0)).toBe(0);
    expect(workerCount(1, 10_000)).toBe(atMost(1));
    expect(workerCount(21, 5_400_000)).toBe(atMost(1));
    expect(workerCount(21, 2 * BYTES_PER_EXTRA_WORKER)).toBe(atMost(3));
    expect(workerCount(1, 100 * BYTES_PER_EXTRA_WORKER)).toBe(atMost(1));
    expect(workerCount(100, 100 * BYTES_PER_EXTRA_WORKER)).toBe(atMost(MAX_WORKERS));
  });
});
