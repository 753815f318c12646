// An import killed at any moment (SIGKILL, no chance to clean up) leaves every case and thread file whole:
// the old version or the new one, never a partial file — and an editor's edits survive.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { splitCase } from '../../src/casefile/split-case.ts';
import { mbox, type Mail } from '../helpers/mbox.ts';
import { ROOT } from '../helpers/paths.ts';

const thread = (n: number): Mail[] =>
  Array.from({ length: n }, (_, i) => ({
    from: `Person ${i % 7} <p${i % 7}@example.org>`,
    date: `Mon, 7 Nov 2016 ${String(9 + Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00 +0100`,
    subject: i ? 'Re: [BUG] oops in widget_release' : '[BUG] oops in widget_release',
    id: `m${i}@x`,
    ...(i ? { replyTo: `m${i - 1}@x` } : {}),
    body: i
      ? `Reply ${i}: still looking.\n\n> quoted ${i - 1}`
      : 'BUG: unable to handle kernel NULL pointer dereference at 0000000000000010\nRIP: 0010:widget_release+0x2a/0x90\nCall Trace:\n __fput+0xd4/0x1f0\n',
  }));

function runImport(cwd: string, killAfterMs: number): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/casebook.mjs'), 'import', 'content/sources/thread.mbox'], { cwd, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

describe('an import killed with SIGKILL', () => {
  it("leaves whole files and keeps the editor's words, whenever it is killed", async () => {
    const root = mkdtempSync(join(tmpdir(), 'casebook-kill-'));
    mkdirSync(join(root, 'content', 'sources'), { recursive: true });
    const source = join(root, 'content', 'sources', 'thread.mbox');
    writeFileSync(source, mbox(thread(40)));
    await runImport(root, 60_000);
    const cases = join(root, 'content', 'cases');
    const [caseName] = readdirSync(cases).filter((f) => f.endsWith('.md'));
    const casePath = join(cases, caseName);
    const edited =
      readFileSync(casePath, 'utf8').replace(/^review: draft$/m, 'review: reviewed\nlesson: "An editor wrote this."') +
      '\n## Lessons\n\nWords an editor wrote.\n';
    writeFileSync(casePath, edited);

    let killed = 0;
    for (const [i, delay] of [5, 20, 40, 70, 100, 150, 220, 300, 450, 700].entries()) {
      writeFileSync(source, mbox(thread(41 + i * 30)));
      await runImport(root, delay);
      killed++;
      const text = readFileSync(casePath, 'utf8');
      const split = splitCase(text); // throws on a half-written file
      const fm = YAML.parse(split.frontmatter);
      expect(fm.lesson, `after a kill at ${delay} ms`).toBe('An editor wrote this.');
      expect(text).toContain('Words an editor wrote.');
      for (const f of readdirSync(join(root, 'content', 'threads')).filter((n) => n.endsWith('.json'))) {
        expect(() => JSON.parse(readFileSync(join(root, 'content', 'threads', f), 'utf8')), f).not.toThrow();
      }
    }
    expect(killed).toBe(10);
    // A run that is not killed finishes the job.
    await runImport(root, 60_000);
    expect(YAML.parse(splitCase(readFileSync(casePath, 'utf8')).frontmatter).messages).toBe(41 + 9 * 30);
  }, 180_000);
});
