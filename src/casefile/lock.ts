// One writer per casebook at a time: `casebook build`, `import` and `dev`'s imports take content/.casebook.lock
// (created exclusively, holding the process id). A second command meets a clear "busy" error naming the holder; a
// lock left by a process that is gone is taken over.
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

export class BusyError extends Error {
  readonly hint: string;
  readonly file: string;
  constructor(file: string, pid: number) {
    super(`The casebook is busy: process ${pid} is writing it (${file})`);
    this.name = 'BusyError';
    this.file = file;
    this.hint = 'Wait for that command to finish (a `casebook dev` imports while it runs), or stop it. A lock left by a crash is taken over by itself.';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the casebook's lock, or throws BusyError; returns its release. */
export async function lockCasebook(content: string): Promise<() => Promise<void>> {
  const file = join(content, '.casebook.lock');
  await mkdir(content, { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const h = await open(file, 'wx');
      await h.writeFile(`${process.pid}\n`);
      await h.close();
      return () => rm(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number((await readFile(file, 'utf8').catch(() => '')).trim());
      if (pid === process.pid) return async () => {};
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) throw new BusyError(file, pid);
      await rm(file, { force: true });
    }
  }
  throw new BusyError(file, 0);
}
