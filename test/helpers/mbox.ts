// Builds small mbox threads in tests, so an extractor is shown to work on text nobody here has seen.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspectSource, type AnalyzedThread } from '../../src/casebook.ts';

export interface Mail {
  from: string;
  date: string;
  subject: string;
  id: string;
  replyTo?: string;
  body: string;
}

/** Mail number `n` of a short thread: from Person n, at 1n:00 on one day, replying to mail `replyTo`. */
export const numberedMail = (n: number, subject: string, body: string, replyTo?: number): Mail => ({
  from: `Person ${n} <p${n}@example.org>`,
  date: `Mon, 1 Jan 2024 1${n}:00:00 +0000`,
  subject,
  id: `m${n}@example.org`,
  replyTo: replyTo === undefined ? undefined : `m${replyTo}@example.org`,
  body,
});

export function mbox(mails: Mail[]): string {
  return mails
    .map((m) =>
      [
        `From x@y Mon Jan  1 00:00:00 2024`,
        `From: ${m.from}`,
        `Date: ${m.date}`,
        `Subject: ${m.subject}`,
        `Message-ID: <${m.id}>`,
        ...(m.replyTo ? [`In-Reply-To: <${m.replyTo}>`, `References: <${m.replyTo}>`] : []),
        '',
        m.body.replace(/^From /gm, '>From '),
        '',
      ].join('\n'),
    )
    .join('\n');
}

export async function analyze(mails: Mail[]): Promise<AnalyzedThread> {
  const dir = mkdtempSync(join(tmpdir(), 'casebook-thread-'));
  const file = join(dir, 'thread.mbox');
  writeFileSync(file, mbox(mails));
  return inspectSource(file);
}
