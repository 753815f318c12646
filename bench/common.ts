// What the bench scripts share: the project root, their options, and the corpus threads they measure on.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = new URL('../', import.meta.url).pathname;
export const CORPUS = join(ROOT, '../shared/corpus/linux-mailinglist-archives');

const args = process.argv.slice(2);

/** The value after `--name` on the command line, or `def`. */
export function arg(name: string, def: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? (args[i + 1] ?? def) : def;
}

export function flag(name: string): boolean {
  return args.includes(`--${name}`);
}

/** The real kernel bug threads of the corpus, one mbox each, in a stable order. */
export function corpusThreads(): string[] {
  return readdirSync(CORPUS)
    .filter((d) => d.endsWith('.0'))
    .flatMap((d) =>
      readdirSync(join(CORPUS, d, 'threads'))
        .filter((f) => f.endsWith('.mbox'))
        .map((f) => join(CORPUS, d, 'threads', f)),
    )
    .sort();
}

/** A casebook project in a temp folder sharing this project's code and node_modules, with an empty content/sources. */
export function casebookProject(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const f of ['package.json', 'package-lock.json', 'astro.config.mjs', 'tsconfig.json']) cpSync(join(ROOT, f), join(dir, f));
  for (const d of ['src', 'bin', 'public', 'scripts']) cpSync(join(ROOT, d), join(dir, d), { recursive: true });
  spawnSync('ln', ['-s', join(ROOT, 'node_modules'), join(dir, 'node_modules')]);
  mkdirSync(join(dir, 'content', 'sources'), { recursive: true });
  return dir;
}

/** Runs the project's CLI in a child under GNU time: wall seconds, peak RSS (MB), exit status, the last lines of stderr. */
export function timedCli(dir: string, cliArgs: string[]): { seconds: number; rssMB: number | null; status: number | null; stderr: string } {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, join(dir, 'bin/casebook.mjs'), ...cliArgs], {
    cwd: dir,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = (performance.now() - t0) / 1000;
  const lines = r.stderr.trim().split('\n');
  const rss = Number((lines.pop() ?? '').trim());
  return { seconds, rssMB: Number.isFinite(rss) ? Math.round(rss / 1024) : null, status: r.status, stderr: lines.slice(-3).join('\n') };
}
