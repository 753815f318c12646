// syzbot's answer to `#syz test`: the reproducer did not trigger (the patch works), still triggered (it does
// not), or the test never ran (the patch did not apply, the kernel did not build or boot). Only the first is a
// test result that confirms a fix; a test that never ran says nothing about the patch.

export type SyzTestOutcome = 'ok' | 'crash' | 'broken';

export interface SyzTestResult {
  outcome: SyzTestOutcome;
  /** The sentence that says so, verbatim. */
  text: string;
  /** `Reported-and-tested-by: syzbot+…` or `Reported-by:`+`Tested-by:` lines syzbot asks the fix to carry. */
  testedTag: boolean;
}

const OUTCOMES: [RegExp, SyzTestOutcome][] = [
  [/^.*\breproducer did not trigger\b.*$/im, 'ok'],
  [/^.*\breproducer (?:is )?still trigger(?:ed|ing|s)\b.*$/im, 'crash'],
  [
    /^.*\b(?:tried to test the proposed patch|failed to apply (?:the )?patch|failed to checkout|failed to fetch|build\/boot failed|kernel build error|failed to build|boot error)\b.*$/im,
    'broken',
  ],
];

/** syzbot turning a command down: "want 2 args (repo, branch), got 4", "unknown command", "I don't see …". */
const COMMAND_ERROR = /^.*\b(?:want \d+ args?|unknown command|can't find|failed to parse|is not a valid|no such (?:branch|commit|repo))\b.*$/im;

export function readSyzTestResult(text: string): SyzTestResult | null {
  if (!/\bthe proposed patch\b/i.test(text)) {
    const refused = COMMAND_ERROR.exec(text);
    return refused && text.trim().split('\n').length <= 6 ? { outcome: 'broken', text: refused[0].trim(), testedTag: false } : null;
  }
  for (const [re, outcome] of OUTCOMES) {
    const m = re.exec(text);
    if (m) return { outcome, text: m[0].trim(), testedTag: /Reported-and-tested-by:\s*syzbot/i.test(text) };
  }
  return null;
}
