// A content folder → a CheckReport: every case file under `cases/` checked against the frontmatter schema
// and against its thread under `threads/` (citations, notes). Content problems are reported, never thrown.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { DiskCache } from '../../cache/index.ts';
import { SourceError } from '../../ingest/source-error.ts';
import { CaseFileError, splitCase } from '../split-case.ts';
import { checkDirectives } from './check-directives.ts';
import { checkFrontmatter } from './check-frontmatter.ts';
import { loadThread } from './thread-file.ts';
import { error, type CaseReport, type CheckReport, type Problem } from './types.ts';

const BUILD_HINT = 'Run `npx casebook build` to write the thread JSON from content/sources.';

/** The Markdown after the frontmatter, and what to add to its line numbers to get the file's. */
function caseBody(text: string): { body: string; lineOffset: number } {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  // splitCase has already found this closing line.
  const close = lines.indexOf('---', 1);
  return { body: lines.slice(close + 1).join('\n'), lineOffset: close + 1 };
}

async function checkCase(file: string, slug: string, threadsDir: string): Promise<Problem[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    return [error('case-unreadable', `cannot read the case: ${(err as Error).message}`, null)];
  }
  let split: ReturnType<typeof splitCase>;
  try {
    split = splitCase(text);
  } catch (err) {
    if (!(err instanceof CaseFileError)) throw err;
    return [error('case-unreadable', err.message, err.line, 'Finish the file: frontmatter between two `---` lines, every code fence closed.')];
  }
  const problems = checkFrontmatter(split.frontmatter, split.frontmatterLine);
  const threadFile = join(threadsDir, `${slug}.json`);
  const shownAs = relative(process.cwd(), threadFile);
  const loaded = await loadThread(threadFile, shownAs);
  if (!loaded.ok) {
    // Without the thread, no reference can be checked: say so once instead of once per directive.
    problems.push(
      loaded.missing
        ? error('thread-missing', `the case has no thread: ${shownAs} does not exist`, null, `${BUILD_HINT} The case's file name must be its thread's slug.`)
        : error('thread-unreadable', `the thread ${shownAs} cannot be read: ${loaded.reason}`, null, BUILD_HINT),
    );
    return problems;
  }
  const { body, lineOffset } = caseBody(text);
  problems.push(...checkDirectives(body, lineOffset, loaded.thread));
  return problems;
}

/**
 * The checker's code, hashed: a cached verdict holds only while the code that reached it is the same (this
 * folder, the case schema and the vocabulary it checks against).
 */
let checkerCode: string | undefined;
function checkerFingerprint(): string {
  if (checkerCode) return checkerCode;
  const hash = createHash('sha256');
  const here = new URL('./', import.meta.url);
  const files = [
    ...readdirSync(here)
      .filter((f) => f.endsWith('.ts'))
      .sort()
      .map((f) => new URL(f, here)),
    new URL('../case-schema.ts', import.meta.url),
    ...readdirSync(new URL('../../vocabulary/', import.meta.url))
      .sort()
      .map((f) => new URL(`../../vocabulary/${f}`, import.meta.url)),
  ];
  for (const f of files) hash.update(f.pathname).update('\0').update(readFileSync(f)).update('\0');
  checkerCode = hash.digest('hex');
  return checkerCode;
}

/**
 * A case's problems, from the cache when neither its case file, its thread file nor the checker changed since
 * they were found (keys are content hashes: a cache deleted or damaged costs a full check, nothing else).
 */
async function checkCaseCached(file: string, slug: string, threadsDir: string, cache: DiskCache | null): Promise<Problem[]> {
  if (!cache) return checkCase(file, slug, threadsDir);
  const [text, thread] = await Promise.all([readFile(file).catch(() => null), readFile(join(threadsDir, `${slug}.json`)).catch(() => null)]);
  if (text === null) return checkCase(file, slug, threadsDir);
  const key = createHash('sha256')
    .update(checkerFingerprint())
    .update('\0')
    .update(relative(process.cwd(), file))
    .update('\0')
    .update(text)
    .update('\0')
    .update(thread ?? '(no thread)')
    .digest('hex');
  const hit = cache.get(key);
  if (hit !== null) {
    try {
      return JSON.parse(hit) as Problem[];
    } catch {
      // a damaged entry is a miss
    }
  }
  const problems = await checkCase(file, slug, threadsDir);
  cache.set(key, JSON.stringify(problems));
  return problems;
}

/** Problems without a line first, then in file order. */
const byLine = (a: Problem, b: Problem) => (a.line ?? 0) - (b.line ?? 0);

export interface CheckOptions {
  /**
   * The cache folder to reuse the verdicts on unchanged cases from (`casebook build`); without one (`casebook
   * check` alone) everything is checked.
   */
  cacheRoot?: string;
}

export async function checkCases(contentDir: string, options: CheckOptions = {}): Promise<CheckReport> {
  const cache = options.cacheRoot ? new DiskCache('check', options.cacheRoot) : null;
  const casesDir = join(contentDir, 'cases');
  let names: string[];
  try {
    const entries = await readdir(casesDir, { withFileTypes: true });
    names = entries
      .filter((e) => e.isFile() && e.name.endsWith('.md'))
      .map((e) => e.name)
      .sort();
  } catch {
    throw new SourceError(
      casesDir,
      `Cannot read \`${casesDir}\`: no such folder, expected the case studies as ${join(contentDir, 'cases', '<slug>.md')}`,
      'Give --content DIR for a casebook whose cases are in DIR/cases, or run `npx casebook import <source>` to create one.',
    );
  }
  const cases: CaseReport[] = [];
  for (const name of names) {
    const file = join(casesDir, name);
    const slug = name.slice(0, -'.md'.length);
    const problems = (await checkCaseCached(file, slug, join(contentDir, 'threads'), cache)).sort(byLine);
    cases.push({ file: relative(process.cwd(), file), slug, problems });
  }
  const count = (severity: Problem['severity']) => cases.reduce((n, c) => n + c.problems.filter((p) => p.severity === severity).length, 0);
  return { cases, errors: count('error'), warnings: count('warning') };
}
