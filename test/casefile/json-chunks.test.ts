// The thread JSON is written in pieces (a 200 MB thread as one string doubled the import's memory): the
// pieces must join to exactly what JSON.stringify(value, null, 2) gives.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectSource } from '../../src/casebook.ts';
import { toContractThread } from '../../src/casefile/thread-json.ts';
import { batched, jsonChunks } from '../../src/casefile/json-chunks.ts';
import { hasShared, SEEDS } from '../helpers/paths.ts';

const same = (v: unknown, depth?: number) => expect([...jsonChunks(v, depth)].join('')).toBe(JSON.stringify(v, null, 2));

describe('jsonChunks', () => {
  it('gives JSON.stringify(value, null, 2) for every kind of value and nesting', () => {
    for (const v of [null, 0, -1.5, 'a"\n\u2028', true, [], {}, [[]], [{}], { a: [] }, { a: {} }, [1, [2, [3, [4, { b: [5] }]]]]]) {
      for (const depth of [0, 1, 2, 3, 8]) same(v, depth);
    }
  });

  it('skips what JSON skips: undefined and functions in objects, null for them in arrays; calls toJSON', () => {
    const v = {
      a: undefined,
      b: () => 1,
      c: [undefined, () => 1, Symbol('s')],
      d: new Date(Date.UTC(2009, 4, 11)),
      e: { toJSON: (k: string) => `key ${k}` },
      f: { only: undefined },
    };
    for (const depth of [0, 1, 2, 3]) same(v, depth);
  });

  it('batches pieces without changing the text', () => {
    const v = { messages: Array.from({ length: 500 }, (_, i) => ({ i, text: 'x'.repeat(i) })) };
    expect([...batched(jsonChunks(v), 1000)].join('')).toBe(JSON.stringify(v, null, 2));
  });

  it.skipIf(!hasShared)('writes each seed thread exactly as JSON.stringify did', async () => {
    for (const f of readdirSync(SEEDS).sort()) {
      const t = await inspectSource(join(SEEDS, f));
      same({ schemaVersion: 1, generator: 'g', ...toContractThread(t) });
      same({ schemaVersion: 1, threads: [toContractThread(t)] });
    }
  });
});
