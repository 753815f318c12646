// The habits a command-line user brings: `help <command>`, "did you mean" for a typo, --quiet and --verbose,
// a quiet exit when the reader of stdout goes away (`| head -1`), exit 1 when some named source could not be
// read and 2 when none could, progress that reaches 100 % and names the analysis, a start-up check that
// agrees with package.json's `engines`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProgress } from '../../src/cli/progress.ts';
import { ROOT } from '../helpers/paths.ts';
import { runCli } from '../helpers/run-cli.ts';

/** A thread of `n` messages, each with a date nobody can parse: one warning per message. */
function mboxWithWarnings(n: number): string {
  const mails: string[] = [];
  for (let i = 0; i < n; i++) {
    mails.push(
      [
        'From x@y Mon Jan  1 00:00:00 2024',
        `From: Person ${i} <p${i}@example.org>`,
        `Date: the ${i}th of never`,
        `Subject: ${i === 0 ? '' : 'Re: '}frob hangs on close`,
        `Message-ID: <m${i}@example.org>`,
        ...(i > 0 ? ['In-Reply-To: <m0@example.org>'] : []),
        '',
        `Message ${i}.`,
        '',
      ].join('\n'),
    );
  }
  return mails.join('');
}

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'casebook-cli-'));
  writeFileSync(join(dir, 'thread.mbox'), mboxWithWarnings(3));
  writeFileSync(join(dir, 'noisy.mbox'), mboxWithWarnings(25));
  // Its JSON is far more than a pipe holds, so stdout is still being written when the reader goes away.
  writeFileSync(join(dir, 'long.mbox'), mboxWithWarnings(3000));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('help and typos', () => {
  it("`help <command>` prints that command's help", async () => {
    const r = await runCli(['help', 'inspect']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: casebook inspect/);
    expect(r.stdout).toContain('--json');
  });

  it('suggests the command or the flag that was meant', async () => {
    const command = await runCli(['inspct', 'x.mbox']);
    expect(command.code).toBe(2);
    expect(command.stderr).toMatch(/Unknown command `inspct`[\s\S]*Did you mean `casebook inspect`\?/);
    const flag = await runCli(['inspect', join(dir, 'thread.mbox'), '--jsno']);
    expect(flag.stderr).toMatch(/Unknown option `--jsno`[\s\S]*Did you mean `--json`\?/);
    // Nothing near enough: no guess.
    expect((await runCli(['frobnicate'])).stderr).not.toContain('Did you mean');
    expect((await runCli(['help', 'imprt'])).stderr).toContain('Did you mean `casebook import`?');
  });
});

describe('--quiet and --verbose', () => {
  it('--quiet prints errors only; the JSON on stdout is unchanged', async () => {
    const loud = await runCli(['inspect', join(dir, 'thread.mbox'), join(dir, 'missing.mbox'), '--json']);
    const quiet = await runCli(['inspect', join(dir, 'thread.mbox'), join(dir, 'missing.mbox'), '--json', '--quiet']);
    expect(loud.stderr).toContain('warning:');
    expect(quiet.stdout).toBe(loud.stdout);
    expect(quiet.stderr).not.toContain('warning:');
    expect(quiet.stderr).not.toContain('thread(s)');
    expect(quiet.stderr).toContain('missing.mbox');
  });

  it('--verbose prints every warning, not only the first 20 of a source', async () => {
    const normal = await runCli(['inspect', join(dir, 'noisy.mbox')]);
    const verbose = await runCli(['inspect', join(dir, 'noisy.mbox'), '--verbose']);
    const count = (s: string) => s.split('\n').filter((l) => l.includes('[date-unparsed]')).length;
    expect(count(normal.stderr)).toBe(20);
    expect(normal.stderr).toMatch(/5 more warning\(s\); --verbose prints them/);
    expect(count(verbose.stderr)).toBe(25);
  });
});

describe('exit codes', () => {
  it('import: 1 when one named source of two is unreadable (the other imported), 2 when none is readable', async () => {
    const content = join(dir, 'content');
    const some = await runCli(['import', join(dir, 'thread.mbox'), join(dir, 'missing.mbox'), '--content', content]);
    expect(some.code).toBe(1);
    expect(some.stderr).toContain('missing.mbox');
    expect(some.stderr).toMatch(/1 source\(s\) imported.*1 source\(s\) unreadable/);
    const none = await runCli(['import', join(dir, 'missing.mbox'), '--content', content]);
    expect(none.code).toBe(2);
  });
});

describe('as a real process', () => {
  it('exits quietly when the reader of stdout stops early (`| head -1`)', async () => {
    const child = spawn(process.execPath, [`${ROOT}bin/casebook.mjs`, 'inspect', '--json', join(dir, 'long.mbox')], { cwd: ROOT });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    // Read the first chunk, then close the pipe as `head -1` does.
    await new Promise<void>((done) =>
      child.stdout.once('data', () => {
        child.stdout.destroy();
        done();
      }),
    );
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(stderr).not.toMatch(/EPIPE|Error:|at .*\.ts:\d+/);
    expect(code).toBe(0);
  });

  it('the start-up check asks for the Node package.json names, with a hint for this platform', () => {
    const engines = (JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { engines: { node: string } }).engines.node;
    expect(engines).toBe('>=22.18');
    const source = readFileSync(`${ROOT}bin/casebook.mjs`, 'utf8');
    expect(source).toContain('minor < 18');
    // An older Node on this machine (the system's) runs into the check and its hint.
    const old = ['/usr/bin/node', '/usr/local/bin/node'].find(
      (p) => existsSync(p) && spawnSync(p, ['-e', 'process.exit(+process.versions.node.split(".")[0] < 22 ? 0 : 1)']).status === 0,
    );
    if (!old) return;
    const r = spawnSync(old, [`${ROOT}bin/casebook.mjs`, '--version'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/needs Node >= 22\.18/);
    expect(r.stderr).toMatch(process.platform === 'linux' && process.arch === 'x64' ? /npx casebook/ : /install Node 22\.18/);
  });
});

describe('progress', () => {
  const stream = (tty: boolean) => {
    const w = new Writable({
      write: (chunk, _e, done) => {
        w.text += chunk.toString();
        done();
      },
    }) as Writable & { text: string; isTTY?: boolean };
    w.text = '';
    w.isTTY = tty;
    return w;
  };

  it('reaches 100 % and then names the analysis, on a terminal and in a log', () => {
    for (const tty of [false, true]) {
      const err = stream(tty);
      const p = createProgress(err, 'big.mbox');
      const total = 10 * 1024 * 1024;
      for (let done = 0; done < total; done += total / 7) p.update(done, total);
      p.analysing(1234);
      p.done();
      expect(err.text).toContain('reading big.mbox 100% of 10.5 MB');
      expect(err.text).toMatch(/analysing big\.mbox: 1234 message\(s\)\n$/);
    }
  });

  it('stays silent for a small source', () => {
    const err = stream(false);
    const p = createProgress(err, 'small.mbox');
    p.update(10, 100);
    p.analysing(2);
    p.done();
    expect(err.text).toBe('');
  });
});
