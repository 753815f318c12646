// A maintainer or a bot taking the patch: "Applied, thanks", "Now queued up", "I pushed this patch to net.git",
// patchwork-bot's and tip-bot2's notices, the mm and stable trees' "added to" mails, a pull request listing the
// commit. And what is not a maintainer's hand: a tester's "with the patch applied", "the patch we merged".
import { describe, expect, it } from 'vitest';
import { analyze } from '../../helpers/mbox.ts';
import { conversation, gadgetPatch, KASAN_REPORT, SYZBOT } from '../../helpers/samples.ts';

const PAT = 'Pat Patcher <pat@example.org>';
const MAINT = 'Mia Maintainer <mia@example.org>';
const SUBJECT = 'gadget: clear the buffer pointer on release';

async function replyTo(patchFrom: string, reply: { from: string; body: string; subject?: string }) {
  return analyze(
    conversation([
      { from: SYZBOT, body: KASAN_REPORT },
      { from: patchFrom, body: gadgetPatch('gadget->buf = NULL;', SUBJECT, patchFrom), subject: `[PATCH] ${SUBJECT}` },
      { from: reply.from, body: reply.body, re: 'm1@example.org', subject: reply.subject ?? `Re: [PATCH] ${SUBJECT}` },
    ]),
  );
}

describe('a maintainer applying the patch', () => {
  it.each([
    'Applied, thanks.',
    'Now queued up, thanks.',
    "Thanks, I've applied this to char-misc-linus.",
    'I pushed this patch to misc.git.',
    'Thanks, I pushed it out to the fixes branch.',
    'Queued in misc-fixes for the next -rc.',
    'The patch has been merged into misc-next.',
  ])('"%s" confirms the fix', async (says) => {
    const t = await replyTo(PAT, { from: MAINT, body: `On Sat, Mar 02, 2024, Pat Patcher wrote:\n> The release path frees the buffer.\n\n${says}\n\nMia` });
    expect(t.analysis.status).toBe('fixed');
    expect(t.analysis.decisions.fix.reasons.map((r) => r.signal)).toContain('applied');
    expect(t.analysis.timeline.find((e) => e.messageIndex === 2)?.kind).toBe('applied');
  });

  it.each([
    'With the patch applied the crash still happens once in a while, so I am not sure.',
    'I applied it and ran the reproducer overnight.',
    'Is this the patch we merged last week?',
    'Hmm, it looks like the one we applied to an older tree was different.',
  ])('"%s" is not a maintainer applying it', async (says) => {
    const t = await replyTo(PAT, { from: 'Tess Tester <tess@example.org>', body: says });
    expect(t.analysis.decisions.fix.reasons.map((r) => r.signal)).not.toContain('applied');
  });
});

describe("bots' notices", () => {
  it("patchwork-bot's 'This patch was applied to' applies the patch it answers", async () => {
    const t = await replyTo(PAT, {
      from: 'patchwork-bot+netdevbpf@kernel.org',
      body: 'Hello:\n\nThis patch was applied to netdev/net.git (main)\nby Mia Maintainer <mia@example.org>:\n\nOn Sat, 2 Mar 2024 you wrote:\n> The release path frees the buffer.\n\nHere is the summary with links:\n  - gadget: clear the buffer pointer on release\n    https://git.kernel.org/netdev/net/c/0123456789ab\n',
    });
    expect(t.analysis.status).toBe('fixed');
    expect(t.analysis.decisions.fix.reasons[0]).toMatchObject({ signal: 'bot-applied', messageIndex: 2 });
  });

  it("tip-bot2's merge notice names the patch by its title", async () => {
    const t = await replyTo(PAT, {
      from: 'tip-bot2 for Pat Patcher <tip-bot2@linutronix.de>',
      subject: `[tip: x86/urgent] ${SUBJECT}`,
      body: 'The following commit has been merged into the x86/urgent branch of tip:\n\nCommit-ID:     0123456789abcdef0123456789abcdef01234567\nAuthor:        Pat Patcher <pat@example.org>\n',
    });
    expect(t.analysis.fix?.patchId).toBe('p1');
    expect(t.analysis.status).toBe('fixed');
  });

  it("the stable tree's 'I've just added the patch titled' notice", async () => {
    const t = await replyTo(PAT, {
      from: 'Greg Stable <greg@example.org>',
      body: `This is a note to let you know that I've just added the patch titled\n\n    ${SUBJECT}\n\nto the 6.6-stable tree.\n`,
    });
    expect(t.analysis.decisions.fix.reasons.map((r) => r.signal)).toContain('bot-applied');
  });
});

describe('a maintainer saying they will take it', () => {
  it('picks the version the maintainer says he will take, not the later one', async () => {
    const t = await analyze(
      conversation([
        { from: SYZBOT, body: KASAN_REPORT },
        { from: PAT, body: gadgetPatch('gadget->buf = NULL;', SUBJECT), subject: `[PATCH] ${SUBJECT}` },
        { from: PAT, body: gadgetPatch('gadget->buf = NULL; /* v2 */', SUBJECT), subject: `[PATCH v2] ${SUBJECT}`, re: 'm1@example.org' },
        { from: MAINT, body: "I'll take v1, it is the simpler one; v2 only adds a comment.", re: 'm1@example.org' },
      ]),
    );
    expect(t.analysis.fix?.patchId).toBe('p1');
  });
});

describe('a pull request carrying the patch', () => {
  it('a shortlog line with the patch title takes it upstream', async () => {
    const t = await analyze(
      conversation([
        { from: SYZBOT, body: KASAN_REPORT },
        { from: PAT, body: gadgetPatch('gadget->buf = NULL;', SUBJECT), subject: `[PATCH] ${SUBJECT}` },
        {
          from: MAINT,
          subject: '[GIT PULL] misc fixes for 6.9-rc2',
          re: null,
          body: 'Hi Linus,\n\nThe following changes since commit 1111111111aa:\n\nare available in the Git repository at:\n\n  git://git.example.org/misc.git tags/misc-6.9-rc2\n\n----------------------------------------------------------------\nPat Patcher (1):\n      gadget: clear the buffer pointer on release\n\n drivers/misc/gadget.c | 1 +\n',
        },
      ]),
    );
    expect(t.analysis.status).toBe('fixed');
    expect(t.analysis.decisions.fix.reasons.map((r) => r.signal)).toContain('pull');
  });
});
