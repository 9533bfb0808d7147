import { readFileSync } from 'node:fs';
import type { PloverType } from '../../document.js';
import { PLOVER_TYPES } from '../../document.js';
import { modelPath } from '../../paths.js';

// The verb dictionary (models/events-verbs.tsv) and the inflections that let a surface token find its entry.
// Loaded once per process.

export type Frame = '' | 'ctrl' | 'objctrl' | 'that' | 'passive';

export interface VerbEntry {
  /** The pattern as written: head lemma, then words that must follow. */
  pattern: string;
  head: string;
  /** Lemmas that must follow the head in the same clause, in order. */
  rest: string[];
  /** The surface forms each of `rest` may take (singular and plural). */
  restForms: Set<string>[];
  nominal: boolean;
  type: PloverType;
  mode: string | null;
  context: string[];
  frame: Frame;
  cameo: string | null;
}

export interface Lexicon {
  /** Verb head lemma → entries, longest pattern first. */
  verbs: Map<string, VerbEntry[]>;
  /** Nominal head lemma → entries. */
  nouns: Map<string, VerbEntry[]>;
  /** Surface form of a nominal head (visit, visits) → its first entry. */
  nounForms: Map<string, VerbEntry>;
  /** Surface form (lower case) → verb lemmas it can be, with the form's kind. */
  forms: Map<string, { lemma: string; kind: FormKind }[]>;
}

/** base: sign; s: signs; past: signed (simple past); pp: signed (past participle); ing: signing. */
export type FormKind = 'base' | 's' | 'past' | 'pp' | 'pastpp' | 'ing';

const IRREGULAR: Record<string, [string, string]> = {
  meet: ['met', 'met'],
  hold: ['held', 'held'],
  have: ['had', 'had'],
  make: ['made', 'made'],
  pay: ['paid', 'paid'],
  send: ['sent', 'sent'],
  give: ['gave', 'given'],
  take: ['took', 'taken'],
  leave: ['left', 'left'],
  fly: ['flew', 'flown'],
  strike: ['struck', 'struck'],
  shoot: ['shot', 'shot'],
  fight: ['fought', 'fought'],
  beat: ['beat', 'beaten'],
  break: ['broke', 'broken'],
  withdraw: ['withdrew', 'withdrawn'],
  undertake: ['undertook', 'undertaken'],
  overrun: ['overran', 'overrun'],
  retake: ['retook', 'retaken'],
  forgive: ['forgave', 'forgiven'],
  throw: ['threw', 'thrown'],
  blow: ['blew', 'blown'],
  cut: ['cut', 'cut'],
  put: ['put', 'put'],
  set: ['set', 'set'],
  hit: ['hit', 'hit'],
  lead: ['led', 'led'],
  seek: ['sought', 'sought'],
  bring: ['brought', 'brought'],
  buy: ['bought', 'bought'],
  sell: ['sold', 'sold'],
  tell: ['told', 'told'],
  say: ['said', 'said'],
  go: ['went', 'gone'],
  begin: ['began', 'begun'],
  win: ['won', 'won'],
  stand: ['stood', 'stood'],
  speak: ['spoke', 'spoken'],
  rise: ['rose', 'risen'],
  fall: ['fell', 'fallen'],
  build: ['built', 'built'],
  freeze: ['froze', 'frozen'],
  be: ['was', 'been'],
  shut: ['shut', 'shut'],
  wound: ['wounded', 'wounded'],
  call: ['called', 'called'],
  rally: ['rallied', 'rallied'],
  ink: ['inked', 'inked'],
  keep: ['kept', 'kept'],
  lend: ['lent', 'lent'],
  lay: ['laid', 'laid'],
};

/** Regular inflections of a verb lemma; doubles a final consonant after a single stressed vowel. */
export function inflect(lemma: string): Record<FormKind, string[]> {
  if (lemma === 'be')
    return {
      base: ['be'],
      s: ['is', 'are', 'am'],
      past: ['was', 'were'],
      pp: ['been'],
      pastpp: [],
      ing: ['being'],
    };
  const irr = IRREGULAR[lemma];
  const last = lemma[lemma.length - 1];
  let s: string;
  if (/(s|x|z|ch|sh|o)$/.test(lemma)) s = `${lemma}es`;
  else if (/[^aeiou]y$/.test(lemma)) s = `${lemma.slice(0, -1)}ies`;
  else s = `${lemma}s`;
  let stem = lemma;
  // CVC monosyllables and a few stressed finals double: ban → banned, ship → shipped, commit → committed.
  const doubles =
    /^[^aeiou]*[aeiou][bdgklmnprt]$/.test(lemma) ||
    /(mit|(con|de|in|pre|re|trans)fer|pel|bat|gret|cur|ped|trol|gin|run)$/.test(lemma);
  if (doubles && !/(w|x|y)$/.test(lemma) && lemma !== 'visit' && lemma !== 'host') stem = lemma + last;
  let ed: string;
  let ing: string;
  if (lemma.endsWith('e')) {
    ed = `${lemma}d`;
    ing = lemma.endsWith('ee') ? `${lemma}ing` : `${lemma.slice(0, -1)}ing`;
  } else if (/[^aeiou]y$/.test(lemma)) {
    ed = `${lemma.slice(0, -1)}ied`;
    ing = `${lemma}ing`;
  } else {
    ed = `${stem}ed`;
    ing = `${stem}ing`;
  }
  if (lemma === 'visit') {
    ed = 'visited';
    ing = 'visiting';
  }
  const past = irr ? [irr[0]] : [ed];
  const pp = irr ? [irr[1]] : [ed];
  const ings = [ing];
  // British doubling of a final -l (cancelled, travelled) and a few -p verbs (kidnapped, worshipped)
  if (!irr && /[^aeiou][aeiou](l|p)$/.test(lemma) && lemma.length > 4 && !doubles) {
    const d = `${lemma}${last}`;
    past.push(`${d}ed`);
    pp.push(`${d}ed`);
    ings.push(`${d}ing`);
  }
  return { base: [lemma], s: [s], past, pp, pastpp: [], ing: ings };
}

/** Plural and singular forms of a noun lemma, for the words after a head ("sanction" ~ "sanctions"). */
export function nounForms(w: string): string[] {
  const out = new Set([w]);
  if (w.endsWith('s')) out.add(w.slice(0, -1));
  else if (/[^aeiou]y$/.test(w)) out.add(`${w.slice(0, -1)}ies`);
  else if (/(x|ch|sh)$/.test(w)) out.add(`${w}es`);
  else out.add(`${w}s`);
  return [...out];
}

function asType(s: string): PloverType {
  if (!(PLOVER_TYPES as readonly string[]).includes(s))
    throw new Error(`events-verbs.tsv: unknown PLOVER type ${s}`);
  return s as PloverType;
}

export function parseLexicon(tsv: string): Lexicon {
  const verbs = new Map<string, VerbEntry[]>();
  const nouns = new Map<string, VerbEntry[]>();
  const forms = new Map<string, { lemma: string; kind: FormKind }[]>();
  const addForm = (form: string, lemma: string, kind: FormKind) => {
    const list = forms.get(form) ?? [];
    if (!list.some((f) => f.lemma === lemma && f.kind === kind)) list.push({ lemma, kind });
    forms.set(form, list);
  };
  for (const line of tsv.split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [pattern, type, mode, context, frame, cameo] = line.split('\t');
    const nominal = pattern.startsWith('n:');
    const words = (nominal ? pattern.slice(2) : pattern).trim().split(/\s+/);
    const entry: VerbEntry = {
      pattern,
      head: words[0],
      rest: words.slice(1),
      restForms: words.slice(1).map((w) => new Set(w.includes('-') ? [w] : nounForms(w))),
      nominal,
      type: asType(type),
      mode: mode || null,
      context: context ? context.split(';') : [],
      frame: (frame || '') as Frame,
      cameo: cameo || null,
    };
    const map = nominal ? nouns : verbs;
    const list = map.get(entry.head) ?? [];
    list.push(entry);
    map.set(entry.head, list);
    if (!nominal) {
      const f = inflect(entry.head);
      for (const k of ['base', 's', 'past', 'pp', 'ing'] as const)
        for (const x of f[k]) addForm(x, entry.head, k);
    }
  }
  for (const list of [...verbs.values(), ...nouns.values()])
    list.sort((a, b) => b.rest.length - a.rest.length);
  // A form that is both simple past and participle (signed) is ambiguous: one 'pastpp' reading, grammar decides.
  for (const [form, list] of forms) {
    const out: { lemma: string; kind: FormKind }[] = [];
    for (const lemma of new Set(list.map((x) => x.lemma))) {
      const mine = list.filter((x) => x.lemma === lemma);
      const kinds = mine.map((x) => x.kind);
      if (kinds.includes('past') && kinds.includes('pp')) {
        out.push({ lemma, kind: 'pastpp' });
        for (const x of mine) if (x.kind !== 'past' && x.kind !== 'pp') out.push(x);
      } else out.push(...mine);
    }
    forms.set(form, out);
  }
  const nounFormMap = new Map<string, VerbEntry>();
  for (const [head, list] of nouns)
    for (const f of nounForms(head)) if (!nounFormMap.has(f)) nounFormMap.set(f, list[0]);
  return { verbs, nouns, forms, nounForms: nounFormMap };
}

let cached: Lexicon | null = null;

/** The committed dictionary, loaded once per process. */
export function lexicon(): Lexicon {
  cached ??= parseLexicon(readFileSync(modelPath('events-verbs.tsv'), 'utf8'));
  return cached;
}
