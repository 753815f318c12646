// What the commands that run the site share: the tool's own folder (its pages and build script, whichever casebook
// is built) and the `--port` every server command takes.
import { fileURLToPath } from 'node:url';
import { UsageError, type ParsedArgs } from './args.ts';

/** The tool's own folder. */
export const TOOL = fileURLToPath(new URL('../../', import.meta.url));

export const PORT_FLAG = { port: { value: true, placeholder: 'N', description: 'the port (default: 4321)' } } as const;

/** `--port N` (default 4321); 0 lets the system choose, where the command allows it. */
export function portOf(args: ParsedArgs, allowZero: boolean): number {
  const port = Number(args.flags.get('port') ?? 4321);
  if (!Number.isInteger(port) || port < (allowZero ? 0 : 1) || port > 65535) throw new UsageError(`--port ${args.flags.get('port')} is not a port number`);
  return port;
}
