// `casebook build [--casebook DIR] [--import-only] [--no-search] [--strict]`: the whole job, as site generators
// name it — import every new or changed source under content/sources into content/threads and content/cases,
// check every case, then build the site into the casebook's dist/ with its search index. `npm run build` calls it.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { TOOL } from '../tool.ts';
import type { Command, CommandContext } from '../command.ts';
import { CASEBOOK_FLAGS, casebookOf } from '../casebook-folder.ts';
import type { Casebook } from '../../config/index.ts';

const VITE_ENV = new Set(['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR']);

/** The environment that points the site build at a casebook: its folder, content, output and cache. */
export function siteEnv(cb: Casebook): NodeJS.ProcessEnv {
  // Vite reads import.meta.env's keys from the environment: a BASE_URL or MODE set for something else (a test
  // runner sets them) would override the casebook's base path.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !VITE_ENV.has(k)));
  return {
    ...inherited,
    ASTRO_TELEMETRY_DISABLED: '1',
    CASEBOOK_DIR: cb.dir,
    CASEBOOK_CONTENT: cb.content,
    CASEBOOK_OUT: process.env.CASEBOOK_OUT || join(cb.dir, 'dist'),
    // This repository's own casebook keeps its cache where it always has; any other keeps its own.
    CASEBOOK_CACHE: process.env.CASEBOOK_CACHE || join(cb.dir, '.cache', 'casebook'),
  };
}

async function importSources(cb: Casebook, ctx: CommandContext): Promise<number> {
  const { buildCasebook } = await import('../../casefile/build-casebook.ts');
  const r = await buildCasebook({
    content: cb.content,
    onImported: (i) => {
      for (const w of i.thread.warnings) ctx.warn(w, i.thread.source.path);
      for (const w of i.mergeWarnings) ctx.stderr.write(`${i.caseFile}: warning: ${w.message} [${w.code}]\n`);
      for (const p of i.schemaProblems) ctx.stderr.write(`${i.caseFile}: warning: frontmatter ${p} [frontmatter-schema]\n`);
      if (i.caseError)
        ctx.stderr.write(`${i.caseFile}${i.caseError.line ? `:${i.caseError.line}` : ''}: error: ${i.caseError.message}; left as it is [case-unreadable]\n`);
    },
    onError: (err) => ctx.reportError(err),
  });
  ctx.stderr.write(
    `casebook: ${r.written.length} thread(s) imported, ${r.unchanged.length} unchanged, ${r.removed.length} removed` +
      `${r.failed.length ? `, ${r.failed.length} source(s) unreadable` : ''}${r.damaged.length ? `, ${r.damaged.length} damaged case file(s) left alone` : ''} in ${cb.content}\n`,
  );
  if (r.damaged.length) return 1;
  return r.failed.length > 0 && r.written.length + r.unchanged.length === 0 ? 2 : 0;
}

export const build: Command = {
  name: 'build',
  summary: 'import new or changed sources, check every case, and build the site with its search index',
  usage: 'casebook build [--casebook DIR] [--import-only] [--no-search] [--strict]',
  flags: {
    ...CASEBOOK_FLAGS,
    'import-only': { value: false, description: 'only import content/sources into content/threads and content/cases (no check, no site)' },
    'no-search': { value: false, description: 'build the site without its search index' },
    strict: { value: false, description: 'fail when the casebook has no site URL (as in CI)' },
  },
  env: {
    CASEBOOK_DIR: 'the casebook folder when --casebook is not given (default: the current folder)',
    CASEBOOK_WORKERS: 'worker threads reading changed sources (default: one, one more per 16 MiB of them, up to the cores less one; 1: none)',
    CASEBOOK_CACHE: 'the cache folder (default: .cache/casebook in the casebook; safe to delete)',
    CASEBOOK_SITE: "the site URL, over the configuration's `site`",
    CASEBOOK_BASE: "the base path, over the configuration's `base`",
    CASEBOOK_DRAFTS: "`publish` or `omit` machine drafts, over the configuration's `drafts`",
  },
  async run(args, ctx) {
    const cb = await casebookOf(args);
    const { lockCasebook } = await import('../../casefile/lock.ts');
    const release = await lockCasebook(cb.content);
    try {
      const imported = await importSources(cb, ctx);
      if (args.flags.has('import-only') || imported === 2) return imported;
      const { checkCases } = await import('../../casefile/check/index.ts');
      // Only cases whose case file or thread changed are checked again (keyed by content hashes).
      const report = await checkCases(cb.content, { cacheRoot: siteEnv(cb).CASEBOOK_CACHE });
      for (const c of report.cases) {
        for (const p of c.problems) {
          if (p.severity !== 'error') continue;
          ctx.stderr.write(`${c.file}${p.line !== null ? `:${p.line}` : ''}: error: ${p.message} [${p.code}]\n`);
        }
      }
      if (report.errors > 0) {
        ctx.stderr.write(`casebook: ${report.errors} error(s) in the cases (casebook check lists them): the site was not built\n`);
        return 1;
      }
      const siteArgs = [join(TOOL, 'scripts', 'build-site.ts')];
      if (args.flags.has('no-search')) siteArgs.push('--no-search');
      if (args.flags.has('strict')) siteArgs.push('--strict');
      // The site is built from the tool's folder (its pages), for the casebook the environment names.
      const r = spawnSync(process.execPath, siteArgs, { cwd: TOOL, env: siteEnv(cb), stdio: ['ignore', 'inherit', 'inherit'] });
      if (r.status !== 0) {
        ctx.stderr.write(`casebook: the site build failed (exit ${r.status ?? r.signal})\n`);
        return r.status === 2 ? 2 : 1;
      }
      ctx.stderr.write(`casebook: site written to ${siteEnv(cb).CASEBOOK_OUT}\n`);
      return imported;
    } finally {
      await release();
    }
  },
};
