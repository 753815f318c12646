// Threads by Message-ID or lore link, fetched from a local server that answers like public-inbox: the thread, a
// 404, a redirect, a cut gzip, a slow answer, answers past the limits, a redirect off http(s), an HTML page,
// and no server at all. Each failure is a clear error and leaves nothing in the casebook.
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { fetchedFileName, fetchThread, parseThreadRef } from '../../src/ingest/fetch-thread.ts';
import { SourceError } from '../../src/ingest/source-error.ts';
import { mbox, numberedMail } from '../helpers/mbox.ts';
import { runCli } from '../helpers/run-cli.ts';

const THREAD = mbox([
  numberedMail(1, 'BUG: oops in widget_open', 'It oopses:\n\nBUG: kernel NULL pointer dereference, address: 0000000000000010'),
  numberedMail(2, 'Re: BUG: oops in widget_open', 'Does this help?', 1),
]);
const gz = gzipSync(Buffer.from(THREAD));

let server: Server;
let base: string;
const stalled: import('node:http').ServerResponse[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = decodeURIComponent(req.url ?? '');
    const send = (status: number, body: Buffer | string, headers: Record<string, string> = {}) => {
      res.writeHead(status, headers);
      res.end(body);
    };
    if (path === '/all/m1@example.org/t.mbox.gz' || path === '/linux-widget/m1@example.org/t.mbox.gz') send(200, gz, { 'content-type': 'application/gzip' });
    else if (path === '/all/moved@example.org/t.mbox.gz') send(302, '', { location: '/linux-widget/m1@example.org/t.mbox.gz' });
    else if (path === '/all/cut@example.org/t.mbox.gz') send(200, gz.subarray(0, gz.length - 12));
    else if (path === '/all/big@example.org/t.mbox.gz') send(200, Buffer.alloc(4096, 1), { 'content-length': '4096' });
    else if (path === '/all/file@example.org/t.mbox.gz') send(302, '', { location: 'file:///etc/passwd' });
    else if (path === '/all/page@example.org/t.mbox.gz') send(200, '<html><body>Not found</body></html>', { 'content-type': 'text/html' });
    else if (path === '/all/slow@example.org/t.mbox.gz') {
      res.writeHead(200);
      res.write(gz.subarray(0, 10));
      stalled.push(res); // never ends
    } else send(404, 'no such message');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  for (const r of stalled) r.destroy();
  server.close();
});

describe('naming a thread', () => {
  it('reads a Message-ID in every spelling, and a lore link with its list', () => {
    const archive = 'https://lore.kernel.org/all/';
    for (const s of ['<m1@example.org>', 'id:m1@example.org', 'm1@example.org', 'mid:<m1@example.org>']) {
      expect(parseThreadRef(s, archive)).toEqual({ messageId: 'm1@example.org', url: 'https://lore.kernel.org/all/m1@example.org/' });
    }
    expect(parseThreadRef('https://lore.kernel.org/linux-usb/m1@example.org/T/#u', archive)).toEqual({
      messageId: 'm1@example.org',
      url: 'https://lore.kernel.org/linux-usb/m1@example.org/',
    });
    expect(parseThreadRef('id:a/b@example.org', archive)?.url).toBe('https://lore.kernel.org/all/a%2Fb@example.org/');
    expect(parseThreadRef('ftp://example.org/m1@example.org/', archive)).toBeNull();
    expect(parseThreadRef('thread.mbox', archive)).toBeNull();
  });

  it('names the kept file from the Message-ID only, with no path in it', () => {
    expect(fetchedFileName({ messageId: '../../etc/passwd@x', url: '' })).toBe('lore-etc_passwd_x.mbox');
    expect(fetchedFileName({ messageId: 'm1@example.org', url: '' })).toBe('lore-m1_example.org.mbox');
  });
});

describe('fetching a thread', () => {
  const ref = (id: string) => parseThreadRef(id, `${base}/all/`)!;
  const failure = async (p: Promise<unknown>) => {
    const err = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SourceError);
    return err as SourceError;
  };

  it('returns the thread, inflated, following a redirect', async () => {
    expect((await fetchThread(ref('m1@example.org'))).mbox.toString()).toBe(THREAD);
    expect((await fetchThread(ref('moved@example.org'))).mbox.toString()).toBe(THREAD);
  });

  it('says what went wrong, with a hint, for each failure', async () => {
    expect((await failure(fetchThread(ref('missing@example.org')))).message).toMatch(/no thread holding this message \(HTTP 404\)/);
    expect((await failure(fetchThread(ref('cut@example.org')))).message).toMatch(/gzip data is cut/);
    expect((await failure(fetchThread(ref('big@example.org'), { maxBytes: 1024 }))).message).toMatch(/over the limit of 1024/);
    expect((await failure(fetchThread(ref('m1@example.org'), { maxInflated: 64 }))).message).toMatch(/inflates to more than 64/);
    expect((await failure(fetchThread(ref('file@example.org')))).message).toMatch(/non-http\(s\) address/);
    expect((await failure(fetchThread(ref('page@example.org')))).message).toMatch(/not an mbox/);
    expect((await failure(fetchThread(ref('slow@example.org'), { timeoutMs: 300 }))).message).toMatch(/no whole answer within/);
    const offline = await failure(fetchThread(parseThreadRef('m1@example.org', 'http://127.0.0.1:9/all/')!));
    expect(offline.message).toMatch(/cannot be reached/);
    expect(offline.hint).toContain("b4 mbox -o . 'm1@example.org'");
  });
});

describe('casebook import <Message-ID>', () => {
  it('fetches the thread, keeps its mbox in content/sources and records the link in the case', async () => {
    const content = join(mkdtempSync(join(tmpdir(), 'casebook-fetch-')), 'content');
    const r = await runCli(['import', '<m1@example.org>', '--archive', `${base}/all/`, '--content', content, '--json']);
    expect(r.code).toBe(0);
    const [info] = JSON.parse(r.stdout).imported;
    expect(readdirSync(join(content, 'sources'))).toEqual(['lore-m1_example.org.mbox']);
    expect(readFileSync(join(content, 'sources', 'lore-m1_example.org.mbox'), 'utf8')).toBe(THREAD);
    const fm = YAML.parse(/^---\n([\s\S]*?)\n---\n/.exec(readFileSync(info.case, 'utf8'))![1]);
    expect(fm.sources[0].url).toBe(`${base}/all/m1@example.org/`);
    // A lore link names its list's archive.
    const byLink = await runCli(['inspect', `${base}/linux-widget/m1@example.org/T/`, '--json']);
    expect(JSON.parse(byLink.stdout).threads[0].messages).toHaveLength(2);
  });

  it('writes nothing when the fetch fails, and exits 2', async () => {
    const content = join(mkdtempSync(join(tmpdir(), 'casebook-fetch-')), 'content');
    for (const id of ['missing@example.org', 'cut@example.org', 'page@example.org']) {
      const r = await runCli(['import', id, '--archive', `${base}/all/`, '--content', content]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/Cannot fetch the thread of <[^>]+>/);
      expect(r.stderr).toMatch(/hint: /);
    }
    expect(existsSync(join(content, 'sources')) ? readdirSync(join(content, 'sources')) : []).toEqual([]);
    expect(existsSync(join(content, 'cases'))).toBe(false);
  });
});
