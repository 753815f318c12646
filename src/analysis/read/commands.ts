// The commands people give the bots in a reply, one per line: syzbot's `#syz test: <tree> <branch>`,
// `#syz fix: <commit title>`, `#syz dup: <report title>`, `#syz invalid`, `#syz undup`; regzbot's
// `#regzbot introduced: <commit>`, `#regzbot fix: <commit or title>`, `#regzbot invalid: <reason>`,
// `#regzbot dup: <link>`, `#regzbot resolve: <reason>`. Read from a person's own text only: syzbot's footer
// teaches the same commands with placeholders, and a quoted command is someone else's.
//
//   parseCommands('#syz fix: netfilter: fix the leak\n') → [{ bot: 'syz', verb: 'fix', arg: 'netfilter: fix the leak', line: 0 }]

export interface BotCommand {
  bot: 'syz' | 'regzbot';
  /** Lower case: test, fix, dup, invalid, undup, introduced, resolve, … */
  verb: string;
  /** What follows the colon, trimmed (empty for `#syz invalid`). */
  arg: string;
  /** The line as written, trimmed: the evidence. */
  text: string;
}

const COMMAND = /^[ \t]*#(syz|regzbot)[ \t\u00a0]+([a-z][a-z-]*)[ \t\u00a0]*:?[ \t\u00a0]*(.*?)\s*$/i;
/** The placeholders of syzbot's and regzbot's own instructions: never a real command. */
const PLACEHOLDER = /\b(?:exact-commit-title|exact-subject-of-another-report|branch-or-commit-hash|git:\/\/repo\/address\.git|new-subsystem|<[a-z -]+>)\b/i;

export function parseCommands(text: string): BotCommand[] {
  if (!text.includes('#')) return [];
  const out: BotCommand[] = [];
  for (const line of text.split('\n')) {
    if (!line.includes('#syz') && !line.includes('#regzbot') && !/#(?:syz|regzbot)/i.test(line)) continue;
    const m = COMMAND.exec(line);
    if (!m || PLACEHOLDER.test(line)) continue;
    const verb = m[2].toLowerCase();
    out.push({ bot: m[1].toLowerCase() === 'syz' ? 'syz' : 'regzbot', verb: VERB_ALIASES[verb] ?? verb, arg: m[3].trim(), text: line.trim() });
  }
  return out;
}

/** Spellings the bots accept for one verb. */
const VERB_ALIASES: Record<string, string> = {
  'fixed-by': 'fix',
  fixed: 'fix',
  duplicate: 'dup',
  'dup-of': 'dup',
};
