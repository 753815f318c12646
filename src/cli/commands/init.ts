// `casebook init <dir> [--title T] [--site URL] [--base PATH] [--from SPEC]`: a casebook of your own, in a new or
// empty folder — content/ (sources, cases), casebook.config.json, a package.json that installs this tool, a
// README with its two commands, a .gitignore and a GitHub Pages workflow that runs the same steps.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { UsageError } from '../args.ts';
import { TOOL } from '../tool.ts';
import type { Command } from '../command.ts';

const WORKFLOW = `# Builds the casebook and publishes it with GitHub Pages (Settings → Pages → Source: GitHub Actions).
# The same steps as the README's: npm install, npm run build. The site URL and base path come from Pages.
name: Publish the casebook
on:
  push:
    branches: [main]
  workflow_dispatch:
permissions:
  contents: read
  pages: write
  id-token: write
concurrency:
  group: pages
  cancel-in-progress: true
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0 # the feed dates each case by its last commit
      - uses: actions/setup-node@v4
        with:
          node-version: 22
      - id: pages
        uses: actions/configure-pages@v5
      - run: npm install --no-audit --no-fund
      - run: npm run build
        env:
          CASEBOOK_SITE: \${{ steps.pages.outputs.origin }}
          CASEBOOK_BASE: \${{ steps.pages.outputs.base_path }}/
      - uses: actions/upload-pages-artifact@v3
        with:
          path: dist
  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: \${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
`;

function readme(title: string): string {
  return `# ${title}

A casebook: Linux kernel bug threads told as case studies, built with casebook.

\`\`\`sh
npm install && npm run build     # imports content/sources, checks every case, builds the site into dist/
npm run preview                  # serves dist/ on http://127.0.0.1:4321
\`\`\`

Add a thread: \`npx casebook import '<Message-ID>'\` (fetched from lore), or a file (mbox, .eml, maildir,
archive text) with \`npx casebook import thread.mbox\`, or drop the file into \`content/sources/\` and build.
Each thread becomes \`content/cases/<slug>.md\`: edit it freely, a later import keeps your words.
\`npm run dev\` serves the site while you edit and imports sources as they appear.

The site's name, description, URL and base path are in \`casebook.config.json\`. The GitHub Pages workflow in
\`.github/workflows/pages.yml\` runs the same two steps on every push to main.
`;
}

export const init: Command = {
  name: 'init',
  summary: 'create a casebook of your own in a new or empty folder',
  usage: 'casebook init <dir> [--title TITLE] [--site URL] [--base PATH] [--from SPEC]',
  flags: {
    title: { value: true, placeholder: 'TITLE', description: "the site's name (default: Casebook)" },
    site: { value: true, placeholder: 'URL', description: 'where the site will be published, e.g. https://you.github.io (default: none yet)' },
    base: { value: true, placeholder: 'PATH', description: 'the path it lives under, e.g. /my-casebook/ (default: /)' },
    from: {
      value: true,
      placeholder: 'SPEC',
      description: 'how the casebook installs this tool: an npm spec such as a git URL (default: file: this copy of it)',
    },
  },
  async run(args, ctx) {
    if (args.positionals.length !== 1) throw new UsageError('`casebook init` takes the folder to create', 'Example: casebook init ../my-casebook');
    const dir = resolve(args.positionals[0]!);
    if (existsSync(dir) && (await readdir(dir)).length > 0) {
      throw new UsageError(`\`${dir}\` is not empty`, 'Give a new folder, or an empty one: init never writes over files.');
    }
    const { parseConfig, CONFIG_FILE, DEFAULT_CONFIG } = await import('../../config/index.ts');
    const config = {
      ...DEFAULT_CONFIG,
      ...(args.flags.has('title') ? { title: args.flags.get('title') as string } : {}),
      ...(args.flags.has('site') ? { site: args.flags.get('site') as string } : {}),
      ...(args.flags.has('base') ? { base: `/${(args.flags.get('base') as string).replace(/^\/+|\/+$/g, '')}/`.replace('//', '/') } : {}),
    };
    // The same checks as every later read of the file: a bad --site or --base stops here.
    parseConfig(config, join(dir, CONFIG_FILE));
    const tool = JSON.parse(readFileSync(join(TOOL, 'package.json'), 'utf8')) as {
      engines: Record<string, string>;
      optionalDependencies?: Record<string, string>;
    };
    const name =
      basename(dir)
        .toLowerCase()
        .replace(/[^a-z0-9-]+/g, '-')
        .replace(/^-+|-+$/g, '') || 'casebook';
    const pkg = {
      name,
      private: true,
      type: 'module',
      scripts: { build: 'casebook build', dev: 'casebook dev', preview: 'casebook preview', check: 'casebook check' },
      engines: tool.engines,
      dependencies: { casebook: (args.flags.get('from') as string | undefined) ?? `file:${TOOL.replace(/\/$/, '')}` },
      // The Node the tool needs, where the system's is older (as the tool itself does).
      ...(tool.optionalDependencies ? { optionalDependencies: tool.optionalDependencies } : {}),
    };
    const files: [string, string][] = [
      [CONFIG_FILE, `${JSON.stringify(config, null, 2)}\n`],
      ['package.json', `${JSON.stringify(pkg, null, 2)}\n`],
      ['README.md', readme(config.title)],
      ['.gitignore', 'node_modules/\ndist/\n.cache/\ncontent/threads/\ncontent/.casebook.lock\n'],
      ['.github/workflows/pages.yml', WORKFLOW],
      ['content/sources/.gitkeep', ''],
      ['content/cases/.gitkeep', ''],
    ];
    for (const [rel, text] of files) {
      await mkdir(join(dir, rel, '..'), { recursive: true });
      await writeFile(join(dir, rel), text, { flag: 'wx' });
    }
    ctx.stdout.write(`${dir}\n`);
    ctx.stderr.write(`casebook: a casebook in ${dir}. Next: cd ${dir} && npm install && npm run build\n`);
    return 0;
  },
};
