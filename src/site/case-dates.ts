// When each case last changed in the casebook: the date of the last commit that touched its case file, from git
// (one `git log` for all cases). A feed reader sorts by it, so a case added today about a 2007 bug is news today.
// It depends only on the repository's history, so the same commit always gives the same feed. A case file that
// is not committed, or changed since, has no such date: the feed then uses the newest message date of its thread
// that states a zone, never a date with a zone made up.
import { spawnSync } from 'node:child_process';
import { basename, resolve } from 'node:path';

/** Case slug → ISO 8601 commit date with its offset, for the case files committed and unchanged since. */
export function caseChangeDates(contentDir: string): Map<string, string> {
  const cases = resolve(contentDir, 'cases');
  const out = new Map<string, string>();
  const log = spawnSync('git', ['log', '--format=%x00%cI', '--name-only', '--', '.'], { cwd: cases, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (log.status !== 0) return out;
  // Newest commit first: the first date seen for a file is its last change.
  for (const block of log.stdout.split('\0').slice(1)) {
    const [date, ...files] = block.split('\n').filter(Boolean);
    for (const f of files) {
      if (!f.endsWith('.md')) continue;
      const slug = basename(f, '.md');
      if (!out.has(slug)) out.set(slug, date!);
    }
  }
  const dirty = spawnSync('git', ['status', '--porcelain', '--', '.'], { cwd: cases, encoding: 'utf8' });
  if (dirty.status === 0) for (const line of dirty.stdout.split('\n')) if (line.endsWith('.md')) out.delete(basename(line.slice(3).trim(), '.md'));
  return out;
}
