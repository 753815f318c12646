// The phrases kernel developers use when a patch works or fails, is applied or queued, is rejected, is only
// for debugging; when they name a fix, a cause, a guess; when they close a report as not a bug or a duplicate.
// Each is checked on one sentence of a message's own text (never on quoted text). Every pattern is written
// from how the lists talk, and each has a sample in test/analysis/phrases.test.ts.
import { anyPatternMatches } from '../any-pattern.ts';

const PROBLEM = String.raw`(?:it|this|that|the (?:problem|issue|bug|oops|crash|hang|warning|panic|lockup|splat|regression|leak|failure|corruption|deadlock|report|symptom)s?|my (?:problem|issue|case|test)|both|them)`;

/** "fixes it for me", "works now", "passes my reproducer", "I can confirm the hang is gone". */
export const POSITIVE_TEST = [
  new RegExp(
    String.raw`\b(?:it|this|that|which|the (?:patch|fix|change|diff|commit|kernel|series|update|revert)|your (?:patch|fix|change|diff|series)|v\d+|with (?:it|this|that|the (?:patch|fix|change)|your (?:patch|fix|change)))(?:\s+(?:applied|on|to|against|in|with)(?:\s+[\w.-]+)?){0,2}\s+(?:(?:really|indeed|definitely|also|actually|clearly|finally|seems to|appears to)\s+)?(?:(?:did|does)\s+(?:fix|solve|resolve|cure|kill|address)|fix(?:es|ed)|solve[sd]|resolve[sd]|cure[sd]|kill(?:s|ed)|address(?:es|ed))\b[^.?!]{0,40}?\b${PROBLEM}`,
    'i',
  ),
  /\b(?:that|this|it) (?:did|does) the trick\b/i,
  /^(?:but |and |ok,? |yes,? )?(?:this|that|it|the (?:patch|fix|change|diff)|your (?:patch|fix|change)) (?:indeed |really |also |actually |definitely )?(?:works|worked|helps|helped)\b/i,
  /\bno more (?:oops(?:es)?|crash(?:es)?|problems?|issues?|warnings?|hangs?|splats?|lockups?|failures?)\b/i,
  /\b(?:it |this |that |everything |all |the (?:patch|fix|change|kernel|system|machine|box|test) )?works?(?: (?:fine|great|well|perfectly|again|ok|okay|correctly|as expected|like a charm))*(?: (?:for me|now|here|with (?:it|this|that|the (?:patch|fix|change))))+\b/i,
  /^(?:this |that |it |the (?:patch|fix|change) )?works(?: (?:fine|great|well|perfectly|again|ok|okay|correctly|like a charm))?[.!]*$/i,
  /\b(?:it|this|that|everything|all|the (?:patch|fix|change|kernel|system|machine|box|test|reproducer|build))(?: now| still| all)? (?:works|worked|is working|was working|keeps working) (?:fine|great|well|perfectly|correctly|as expected|like a charm)\b|\bworking (?:fine|great|well|perfectly) (?:with|after|since)\b/i,
  /\bpass(?:es|ed)? (?:all |my |the |our )?(?:(?:own |stress |regression |syzkaller |kselftest |xfstests? )?(?:reproducers?|tests?|testing|test ?cases?|stress tests?|test suite|runs?))\b/i,
  /\bsurvived\b/i,
  /\b(?:found|saw|see|seen|observed|hit|had|got|get) no (?:more )?(?:issues?|problems?|crash(?:es)?|hangs?|failures?|regressions?|warnings?|splats?|oops(?:es)?|errors?)\b/i,
  /\b(?:did|does|do)(?:n't| not) (?:see|hit|get|reproduce|trigger|observe) (?:it|this|that|the (?:problem|issue|bug|oops|crash|hang|warning|splat|failure)|any (?:problems?|issues?|crash(?:es)?|hangs?|warnings?|splats?)) (?:any ?more|again|since|after|with)\b/i,
  /\bno (?:more )?(?:oops(?:es)?|crash(?:es)?|problems?|issues?|warnings?|hangs?|splats?|lockups?|failures?|regressions?)(?: (?:so far|since|anymore|any more|after|seen|observed|reported))\b/i,
  /\b(?:can(?:not|'t)|could(?:n't| not)|am unable to|unable to|no longer|not able to)(?: \w+)? (?:reproduce|trigger|hit|see|observe)\b[^.?!]{0,30}\b(?:any ?more|again|with (?:the|this|that|your) (?:patch|fix|change)|after (?:applying|the)|on the (?:fixed|patched) (?:kernel|tree|branch))\b/i,
  /\bno longer (?:reproduces?|reproducible|triggers?|crash(?:es)?|hangs?|happens?|occurs?|see|hit|get|observe)\b/i,
  /\bhaven't (?:seen|hit|had) (?:it|the (?:oops|crash|problem|bug|warning|hang)|any (?:problems?|issues?|crash(?:es)?)) (?:since|again|any ?more)\b/i,
  new RegExp(
    String.raw`\b${PROBLEM} (?:is|are|was|were|has|have|seems|seem|appears) (?:now |all |indeed |completely |totally )?(?:to be )?(?:gone|fixed|resolved|solved|disappeared|vanished|no longer (?:there|present|reproducible|seen|observed))\b`,
    'i',
  ),
  /\b(?:confirm|verified|verify|confirmed)\b[^.?!]{0,50}\b(?:fix(?:es|ed)?|works?|resolves?|solves?|passes|gone|avoids?|prevents?)\b/i,
  /\btested (?:it|this|that|the (?:patch|fix|change|series)|your (?:patch|fix|change|series))\b[^.?!]{0,60}\b(?:works?|fine|good|gone|fixed|solves|resolves|fixes|passes|ok)\b/i,
  // syzbot's answer to `#syz test`.
  /\breproducer did not trigger\b/i,
];

/** "doesn't fix it", "still oopses", "the same crash again": checked first, it overrides a positive match. */
export const NEGATIVE_TEST = [
  /\b(?:does(?:n't| not)|did(?:n't| not)|fails? to|failed to) (?:seem to )?(?:fix|help|solve|cure|resolve|change (?:anything|a thing|the behaviou?r)|make (?:a|any) difference)\b/i,
  /\b(?:makes?|made|making) no (?:difference|change)\b|\bno (?:change|improvement) (?:in (?:the )?(?:behaviou?r|result|symptoms?))\b/i,
  /\bstill (?:oops|crash|see|get|hit|happen|hang|fail|reproduc|trigger|broken|there|present|occur|panic|lock|warn|spew|spit|result|show|produc|end|give)/i,
  /\b(?:get|got|see|saw|hit|getting|seeing|still have|still has)\s+(?:the\s+|exactly\s+the\s+)?same (?:oops|crash|problem|result|bug|warning|trace|splat|failure|hang|panic)\b/i,
  /\b(?:oops|crash|hang|panic|lock|fail)(?:ed|es|s)? (?:again|once more)\b/i,
  /\bit (?:just )?(?:oopsed|crashed|hung|died|paniced|panicked|locked up) (?:again|as well|too|with (?:the|this|that|your) (?:patch|fix|change))\b/i,
  /\bnot fixed\b|\bdid not help\b/i,
  // syzbot's answer to `#syz test` when the bug is still there.
  /\breproducer (?:is )?still trigger(?:ed|ing|s)\b/i,
];

/** A maintainer taking the patch: "Applied, thanks", "Now queued up", "I've pushed it to net". */
export const APPLIED = [
  /^(?:(?:thanks|thank you)[,!.]?\s*|now\s+|ok[,.]?\s*|so\s+)?(?:applied|queued(?: up)?|merged|pulled|picked up|committed|pushed out|taken)\b/i,
  /\b(?:I|we)(?:'ve| have| had)? (?:now |just |already |also |finally )?(?:applied|queued(?: (?:it|this|that|them))?(?: up)?|merged|pulled|committed|picked (?:it |this |that |them |these )?up|pushed (?:(?:it|this|that|them|these|the (?:patch|fix|series|change)|this (?:patch|fix|series|change)) )?(?:out|to|into)|(?:taken|took|integrated|included|lined up) (?:it|this|that|them|these|the (?:patch|fix|series|change|commit)|your (?:patch|fix|series|change|commit)|v\d+|\w+'s (?:patch|fix|series|change|commit)))\b/i,
  /\b(?:it|this|that|they|these|both|the (?:patch|fix|series|change|commit)|your (?:patch|fix|series|change))(?:es)? (?:has|have|had|is|are) (?:now |just |already )?(?:been )?(?:applied|queued|merged|picked up|committed|pushed)\b/i,
  /\b(?:applied|queued|merged|picked up|pushed) (?:it |this |that |them |the (?:patch|fix|series) )?(?:to|in|into|on|for) (?:my|the|his|her|\S+\/\S+|-?git|mainline|linux-next|\S+[-.](?:fixes|next|linus|stable|urgent|current|misc)\S*)\b/i,
  /\badded (?:it |this |that |them |the (?:patch|fix|series) )?to (?:my|the) (?:[\w./-]+ )?(?:tree|queue|branch|repo|git)\b/i,
];

/** A maintainer saying they will take it: weaker than done, stronger than a review. */
export const WILL_APPLY = [
  /\bI(?:'ll| will| shall| can| plan to| am going to|'m going to) (?:go ahead and )?(?:apply|queue|take|merge|pick (?:it|this|that|them|v\d+) up|pick up|send (?:it|this|that|them) (?:to Linus|upstream|on))\b/i,
  /\bwill (?:push|send|forward) (?:it|this|that) (?:to Linus|upstream)\b/i,
];

/** A tester's set-up, not a maintainer's hand: "with the patch applied", "after applying", "applied it and ran". */
export const APPLIED_BY_TESTER =
  /\b(?:the|a|that|this) (?:one|patch|commit|change|fix|version) (?:that |which )?(?:we|I|you|they|he|she) (?:merged|applied|took|queued)\b|\bwith\b[^.]*\bapplied\b|\bpatch(?:es)? applied\b|\bafter applying\b|\bif (?:\w+ )*applied\b|\bapplied (?:here|locally|on top|cleanly|fine|both)\b|\bapplied (?:it|them|the (?:patch|fix|diff|change)|your (?:patch|fix|diff|change)|this|that)?\s*(?:and|,|then)\s|\b(?:test|boot|compil|build|reproduc|run|ran)/i;

/** A pull request: the fixes go to Linus as a tree. */
export const PULL_REQUEST = /\b(?:please pull|pull from|git pull|are available in the git repository|following changes since commit)\b/i;

/** The author's own words that a patch is not meant as the fix. */
export const DISCLAIMER = [
  /\bdo(?:n't| not) expect (?:this|it|the (?:patch|change)) to (?:matter|help|fix|make)/i,
  /\bnot for (?:inclusion|merging|merge|upstream|applying)\b/i,
  /\b(?:debug(?:ging)?|diagnostic|instrumentation|tracing) (?:patch|hack|code|aid|printks?|output|info)\b/i,
  /\b(?:quick|ugly|gross|dirty|crude) hack\b/i,
  /\bjust to (?:see|check|test|get|find out|confirm|illustrate|show|narrow)\b/i,
  /\bfor illustration\b|\bto illustrate\b/i,
  /\bto (?:gather|collect|get) (?:more )?(?:info|information|data|details)\b/i,
  /\bNOT (?:a|the) (?:real |proper |correct )?fix\b/,
  /\b(?:just|only|purely) for (?:testing|debugging|test(?:ing)? purposes|diagnos\w*|experiment\w*)\b|\bfor testing only\b/i,
];

/** The author saying the patch was not tried: no judgement on whether it is the fix. */
export const UNTESTED = [/\b(?:totally |completely |compile[- ])?untested\b/i, /\bnot (?:even )?(?:compile[d-]? )?tested\b/i];

/** The author standing behind a patch as the fix: "The patch below fixes the problem", "the below should fix it". */
export const SELF_CLAIM = [
  /\b(?:the )?(?:patch|change|fix|diff) (?:below|attached|above) (?:fixes|solves|cures|resolves|addresses)\b/i,
  /\b(?:the|this|a) (?:correct|proper|real|right|safe) fix\b/i,
  new RegExp(
    String.raw`\b(?:this|the below|below|the following|the attached|this patch|this change) (?:should )?(?:fix(?:es)?|solves?|resolves?|addresses) ${PROBLEM}`,
    'i',
  ),
];

/** A reviewer turning a patch down: a NAK, "this is wrong", "not the right fix", a different approach asked for. */
export const REJECTION = [
  /\bNAK(?:ed)?\b|\bNACK(?:ed)?\b|^Nacked-by:/,
  /\b(?:this|that|the|your) (?:patch|fix|change|approach|diff)? ?(?:is|looks|seems) (?:just )?(?:wrong|incorrect|bogus|broken|not (?:right|correct|the right (?:fix|approach|way)))\b/i,
  /\bnot the (?:right|correct|proper) (?:fix|approach|way|solution|place)\b/i,
  /\b(?:this|that|it)(?:'s| is) (?:the |a |just the )?(?:wrong|incorrect|bogus|broken) (?:fix|approach|patch|way|place|solution)\b/i,
  /\b(?:papers?|papering) over (?:the|a|this) (?:real |actual |underlying )?(?:problem|bug|issue)\b/i,
  /\b(?:I )?(?:don't|do not) (?:think|believe) (?:this|that|the|your) (?:patch|fix|change|approach) (?:is (?:right|correct|the right)|fixes|addresses|solves)\b/i,
  /\b(?:I|we) (?:need|want|prefer|would rather have) a (?:different|better|proper|real) (?:fix|approach|solution)\b/i,
  /\b(?:just|only|merely) (?:passes|silences|hides|masks|suppresses|avoids)\b[^.]{0,60}\b(?:without|instead of)\b|\bwithout (?:really )?(?:fixing|addressing|solving) the (?:real|actual|underlying|root)\b/i,
];

/** Statements of cause, for the root-cause draft and the timeline. */
export const CAUSE = [
  /\bthe (?:real |root |actual |underlying )?(?:problem|bug|issue|culprit|cause|reason) (?:here )?(?:is|was)\b/i,
  /\b(?:is|was|are|were) (?:caused|introduced) by\b|\bintroduced (?:in|by) (?:commit )?[0-9a-f]{7,}/i,
  /\bcaused (?:the|this|these)\b/i,
  /\b(?:returns?|gives?) (?:true|false|NULL|the wrong)\b.*\b(?:even|when|for|instead)\b/i,
  /\b(?:is|was|gets?|got) (?:freed|released|reused|overwritten|corrupted|poisoned)\b/i,
  /\buse[- ]after[- ]free\b|\bdouble[- ]free\b|\brace (?:between|with|condition|window)\b|\bdeadlocks? (?:between|because|when)\b/i,
  /\b(?:forgot|forgets|fails?) to (?:take|hold|drop|release|check|initiali[sz]e|clear|call|update|wake)\b/i,
  /\b(?:comes|came) from\b/i,
];

/** The thread's thanks to whoever found it: "nice catch", "good find". */
export const PRAISE = /\b(?:(?:good|nice|great|excellent) (?:catch|find|work|job|detective work|debugging)|well done|kudos)\b/i;

export const HYPOTHESIS =
  /\b(?:I (?:suspect|think|guess|bet|believe|wonder if|assume)|(?:it )?(?:looks|seems|smells|sounds) (?:like|as if)|probably|maybe|might be|could be|my (?:guess|theory|suspicion)|hypothes[ie]s|suspicious)\b/i;
export const QUESTION =
  /\b(?:can|could|would|will|do|does|did|have|has|is|are) you\b|\bplease (?:try|test|send|check|enable|run|apply|share|provide|post)\b|\bany (?:chance|idea)\b/i;
export const BISECT =
  /\bbisected\b|\bran (?:a )?(?:quick |git )?bisect(?:ion)?\b|\bbisect(?:ion)? (?:said|says|shows|showed|pointed|points|lands?|landed|found|identified)\b|\bfirst bad commit\b|\bbisection (?:result|log|points|shows|says|ended|lands?)\b|\bI(?:'m| am|'ll| will| have)? (?:going to |try(?:ing)? to |started to |now )?bisect(?:ing)?\b|\bgit bisect\b|\bbisected to\b/i;
/** The thread rejects a bisection: "the bisection is bogus", "bisected to an unrelated commit". */
export const BISECTION_REJECTED =
  /\bbisect(?:ion|ed)?\b[^.]{0,60}\b(?:got confused|is (?:wrong|bogus|incorrect|unreliable|off|flawed)|went wrong|(?:looks|seems) (?:wrong|bogus|unrelated|incorrect)|(?:to|at) (?:an? )?(?:unrelated|innocent|wrong) commit|not (?:the|a) (?:real |actual )?culprit)\b|\b(?:wrong|bogus|incorrect|unrelated|confused|misleading|flawed|mis-?)(?:bisection|bisect(?:ed)?)\b/i;
/** A verdict that there is nothing to fix in the kernel. */
export const NOT_A_BUG =
  /\b(?:not (?:really |actually )?a (?:kernel |real )?(?:bug|issue|problem|regression)|(?:is |was )?expected behaviou?r|works as (?:intended|designed|expected)|working as (?:intended|designed|expected)|user(?:space)? error|(?:a )?(?:userspace|user space|application|firmware|BIOS) (?:bug|issue|problem)|(?:faulty|bad|broken|defective) (?:ram|memory|hardware|dimm|cpu|disk)|memtest(?:86)? (?:found|shows|reports)|hardware (?:problem|issue|fault|failure|bug)|(?:a )?false positive|(?:bad|broken|bogus|wrong|invalid) test(?:case)?\b|the test is (?:wrong|broken|bogus|invalid)|(?:wrong|problem|bug|issue)\b[^.]{0,40}\b(?:out-of-tree|proprietary|third-party|binary-only) (?:kernel )?(?:modules?|drivers?))\b/i;
/** The thread settling on a way around the bug: "as a workaround, boot with …", "disabling CONFIG_X avoids it". */
export const WORKAROUND =
  /\b(?:(?<!\b(?:feels?|seems?|looks?|bit|more|just|only|rather|reads|sounds?|not even)\s)as a (?:temporary )?(?:workaround|stop-?gap)|(?:the|a|one|possible) workaround (?:is|would be|for now is|works)|workaround:|work(?:ed|s)? around (?:it|this|the (?:problem|issue|bug|crash|hang)) by|disabl(?:e|ing) CONFIG_\w+ (?:avoids|makes|fixes)|booting with \S+ (?:avoids|fixes|works))\b/i;
/** "I will send a patch", "here is a patch": a fix is on its way. */
export const PROMISE =
  /\b(?:I(?:'m| am|'ll| will| shall)? (?:be )?(?:send(?:ing)?|post(?:ing)?|re-?send(?:ing)?|submit(?:ting)?)|will (?:send|post|submit)|here(?:'s| is) (?:a|the|my) (?:patch|fix))\b[^.?!]{0,40}\b(?:patch(?:set|es)?|series|fix|version|v\d+)\b/i;
/** A report closed as the same as another one. */
export const DUPLICATE =
  /\b(?:(?:is|looks like|seems to be|this is|it's) (?:a |the same as (?:a |the )?)?dup(?:e|licate)?(?: (?:of|report))?\b|same (?:bug|issue|problem|crash|report) as\b|already (?:reported|tracked) (?:in|at|as|here)\b)/i;

/** A fix that is in a maintainer's tree: "is in the v6.12-rc pile", "queued in nfsd-fixes". */
export const QUEUED =
  /\b(?:is|are|was|were|got|been) (?:now |already )?(?:in|queued|merged|applied|pulled)\b.{0,40}?\b(?:pile|tree|branch|queue|git|-rc|next|fixes|mainline)\b/i;

/** A run of an experiment and its outcome: "I can reproduce it on btrfs too", "Tested 128 runs", "I've done more testing". */
export const EXPERIMENT =
  /\b(?:I|we)(?:'ve| have)? (?:also |now |just |finally )?(?:tested|tried|re-?ran|ran|reproduced|done (?:a bit (?:of )?|some )?(?:more )?testing)\b|\b(?:I|we) (?:can|could|cannot|can't|couldn't|could not|(?:am|are|was|were|have been|had been)(?: not| un)?\s?able to) (?:(?:still|also|easily|reliably) )?reproduce\b|\b(?:is|are) (?:also )?able to reproduce\b|\btested \d+\b|\bonly (?:reproduces|happens|triggers)\b|\b(?:doesn't|does not|didn't|did not) reproduce\b/i;

/** A log sent along: "I've attached a trace", "attached is the dmesg", "full log here: <url>". */
export const ATTACHED_LOG =
  /\b(?:attached|attaching|attach|here(?:'s| is)|uploaded)\b[^.]{0,30}\b(?:traces?|logs?|dmesg|console output|output|backtraces?|stack ?traces?)\b|\b(?:traces?|logs?|dmesg|console output) (?:is |are )?attached\b/i;

/** A reply's opening that weighs what it answers. */
export const WEIGHS_IN =
  /^(?:(?:oh|ah|ok|okay|well|hmm+),?\s+)?(?:yes|yep|yeah|no|nope|agreed|right|exactly|indeed|correct|true|makes sense|sounds (?:good|right|reasonable)|fair enough|good point|I (?:see|agree|disagree|concur)|I(?:'m| am) not (?:sure|convinced)|I (?:don't|do not) (?:think|agree|see|buy)|not (?:sure|really|quite)|that(?:'s| is) (?:not|wrong|right|correct|true)|this (?:still )?doesn't|sorry, but)\b|^why\?/i;

/** What a person does when they revert or drop a commit themselves. */
export const REVERTED =
  /\b(?:I(?:'ve| have|'ll| will)?|we(?:'ve| have|'ll| will)?|let's|please) (?:just |now |go ahead and )?(?:revert(?:ed)?|drop(?:ped)?|remove[ds]?) (?:it|this|that|the (?:patch|commit|change)|commit\b|[0-9a-f]{7,})/i;

/** Words of someone describing their own system: "on my server", "I am running NFS in a container", "me too". */
export const OWN_PROBLEM =
  /\b(?:my|our) (?:own )?(?:system|machine|server|laptop|desktop|box|setup|host|production|cluster|container|vm|device|hardware|board|workstation)s?\b|\bI(?:'m| am) (?:running|using|seeing|hitting|having)\b|\bI (?:have|had|see|saw|get|got|hit) (?:the same|a similar|seen something|seen this|something (?:like|similar))\b|\bme too\b|\bon my\b/i;

/** Words around a commit that make it the fix. */
export const NAMES_FIX = new RegExp(
  [
    String.raw`\b(?:fixed|addressed|resolved|solved|cured) (?:by|in|with|upstream|since)\b`,
    String.raw`\bthe (?:proper |real |upstream |right )?fix (?:is|was|for (?:this|it|that)|has|landed|went)\b`,
    String.raw`\b(?:fix(?:es|ed)?|address(?:es|ed)?|resolve[sd]?|solve[sd]?|cure[sd]?) (?:this|it|that|the (?:issue|problem|bug|crash(?:er)?|hang|warning|regression|report|oops|splat|symptoms?))\b`,
    String.raw`\b(?:pick|backport|cherry-pick|apply|queue|take)(?: up)?(?: \S+){0,3}? (?:for|to|into|in) (?:stable|\d+\.\d+(?:\.y|-stable)?|the stable|linux-\d)`,
    String.raw`\bstable (?:is |tree is )?missing\b|\bmissing (?:the )?(?:upstream )?(?:commit|fix|backport|prerequisite)\b|\b(?:commit|fix|patch|prerequisite|backport) (?:is|was) missing\b`,
    String.raw`\bshould (?:be )?(?:fix(?:ed)?|address(?:ed)?|resolve[sd]?) (?:this|it|that|by)\b`,
    String.raw`\bfix (?:for (?:this|it) )?(?:is|was) (?:queued|merged|applied|in)\b`,
    String.raw`\b(?:needs?|requires?|lacks?) (?:the )?(?:upstream )?(?:commit |fix |patch )?[0-9a-f]{7,40}\b`,
    String.raw`\b(?:fix|patch|v\d+|series)\b[^.]{0,30}\b(?:submitted|posted|sent)\b[^.]{0,20}\b(?:here|at|to|as)\b|^(?:submitted|posted|sent)(?: (?:it|this|the (?:fix|patch)))?(?: for review| upstream| officially)?:`,
  ].join('|'),
  'i',
);

/** Words that make a named commit the cause, not the fix. */
export const NAMES_CAUSE =
  /\b(?:introduced|caused|broke|broken|regressed|triggered) (?:by|in|with)\b|\b(?:exposed|uncovered|revealed|unmasked)\b|^Before\b|\bfirst bad commit\b|\bbisect|\brevert|\bculprit\b|\bregzbot introduced\b|\bFixes:/i;

export function matchesAny(patterns: RegExp[], text: string): boolean {
  return anyPatternMatches(patterns, text);
}

/**
 * A prediction, a hope or a question is not a test result: "this should fix it", "it might help",
 * "could you test whether it works?". A hedged verb before the result word makes the sentence one.
 */
const HEDGED =
  /\b(?:should|would|might|may|could|will|won't|hope(?:fully)?|expect|think|believe|guess|suspect|if|whether|unless|in case|once|can(?! (?:confirm|verify|report|now|no longer|not|see|still|hit|reproduce|trigger|observe)\b)|can't see why)\b[^.?!]{0,80}\b(?:fix|help|work|solve|resolve|cure|address|pass|go away|make|change|fail|crash|hang|break|oops|trigger|happen)/i;

/**
 * Positive only when no negative phrase is in the same sentence. A question, a condition, a prediction or
 * reported speech is not a test result.
 */
export function testPolarity(sentence: string): 'positive' | 'negative' | null {
  if (/\?\s*$/.test(sentence)) return null;
  // Reported speech is someone else's result ("you wrote 'it oopsed again'"); a quoted command is not: judge
  // the words outside the quotes.
  sentence = sentence.replace(/["“][^"”]{2,}["”]/g, '""');
  // A condition is not a result: "if it is gone, it is one of the modules", "works fine only if …".
  if (/\b(?:if|unless|whether|in case|only when)\b/i.test(sentence)) return null;
  if (matchesAny(NEGATIVE_TEST, sentence)) return HEDGED.test(sentence) && !/\bstill\b|\bdid(?:n't| not)\b/i.test(sentence) ? null : 'negative';
  if (matchesAny(POSITIVE_TEST, sentence)) return HEDGED.test(sentence) ? null : 'positive';
  return null;
}
