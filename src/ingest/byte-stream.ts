// A source's bytes as a stream of chunks: from a file or a buffer, inflated on the fly when gzip, hashed and
// counted as they flow, so no reader needs the whole file in memory.
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { constants as zlibConstants, createGunzip } from 'node:zlib';

/** Bytes read (and inflated) at a time. */
export const CHUNK_BYTES = 1 << 20;

/** Where a source's raw bytes come from; `chunks()` may be called again for another pass. */
export interface RawSource {
  chunks(): AsyncIterable<Buffer>;
  /**
   * For bytes held in memory, which no pass can see change: their sha256 once a pass has read them all, so
   * that the next pass does not hash them again.
   */
  digest?: string;
  inMemory?: boolean;
}

export function fileBytes(path: string, chunkBytes = CHUNK_BYTES): RawSource {
  return { chunks: () => createReadStream(path, { highWaterMark: chunkBytes }) };
}

/**
 * Files up to this size are read in one go and kept for both passes. On a thread-sized file the chunked
 * stream's waits cost more than the bytes: a third of the read time of the corpus threads (21 files, 5 MB).
 * Larger files are streamed, so memory stays independent of the file's size.
 */
export const WHOLE_FILE_BYTES = 8 * 1024 * 1024;

/**
 * A file's bytes: kept whole when small (WHOLE_FILE_BYTES), streamed otherwise. The whole read is synchronous:
 * the file is parsed right after, and each asynchronous step (open, stat, a read per 512 KiB, close) waits for
 * a thread-pool turn — 14 ms against 1 ms for the 21 corpus threads, and several times that on a busy machine.
 */
export async function sourceBytes(path: string, size: number): Promise<RawSource> {
  return size <= WHOLE_FILE_BYTES ? bufferBytes(readFileSync(path)) : fileBytes(path);
}

export function bufferBytes(buf: Buffer, chunkBytes = CHUNK_BYTES): RawSource {
  return {
    inMemory: true,
    async *chunks() {
      for (let i = 0; i < buf.length; i += chunkBytes) yield buf.subarray(i, i + chunkBytes);
    },
  };
}

/** What one pass over a source saw. */
export interface PassStats {
  gzip: boolean;
  rawBytes: number;
  /** Bytes after inflation (the raw bytes when not gzip). */
  bytes: number;
  /** The raw bytes' sha256, once the pass has read them all. */
  sha256: string | null;
}

export interface PassOptions {
  /** zlib's flush for the last input: Z_SYNC_FLUSH reads a truncated gzip up to its cut without an error. */
  finishFlush?: number;
  /** Called when the raw bytes pass `maxRaw` or the inflated ones `maxInflated`; what it returns is thrown. */
  maxRaw: number;
  maxInflated: number;
  tooLarge: (what: 'raw' | 'inflated') => Error;
}

/** zlib's own errors (corrupt or truncated data), as opposed to reading errors and our limits. */
export const isZlibError = (err: unknown) => typeof (err as NodeJS.ErrnoException)?.code === 'string' && /^Z_/.test((err as NodeJS.ErrnoException).code!);

/** One pass over a source: its inflated bytes, chunk by chunk. Breaking out of the loop stops reading. */
export async function* passChunks(src: RawSource, stats: PassStats, opts: PassOptions): AsyncGenerator<Buffer> {
  // Bytes in memory hashed by an earlier pass are not hashed again (the corpus import hashed every file twice).
  const known = src.inMemory ? src.digest : undefined;
  const hash = known === undefined ? createHash('sha256') : null;
  const raw = src.chunks()[Symbol.asyncIterator]();
  async function* tapped(first: Buffer[]): AsyncGenerator<Buffer> {
    for (const c of first) yield c;
    for (;;) {
      const r = await raw.next();
      if (r.done) break;
      const c = r.value;
      stats.rawBytes += c.length;
      if (stats.rawBytes > opts.maxRaw) throw opts.tooLarge('raw');
      hash?.update(c);
      yield c;
    }
    stats.sha256 = known ?? hash!.digest('hex');
    if (src.inMemory) src.digest = stats.sha256;
  }
  // The gzip magic needs the first two bytes, which the first chunk may not hold.
  const first: Buffer[] = [];
  let have = 0;
  let gz: ReturnType<typeof createGunzip> | null = null;
  let input: Readable | null = null;
  try {
    while (have < 2) {
      const r = await raw.next();
      if (r.done) break;
      stats.rawBytes += r.value.length;
      if (stats.rawBytes > opts.maxRaw) throw opts.tooLarge('raw');
      hash?.update(r.value);
      first.push(r.value);
      have += r.value.length;
    }
    const head = first.length === 1 ? first[0] : Buffer.concat(first);
    stats.gzip = head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
    if (!stats.gzip) {
      for await (const c of tapped(first)) {
        stats.bytes += c.length;
        yield c;
      }
      return;
    }
    gz = createGunzip({ finishFlush: opts.finishFlush ?? zlibConstants.Z_FINISH, chunkSize: 256 * 1024 });
    input = Readable.from(tapped(first), { objectMode: false });
    const z = gz;
    input.on('error', (err) => z.destroy(err));
    input.pipe(gz);
    for await (const c of gz as AsyncIterable<Buffer>) {
      stats.bytes += c.length;
      // Counted as it flows: a gzip bomb stops here, one chunk past the limit, not after inflating it all.
      if (stats.bytes > opts.maxInflated) throw opts.tooLarge('inflated');
      yield c;
    }
  } finally {
    input?.destroy();
    gz?.destroy();
    await raw.return?.();
  }
}

export function newPassStats(): PassStats {
  return { gzip: false, rawBytes: 0, bytes: 0, sha256: null };
}
