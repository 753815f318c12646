// Which bot wrote a message: their mail is protocol, not opinion. syzbot reports and answers `#syz test`;
// patchwork-bot and tip-bot2 announce that a patch was applied; the kernel test robot reports build results;
// regzbot tracks regressions. Recognised by address, the way people filter them.
import type { Address } from '../../ingest/types.ts';

export const BOT_KINDS = ['syzbot', 'patchwork', 'tip', 'test-robot', 'regzbot', 'mm-commits', 'stable'] as const;
export type BotKind = (typeof BOT_KINDS)[number];

const BY_ADDRESS: [RegExp, BotKind][] = [
  [/^syzbot\b|@syzkaller\.appspotmail\.com$/i, 'syzbot'],
  [/^patchwork-bot\b/i, 'patchwork'],
  [/^tip-bot2?@/i, 'tip'],
  [/^(?:lkp|oliver\.sang|fengguang\.wu)@intel\.com$/i, 'test-robot'],
  [/^regzbot@/i, 'regzbot'],
  [/^mm-commits@/i, 'mm-commits'],
];

const BY_NAME: [RegExp, BotKind][] = [
  [/^syzbot$/i, 'syzbot'],
  [/^patchwork-bot\b/i, 'patchwork'],
  [/^tip-bot2? for\b/i, 'tip'],
  [/^kernel test robot$/i, 'test-robot'],
  [/^regzbot\b/i, 'regzbot'],
];

export function botOf(author: Address | null): BotKind | null {
  if (!author) return null;
  for (const [re, kind] of BY_ADDRESS) if (author.email && re.test(author.email)) return kind;
  for (const [re, kind] of BY_NAME) if (author.name && re.test(author.name.trim())) return kind;
  return null;
}
