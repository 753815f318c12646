// `casebook check [--content DIR] [--json]`: validates every case under DIR/cases against the frontmatter
// schema and its thread; prints one `file:line: error: message [code]` line per problem, exits 1 on errors.
import type { CheckReport } from '../../casefile/check/index.ts';
import { UsageError } from '../args.ts';
import { CASEBOOK_FLAGS, casebookOf } from '../casebook-folder.ts';
import type { Command, CommandContext } from '../command.ts';

/** The `check --json` schema version; bump it when a field changes meaning. */
const CHECK_SCHEMA_VERSION = 1;

function printProblems(report: CheckReport, ctx: CommandContext): void {
  for (const c of report.cases) {
    for (const p of c.problems) {
      ctx.stdout.write(`${c.file}${p.line !== null ? `:${p.line}` : ''}: ${p.severity}: ${p.message} [${p.code}]\n`);
      if (p.hint) ctx.stdout.write(`  hint: ${p.hint}\n`);
    }
  }
}

export const check: Command = {
  name: 'check',
  summary: 'validate every case: frontmatter schema, citations and notes against its thread',
  usage: 'casebook check [--casebook DIR] [--json]',
  flags: {
    ...CASEBOOK_FLAGS,
    json: { value: false, description: 'print the problems as JSON (schemaVersion 1) on stdout' },
  },
  async run(args, ctx) {
    if (args.positionals.length > 0) {
      throw new UsageError(
        `\`casebook check\` takes no sources (got \`${args.positionals[0]}\`)`,
        'It checks every case under --content DIR (default: content).',
      );
    }
    const content = (await casebookOf(args)).content;
    const { checkCases } = await import('../../casefile/check/index.ts');
    const report = await checkCases(content);
    if (args.flags.has('json')) {
      ctx.stdout.write(`${JSON.stringify({ schemaVersion: CHECK_SCHEMA_VERSION, ...report }, null, 2)}\n`);
    } else {
      printProblems(report, ctx);
    }
    ctx.stderr.write(`casebook: ${report.cases.length} case(s) checked, ${report.errors} error(s), ${report.warnings} warning(s)\n`);
    return report.errors > 0 ? 1 : 0;
  },
};
