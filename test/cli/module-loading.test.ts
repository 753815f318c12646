// `casebook --help` and `--version` print text and nothing else: they must not load the stages the commands
// drive, nor their heavy dependencies (astro and its Markdown, shiki and its WASM, mailparser, zod, yaml),
// which made `casebook --help` take 0.7 s. Each case runs the CLI in a fresh process and lists the modules it
// loaded; no timing is measured here (the figures are in the commits and bench/).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths.ts';

/** The packages (or `src/<stage>`) whose modules `casebook <args>` loads, run from the project root. */
function loaded(args: string[]): string[] {
  const script = `
    import { registerHooks } from 'node:module';
    const urls = [];
    registerHooks({ load(url, context, next) { urls.push(url); return next(url, context); } });
    const { main } = await import(${JSON.stringify(new URL('src/cli/main.ts', `file://${ROOT}`).href)});
    const sink = { write() { return true; } };
    await main(${JSON.stringify(args)}, { stdout: sink, stderr: sink });
    process.stdout.write(JSON.stringify(urls));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  const names = (JSON.parse(r.stdout) as string[]).map((u) => {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(u);
    if (pkg) return pkg[1]!;
    const own = /\/src\/([^/]+)\//.exec(u);
    return own ? `src/${own[1]}` : u;
  });
  return [...new Set(names)].sort();
}

describe('the casebook command loads only what it runs', () => {
  it.each([['--help'], ['--version'], ['build', '--help'], ['check', '--help'], ['inspect', '--help'], ['frob']])('`casebook %s` loads no package and no stage', (...args) => {
    const modules = loaded(args);
    expect(modules.filter((m) => !m.startsWith('node:') && m !== 'src/cli')).toEqual([]);
  });
});
