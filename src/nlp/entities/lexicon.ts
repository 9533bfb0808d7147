// Word lists for entity linking and coreference: titles, roles, gender cues, speech verbs.
// General English, written for this project (no data copied in).

export type Gender = 'm' | 'f';

/** Honorifics before a name: they are not part of the name, and some tell the gender. */
export const HONORIFICS: ReadonlyMap<string, Gender | null> = new Map<string, Gender | null>([
  ['mr', 'm'],
  ['mr.', 'm'],
  ['mister', 'm'],
  ['sir', 'm'],
  ['lord', 'm'],
  ['mrs', 'f'],
  ['mrs.', 'f'],
  ['ms', 'f'],
  ['ms.', 'f'],
  ['miss', 'f'],
  ['madam', 'f'],
  ['madame', 'f'],
  ['dame', 'f'],
  ['lady', 'f'],
  ['dr', null],
  ['dr.', null],
  ['prof', null],
  ['prof.', null],
]);

/** Head nouns of titles and roles ("President", "leader", "spokesman"), lower case, with a gender where the word has one. */
export const TITLE_HEADS: ReadonlyMap<string, Gender | null> = new Map<string, Gender | null>([
  ...(
    [
      'president',
      'leader',
      'premier',
      'chancellor',
      'minister',
      'secretary',
      'secretary-general',
      'spokesperson',
      'ambassador',
      'envoy',
      'diplomat',
      'official',
      'general',
      'gen.',
      'admiral',
      'adm.',
      'colonel',
      'col.',
      'lieutenant',
      'lt.',
      'captain',
      'capt.',
      'commander',
      'sergeant',
      'sgt.',
      'major',
      'maj.',
      'marshal',
      'senator',
      'sen.',
      'representative',
      'rep.',
      'governor',
      'gov.',
      'mayor',
      'chair',
      'chairperson',
      'director',
      'head',
      'chief',
      'ceo',
      'founder',
      'executive',
      'manager',
      'professor',
      'prof.',
      'lecturer',
      'researcher',
      'scientist',
      'scholar',
      'economist',
      'analyst',
      'expert',
      'specialist',
      'strategist',
      'observer',
      'commentator',
      'journalist',
      'reporter',
      'correspondent',
      'editor',
      'writer',
      'author',
      'lawyer',
      'attorney',
      'judge',
      'justice',
      'prosecutor',
      'doctor',
      'physician',
      'surgeon',
      'nurse',
      'teacher',
      'student',
      'coach',
      'player',
      'striker',
      'pope',
      'cardinal',
      'bishop',
      'archbishop',
      'ayatollah',
      'imam',
      'rabbi',
      'sheikh',
      'emir',
      'dictator',
      'lawmaker',
      'legislator',
      'deputy',
      'adviser',
      'advisor',
      'aide',
      'negotiator',
      'mediator',
      'inspector',
      'officer',
      'policeman',
      'commissioner',
      'councillor',
      'councilor',
      'mp',
      'candidate',
      'nominee',
      'activist',
      'campaigner',
      'spokesperson',
      'representative',
      'delegate',
      'head of state',
      'monarch',
      'ruler',
      'militant',
      'commander-in-chief',
    ] as const
  ).map((w) => [w, null] as [string, Gender | null]),
  ['spokesman', 'm'],
  ['spokeswoman', 'f'],
  ['chairman', 'm'],
  ['chairwoman', 'f'],
  ['congressman', 'm'],
  ['congresswoman', 'f'],
  ['businessman', 'm'],
  ['businesswoman', 'f'],
  ['king', 'm'],
  ['queen', 'f'],
  ['prince', 'm'],
  ['princess', 'f'],
  ['emperor', 'm'],
  ['empress', 'f'],
  ['duke', 'm'],
  ['duchess', 'f'],
  ['actor', 'm'],
  ['actress', 'f'],
  ['father', 'm'],
  ['mother', 'f'],
  ['husband', 'm'],
  ['wife', 'f'],
  ['son', 'm'],
  ['daughter', 'f'],
  ['brother', 'm'],
  ['sister', 'f'],
  ['man', 'm'],
  ['woman', 'f'],
  ['boy', 'm'],
  ['girl', 'f'],
  ['widow', 'f'],
]);

/** Words that modify a title without being its head: "Foreign Minister", "Deputy Prime Minister", "former President". */
export const TITLE_MODIFIERS: ReadonlySet<string> = new Set([
  'foreign',
  'defence',
  'defense',
  'prime',
  'deputy',
  'vice',
  'chief',
  'supreme',
  'interior',
  'finance',
  'trade',
  'economy',
  'economic',
  'justice',
  'health',
  'energy',
  'education',
  'state',
  'former',
  'acting',
  'top',
  'senior',
  'first',
  'then',
  'executive',
  'general',
  'press',
  'foreign-policy',
  'military',
  'political',
  'security',
  'national',
  'assistant',
  'associate',
  'lead',
  'managing',
  'army',
  'navy',
  'ministry',
  'government',
  'party',
  'opposition',
  'independent',
  'veteran',
  'leading',
  'prominent',
  'well-known',
  'local',
  'regional',
  'international',
  'crown',
  'grand',
  'lord',
]);

/** Role families: a description ("the expert") can refer to a person whose title is in the same family. */
const FAMILIES: readonly (readonly string[])[] = [
  [
    'expert',
    'analyst',
    'researcher',
    'scholar',
    'specialist',
    'scientist',
    'economist',
    'professor',
    'lecturer',
    'strategist',
    'observer',
    'commentator',
  ],
  [
    'leader',
    'president',
    'premier',
    'prime minister',
    'chancellor',
    'king',
    'queen',
    'emperor',
    'head of state',
    'monarch',
    'ruler',
    'dictator',
    'emir',
    'supreme leader',
  ],
  [
    'official',
    'minister',
    'secretary',
    'spokesman',
    'spokeswoman',
    'spokesperson',
    'ambassador',
    'envoy',
    'diplomat',
    'negotiator',
    'adviser',
    'advisor',
    'aide',
    'director',
    'head',
    'chief',
    'commissioner',
    'governor',
    'mayor',
  ],
  ['spokesman', 'spokeswoman', 'spokesperson'],
  ['lawyer', 'attorney'],
  ['doctor', 'physician', 'surgeon'],
];

/** The family keys of a role word: "analyst" → {expert}, "president" → {leader}. */
export function roleFamilies(role: string): string[] {
  const r = role.toLowerCase();
  const out: string[] = [];
  for (const f of FAMILIES) if (f.includes(r)) out.push(f[0]);
  // "foreign minister", "deputy prime minister": by the last words, when the whole is not listed
  if (!out.length) for (const f of FAMILIES) if (f.some((w) => r.endsWith(` ${w}`))) out.push(f[0]);
  return out;
}

/**
 * Description heads general enough to stand for any title of their family ("the official" for a minister,
 * "the expert" for a professor). Other heads name an office and need that word in the person's titles
 * ("the mayor", "the president").
 */
export const GENERIC_DESCRIPTIONS: ReadonlySet<string> = new Set([
  'expert',
  'analyst',
  'researcher',
  'scholar',
  'specialist',
  'scientist',
  'strategist',
  'observer',
  'leader',
  'official',
  'diplomat',
  'spokesman',
  'spokeswoman',
  'spokesperson',
]);

/** Affiliations that make a person an expert: research institutes, universities, think tanks. */
export const RESEARCH_AFFILIATION =
  /\b(institute|institution|university|college|academy|school|cent(er|re)|think[- ]tank|foundation|laborator(y|ies)|observatory|council on|program(me)?|studies|research)\b/i;

/** Definite descriptions of one person: "the expert", "the Russian leader", "the minister". */
export const DESCRIPTION_HEADS: ReadonlySet<string> = new Set([
  'expert',
  'analyst',
  'researcher',
  'scholar',
  'specialist',
  'scientist',
  'economist',
  'professor',
  'strategist',
  'observer',
  'leader',
  'president',
  'premier',
  'prime minister',
  'chancellor',
  'minister',
  'secretary',
  'spokesman',
  'spokeswoman',
  'spokesperson',
  'official',
  'ambassador',
  'envoy',
  'diplomat',
  'governor',
  'mayor',
  'senator',
  'lawmaker',
  'general',
  'commander',
  'chairman',
  'chairwoman',
  'director',
  'king',
  'queen',
  'prince',
  'princess',
  'pope',
  'judge',
  'lawyer',
  'doctor',
  'monarch',
  'dictator',
  'negotiator',
  'adviser',
  'advisor',
]);

/** Verbs of saying: their subject or object is a speaker ("X said", "said X", "X told"). */
export const SPEECH_VERBS: ReadonlySet<string> = new Set([
  'said',
  'says',
  'say',
  'told',
  'tells',
  'added',
  'adds',
  'noted',
  'notes',
  'stressed',
  'stresses',
  'stated',
  'states',
  'explained',
  'explains',
  'warned',
  'warns',
  'wrote',
  'writes',
  'argued',
  'argues',
  'believes',
  'believed',
  'thinks',
  'claimed',
  'claims',
  'insisted',
  'insists',
  'emphasized',
  'emphasised',
  'underlined',
  'pointed',
  'recalled',
  'announced',
  'announces',
  'declared',
  'replied',
  'asked',
  'continued',
  'concluded',
  'suggested',
  'remarked',
  'commented',
  'observed',
  'acknowledged',
  'admitted',
  'confirmed',
  'denied',
  'reported',
  'according',
]);

export const MALE_PRONOUNS: ReadonlySet<string> = new Set(['he', 'him', 'his', 'himself']);
export const FEMALE_PRONOUNS: ReadonlySet<string> = new Set(['she', 'her', 'hers', 'herself']);

/**
 * Common given names with a clear gender in English-language news. A short list written for this project;
 * names used for both genders are left out.
 */
const MALE_NAMES =
  'aaron abdul abdullah adam adrian ahmad ahmed alan albert alejandro aleksandr alex alexander alexei alexey ' +
  'ali amir andrei andrew andrzej angelo anthony antonio antony barack benjamin bernard bill bob boris brian ' +
  'bruce carl carlos charles chris christian christopher craig daniel david dennis dmitry dmitri donald ' +
  'douglas edward emmanuel eric erik evgeny fernando francis francisco frank gary george gerald gordon ' +
  'gregory hamid hans harold harry hassan henry hugh hussein ian igor ivan jack jacob james jason javier ' +
  'jean jeffrey jens jeremy jerome jim joe john jonathan jorge jose joseph juan justin karl keith kenneth ' +
  'kevin khalid larry louis luis mahmoud marco mark martin matthew michael miguel mikhail mohamed ' +
  'mohammad mohammed muhammad narendra nicholas nikolai oleg omar pablo patrick paul pedro peter philip ' +
  'pierre rafael ralph raymond recep richard robert roger roman ronald ryan said salman samuel scott ' +
  'sergei sergey simon stephen steven taro thomas timothy tony vadim viktor vladimir volodymyr walter ' +
  'william xavier yevgeny yuri yury abraham alberto alfred andre arthur barry benedict bernie brad ' +
  'brandon bruno caleb calvin carlo cedric clarence colin conor curtis dale darren dean derek dirk dominic ' +
  'duncan dustin dylan edgar edwin elijah emil enrique ernest ethan eugene felix francois frederick fyodor ' +
  'gavin geoffrey gerhard giovanni giuseppe glenn graham greg guillermo gustavo harvey hector herbert ' +
  'howard hugo isaac jake jared jay jeff jesse joel johann jonah joshua julian kurt lars lawrence leonard ' +
  'leonid liam lloyd lorenzo luca lucas luke malcolm manuel marcus mario matteo max maxim mehmet mitchell ' +
  'nathan neil nigel noah norman olaf oliver oscar owen pavel philippe rahul rajesh ramon randy raul ' +
  'reginald ricardo rick rob rodrigo roland rudolf rupert russell sean sebastian seth shane stanley stefan ' +
  'steve stuart ted terry theodore tim todd tom travis trevor tyler ulrich victor vincent vladislav wayne ' +
  'wolfgang yaroslav yusuf zachary walt andy josh devin nick';
const FEMALE_NAMES =
  'agnes alice alexandra amanda amy ana angela angelina ann anna anne annalena barbara betty carol ' +
  'caroline catherine charlotte christina christine claire claudia cynthia deborah diana donna dorothy ' +
  'elena elizabeth ellen emily emma esther eva giorgia hannah helen hillary irina jacinda jane janet ' +
  'jennifer jessica joan julia julie karen kamala kate katherine kathleen kathryn laura linda lisa liz ' +
  'lucy maria marie marine marina martha mary melania melissa michelle nancy natalia natalya natasha ' +
  'nicola nina olga patricia rachel rebecca rose ruth sandra sarah sharon sophie susan svetlana tatiana ' +
  'tatyana theresa ursula valentina veronica victoria virginia yulia alia annie elaine kristen kirsten isabel isabella hilary ' +
  'abigail alicia amelia andrea ashley beatrice brenda catalina cecilia chloe christa cristina daniela ' +
  'denise diane edith eleanor elisabeth eliza erin evelyn fatima florence frances gabriela gloria grace ' +
  'heather heidi ingrid irene isabelle jacqueline janice jenny jill joanna joyce judith justine kelly ' +
  'kristina laila leila lena louise lucia madeleine margaret margarita marta megan melanie miriam monica ' +
  'nadia naomi natalie nicole nora olivia pamela paula penelope priya rosa sabine samantha sara sheila ' +
  'silvia sofia sonia stephanie susanne sylvia teresa tina valerie vanessa wendy yolanda zoe';

export const GIVEN_NAME_GENDER: ReadonlyMap<string, Gender> = new Map<string, Gender>([
  ...MALE_NAMES.split(' ').map((n) => [n, 'm'] as [string, Gender]),
  ...FEMALE_NAMES.split(' ').map((n) => [n, 'f'] as [string, Gender]),
]);

/** Frequent family names that come first in Chinese, Korean and Vietnamese names ("Kim Jong Un" → "Kim"). */
export const EAST_ASIAN_FAMILY_NAMES: ReadonlySet<string> = new Set(
  (
    'kim lee yi park pak choi choe jung jeong chung kang cho jo yoon yun jang chang lim im han oh seo shin ' +
    'kwon hwang ahn an song hong moon mun ko yoo ryu nam roh noh ban xi li wang zhang liu chen yang huang zhao ' +
    'wu zhou xu sun ma zhu hu guo he lin gao luo zheng liang xie tang han feng deng cao peng zeng xiao tian ' +
    'dong pan yuan cai jiang yu du ye cheng wei su lu ding shen ren yao jin wen qin hou shi bai fu kong mao ' +
    'nguyen tran le pham hoang phan vu vo dang bui do ho ngo duong ly hun kan lai tsai chiang'
  ).split(' '),
);

/** Words that never start a person name even when capitalised at a sentence start. */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  'a an the of for and or in on at to by with from as about into over under between against during'.split(
    ' ',
  ),
);

/**
 * Seats of government and institutions named for their country's government ("the Kremlin said"): the
 * entity keeps its own name and type and gets the country, as capitals do.
 */
export const GOVERNMENT_SEATS: ReadonlyMap<string, string> = new Map([
  ['kremlin', 'RU'],
  ['white house', 'US'],
  ['pentagon', 'US'],
  ['capitol hill', 'US'],
  ['state department', 'US'],
  ['downing street', 'GB'],
  ['whitehall', 'GB'],
  ['elysee', 'FR'],
  ['élysée', 'FR'],
  ['elysee palace', 'FR'],
  ['élysée palace', 'FR'],
  ["quai d'orsay", 'FR'],
  ['zhongnanhai', 'CN'],
  ['blue house', 'KR'],
  ['knesset', 'IL'],
  ['duma', 'RU'],
  ['state duma', 'RU'],
  ['bundestag', 'DE'],
  ['chancellery', 'DE'],
  ['kantei', 'JP'],
  ['quirinale', 'IT'],
  ['palazzo chigi', 'IT'],
  ['moncloa', 'ES'],
  ['rashtrapati bhavan', 'IN'],
  ['south block', 'IN'],
]);
