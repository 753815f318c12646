import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { splitMbox } from '../src/ingest/split-mbox.ts';
import { arg, casebookProject, corpusThreads, flag, ROOT, timedCli } from './common.ts';

const TARGET_BYTES = Number(arg('mb', '200')) * 1e6;
const KEEP = flag('keep');

const ID_HEADER = /^(Message-ID|In-Reply-To|References):([^\n]*(?:\n[ \t][^\n]*)*)/gim;

/** The message with every Message-ID in its ID headers renamed for copy `k`, and a parent when it has none. */
function copyMessage(bytes: Buffer, k: number, parent: string | null): { text: string; id: string | null } {
  const text = bytes.toString('latin1');
  const split = text.search(/\r?\n\r?\n/);
  let head = split < 0 ? text : text.slice(0, split);
  const body = split < 0 ? '' : text.slice(split);
  let hasParent = false;
  let id: string | null = null;
  head = head.replace(ID_HEADER, (_all, name: string, value: string) => {
    const renamed = value.replace(/<([^<>@\s]+)@([^<>\s]+)>/g, (_m, local: string, domain: string) => `<${local}.copy${k}@${domain}>`);
    if (name.toLowerCase() === 'message-id') id = /<[^<>]+>/.exec(renamed)?.[0] ?? null;
    else if (/</.test(renamed)) hasParent = true;
    return `${name}:${renamed}`;
  });
  if (!hasParent && parent) head += `\nIn-Reply-To: ${parent}\nReferences: ${parent}`;
  // splitMbox unescaped `>*From ` body lines: escape them again, mboxrd style (the From_ lines are lore's).
  return { text: head + body.replace(/\n(>*From )/g, '\n>$1'), id };
}

/** Writes the big mbox; returns its size and message count. */
async function writeBigMbox(path: string, target: number): Promise<{ bytes: number; messages: number; copies: number }> {
  const threads = corpusThreads().map((f) => splitMbox(readFileSync(f)).messages);
  const out = createWriteStream(path);
  const write = (s: string) => (out.write(s, 'latin1') ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  let bytes = 0;
  let messages = 0;
  let copies = 0;
  let lastRoot: string | null = null;
  while (bytes < target) {
    for (const thread of threads) {
      let root: string | null = null;
      for (const m of thread) {
        const { text, id } = copyMessage(m.bytes, copies, root === null ? lastRoot : null);
        root ??= id;
        const chunk = `${m.fromLine}\n${text}${text.endsWith('\n') ? '' : '\n'}\n`;
        await write(chunk);
        bytes += Buffer.byteLength(chunk, 'latin1');
        messages++;
      }
      if (root) lastRoot = root;
    }
    copies++;
  }
  await new Promise<void>((r) => out.end(() => r()));
  return { bytes, messages, copies };
}

const work = mkdtempSync(join(tmpdir(), 'casebook-big-mbox-'));
const mbox = join(work, 'big.mbox');
let dir: string | null = null;
try {
  const t0 = performance.now();
  const gen = await writeBigMbox(mbox, TARGET_BYTES);
  const genSeconds = (performance.now() - t0) / 1000;
  console.log(
    `big mbox: ${(gen.bytes / 1e6).toFixed(1)} MB, ${gen.messages} messages (${gen.copies} copies of the corpus threads, one thread), written in ${genSeconds.toFixed(1)} s`,
  );
  dir = casebookProject('casebook-big-mbox-project-');
  const results: Record<string, ReturnType<typeof timedCli> & { MBps: number }> = {};
  for (const [name, cliArgs] of [
    ['inspect', ['inspect', '--json', mbox]],
    ['import', ['import', '--content', join(dir, 'content'), mbox]],
  ] as const) {
    const r = timedCli(dir, [...cliArgs]);
    results[name] = { ...r, MBps: gen.bytes / 1e6 / r.seconds };
    console.log(
      `  ${name.padEnd(8)} ${r.seconds.toFixed(1)} s  ${(gen.bytes / 1e6 / r.seconds).toFixed(2)} MB/s  peak RSS ${r.rssMB ?? '?'} MB${r.status === 0 ? '' : `  (exit ${r.status}: ${r.stderr})`}`,
    );
  }
  const casesDir = join(dir, 'content', 'cases');
  const cases = !existsSync(casesDir)
    ? []
    : readdirSync(casesDir, { withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => statSync(join(casesDir, e.name)).size);
  const out = {
    date: new Date().toISOString(),
    node: process.version,
    mbox: {
      bytes: gen.bytes,
      MB: gen.bytes / 1e6,
      messages: gen.messages,
      copies: gen.copies,
      shape: 'corpus threads replicated into one thread (fresh Message-IDs, chained roots)',
    },
    inspect: results.inspect,
    import: { ...results.import, caseFileBytes: cases },
    targetRssMB: 1024,
  };
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench', 'results', 'big-mbox.json'), `${JSON.stringify(out, null, 2)}\n`);
  console.log('  written to bench/results/big-mbox.json');
} finally {
  if (KEEP) console.log(`  kept ${mbox}${dir ? ` and ${dir}` : ''}`);
  else {
    rmSync(work, { recursive: true, force: true });
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}
