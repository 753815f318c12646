// The `casebook` command: a table of subcommands over the core in src/casebook.ts, one error handler,
// exit codes 0 (success, warnings allowed), 1 (content errors), 2 (usage or unreadable input).
import { readFileSync } from 'node:fs';
import type { Warning } from '../ingest/types.ts';
import { closest, parseArgs, UsageError } from './args.ts';
import type { Command, CommandContext } from './command.ts';
import { build } from './commands/build.ts';
import { check } from './commands/check.ts';
import { importCommand, newCommand } from './commands/import.ts';
import { dev } from './commands/dev.ts';
import { init } from './commands/init.ts';
import { inspect } from './commands/inspect.ts';
import { preview } from './commands/preview.ts';

/**
 * Each command's module holds only its flags and help; the stages it drives are imported when it runs, so
 * `--help`, `--version` and usage errors load none of them (nor astro, shiki, mailparser, zod, yaml).
 */
const COMMANDS: Command[] = [inspect, importCommand, newCommand, build, check, dev, preview, init];

/** Warnings printed per source; the rest are counted (all of them are in --json output). */
const MAX_PRINTED_WARNINGS = 20;

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'casebook — turns mailing-list bug threads into case studies',
    '',
    'Usage: casebook <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'A source is an mbox (mboxo/mboxrd, optionally .gz), an .eml, a maildir, a folder of those,',
    'a text scrape of a web mail archive, - for standard input, or a Message-ID or lore link (fetched).',
    'The format is detected. A source holding several conversations gives a thread (a case) each.',
    'The casebook folder: --casebook DIR, else CASEBOOK_DIR, else the current folder (casebook.config.json).',
    '',
    'Options: --help (also after a command, or `casebook help <command>`), --version,',
    '         --quiet (errors only), --verbose (every warning, not the first 20 per source)',
    'Exit codes: 0 success (warnings allowed), 1 content errors or some named source unreadable,',
    '            2 usage error or nothing readable.',
  ].join('\n');
}

function commandHelp(c: Command): string {
  const lines = [`Usage: ${c.usage}`, '', c.summary, '', 'Options:'];
  for (const [name, f] of Object.entries(c.flags)) {
    lines.push(`  --${name}${f.value ? ` ${f.placeholder ?? 'VALUE'}` : ''}`.padEnd(24) + f.description);
  }
  lines.push(`${'  --quiet'.padEnd(24)}print errors only`);
  lines.push(`${'  --verbose'.padEnd(24)}print every warning (not only the first 20 per source)`);
  lines.push(`${'  --help'.padEnd(24)}show this help`);
  if (c.env) {
    lines.push('', 'Environment:');
    for (const [name, what] of Object.entries(c.env)) lines.push(`  ${name}`.padEnd(24) + what);
  }
  return lines.join('\n');
}

function unknownCommand(name: string): UsageError {
  const near = closest(
    name,
    COMMANDS.map((c) => c.name),
  );
  return new UsageError(`Unknown command \`${name}\``, near ? `Did you mean \`casebook ${near}\`? Run \`casebook --help\` for the commands.` : undefined);
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function formatCause(err: unknown): string {
  const parts: string[] = [];
  let e: unknown = err;
  while (e instanceof Error) {
    parts.push(e.message);
    e = (e as Error & { cause?: unknown }).cause;
  }
  return parts.join('\n  caused by: ');
}

/** A stream that drops what is written to it: stderr's chatter under --quiet. */
function quietStream(stream: NodeJS.WritableStream & { isTTY?: boolean }): NodeJS.WritableStream & { isTTY?: boolean } {
  return new Proxy(stream, { get: (t, k) => (k === 'write' ? () => true : k === 'isTTY' ? false : Reflect.get(t, k)) });
}

export async function main(argvIn: string[], io: Partial<CommandContext> = {}): Promise<number> {
  // --quiet and --verbose are the same for every command.
  const quiet = argvIn.includes('--quiet') || argvIn.includes('-q');
  const verbose = argvIn.includes('--verbose');
  const argv = argvIn.filter((a) => a !== '--quiet' && a !== '-q' && a !== '--verbose');
  const stdout = io.stdout ?? process.stdout;
  const errors = io.stderr ?? process.stderr;
  const stderr = quiet ? quietStream(errors) : errors;
  const printed = new Map<string, number>();
  const ctx: CommandContext = {
    stdout,
    stderr,
    stdin: io.stdin ?? readStdin,
    warn(w: Warning, source: string) {
      const n = (printed.get(source) ?? 0) + 1;
      printed.set(source, n);
      if (n > MAX_PRINTED_WARNINGS && !verbose) return;
      const where = `${w.file ?? source}${w.line !== null ? `:${w.line}` : ''}`;
      stderr.write(`${where}: warning: ${w.message} [${w.code}]\n`);
    },
    reportError(err) {
      errors.write(`casebook: error: ${formatCause(err)}\n${err.hint ? `  hint: ${err.hint}\n` : ''}`);
    },
  };
  const flush = () => {
    for (const [source, n] of printed) {
      if (n > MAX_PRINTED_WARNINGS && !verbose)
        stderr.write(`${source}: ${n - MAX_PRINTED_WARNINGS} more warning(s); --verbose prints them, --json lists them all\n`);
    }
  };
  try {
    const [name, ...rest] = argv;
    if (name === 'help' && rest[0] !== undefined) {
      const about = COMMANDS.find((c) => c.name === rest[0]);
      if (!about) throw unknownCommand(rest[0]);
      stdout.write(`${commandHelp(about)}\n`);
      return 0;
    }
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      stdout.write(`${helpText()}\n`);
      return name === undefined ? 2 : 0;
    }
    if (name === '--version' || name === '-v') {
      stdout.write(`${version()}\n`);
      return 0;
    }
    const command = COMMANDS.find((c) => c.name === name);
    if (!command) throw unknownCommand(name);
    if (rest.includes('--help') || rest.includes('-h')) {
      stdout.write(`${commandHelp(command)}\n`);
      return 0;
    }
    const code = await command.run(parseArgs(rest, command.flags, command.name), ctx);
    flush();
    return code;
  } catch (err) {
    flush();
    if (err instanceof UsageError || (err instanceof Error && (err.name === 'SourceError' || err.name === 'ConfigError' || err.name === 'BusyError'))) {
      ctx.reportError(err as Error & { hint?: string });
      return 2;
    }
    errors.write(`casebook: internal error: ${formatCause(err)}\n${(err as Error)?.stack ?? ''}\n`);
    errors.write('  hint: this is a bug in casebook; please report it with the source that triggered it.\n');
    return 70;
  }
}
