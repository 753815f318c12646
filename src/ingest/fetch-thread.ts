// A thread named by its Message-ID or lore link, fetched from a public-inbox archive as `t.mbox.gz` (what
// `b4 mbox` and lore's "mbox.gz" link download). The only place casebook touches the network, and only when a
// command is given such a name: the answer is held in memory within limits, must be a whole gzip of an mbox, and
// is handed over only when all of it arrived, so a failure leaves nothing behind. Nothing the server sends names a
// file: the caller names it from the Message-ID it was given.
import { gunzipSync } from 'node:zlib';
import { normalizeMessageId } from './address.ts';
import { SourceError } from './source-error.ts';

/** The archive a bare Message-ID is looked up in when the casebook names none. */
export const DEFAULT_ARCHIVE = 'https://lore.kernel.org/all/';
/** The most a fetched `t.mbox.gz` may hold compressed, and inflated. */
export const MAX_FETCH_BYTES = 64 * 1024 * 1024;
export const MAX_FETCH_INFLATED = 512 * 1024 * 1024;
/** How long the archive may take to answer, in all. */
export const FETCH_TIMEOUT_MS = 60_000;
/** Redirects followed at most (public-inbox redirects `/r/` and an id's list). */
export const MAX_REDIRECTS = 5;

/** A thread reference: the Message-ID, and the archive URL of its thread (`…/<id>/`). */
export interface ThreadRef {
  messageId: string;
  /** The thread's folder in the archive, ending in `/`: `t.mbox.gz` is fetched from under it. */
  url: string;
}

/** `https://lore.kernel.org/<list>/<id>/…`: the list part and the id, when the text is such a link. */
const ARCHIVE_LINK = /^(https?:\/\/[^/\s]+\/(?:[^/\s]+\/)?)([^/\s]+@[^/\s]+?)(?:\/.*)?$/i;

/**
 * Is this command-line word a thread reference rather than a path? A link (`http(s)://…/<id>/`), `id:<id>`,
 * `<id>`, or a bare `local@domain` that names no file. The caller checks that no file of that name exists first.
 */
export function parseThreadRef(text: string, archive = DEFAULT_ARCHIVE): ThreadRef | null {
  const t = text.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(t)) {
    if (!/^https?:\/\//i.test(t)) return null;
    const m = ARCHIVE_LINK.exec(t);
    if (!m) return null;
    const id = normalizeMessageId(decodeURIComponent(m[2]));
    return id ? { messageId: id, url: `${m[1]}${encodeId(id)}/` } : null;
  }
  const bare = /^(?:id:|mid:)(.+)$/i.exec(t)?.[1] ?? (/^<[^<>\s]+@[^<>\s]+>$/.test(t) ? t : /^[^\s/<>]+@[^\s/<>]+$/.test(t) ? t : null);
  if (bare === null) return null;
  const id = normalizeMessageId(bare);
  if (!id?.includes('@')) return null;
  return { messageId: id, url: `${archive.endsWith('/') ? archive : `${archive}/`}${encodeId(id)}/` };
}

/** A Message-ID in a URL path, as public-inbox writes it (`@` kept, `/` and the rest escaped). */
function encodeId(id: string): string {
  return encodeURIComponent(id).replace(/%40/g, '@');
}

/** The command that fetches the same thread without casebook. */
export function b4Command(ref: ThreadRef): string {
  return `b4 mbox -o . '${ref.messageId.replace(/'/g, "'\\''")}'`;
}

/** A file name for a fetched thread, from the Message-ID only: letters, digits, `.`, `_`, `-`. */
export function fetchedFileName(ref: ThreadRef): string {
  const safe = ref.messageId
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._]+/, '')
    .slice(0, 100);
  return `lore-${safe || 'thread'}.mbox`;
}

export interface FetchOptions {
  /** The fetch to use (tests pass their own; default the global one). */
  fetch?: typeof fetch;
  timeoutMs?: number;
  maxBytes?: number;
  maxInflated?: number;
}

/** Fetches a thread's `t.mbox.gz` and returns the mbox, inflated. Throws SourceError with a hint on every failure. */
export async function fetchThread(ref: ThreadRef, opts: FetchOptions = {}): Promise<{ mbox: Buffer; url: string }> {
  const doFetch = opts.fetch ?? fetch;
  const maxBytes = opts.maxBytes ?? MAX_FETCH_BYTES;
  const maxInflated = opts.maxInflated ?? MAX_FETCH_INFLATED;
  const signal = AbortSignal.timeout(opts.timeoutMs ?? FETCH_TIMEOUT_MS);
  const offline = `Offline, or the archive is down? The same thread by hand: ${b4Command(ref)} (then casebook import the .mbox it writes).`;
  let url = `${ref.url}t.mbox.gz`;
  const fail = (message: string, hint = offline) => new SourceError(url, `Cannot fetch the thread of <${ref.messageId}> from ${url}: ${message}`, hint);
  let response: Response;
  for (let hop = 0; ; hop++) {
    try {
      response = await doFetch(url, { redirect: 'manual', signal, headers: { accept: 'application/gzip, application/mbox' } });
    } catch (err) {
      if (signal.aborted) throw fail(`no whole answer within ${Math.round((opts.timeoutMs ?? FETCH_TIMEOUT_MS) / 1000)} s`);
      throw fail(`the archive cannot be reached (${(err as Error & { cause?: { code?: string } }).cause?.code ?? (err as Error).message})`);
    }
    if (response.status < 300 || response.status >= 400) break;
    const location = response.headers.get('location');
    if (!location || hop >= MAX_REDIRECTS) throw fail(`too many redirects, or a redirect without a target (HTTP ${response.status})`);
    const next = new URL(location, url);
    // A redirect may not leave http(s): a `file:` or other scheme is refused.
    if (next.protocol !== 'http:' && next.protocol !== 'https:') throw fail(`the archive redirects to a non-http(s) address (${next.protocol})`);
    url = next.href;
  }
  if (response.status === 404 || response.status === 410) {
    throw fail(
      `the archive has no thread holding this message (HTTP ${response.status})`,
      `Check the Message-ID, or name the list's archive with --archive URL (default ${DEFAULT_ARCHIVE}).`,
    );
  }
  if (!response.ok) throw fail(`the archive answered HTTP ${response.status} ${response.statusText}`);
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes)
    throw fail(`the answer is ${declared} bytes, over the limit of ${maxBytes} (MAX_FETCH_BYTES)`, 'Fetch it with b4 and import the file.');
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body ?? []) {
      size += chunk.length;
      if (size > maxBytes) {
        await response.body?.cancel().catch(() => {});
        throw fail(`the answer is over the limit of ${maxBytes} bytes (MAX_FETCH_BYTES)`, 'Fetch it with b4 and import the file.');
      }
      chunks.push(Buffer.from(chunk));
    }
  } catch (err) {
    if (err instanceof SourceError) throw err;
    if (signal.aborted) throw fail(`no whole answer within ${Math.round((opts.timeoutMs ?? FETCH_TIMEOUT_MS) / 1000)} s`);
    throw fail(`the answer broke off (${(err as Error).message})`);
  }
  const body = Buffer.concat(chunks);
  let mbox: Buffer;
  if (body[0] === 0x1f && body[1] === 0x8b) {
    try {
      mbox = gunzipSync(body, { maxOutputLength: maxInflated });
    } catch (err) {
      const code = (err as { code?: string }).code;
      throw fail(
        code === 'ERR_BUFFER_TOO_LARGE' ? `it inflates to more than ${maxInflated} bytes (MAX_FETCH_INFLATED)` : 'the gzip data is cut or damaged',
        'Try again; if it persists, fetch it with b4 and import the file.',
      );
    }
  } else mbox = body;
  if (!/^From /.test(mbox.subarray(0, 5).toString('latin1'))) {
    throw fail('the answer is not an mbox (an archive page or an error page?)', `Is ${ref.url} a public-inbox archive? Name one with --archive URL.`);
  }
  return { mbox, url: ref.url };
}
