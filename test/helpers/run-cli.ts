// Runs the CLI in-process with captured streams, or as a real process (exit codes, stdin).
import { spawnSync } from 'node:child_process';
import { Writable } from 'node:stream';
import { main } from '../../src/cli/main.ts';
import { ROOT } from './paths.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

function sink(): Writable & { text: string } {
  const w = new Writable({
    write(chunk, _enc, done) {
      w.text += chunk.toString();
      done();
    },
  }) as Writable & { text: string };
  w.text = '';
  return w;
}

export async function runCli(args: string[], stdin = ''): Promise<CliResult> {
  const stdout = sink();
  const stderr = sink();
  const code = await main(args, { stdout, stderr, stdin: async () => Buffer.from(stdin) });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** The real `bin/casebook.mjs` under the project's Node (process.execPath is it when tests run via npm). */
export function spawnCli(args: string[], input?: string | Buffer): CliResult {
  const r = spawnSync(process.execPath, [`${ROOT}bin/casebook.mjs`, ...args], { cwd: ROOT, input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
