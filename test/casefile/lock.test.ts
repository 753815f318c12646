// Two commands on one casebook at once: the second meets a clear "busy" error, never a half-written casebook; a
// lock left by a process that is gone is taken over.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BusyError, lockCasebook } from '../../src/casefile/lock.ts';
import { mbox, numberedMail } from '../helpers/mbox.ts';
import { runCli } from '../helpers/run-cli.ts';

function content(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'casebook-lock-')), 'content');
  mkdirSync(dir);
  return dir;
}

describe('the casebook lock', () => {
  it('refuses a second writer while the first is alive, with a hint, and frees the casebook after', async () => {
    const dir = content();
    // Another live process holds the lock.
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      writeFileSync(join(dir, '.casebook.lock'), `${other.pid}\n`);
      await expect(lockCasebook(dir)).rejects.toBeInstanceOf(BusyError);
      const src = join(dir, '..', 'thread.mbox');
      writeFileSync(src, mbox([numberedMail(1, 'oops in foo', 'It oopses.')]));
      const r = await runCli(['import', src, '--content', dir]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`busy: process ${other.pid} is writing it`));
      expect(r.stderr).toMatch(/hint: /);
      expect(existsSync(join(dir, 'cases'))).toBe(false);
    } finally {
      other.kill();
    }
  });

  it('takes over a lock whose process is gone, and releases it', async () => {
    const dir = content();
    const gone = spawn(process.execPath, ['-e', '']);
    await new Promise((r) => gone.once('exit', r));
    writeFileSync(join(dir, '.casebook.lock'), `${gone.pid}\n`);
    const release = await lockCasebook(dir);
    expect(existsSync(join(dir, '.casebook.lock'))).toBe(true);
    await release();
    expect(existsSync(join(dir, '.casebook.lock'))).toBe(false);
  });
});
