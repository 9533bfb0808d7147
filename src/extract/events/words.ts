// Closed word classes of English that the event grammar reads. Plain lists: no data file needed.

const set = (s: string) => new Set(s.split(/\s+/).filter(Boolean));

export const BE = set('be is are was were been being am');
export const HAVE = set('have has had having');
export const DO = set('do does did');
export const FUTURE = set('will would shall ’ll');
export const POSSIBLE = set('may might could can');
export const OBLIGATION = set('must should');
export const MODALS = new Set([...FUTURE, ...POSSIBLE, ...OBLIGATION, "'ll", "'d", '’d']);
export const NEGATION = set("not n't n’t never no cannot neither nor");

export const DETERMINERS = set(
  "the a an this these those its his her their our my your any no every each another 's ’s whose some several such",
);

export const SUBORDINATORS = set(
  'that which who whom whose because after before when whenever while since if unless although though whereas until as where once so',
);
/** Subordinators that introduce an unreal or conditional clause: events inside are not reported as happening. */
export const CONDITIONAL = set('if unless whether');
export const RELATIVE = set('which who whom whose');

/** Verbs of saying and reporting: never events themselves, they only frame one. */
export const REPORTING = set(
  'said say says saying told tells stated states announced announces declared declares reported reports added adds stressed stresses noted notes claimed claims confirmed confirms quoted reiterated reiterates insisted insists explained explains wrote writes concluded concludes believes believed thinks thought argued argues according',
);

/** Matrix words that mark a to-infinitive as planned (not yet happened). */
export const PLANNED = set(
  'plan plans planned planning intend intends intended scheduled set expected due going about likely poised hope hopes hoped want wants wanted seek seeks sought aim aims aimed expects try tries tried attempt attempts attempted',
);
/** Matrix words that mark a to-infinitive as a commitment (PLOVER codes the commitment as AGREE). */
export const COMMITTED = set('ready willing prepared determined vowed vow vows resolved committed');
/** Planning words that put an event on a schedule rather than announce an intention. */
export const SCHEDULED = set('scheduled set expected due poised likely about');

export const PREPOSITIONS = set(
  'in at on to from with by for of into onto against over about across between among during under near toward towards through without within amid amidst despite after before since following inside outside along around upon via per like beyond',
);
export const LOCATIVE = set('in at near inside outside across throughout around');
/** Prepositions whose object is not a participant of the event. */
export const NON_PARTICIPANT = set(
  'over about during despite since amid amidst following according after before like',
);

export const TIME_WORDS = set(
  'today yesterday tonight tomorrow monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december week month year weekend morning evening night earlier later recently now',
);

export const ADVERBS = set(
  'also already still now then just again further jointly formally officially finally reportedly allegedly reportedly routinely flatly bluntly firmly strongly immediately quickly once first never ever even recently previously repeatedly personally unilaterally publicly privately secretly apparently effectively largely reluctantly not',
);

export const PRONOUNS = set('he she it they we i you him her them us its their his our who');

export const AGREEMENT_NOUNS = set(
  'treaty treaties agreement agreements deal deals accord accords pact pacts memorandum memoranda protocol protocols contract contracts convention document documents charter declaration plan resolution law constitution',
);

export const HOSTILE = new Set(['ASSAULT', 'COERCE', 'SANCTION', 'MOBILIZE']);

/** Common base-form verbs that follow "to" in purpose clauses, besides the dictionary's own. */
export const COMMON_VERBS = set(
  'be become help make take ensure allow end avoid stop show discuss develop build keep prevent protect promote strengthen boost bring create improve expand deepen push counter counterbalance stabilize stabilise serve give get put find win boost secure demand press seek win face fight defend finance fund',
);

export function isAdverb(lower: string): boolean {
  return (
    ADVERBS.has(lower) ||
    (lower.length > 4 &&
      lower.endsWith('ly') &&
      !/^(rally|ally|italy|july|fly|apply|supply|reply|family|assembly)$/.test(lower))
  );
}

export function isPunct(text: string): boolean {
  return !/[\p{L}\p{N}]/u.test(text);
}

export const QUOTE_CHARS = set('" “ ” « » ``' + " ''");
