// A small, strict argument parser: every command declares its flags; unknown flags are errors that point
// at --help instead of being ignored.

export class UsageError extends Error {
  readonly hint: string;
  constructor(message: string, hint = 'Run `casebook --help` for the commands and their options.') {
    super(message);
    this.name = 'UsageError';
    this.hint = hint;
  }
}

export interface FlagSpec {
  /** Takes a value (`--content DIR`) or is a switch (`--json`). */
  value: boolean;
  description: string;
  placeholder?: string;
}

export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string | true>;
}

export function parseArgs(argv: string[], spec: Record<string, FlagSpec>, command: string): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = arg.slice(2, eq >= 0 ? eq : undefined);
      const s = spec[name];
      if (!s) throw new UsageError(`Unknown option \`--${name}\` for \`casebook ${command}\``, `Run \`casebook ${command} --help\` for its options.`);
      if (!s.value) {
        if (eq >= 0) throw new UsageError(`Option \`--${name}\` takes no value`);
        flags.set(name, true);
        continue;
      }
      const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '') throw new UsageError(`Option \`--${name}\` needs a value (${s.placeholder ?? 'VALUE'})`);
      flags.set(name, value);
      continue;
    }
    if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`Unknown option \`${arg}\` for \`casebook ${command}\``, `Run \`casebook ${command} --help\` for its options.`);
    }
    positionals.push(arg);
  }
  return { positionals, flags };
}
