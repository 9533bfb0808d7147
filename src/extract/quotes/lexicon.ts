import { existsSync, readFileSync } from 'node:fs';
import { modelPath } from '../../paths.js';

// Word lists for attribution: verbs that report speech or writing, and the words around them.
// General English; nothing here is tuned to a document.

/** How a cue verb form behaves. `finite`: said, says; `participle`: saying, adding (", adding that …"); `base`: say. */
export type CueForm = 'finite' | 'participle' | 'base';

export interface CueInfo {
  lemma: string;
  form: CueForm;
  /** The verb takes a recipient before its content ("told TASS that …", "asked reporters …"). */
  recipient: boolean;
  /** Reports what somebody wrote or said with an object and a description ("called X Y", "described X as Y"). */
  objectual: boolean;
}

// Regular verbs of saying and writing: inflections are generated.
const REGULAR = [
  'add',
  'acknowledge',
  'admit',
  'affirm',
  'allege',
  'announce',
  'argue',
  'assert',
  'assure',
  'boast',
  'brag',
  'caution',
  'claim',
  'comment',
  'complain',
  'concede',
  'conclude',
  'confirm',
  'contend',
  'continue',
  'counter',
  'declare',
  'deny',
  'emphasize',
  'emphasise',
  'explain',
  'insist',
  'joke',
  'lament',
  'maintain',
  'mention',
  'note',
  'observe',
  'point',
  'predict',
  'promise',
  'pledge',
  'propose',
  'quip',
  'reaffirm',
  'recall',
  'reiterate',
  'remark',
  'reply',
  'report',
  'respond',
  'retort',
  'reveal',
  'state',
  'stress',
  'suggest',
  'testify',
  'tweet',
  'underline',
  'underscore',
  'urge',
  'vow',
  'warn',
  'write',
  'ask',
  'inform',
  'describe',
  'call',
  'recount',
  'explain',
  'demand',
  'charge',
  'speculate',
  'estimate',
  'acknowledge',
  'agree',
  'proclaim',
  'predict',
  'hint',
  'post',
  'advise',
  'recommend',
  'indicate',
  'clarify',
  'shout',
  'yell',
  'whisper',
  'plead',
  'wonder',
  'muse',
  'accuse',
  'criticize',
  'criticise',
  'praise',
  'condemn',
  'denounce',
  'mock',
  'thank',
  'defend',
  'slam',
  'blast',
  'dismiss',
  'welcome',
];

/** Verbs whose content is their object and what follows ("criticized X for Y", "welcomed the decision"). */
export const OBJECT_VERBS = new Set([
  'criticize',
  'criticise',
  'praise',
  'condemn',
  'denounce',
  'mock',
  'thank',
  'defend',
  'slam',
  'blast',
  'dismiss',
  'welcome',
  'announce',
]);

// Irregular forms, written out.
const IRREGULAR: Record<string, string[]> = {
  say: ['say', 'says', 'said', 'saying'],
  tell: ['tell', 'tells', 'told', 'telling'],
  write: ['write', 'writes', 'wrote', 'writing', 'written'],
  speak: ['speak', 'speaks', 'spoke', 'speaking'],
};

const RECIPIENT = new Set(['tell', 'ask', 'inform', 'assure', 'warn', 'advise', 'remind', 'urge']);
const OBJECTUAL = new Set(['call', 'describe', 'accuse', 'urge', 'charge']);
// Verbs that need "that", a colon or a quotation to report speech; alone they mean something else
// ("the party continued", "he reported for duty", "she posted a photo").
export const NEEDS_COMPLEMENT = new Set([
  'continue',
  'report',
  'post',
  'write',
  'state',
  'point',
  'maintain',
  'observe',
  'comment',
  'respond',
  'reply',
  'counter',
  'indicate',
  'recall',
  'add',
  'speak',
  'agree',
  'confirm',
  'deny',
  'demand',
  'charge',
  'promise',
  'pledge',
  'propose',
  'predict',
  'reveal',
  'announce',
  'acknowledge',
  'admit',
  'mention',
  'recommend',
  'advise',
  'estimate',
  'hint',
  'call',
  'describe',
  'accuse',
  'urge',
  'ask',
  'warn',
  'inform',
  'assure',
  'tell',
  'wonder',
  'clarify',
  'recount',
  'testify',
  'tweet',
  'plead',
]);

function inflect(v: string): [string, CueForm][] {
  const out: [string, CueForm][] = [[v, 'base']];
  const cons = /[^aeiou]$/;
  // third person
  if (/(s|sh|ch|x|z)$/.test(v)) out.push([v + 'es', 'finite']);
  else if (/[^aeiou]y$/.test(v)) out.push([v.slice(0, -1) + 'ies', 'finite']);
  else out.push([v + 's', 'finite']);
  // past
  let past: string;
  let ing: string;
  if (v.endsWith('e')) {
    past = v + 'd';
    ing = v.slice(0, -1) + 'ing';
  } else if (/[^aeiou]y$/.test(v)) {
    past = v.slice(0, -1) + 'ied';
    ing = v + 'ing';
  } else if (
    /^(admit|quip|plan|commit|regret|stop|submit)$/.test(v) ||
    (v.length <= 4 && cons.test(v) && /[aeiou][^aeiouwxy]$/.test(v) && !/[aeiou]{2}/.test(v))
  ) {
    const d = v + v[v.length - 1];
    past = d + 'ed';
    ing = d + 'ing';
  } else {
    past = v + 'ed';
    ing = v + 'ing';
  }
  out.push([past, 'finite'], [ing, 'participle']);
  return out;
}

const CUES = new Map<string, CueInfo>();
/** Cue forms that are also common nouns: a cue only right after a subject-like word (checked by the extractor). */
export const NOUN_LIKE = new Set<string>();
function addCue(form: string, lemma: string, kind: CueForm): void {
  if (CUES.has(form)) return;
  CUES.set(form, { lemma, form: kind, recipient: RECIPIENT.has(lemma), objectual: OBJECTUAL.has(lemma) });
}
for (const [lemma, forms] of Object.entries(IRREGULAR)) {
  addCue(forms[0], lemma, 'base');
  addCue(forms[1], lemma, 'finite');
  addCue(forms[2], lemma, 'finite');
  addCue(forms[3], lemma, 'participle');
  if (forms[4]) addCue(forms[4], lemma, 'finite');
}
for (const v of REGULAR) for (const [f, k] of inflect(v)) addCue(f, v, k);
// Forms that are far more often nouns: "the state", "United States", "his remarks", "thanks to".
for (const f of [
  'state',
  'states',
  'remark',
  'remarks',
  'thank',
  'thanks',
  'post',
  'posts',
  'report',
  'reports',
  'estimate',
  'estimates',
  'counter',
  'charge',
  'charges',
  'call',
  'calls',
  'comment',
  'comments',
  'tweet',
  'tweets',
  'promise',
  'promises',
  'pledge',
  'pledges',
  'claim',
  'claims',
  'demand',
  'demands',
])
  if (CUES.get(f)?.form !== 'finite' || /s$/.test(f)) NOUN_LIKE.add(f);
// "posted" is a cue only with complement; "count" etc. are not included.

// Cue words learned from PolNeAR train (train/quotes-cues.ts): forms that head gold attribution cues in a large
// share of their occurrences. They add to the written lists; their content is what follows them (an object or a
// clause), as with "decried the lack of details" or "vowed to veto the bill".
const IRREGULAR_PAST = new Set(['spoke', 'wrote', 'told', 'said', 'thought', 'made', 'gave', 'took', 'read']);
const NOT_CUES = new Set(['according', 'openly']);
function loadLearned(): void {
  const file = modelPath('quotes-cues.json');
  if (!existsSync(file)) return;
  const model = JSON.parse(readFileSync(file, 'utf8')) as {
    format: string;
    cues: Record<string, [number, number]>;
  };
  if (model.format !== 'newsgraph-quotes-cues/1') return;
  for (const w of Object.keys(model.cues)) {
    if (CUES.has(w) || NOT_CUES.has(w) || !/^[a-z]+$/.test(w)) continue;
    const form: CueForm = w.endsWith('ing')
      ? 'participle'
      : /(?:ed|s)$/.test(w) || IRREGULAR_PAST.has(w)
        ? 'finite'
        : 'base';
    CUES.set(w, { lemma: w, form, recipient: false, objectual: true });
  }
}
loadLearned();

/** The cue verb a lower-cased word is, if any. */
export function cueInfo(word: string): CueInfo | undefined {
  return CUES.get(word);
}

/** Verbs of belief and feeling: their complements are not speech. */
export const BELIEF_VERBS = new Set(
  'believe believes believed believing think thinks thought thinking hope hopes hoped hoping feel feels felt feeling fear fears feared fearing know knows knew expect expects expected suspect suspects suspected wish wishes wished assume assumes assumed worry worries worried doubt doubts doubted want wants wanted'.split(
    ' ',
  ),
);

/** Adverbs and auxiliaries that may stand between a subject and its verb ("Lobov also said", "he has repeatedly said"). */
export const BETWEEN_SUBJECT_AND_VERB = new Set(
  "also has have had later earlier previously recently reportedly then once further again repeatedly publicly privately separately simply flatly directly explicitly specifically would will could might may can did does do not n't n’t never often always already even just only still first initially subsequently ultimately finally frequently famously quickly immediately openly bluntly angrily proudly calmly quietly loudly confidently clearly emphatically tersely succinctly curtly sarcastically jokingly partly somewhat in fact actually indeed apparently allegedly similarly likewise too, has since had since 've ’ve 'd ’d 'll ’ll".split(
    ' ',
  ),
);

export const WEEKDAYS = new Set(
  'monday tuesday wednesday thursday friday saturday sunday yesterday today tonight'.split(' '),
);

/** Words that end a subject noun phrase when walking back from the verb. */
export const CLAUSE_WORDS = new Set(
  'that which who whom whose where when while because although though if unless since until as than so but or nor yet after before whether how why what once whereas and'.split(
    ' ',
  ),
);

/** Function verbs that cannot be inside a subject noun phrase. */
export const NON_NP_VERBS = new Set(
  'is was are were be been being am has have had do does did will would shall should can could may might must said says say told tells added argued noted believes thinks wrote writes'.split(
    ' ',
  ),
);

/** Prepositions that join a subject's head to its complement ("Roman Lobov of the institute", "a spokesman for X"). */
export const NP_PREPOSITIONS = new Set(['of', 'for', 'at', 'from', 'with']);

export const PRONOUNS = new Set(['he', 'she', 'they', 'it', 'i', 'we', 'you']);
export const PERSON_PRONOUNS = new Set(['he', 'she', 'him', 'her', 'his']);
export const DETERMINERS = new Set([
  'the',
  'a',
  'an',
  'this',
  'that',
  'these',
  'those',
  'his',
  'her',
  'its',
  'their',
  'our',
  'my',
  'your',
  'another',
  'one',
  'some',
  'many',
  'several',
  'two',
  'three',
  'both',
  'other',
  'most',
  'few',
  'all',
  'any',
  'each',
]);

/** Speakers that are not people speaking: the words are typed apart (speech: false). */
export const NON_SPEECH_SOURCES =
  /\b(?:polls?|surveys?|studies|study|census|data|figures|statistics|analysis|results|exit polls?|projections?|models?|estimates?)$/i;
