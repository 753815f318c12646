// Path tricks in mail (`../` and absolute paths in Message-IDs, subjects and attachment names, NUL bytes,
// very long names) never make casebook write outside content/; a maildir symlink pointing outside the
// source is not followed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths.ts';

function tree(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const st = statSync(p, { throwIfNoEntry: false });
      if (st?.isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out;
}

function casebook(cwd: string, ...args: string[]) {
  return spawnSync(process.execPath, [join(ROOT, 'bin/casebook.mjs'), ...args], { cwd, encoding: 'utf8' });
}

const attachment = (name: string) => [
  '--B',
  `Content-Type: text/x-log; name="${name}"`,
  `Content-Disposition: attachment; filename="${name}"`,
  '',
  'BUG: unable to handle kernel NULL pointer dereference at 0000000000000010',
  '',
];

describe('path tricks', () => {
  it('writes nothing outside content/, whatever the mail names', () => {
    const root = mkdtempSync(join(tmpdir(), 'casebook-paths-'));
    const long = 'x'.repeat(5000);
    const mail = [
      'From evil@example.org Mon Nov  7 09:00:00 2016',
      'From: "../../../etc/passwd" <evil@example.org>',
      'Date: Mon, 7 Nov 2016 09:00:00 +0100',
      `Subject: ../../../../tmp/owned /etc/shadow \u0000 ${long}`,
      'Message-ID: <../../../../tmp/owned@x>',
      'In-Reply-To: </etc/passwd>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary=B',
      '',
      '--B',
      'Content-Type: text/plain',
      '',
      'See the attachments.',
      ...attachment('../../../../tmp/owned.log'),
      ...attachment('/etc/cron.d/owned'),
      ...attachment(`${long}.log`),
      '--B--',
      '',
    ].join('\n');
    const src = join(root, 'evil.mbox');
    writeFileSync(src, mail);
    const before = tree(root);
    const r = casebook(root, 'import', 'evil.mbox', '--json');
    expect(r.status, r.stderr).toBe(0);
    const written = tree(root).filter((f) => !before.includes(f));
    expect(written.length).toBeGreaterThanOrEqual(3);
    for (const f of written) expect(f.startsWith('content/'), f).toBe(true);
    const slug = JSON.parse(r.stdout).imported[0].slug as string;
    expect(slug).toMatch(/^[a-z0-9-]{1,80}$/);
  });

  it('does not follow a maildir symlink that points outside the source', () => {
    const root = mkdtempSync(join(tmpdir(), 'casebook-link-'));
    const outside = join(root, 'secret.eml');
    writeFileSync(outside, 'From: Secret <s@example.org>\nSubject: outside the source\nDate: Mon, 7 Nov 2016 09:00:00 +0100\n\nnot yours\n');
    const md = join(root, 'maildir');
    mkdirSync(join(md, 'cur'), { recursive: true });
    mkdirSync(join(md, 'new'));
    writeFileSync(
      join(md, 'cur', '1.host:2,S'),
      'From: A <a@example.org>\nSubject: inside\nDate: Mon, 7 Nov 2016 10:00:00 +0100\nMessage-ID: <in@x>\n\nhello\n',
    );
    symlinkSync(outside, join(md, 'new', '2.host'));
    const r = casebook(root, 'inspect', 'maildir', '--json');
    expect(r.status, r.stderr).toBe(0);
    const t = JSON.parse(r.stdout).threads[0];
    expect(t.messages.map((m: { subject: string }) => m.subject)).toEqual(['inside']);
    expect(t.warnings.map((w: { code: string }) => w.code)).toContain('symlink-skipped');
  });
});
