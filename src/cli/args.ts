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

/** Edit distance between two short words (insertions, deletions, substitutions, adjacent swaps). */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The known word nearest to what was typed, if it is near enough to be a typo of it ("inspct" → "inspect"). */
export function closest(typed: string, known: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = distance(typed.toLowerCase(), k);
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best !== null && bestDistance <= Math.max(1, Math.floor(best.length / 3)) ? best : null;
}

function unknownOption(arg: string, spec: Record<string, FlagSpec>, command: string): UsageError {
  const near = arg.startsWith('--') ? closest(arg.slice(2).replace(/=.*/, ''), Object.keys(spec)) : null;
  return new UsageError(
    `Unknown option \`${arg}\` for \`casebook ${command}\``,
    `${near ? `Did you mean \`--${near}\`? ` : ''}Run \`casebook ${command} --help\` for its options.`,
  );
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
      if (!s) throw unknownOption(`--${name}`, spec, command);
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
    if (arg.startsWith('-') && arg !== '-') throw unknownOption(arg, spec, command);
    positionals.push(arg);
  }
  return { positionals, flags };
}
