// What a subcommand is: a name, its flags, and a run function that returns the exit code.
import type { Warning } from '../ingest/types.ts';
import type { FlagSpec, ParsedArgs } from './args.ts';

export interface CommandContext {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: () => Promise<Buffer>;
  /** Prints a content warning as `file:line: warning: message [code]`. */
  warn(w: Warning, source: string): void;
  /** Prints an error with its hint, without stopping the command. */
  reportError(err: Error & { hint?: string }): void;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  flags: Record<string, FlagSpec>;
  /** Environment variables the command reads, by name, with what each does (shown by --help). */
  env?: Record<string, string>;
  run(args: ParsedArgs, ctx: CommandContext): Promise<number>;
}
