// The phrases kernel developers use when a patch works, fails, is applied, is only for debugging, or when they
// state a cause or a guess. Each is checked on one sentence of a message's own text (never on quoted text).
import { anyPatternMatches } from '../any-pattern.ts';

/** "fixes it for me", "works now", "survived 20 runs", "can't reproduce it anymore". */
export const POSITIVE_TEST = [
  /\b(?:fix(?:es|ed)?|solve[sd]?|resolve[sd]?|cure[sd]?|kill(?:s|ed))\b[^.?!]{0,40}?\b(?:it|problem|issue|bug|oops|crash|hang|warning|panic|lockup|splat|regression|boot)\b/i,
  /\bworks?(?: (?:fine|great|well|perfectly|again|ok))?(?: (?:for me|now|here))\b/i,
  /^works for me\b/i,
  /\bsurvived\b/i,
  /\brock solid\b/i,
  /\bno (?:more )?(?:oops(?:es)?|crash(?:es)?|problems?|issues?|warnings?|hangs?|splats?|lockups?)(?: (?:so far|since|anymore|any more|with|after))?\b/i,
  /\b(?:can(?:not|'t)|could(?:n't| not)|am unable to|unable to) (?:reproduce|trigger|hit) (?:it|this|the (?:bug|problem|oops|crash|issue)) (?:any ?more|again)\b/i,
  /\bhaven't (?:seen|hit) (?:it|the (?:oops|crash|problem|bug|warning)) (?:since|again|any ?more)\b/i,
  /\b(?:really|indeed) got fixed\b|\b(?:is|got|been) fixed\b(?! by)/i,
  /\b(?:oops(?:es)?|crash(?:es)?|problem|warning|bug|hang|splat) (?:is|are|has|have) (?:now |all )?gone\b/i,
  /\b(?:KASAN|the (?:warning|oops|crash|splat|report)) (?:is|was) no longer (?:observed|seen|reported|triggered)\b/i,
  // syzbot's reply to `#syz test`.
  /\breproducer did not trigger any issue\b/i,
];

/** "doesn't fix it", "still oopses", "no joy", "oopsed again": checked first, it overrides a positive match. */
export const NEGATIVE_TEST = [
  /\b(?:does(?:n't| not)|did(?:n't| not)|won't|will not|wouldn't|fails? to|can(?:'t|not)) (?:seem to )?(?:fix|help|solve|cure|make (?:a|any) difference)\b/i,
  /\bstill (?:oops|crash|see|get|hit|happen|hang|fail|reproduce|trigger|broken|there|present|occur|panic|lock)/i,
  /\b(?:without success|no joy|no luck|nope|not fixed)\b/i,
  /\b(?:get|got|see|saw|hit|getting|seeing|still have|still has)\s+(?:the\s+|exactly\s+the\s+)?same (?:oops|crash|problem|result|bug|warning|trace|splat|failure)\b/i,
  /\b(?:oops|crash|hang|panic|lock|fail)(?:ed|es|s)? (?:again|once more|as well)\b/i,
  /\bit (?:just )?(?:oopsed|crashed|hung|died|paniced|panicked|locked up)\b/i,
  /\bdamn\b.*\b(?:still|again|nope|no joy|oops)/i,
  /\b(?:thought|looked like|hoped) (?:it|this|that) was (?:fixed|it)\b/i,
];

/** A maintainer taking the patch: "Applied, thanks", "I've queued it", "Linus has already put that one into -git". */
export const APPLIED = [
  /^(?:thanks[,!.]?\s*)?(?:applied|queued|merged|pulled|picked up|committed)\b/i,
  /\bI(?:'ve| have| just| now)? (?:applied|queued(?: up)?|merged|pulled|committed|picked (?:it |this |that )?up|pushed|added (?:it|this|that) to)\b/i,
  /\b(?:has|have|had) (?:already |now |just )?(?:applied|merged|pulled|queued|committed|put (?:it|that(?: one)?|this)(?: in| into)?)\b/i,
  /\b(?:already )?put (?:it|that(?: one)?|this) into\b/i,
  /\b(?:applied|queued|merged) (?:to|in|into) (?:my|the|his|her|[\w.-]+\/[\w.-]+|-?git|mainline|linux-next)\b/i,
  /\bwill (?:push|send|forward) (?:it|this|that) (?:to Linus|upstream)\b/i,
];

/** A pull request: the fixes go to Linus as a tree. */
export const PULL_REQUEST = /\b(?:please pull|pull from|git pull|are available in the git repository|following changes since commit)\b/i;

/** The author's own words that a patch is not meant as the fix. */
export const DISCLAIMER = [
  /\bdo(?:n't| not) expect (?:this|it|the (?:patch|change)) to (?:matter|help|fix|make)/i,
  /\b(?:totally |completely |compile[- ])?untested\b/i,
  /\bnot (?:even )?(?:compile[d-]? )?tested\b/i,
  /\bnot for (?:inclusion|merging|merge|upstream|applying)\b/i,
  /\b(?:debug(?:ging)?|diagnostic|instrumentation|tracing) (?:patch|hack|code|aid|printks?|output|info)\b/i,
  /\b(?:quick|ugly|gross|dirty|crude) hack\b/i,
  /\bjust to (?:see|check|test|get|find out|confirm|illustrate|show)\b/i,
  /\bfor illustration\b|\bto illustrate\b/i,
  /\bto (?:gather|collect|get) (?:more )?(?:info|information|data|details)\b/i,
  /\bNOT (?:a|the) (?:real |proper |correct )?fix\b/,
  /\b(?:something else|there's something else) going on\b/i,
];

/** The author standing behind a patch as the fix: "The patch below fixes the problem for me", "the correct fix". */
export const SELF_CLAIM = [
  /\b(?:the )?(?:patch|change|fix) (?:below|attached|above) (?:fixes|solves|cures)\b/i,
  /\b(?:the|a) (?:correct|proper|real|right|safe) fix\b/i,
  /\bthe fix (?:for [^.]{1,40} )?is my\b/i,
  /\bthis (?:patch )?(?:should )?fix(?:es)? (?:it|the (?:problem|bug|issue|oops|crash))\b/i,
];

/** Statements of cause, for the root-cause draft. */
export const CAUSE = [
  /\bthe (?:real |root |actual )?(?:problem|bug|issue|culprit|cause|reason) (?:here )?(?:is|was)\b/i,
  /\b(?:is|was|are|were) caused by\b/i,
  /\bcaused (?:the|this|these|occasional)\b/i,
  /\bregression introduced (?:in|by)\b/i,
  /\b(?:returns?|gives?) (?:true|false|NULL|the wrong)\b.*\b(?:even|when|for|instead)\b/i,
  /\b(?:is|was|gets?|got) (?:freed|released|reused|overwritten|corrupted|poisoned)\b/i,
  /\buse[- ]after[- ]free\b|\bdouble[- ]free\b|\brace (?:between|with|condition|window)\b|\bdeadlock(?:s)? (?:between|because|when)\b/i,
  /\b(?:forgot|forgets|fails?) to (?:take|hold|drop|release|check|initiali[sz]e|clear|call|update)\b/i,
  /\bwe (?:must|need to|have to|should) (?:take|use|pick|hold|check)\b/i,
  /\b(?:comes|came) from\b/i,
];

/** The thread's thanks to whoever found it: "You're a hero", "nice catch". */
export const PRAISE = /\b(?:you(?:'re| are) (?:a|the|my) hero|(?:good|nice|great|excellent) (?:catch|find|work|job|detective work|debugging)|well done|kudos|bravo|heroic)\b/i;

export const HYPOTHESIS = /\b(?:I (?:suspect|think|guess|bet|believe|wonder if|assume)|(?:it )?(?:looks|seems|smells|sounds) (?:like|as if)|probably|maybe|might be|could be|my (?:guess|theory|suspicion)|hypothes[ie]s|suspicious|smoking gun)\b/i;
export const QUESTION = /\b(?:can|could|would|will|do|does|did|have|has|is|are) you\b|\bplease (?:try|test|send|check|enable|run|apply)\b|\bany (?:chance|idea)\b/i;
export const BISECT = /\bbisected\b|\bfirst bad commit\b|\bbisection (?:result|log|points|shows|says|ended|lands?)\b|\bI(?:'m| am|'ll| will| have)? (?:going to |try(?:ing)? to |started to |now )?bisect(?:ing)?\b|\bbinary[- ]searched\b/i;
export const REVERT = /\brevert(?:ing|ed|s)?\b/i;
export const REVIEW = /^(?:Reviewed-by|Acked-by):|\blooks (?:good|right|fine|correct|sane) (?:to me)?\b|\bLGTM\b|\bmakes sense\b/i;
/** syzbot's own bookkeeping: the report is closed as invalid or as a duplicate. */
export const SYZ_INVALID = /^#syz (?:invalid|dup:)/m;
/** The thread rejects a bisection: "the automated bisection machinery got confused". */
export const BISECTION_REJECTED = /\bbisection\b[^.]{0,60}\b(?:got confused|is (?:wrong|bogus|incorrect|unreliable|off)|went wrong|(?:looks|seems) (?:wrong|bogus|unrelated))\b|\b(?:wrong|bogus|incorrect|unrelated|confused) bisection\b/i;
export const NOT_A_BUG = /\b(?:not a (?:kernel )?bug|expected behaviou?r|works as (?:intended|designed)|user error|(?:faulty|bad|broken|defective) (?:ram|memory|hardware|dimm|cpu)|memtest(?:86)? (?:found|shows|reports)|hardware (?:problem|issue|fault|failure))\b/i;
export const WORKAROUND = /\b(?:work(?:s|ed)? ?around|workaround|as a stop-?gap|disabl(?:e|ing) CONFIG_\w+ (?:avoids|makes|fixes)|booting with \S+ (?:avoids|fixes|works))\b/i;

export function matchesAny(patterns: RegExp[], text: string): boolean {
  return anyPatternMatches(patterns, text);
}

/**
 * Positive only when no negative phrase is in the same sentence. A question, a condition or reported speech
 * is not a test result: "if that patch doesn't fix it", "you wrote 'oh no, it oopsed again'".
 */
export function testPolarity(sentence: string): 'positive' | 'negative' | null {
  if (/\?\s*$/.test(sentence)) return null;
  if (/\b(?:if|whether|unless|in case)\b/i.test(sentence) || /["“][^"”]{6,}["”]/.test(sentence)) return null;
  // A prediction or an opinion is not a result: "I still think X can resolve this", "it won't help us".
  if (/\bI (?:still )?(?:think|believe|guess|suspect|hope|expect)\b|\b(?:can|could|would|should|might|may|will|won't)\b/i.test(sentence)) return null;
  if (matchesAny(NEGATIVE_TEST, sentence)) return 'negative';
  if (matchesAny(POSITIVE_TEST, sentence)) return 'positive';
  return null;
}
