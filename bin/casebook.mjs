#!/usr/bin/env node
// Entry point of the `casebook` command. Node ≥ 22.12 runs the TypeScript sources directly.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(
    `casebook: Node ${process.versions.node} is too old; casebook needs Node >= 22.12.\n` +
      '  hint: run it through `npx casebook` or `npm run casebook --` so the project\'s Node 22 is used.\n',
  );
  process.exit(2);
}
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
