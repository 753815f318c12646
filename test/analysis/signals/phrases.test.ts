// Every phrase rule of the analysis with samples written for it: each sample must match that very pattern,
// and every exported pattern must have samples — a rule nobody can show working on a sentence of its own
// does not stay. The samples are this file's own sentences, in the way kernel lists write; none is copied
// from a seed or a judged thread.
import { describe, expect, it } from 'vitest';
import * as phrases from '../../../src/analysis/signals/phrases.ts';

const SAMPLES: Record<string, string[]> = {
  'APPLIED[0]': ['Applied, thanks.', 'Thanks, queued up for 6.9.', 'Now queued up, thanks.', 'Merged.'],
  'APPLIED[1]': [
    "I've applied it to the fixes branch.",
    'We have queued this for -rc3.',
    'I pushed this patch to net.git.',
    'I took your patch into my tree.',
    "i integrated Sam's commit before the fix.",
  ],
  'APPLIED[2]': ['The patch has been merged into mainline.', 'This is now queued in the irq/urgent branch.'],
  'APPLIED[3]': ['Queued in misc-fixes for the next rc.', 'Picked up into linux-next.'],
  'APPLIED[4]': ['Added it to my fixes tree.', 'I added the patch to the mm-hotfixes branch.'],
  APPLIED_BY_TESTER: ['With the patch applied the box still hangs.', 'I applied it and ran the test overnight.', 'Is that the one we merged last week?'],
  BISECT: [
    'I bisected it to a merge commit.',
    'git bisect says 1234567890ab is the first bad commit.',
    'I ran a quick bisect and it pointed at the allocator.',
    "I'm going to bisect this tonight.",
  ],
  BISECTION_REJECTED: ['The bisection is bogus, that commit only touches comments.', "syzbot's bisection went wrong again.", 'This looks like a misbisection.'],
  'CAUSE[0]': ['The real problem is that the lock is dropped too early.'],
  'CAUSE[1]': ['The leak was introduced by the refcount rework.', 'It was caused by a missing barrier.'],
  'CAUSE[2]': ['The early free caused the use-after-free we see.'],
  'CAUSE[3]': ['The helper returns NULL even when the device is present.'],
  'CAUSE[4]': ['The request is freed while the timer still runs.'],
  'CAUSE[5]': ['It is a race between close and the worker.', 'A classic use-after-free in the release path.'],
  'CAUSE[6]': ['The error path forgets to drop the reference.'],
  'CAUSE[7]': ['The bogus length comes from the ioctl argument.'],
  'DISCLAIMER[0]': ["I don't expect this to help, but please try."],
  'DISCLAIMER[1]': ['Not for inclusion, just to narrow it down.'],
  'DISCLAIMER[2]': ['Here is a debug patch that prints the state.'],
  'DISCLAIMER[3]': ['Quick hack below.'],
  'DISCLAIMER[4]': ['Just to see whether the timer is the problem.'],
  'DISCLAIMER[5]': ['The diff is only to illustrate the idea.'],
  'DISCLAIMER[6]': ['Please run this to gather more information.'],
  'DISCLAIMER[7]': ['This is NOT the real fix.'],
  'DISCLAIMER[8]': ['The revert is just for testing.', 'For testing only.'],
  'UNTESTED[0]': ['Completely untested.', 'Compile-untested patch below.'],
  'UNTESTED[1]': ['Not even compile tested.'],
  DUPLICATE: ['This is a duplicate of the report from last week.', 'Same bug as the one Dan reported.', 'Already reported at the link below.'],
  HYPOTHESIS: ['I suspect the worker runs after the free.', 'Looks like a missing barrier.', 'My guess is the refcount underflows.'],
  'NEGATIVE_TEST[0]': ["Sorry, it doesn't help.", 'The patch did not fix it.', "It doesn't change anything."],
  'NEGATIVE_TEST[1]': ['The patch makes no difference.', 'No change in the behaviour.'],
  'NEGATIVE_TEST[2]': ['Still crashes with the patch.', 'I still see the warning.'],
  'NEGATIVE_TEST[3]': ['I get the same oops with it.', 'Still have the same problem.'],
  'NEGATIVE_TEST[4]': ['It crashed again after an hour.'],
  'NEGATIVE_TEST[5]': ['It hung with your patch too.'],
  'NEGATIVE_TEST[6]': ['Not fixed, unfortunately.'],
  'NEGATIVE_TEST[7]': ['syzbot has tested the proposed patch but the reproducer is still triggering an issue.'],
  NOT_A_BUG: [
    'This is expected behaviour.',
    'It was faulty RAM all along.',
    'Not a kernel bug.',
    'This is a false positive.',
    'The test is wrong.',
    'There is something wrong related to the out-of-tree kernel module.',
  ],
  'POSITIVE_TEST[0]': ['That fixes it for me.', 'The patch fixed the crash.', 'Your patch applied to v6.9 fixes the issue.', 'This did solve the hang.'],
  'POSITIVE_TEST[1]': ['That did the trick.'],
  'POSITIVE_TEST[2]': ['This indeed works.', 'The patch helped.'],
  'POSITIVE_TEST[3]': ['No more crashes after a day.'],
  'POSITIVE_TEST[4]': ['Works for me.', 'Everything works fine now.'],
  'POSITIVE_TEST[5]': ['Works.', 'This works!'],
  'POSITIVE_TEST[6]': ['The machine works fine now.', 'Everything is working fine with it.', 'It worked as expected.'],
  'POSITIVE_TEST[7]': ['It passes my reproducer.', 'Passed the stress tests.'],
  'POSITIVE_TEST[8]': ['It survived 500 runs.'],
  'POSITIVE_TEST[9]': ['I found no issues after a night of testing.'],
  'POSITIVE_TEST[10]': ["I didn't see it again with the patch."],
  'POSITIVE_TEST[11]': ['No problems so far.'],
  'POSITIVE_TEST[12]': ['I cannot reproduce it anymore.', 'Could not trigger it again after applying the fix.'],
  'POSITIVE_TEST[13]': ['It no longer reproduces.'],
  'POSITIVE_TEST[14]': ["Haven't seen the oops since."],
  'POSITIVE_TEST[15]': ['The hang is gone.', 'The warnings are now fixed.'],
  'POSITIVE_TEST[16]': ['I can confirm the patch fixes it.', 'Confirmed that it avoids the BUG.'],
  'POSITIVE_TEST[17]': ['Tested your patch overnight and it works.'],
  'POSITIVE_TEST[18]': ['syzbot has tested the proposed patch and the reproducer did not trigger any issue.'],
  PRAISE: ['Nice catch!', 'Good debugging.'],
  PROMISE: ['I will send a patch tomorrow.', "I'll post a v2 with the fix after testing.", "Here's a patch for the release path fix."],
  PULL_REQUEST: ['Please pull from the tag below.', 'The following changes since commit 1234567890ab are available.'],
  QUESTION: ['Could you try with lockdep enabled?', 'Please send the full dmesg.', 'Any idea what changed?'],
  'REJECTION[0]': ['NAK.', 'Nacked-by: Rex <rex@example.org>'],
  'REJECTION[1]': ['This patch is wrong.', 'That approach looks broken.'],
  'REJECTION[2]': ['It is not the right fix.'],
  'REJECTION[3]': ["That's the wrong place to fix it."],
  'REJECTION[4]': ['This papers over the real problem.'],
  'REJECTION[5]': ["I don't think this patch is right."],
  'REJECTION[6]': ['We need a different approach.'],
  'REJECTION[7]': ["This change just passes syzbot's reproducer without fixing the real problem.", 'It only silences the warning instead of fixing the race.'],
  'SELF_CLAIM[0]': ['The patch below fixes the crash.'],
  'SELF_CLAIM[1]': ['Here is the proper fix.'],
  'SELF_CLAIM[2]': ['This patch fixes the problem.', 'The below should fix it.'],
  'WILL_APPLY[0]': ["I'll queue it for the next rc.", 'I will take v1.'],
  'WILL_APPLY[1]': ['I will push it to Linus this week.'],
  QUEUED: ['It is in the v6.9-rc pile.', 'The fix is already queued in the nfsd-fixes branch.'],
  EXPERIMENT: [
    'I can reproduce it on btrfs too.',
    'We have been unable to reproduce it on a laptop.',
    'I was not able to reproduce it with the config you sent.',
    "We've done some more testing on arm64.",
    'Tested 128 runs overnight.',
    'It only reproduces with SLUB.',
  ],
  ATTACHED_LOG: ["I've attached a trace of the hang.", 'The full dmesg is attached.'],
  WEIGHS_IN: ["Yes, that's exactly it.", "I don't think that is enough.", 'Makes sense, thanks.', 'Why? The lock is held there.'],
  REVERTED: ["I've dropped the patch from my tree.", "I'll revert it for now.", "We'll drop commit 1234567890ab."],
  OWN_PROBLEM: ['I have seen something like this on my server.', 'I am running NFS in a container.', 'Me too, on 6.1.'],
  NAMES_FIX: [
    'Slab fix is submitted here, please feel free to test:',
    'Submitted for review:',
    'This is fixed by 1234567890ab upstream.',
    'Stable is missing 1234567890ab.',
    'Can you pick this one for 6.6-stable?',
    'We think it addresses this crash.',
    'The backport needs 1234567890ab as well.',
  ],
  NAMES_CAUSE: ['The hang was introduced by 1234567890ab.', 'That commit only exposed the bug.', 'git bisect says so.'],
  WORKAROUND: ['As a workaround, boot with nosmp.', 'Disabling CONFIG_FOO avoids the crash.', 'The workaround is to mount with noatime.'],
};

/** Sentences that are not what the rule is for. */
const NOT: Record<string, string[]> = {
  APPLIED: [
    'Most of what has been merged since 6.8 is in -mm.',
    'I have taken care of the alignment.',
    'I added it to the Cc list.',
    'Then I added a printk to the loop.',
  ],
  POSITIVE_TEST: [
    'So current code works correctly for this case.',
    'It does worry me that each time a problem is addressed another appears.',
    'A satisfactory way to solve the problem.',
  ],
  NEGATIVE_TEST: ['Semantically there should be no difference between the two.'],
  REJECTION: ['The patch looks right to me.'],
  NOT_A_BUG: ['It is a real bug.'],
  NAMES_FIX: ['I have sent the log below.', 'Is this the fix?'],
  WORKAROUND: ['The kconfig solution feels a bit like a workaround.', 'The kconfig solution feels a bit as a workaround.'],
};

const rules: [string, RegExp][] = [];
for (const [name, value] of Object.entries(phrases)) {
  if (value instanceof RegExp) rules.push([name, value]);
  else if (Array.isArray(value)) for (const [i, re] of value.entries()) rules.push([`${name}[${i}]`, re as RegExp]);
}

describe('phrase rules', () => {
  it('every rule has samples', () => {
    expect(rules.map(([name]) => name).filter((name) => !SAMPLES[name])).toEqual([]);
    expect(Object.keys(SAMPLES).filter((name) => !rules.some(([n]) => n === name))).toEqual([]);
  });
  for (const [name, re] of rules) {
    it(`${name} matches its samples`, () => {
      for (const s of SAMPLES[name] ?? []) expect(re.test(s), s).toBe(true);
    });
  }
  for (const [list, sentences] of Object.entries(NOT)) {
    it(`${list} does not match what it is not for`, () => {
      const value = (phrases as Record<string, unknown>)[list];
      const patterns = Array.isArray(value) ? (value as RegExp[]) : [value as RegExp];
      for (const s of sentences)
        expect(
          patterns.some((re) => re.test(s)),
          s,
        ).toBe(false);
    });
  }
});

describe('testPolarity', () => {
  it.each([
    ['That fixes it for me.', 'positive'],
    ['Still crashes, sorry.', 'negative'],
    ['Does it fix the crash?', null],
    ['If this fixes it, send a patch.', null],
    ['This should fix the crash.', null],
    ['I think your patch can resolve this issue.', null],
    ['Enable debugging, then it may fail again despite your patch.', null],
    ['I can confirm the patch fixes it.', 'positive'],
    // "can" of ability with a result is a report, not a prediction.
    ['I can still hit the same crash with your patch.', 'negative'],
    ['With that change it can crash in other places.', null],
    ['I cannot reproduce a crash with "killall -9 gadgetd" on the fixed kernel.', 'positive'],
  ] as const)('%s → %s', (sentence, polarity) => {
    expect(phrases.testPolarity(sentence)).toBe(polarity);
  });
});
