// People trying and judging a patch: someone other than its author reporting it works (or does not), a
// Tested-by, reviews (Reviewed-by, Acked-by), a NAK or "this is the wrong fix"; and what is not a test result:
// a question, a prediction, a condition, the author's own claim.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../helpers/mbox.ts';
import { conversation, gadgetPatch, KASAN_REPORT, SYZBOT } from '../../helpers/samples.ts';

const PAT = 'Pat Patcher <pat@example.org>';
const TESS = 'Tess Tester <tess@example.org>';
const REV = 'Rex Reviewer <rex@example.org>';

async function reply(body: string, from = TESS) {
  return analyze(
    conversation([
      { from: SYZBOT, body: KASAN_REPORT },
      { from: PAT, body: `Does this help?\n\n${gadgetPatch()}` },
      { from, body, re: 'm1@example.org' },
    ]),
  );
}
const signals = (t: Awaited<ReturnType<typeof reply>>) => t.analysis.decisions.fix.reasons.map((r) => r.signal);

describe('a tester reporting the patch works', () => {
  it.each([
    'That fixes it for me, thanks!',
    'I can confirm the patch fixes the crash.',
    'Ran the reproducer for 24 hours with your patch and found no issues.',
    'The patch passes my reproducer.',
    'No more crashes after 500 runs.',
    'Your patch applied to v6.9-rc1 fixes the issue.',
    'This indeed works.',
    'I cannot reproduce it anymore.',
  ])('"%s"', async (says) => {
    const t = await reply(says);
    expect(t.analysis.status).toBe('fixed');
    expect(signals(t)).toContain('tested');
    expect(t.analysis.timeline.find((e) => e.messageIndex === 2)?.kind).toBe('test');
    expect(t.analysis.participants.find((p) => p.name === 'Tess Tester')?.roles).toContain('tester');
  });

  it('a Tested-by given in a reply', async () => {
    const t = await reply('Tested-by: Tess Tester <tess@example.org>');
    expect(t.analysis.status).toBe('fixed');
    expect(signals(t)).toContain('tested-by');
  });
});

describe('what is not a test result', () => {
  it.each([
    'Does it fix the crash for you?',
    'This should fix the crash.',
    'If that fixes it, please send a proper patch.',
    'I think your patch can resolve this issue.',
    'you wrote "works for me" last time, but that was another box',
  ])('"%s"', async (says) => {
    const t = await reply(says);
    expect(signals(t)).not.toContain('tested');
    expect(t.analysis.status).toBe('fix-proposed');
  });

  it("the author's own claim is weaker than someone else's test", async () => {
    const t = await reply('This fixes the problem for me.', PAT);
    expect(t.analysis.status).toBe('fix-proposed');
  });
});

describe('a tester reporting the patch does not help', () => {
  it.each([
    'Still crashes with the patch, same trace.',
    "Sorry, it doesn't help.",
    'It crashed again with this change.',
    'The patch makes no difference here.',
  ])('"%s"', async (says) => {
    const t = await reply(says);
    expect(t.analysis.fix).toBeNull();
    expect(t.analysis.timeline.find((e) => e.messageIndex === 2)?.kind).toBe('test');
  });
});

describe('reviews', () => {
  it('a Reviewed-by is a review, not a confirmation', async () => {
    const t = await reply('Reviewed-by: Rex Reviewer <rex@example.org>', REV);
    expect(t.analysis.status).toBe('fix-proposed');
    expect(t.analysis.timeline.find((e) => e.messageIndex === 2)?.kind).toBe('review');
    expect(t.analysis.participants.find((p) => p.name === 'Rex Reviewer')?.roles).toContain('reviewer');
  });

  it.each([
    'NAK, this papers over the real problem.',
    'This is the wrong fix: the buffer must not be freed here at all.',
    'Nacked-by: Rex Reviewer <rex@example.org>',
  ])('a rejection ("%s") keeps the patch from being the fix', async (says) => {
    const t = await reply(says, REV);
    expect(t.analysis.fix).toBeNull();
    expect(t.analysis.patches[0].role).toBe('candidate');
  });
});
