// Entities from mentions: country linking, name coreference, attributes, pronouns and descriptions.
import type {
  AnnotatedDocument,
  Entity,
  EntityAttributes,
  EntityType,
  Mention,
  MentionKind,
  TextSpan,
  Token,
} from '../../document.js';
import {
  type Country,
  countryByCapital,
  countryByDemonym,
  countryByName,
  countryByRegion,
  isCommonSurname,
  type Leader,
  leadersByName,
  leadersBySurname,
  nameKey as nameKeyOf,
} from '../gazetteer/countries.js';
import { type CountryFormKind, type CountryHit, findCountryForms, splitWords } from '../gazetteer/match.js';
import { type DocIndex, indexDocument } from './context.js';
import {
  DESCRIPTION_HEADS,
  EAST_ASIAN_FAMILY_NAMES,
  FEMALE_PRONOUNS,
  FUNCTION_WORDS,
  GENERIC_DESCRIPTIONS,
  type Gender,
  GIVEN_NAME_GENDER,
  GOVERNMENT_SEATS,
  HONORIFICS,
  MALE_PRONOUNS,
  RESEARCH_AFFILIATION,
  roleFamilies,
  SPEECH_VERBS,
  TITLE_HEADS,
  TITLE_MODIFIERS,
} from './lexicon.js';
import { repairMentions } from './repair.js';

/** A mention while the stage works on it. */
interface WM {
  start: number;
  end: number;
  text: string;
  type: EntityType;
  kind: MentionKind;
  score?: number;
  cluster: Cluster | null;
  /** The country the mention names (country), belongs to (demonym) or is the capital of (capital). */
  country: Country | null;
  countryKind: CountryFormKind | null;
  /** Description head ("expert") and its country modifier, for nominal mentions. */
  role?: string;
  roleCountry?: string | null;
  /** "the Secretary of Defense": the capitalised word after "of", which the person's titles must contain. */
  roleOf?: string | null;
  /** A headline's closing "— expert", resolved forward over a longer window. */
  headline?: boolean;
  /** Plural description ("the two countries"): kept without an entity. */
  plural?: boolean;
  /** A state institution named by country and kind ("Russia's foreign ministry"): an ORG of its own. */
  institution?: boolean;
  /** The name for an entity known only by this description ("Russia's foreign ministry"). */
  display?: string;
  /** Cached: the mention is the subject or object of a verb of saying. */
  speaker?: boolean;
}

interface Cluster {
  type: EntityType;
  key: string;
  mentions: WM[];
  iso: string | null;
  attributes: EntityAttributes;
  /** Person: name tokens of the fullest name. */
  nameTokens: string[];
  gender: Gender | null;
  pronounVotes: { m: number; f: number };
  /** Role words from titles and descriptions, lower case. */
  roles: Set<string>;
  /** Description roles, to pick a title when no explicit title exists. */
  descRoles: string[];
  speaker: boolean;
}

const POSSESSIVE = /(?:['’]s?|['’])$/;
const stripThe = (s: string) => s.replace(/^the\s+/i, '');
const keyCache = new Map<string, string>();
/** The clustering key of a name: case, dots, apostrophes, hyphens and a leading "the" do not matter. */
function normKey(s: string): string {
  let k = keyCache.get(s);
  if (k === undefined) {
    if (keyCache.size > 50000) keyCache.clear();
    k = stripThe(s)
      .replace(/\s*['’]s$/, '')
      .replace(/[.\u2019']/g, '')
      .replace(/[-\s]+/g, ' ')
      .toLowerCase()
      .trim();
    keyCache.set(s, k);
  }
  return k;
}
const isCap = (s: string) => /^\p{Lu}/u.test(s);
const isWord = (s: string) => /^\p{L}/u.test(s);

export function resolveEntities(doc: AnnotatedDocument): AnnotatedDocument {
  const ix = indexDocument(doc);
  const { text, tokens } = ix;
  const words = splitWords(tokens, true);
  const hits = findCountryForms(text, words, tokens, ix.sentenceStartTokens);
  const hitAt = new Map(hits.map((h) => [h.start, h]));

  // ------------------------------------------------------------ 1. name mentions, linked to countries
  const names: WM[] = [];
  const ner = repairMentions(
    doc.mentions.filter((m) => m.kind === 'name'),
    ix,
  ).sort((a, b) => a.start - b.start || b.end - a.end);
  // words of the document's full person names: "Jordan" after "Michael Jordan"; surnames apart ("Paris" after
  // "Valeska Paris"), which win over a tagger's place reading too
  const personWords = new Set<string>();
  for (const m of ner)
    if (m.type === 'PERSON' && m.text.includes(' ')) {
      const ws = m.text.split(/\s+/);
      for (const w of ws) personWords.add(w.toLowerCase());
      personWords.add(`#${ws[ws.length - 1].toLowerCase()}`);
    }
  let lastEnd = -1;
  let hi = 0;
  for (const m of ner) {
    if (m.start < lastEnd) continue; // overlapping tagger output: keep the first, longest
    // a country's name the tagger split or cut ("People" + "Republic of China"): the whole name
    while (hi < hits.length && hits[hi].end <= m.start) hi++;
    const h = hits[hi];
    if (
      h &&
      h.kind === 'country' &&
      h.start <= m.start &&
      h.end >= m.end &&
      h.end - h.start > m.end - m.start &&
      m.type !== 'PERSON'
    ) {
      names.push(hitMention(h));
      lastEnd = h.end;
      continue;
    }
    lastEnd = m.end;
    for (const wm of linkNameMention(m, hits, text, personWords)) names.push(wm);
  }
  // gazetteer forms the tagger missed; names and hits are both in text order: one sweep finds the hits no name overlaps
  let ni = 0;
  const tagged = names.length;
  for (const h of hits) {
    while (ni < tagged && names[ni].end <= h.start) ni++;
    if (ni < tagged && names[ni].start < h.end) continue;
    names.push(hitMention(h));
  }
  names.sort((a, b) => a.start - b.start);
  // "San Jose, California", "Paris, Texas": a capital's name qualified by another region is another city
  for (let i = 0; i + 1 < names.length; i++) {
    const n = names[i];
    const q = names[i + 1];
    if (n.countryKind !== 'capital' || !n.country || !/^,\s*$/.test(text.slice(n.end, q.start))) continue;
    if (q.type !== 'GPE' && q.type !== 'LOC') continue;
    if (q.country && (q.countryKind === 'capital' || q.country.iso2 === n.country.iso2)) continue;
    if (countryByCapital(`${n.text} ${q.text}`)?.iso2 === n.country.iso2) continue; // "Washington, D.C."
    n.country = null;
    n.countryKind = null;
  }

  // a leader's surname the tagger took for a place or a thing ("Putin" GPE, "the Bush administration" MISC)
  for (const n of names)
    if (n.type !== 'PERSON' && !n.country && /^\p{Lu}\p{Ll}+$/u.test(n.text) && isLeaderSurname(n, ix))
      n.type = 'PERSON';

  // ------------------------------------------------------------ 2. clusters of names
  const clusters: Cluster[] = [];
  const newCluster = (type: EntityType, key: string): Cluster => {
    const c: Cluster = {
      type,
      key,
      mentions: [],
      iso: null,
      attributes: {},
      nameTokens: [],
      gender: null,
      pronounVotes: { m: 0, f: 0 },
      roles: new Set(),
      descRoles: [],
      speaker: false,
    };
    clusters.push(c);
    return c;
  };
  const join = (m: WM, c: Cluster) => {
    m.cluster = c;
    c.mentions.push(m);
  };
  clusterNames(names, clusters, newCluster, join, ix);

  // ------------------------------------------------------------ 3. attributes from titles and appositives
  for (const n of names) {
    if (n.type === 'PERSON' && n.cluster) personAttributes(n, n.cluster, names, hits, ix);
    if (n.cluster && isSpeakerMention(n, ix)) n.cluster.speaker = true;
  }
  for (const c of clusters) {
    if (!c.attributes.country && c.mentions.length) {
      const seat = governmentSeat(c.mentions[0].text);
      if (seat) {
        c.attributes.country = seat;
        if (c.type === 'PERSON') {
          c.type = 'ORG';
          for (const m of c.mentions) m.type = 'ORG';
        }
      }
    }
    // (and groups and things named by a nationality: "Bosnian Serbs", "Iraqi Kurds")
    if ((c.type === 'ORG' || c.type === 'MISC' || c.type === 'NORP') && !c.attributes.country) {
      for (const m of c.mentions) {
        const lead = hitAt.get(m.start);
        if (lead && lead.end < m.end && lead.kind !== 'capital') {
          c.attributes.country = lead.country.iso2;
          break;
        }
      }
      // "Bank of Japan", "University of Tokyo", "Embassy of the Russian Federation"
      for (const m of c.mentions) {
        if (c.attributes.country || !m.text.includes(' of ')) continue;
        for (const h of hits)
          if (
            h.end === m.end &&
            h.start > m.start &&
            /\sof\s(?:the\s)?$/.test(text.slice(m.start, h.start))
          ) {
            c.attributes.country = h.country.iso2;
            break;
          }
      }
    }
    const aff = c.attributes.affiliation;
    if (typeof aff === 'string' && RESEARCH_AFFILIATION.test(aff)) c.roles.add('expert');
  }

  // people named without a title or country: heads of state and government by name ("Bill Clinton" → US)
  for (const c of clusters)
    if (c.type === 'PERSON' && c.mentions.length && !c.attributes.country) leaderAttributes(c, ix);

  // ------------------------------------------------------------ 4. pronouns and descriptions, left to right
  const anaphors = findAnaphors(ix, hits, names);
  const all = [...names, ...anaphors].sort((a, b) => a.start - b.start);
  resolveAnaphors(all, clusters, ix, join, newCluster);

  // ------------------------------------------------------------ 5. output
  return buildOutput(doc, all, clusters);
}

// ---------------------------------------------------------------------------------------------------------------
// Country linking of one tagger mention; a compound ("Moscow-Pyongyang", "US-led") becomes its country parts.

function linkNameMention(
  m: Mention,
  hits: readonly CountryHit[],
  text: string,
  personWords: ReadonlySet<string>,
): WM[] {
  const base: WM = {
    start: m.start,
    end: m.end,
    text: m.text,
    type: m.type,
    kind: 'name',
    cluster: null,
    country: null,
    countryKind: null,
  };
  if (m.score !== undefined) base.score = m.score;
  // trim a possessive the tagger kept
  const poss = POSSESSIVE.exec(base.text);
  if (poss && poss.index > 0 && /\s*['’]s?$/.test(base.text) && base.text.length > 3) {
    const t = base.text.slice(0, poss.index).trimEnd();
    if (/\p{L}$/u.test(t)) {
      base.text = t;
      base.end = base.start + t.length;
    }
  }
  const key = stripThe(base.text);
  // "Jordan" after "Michael Jordan" is the person, not the country
  const lk = key.toLowerCase();
  const personWord =
    (m.type === 'PERSON' && personWords.has(lk)) ||
    (m.type !== 'PERSON' && personWords.has(`#${lk}`) && !countryForms(key).asCountry);
  if (!personWord && (m.type !== 'PERSON' || !key.includes(' '))) {
    const { asCountry, asDemonym, asCapital } = countryForms(key);
    if (asCountry && !(m.type === 'PERSON' && GIVEN_NAME_GENDER.has(key.toLowerCase()))) {
      return [{ ...base, type: 'GPE', country: asCountry, countryKind: 'country' }];
    }
    if (asDemonym) return [{ ...base, type: 'NORP', country: asDemonym, countryKind: 'demonym' }];
    if (asCapital && m.type !== 'PERSON' && m.type !== 'ORG')
      return [{ ...base, type: 'GPE', country: asCapital, countryKind: 'capital' }];
    // a region of a country ("Western Cambodia", "Northern Iraq", "Northern Ireland"): a place in it, like its cities
    const named = m.type !== 'PERSON' ? countryByRegion(key) : null;
    if (named) return [{ ...base, type: 'GPE', country: named, countryKind: 'capital' }];
    const region = COMPASS_REGION.exec(key);
    // only by the country's own name: "Western Cambodia", not "Central America"
    const rc0 = region && m.type !== 'PERSON' ? countryForms(region[1]).asCountry : null;
    const rc = rc0 && nameKeyOf(region?.[1] ?? '') === nameKeyOf(rc0.name) ? rc0 : null;
    if (rc) return [{ ...base, type: 'GPE', country: rc, countryKind: 'capital' }];
  }
  // a compound whose capitalised parts are all country forms
  if (/[-–]/.test(base.text)) {
    const inside = hits.filter((h) => h.start >= base.start && h.end <= base.end);
    if (inside.length) {
      const rest = text
        .slice(base.start, base.end)
        .split('')
        .map((ch, i) => (inside.some((h) => base.start + i >= h.start && base.start + i < h.end) ? ' ' : ch))
        .join('');
      if (!/\p{Lu}/u.test(rest)) return inside.map(hitMention);
    }
  }
  return [base];
}

const COMPASS_REGION =
  /^(?:Central|Northern|Southern|Eastern|Western|North-?[Ee]astern|North-?[Ww]estern|South-?[Ee]astern|South-?[Ww]estern)\s+(\p{Lu}.+)$/u;

interface Forms {
  asCountry: Country | null;
  asDemonym: Country | null;
  asCapital: Country | null;
}
const formCache = new Map<string, Forms>();
/** Country lookups of a mention's text, memoised: names recur across documents. */
function countryForms(key: string): Forms {
  let f = formCache.get(key);
  if (!f) {
    if (formCache.size > 50000) formCache.clear();
    f = { asCountry: countryByName(key), asDemonym: countryByDemonym(key), asCapital: countryByCapital(key) };
    formCache.set(key, f);
  }
  return f;
}

function hitMention(h: CountryHit): WM {
  return {
    start: h.start,
    end: h.end,
    text: h.text,
    type: h.kind === 'demonym' ? 'NORP' : 'GPE',
    kind: 'name',
    cluster: null,
    country: h.country,
    countryKind: h.kind,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Name coreference

type NewCluster = (type: EntityType, key: string) => Cluster;
type Join = (m: WM, c: Cluster) => void;

/** Person name tokens without honorifics or titles the tagger kept ("Mr. Putin" → ["Putin"]). */
interface PersonName {
  tokens: string[];
  gender: Gender | null;
  title: string | null;
  prefix: string | null;
}
const personCache = new WeakMap<WM, PersonName>();
function personTokens(m: WM): PersonName {
  let p = personCache.get(m);
  if (!p) {
    p = parsePersonName(m.text);
    personCache.set(m, p);
  }
  return p;
}

function parsePersonName(text: string): PersonName {
  const toks = text.split(/\s+/).filter(Boolean);
  let gender: Gender | null = null;
  let title: string | null = null;
  // the name starts after the last honorific or title word the tagger kept: "U.S. President Donald Trump"
  let cut = -1;
  for (let i = 0; i < toks.length - 1; i++) {
    const w = toks[i].toLowerCase();
    if (HONORIFICS.has(w) || (TITLE_HEADS.has(w) && /^\p{Lu}/u.test(toks[i]))) cut = i;
  }
  if (cut < 0) return { tokens: toks, gender, title, prefix: null };
  let firstTitle = -1;
  for (let i = 0; i <= cut; i++) {
    const w = toks[i].toLowerCase();
    if (HONORIFICS.has(w)) gender = HONORIFICS.get(w) ?? gender;
    else if (TITLE_HEADS.has(w) || TITLE_MODIFIERS.has(w)) {
      if (firstTitle < 0) firstTitle = i;
      const g = TITLE_HEADS.get(w);
      if (g) gender = g;
    } else firstTitle = -1;
  }
  if (firstTitle >= 0) title = toks.slice(firstTitle, cut + 1).join(' ');
  const prefix = firstTitle > 0 ? toks.slice(0, firstTitle).join(' ') : null;
  return { tokens: toks.slice(cut + 1), gender, title, prefix };
}

function clusterNames(
  names: WM[],
  clusters: Cluster[],
  newCluster: NewCluster,
  join: Join,
  ix: DocIndex,
): void {
  const byKey = new Map<string, Cluster>();
  // persons: full names first, so that "Putin" in a headline finds "Vladimir Putin" further down
  const persons = names.filter((n) => n.type === 'PERSON');
  const full: { m: WM; toks: string[] }[] = [];
  for (const m of persons) {
    const { tokens: toks, gender } = personTokens(m);
    if (toks.length >= 2) full.push({ m, toks });
    if (gender) (m as WM & { honorificGender?: Gender }).honorificGender = gender;
  }
  type Full = { c: Cluster; toks: string[]; at: number };
  const fullClusters: Full[] = [];
  const byEnds = new Map<string, Cluster>();
  const byFamily = new Map<string, Full[]>();
  const byGiven = new Map<string, Full[]>();
  const push = (map: Map<string, Full[]>, k: string, f: Full) => {
    const l = map.get(k);
    if (l) l.push(f);
    else map.set(k, [f]);
  };
  for (const { m, toks } of full) {
    const key = `person:${normKey(toks.join(' '))}`;
    let c = byKey.get(key);
    if (!c) {
      // a longer form of a known name ("Vladimir V. Putin"): same first and last token
      c = byEnds.get(`${toks[0]} ${toks[toks.length - 1]}`.toLowerCase());
    }
    if (!c) {
      c = newCluster('PERSON', key);
      byKey.set(key, c);
    }
    const f = { c, toks, at: m.start };
    fullClusters.push(f);
    const ends = `${toks[0]} ${toks[toks.length - 1]}`.toLowerCase();
    if (!byEnds.has(ends)) byEnds.set(ends, c);
    // indexed by family name: the last word, or the first of a Chinese, Korean or Vietnamese name
    // ("Kim Jong Un" → "Kim", "Xi Jinping" → "Xi")
    const last = toks[toks.length - 1].toLowerCase();
    push(byFamily, last, f);
    const first = toks[0].toLowerCase();
    if (toks.length <= 3 && first !== last && EAST_ASIAN_FAMILY_NAMES.has(first)) push(byFamily, first, f);
    push(byGiven, first, f);
    join(m, c);
  }
  for (const m of persons) {
    if (m.cluster) continue;
    const { tokens: toks } = personTokens(m);
    const w = toks.join(' ');
    if (toks.length === 1) {
      const cands = byFamily.get(w.toLowerCase()) ?? [];
      const before = cands.filter((f) => f.at < m.start);
      const pick = before.length ? before[before.length - 1] : cands[0];
      if (pick) {
        join(m, pick.c);
        continue;
      }
      // a given name alone can also refer back ("Hillary" → "Hillary Clinton") when it is unique
      const given = (byGiven.get(w.toLowerCase()) ?? []).filter((f) => f.at < m.start);
      if (given.length && new Set(given.map((g) => g.c)).size === 1) {
        join(m, given[0].c);
        continue;
      }
    }
    const key = `person:${normKey(w)}`;
    let c = byKey.get(key);
    if (!c) {
      c = newCluster('PERSON', key);
      byKey.set(key, c);
    }
    join(m, c);
  }
  // every other mention: countries by ISO code, demonyms by country, the rest by text
  const orgByInitials = new Map<string, Cluster>();
  const orgBySuffix = new Map<string, Cluster>();
  for (let i = 0; i < names.length; i++) {
    const m = names[i];
    if (m.cluster) continue;
    let key: string;
    if (m.country && m.countryKind === 'country') key = `iso:${m.country.iso2}`;
    else if (m.country && m.countryKind === 'demonym') key = `norp:${m.country.iso2}`;
    else key = `name:${normKey(m.text)}`;
    let c = byKey.get(key);
    // a single word that is a known person's family name, whatever the tagger called it
    if (!c && !m.country && !m.text.includes(' ') && isCap(m.text)) {
      const f = new Set((byFamily.get(m.text.toLowerCase()) ?? []).map((x) => x.c));
      if (f.size === 1) {
        m.type = 'PERSON';
        join(m, [...f][0]);
        continue;
      }
    }
    // acronyms: "RISS" after "Russian Institute for Strategic Studies (" or matching its initials
    const acronym = m.text.replace(/\./g, '');
    if (!c && /^[A-Z][A-Z&]{1,7}$/.test(acronym)) {
      const prevTok = ix.tokens[ix.tokenAt(m.start) - 1];
      const prevName = names[i - 1];
      if (
        prevTok?.text === '(' &&
        prevName?.cluster &&
        prevName.cluster.type === 'ORG' &&
        ix.text.slice(prevName.end, m.start).trim() === '('
      )
        c = prevName.cluster;
      else c = orgByInitials.get(acronym);
      if (c) m.type = c.type;
    }
    // an organisation's shorter name: "State Department" after "US State Department"
    if (!c && m.type === 'ORG' && m.text.includes(' ')) {
      c = orgBySuffix.get(normKey(m.text));
    }
    if (!c) {
      c = newCluster(m.type, key);
      byKey.set(key, c);
      if (m.country && m.countryKind === 'country') c.iso = m.country.iso2;
      if (m.country) c.attributes.country = m.country.iso2;
      if (m.country && m.countryKind === 'country') {
        c.attributes.lat = m.country.lat;
        c.attributes.lon = m.country.lon;
      }
    }
    join(m, c);
    if (c.type === 'ORG' && m.text.includes(' ')) {
      // index this name's initials and its shorter forms for the acronyms and short names that follow
      const ini = initials(m.text);
      if (ini && !orgByInitials.has(ini)) orgByInitials.set(ini, c);
      const ws = normKey(m.text).split(' ');
      for (let q = 1; q + 2 <= ws.length; q++) {
        const suffix = ws.slice(q).join(' ');
        if (!orgBySuffix.has(suffix)) orgBySuffix.set(suffix, c);
      }
    }
  }
  // the same name typed a person in one place and something else in another ("Boeing", "Steve Jobs"): one
  // entity, of the majority type (a full name keeps the person on a tie)
  for (const c of clusters) {
    if (!c.key.startsWith('person:') || !c.mentions.length) continue;
    const other = byKey.get(`name:${c.key.slice(7)}`);
    if (!other?.mentions.length || other.iso) continue;
    const multi = c.key.includes(' ');
    const keep =
      other.mentions.length > c.mentions.length || (!multi && other.mentions.length === c.mentions.length)
        ? other
        : c;
    const drop = keep === other ? c : other;
    for (const m of drop.mentions) join(m, keep);
    drop.mentions.length = 0;
    keep.mentions.sort((a, b) => a.start - b.start);
    if (keep === c) c.key = `name:${c.key.slice(7)}`;
  }
  // one type per entity: the most frequent among its name mentions (country links decide for their own)
  for (const c of clusters) {
    if (!c.mentions.length) continue;
    if (c.key.startsWith('iso:')) c.type = 'GPE';
    else if (c.key.startsWith('norp:')) c.type = 'NORP';
    else if (!c.key.startsWith('person:') && c.mentions.some((m) => m.type !== c.mentions[0].type)) {
      const votes = new Map<EntityType, number>();
      for (const m of c.mentions) votes.set(m.type, (votes.get(m.type) ?? 0) + 1);
      c.type = [...votes].sort((a, b) => b[1] - a[1])[0][0];
    } else if (!c.key.startsWith('person:')) c.type = c.mentions[0].type;
    for (const m of c.mentions) m.type = c.type;
  }
}

let seats: Map<string, string> | null = null;
/** The country of a seat of government ("the Kremlin", "Downing Street"), or null. */
function governmentSeat(name: string): string | null {
  if (!seats) seats = new Map([...GOVERNMENT_SEATS].map(([k, v]) => [normKey(k), v]));
  return seats.get(normKey(name)) ?? null;
}

/** Titles that make a bare surname a head of state or government ("President Bush", "King Hassan"). */
const LEADER_TITLES = new Set([
  'president',
  'prime minister',
  'premier',
  'king',
  'queen',
  'chancellor',
  'leader',
  'emir',
  'sultan',
  'shah',
  'emperor',
  'ruler',
  'monarch',
  'dictator',
  'head of state',
]);

/**
 * A person whose name is a known leader's gets that leader's country (and office, when the person has no title).
 * A full name must match ("Bill Clinton", "George W. Bush"); a surname alone ("Obama") must belong to one
 * leader, and a surname many people carry ("Bush" of two presidents, "Smith", "Clinton") needs a leader's title
 * ("President Bush"). Names shared by leaders of different countries give nothing.
 */
const ADMINISTRATION = /^(?:administration|government|cabinet|regime|presidency)$/i;

/** A one-word name that can only be one leader's surname ("Putin"), or a leader's before "administration". */
function isLeaderSurname(m: WM, ix: DocIndex): boolean {
  if (m.type === 'ORG' || m.text.length < 4) return false; // "Ford" the company
  const ls = leadersBySurname(m.text);
  if (!ls.length || ls.some((l) => l.iso2 !== ls[0].iso2)) return false;
  const next = ix.tokens[ix.tokenFrom(m.end)]?.text ?? '';
  if (ADMINISTRATION.test(next)) return true;
  // only where the text treats it as a person: "Putin said", "by Putin himself"
  if (!/^(?:himself|herself)$/i.test(next) && !(SPEECH_VERBS.has(next.toLowerCase()) && next !== 'according'))
    return false;
  return (
    !isCommonSurname(m.text) &&
    !GIVEN_NAME_GENDER.has(m.text.toLowerCase()) &&
    new Set(ls.map((l) => l.name)).size === 1
  );
}

const MONARCHS = new Set([
  'king',
  'queen',
  'emperor',
  'sultan',
  'emir',
  'shah',
  'monarch',
  'prince',
  'crown prince',
]);
/** A title word fits a leader's office: "President" a president, "King" a king or emir, "leader" anything. */
function officeFits(title: string, office: string): boolean {
  if (title === 'leader' || title === 'ruler' || title === 'dictator' || title === 'head of state')
    return true;
  if (MONARCHS.has(title)) return MONARCHS.has(office);
  if (title === 'premier' || title === 'prime minister') return /prime minister|premier/.test(office);
  return office.endsWith(title);
}

function leaderAttributes(c: Cluster, ix: DocIndex): void {
  const toks = c.nameTokens.length ? c.nameTokens : personTokens(c.mentions[0]).tokens;
  if (!toks.length || toks.some((t) => !/^\p{Lu}/u.test(t))) return;
  let ls: readonly Leader[];
  if (toks.length >= 2) ls = leadersByName(toks.join(' '));
  else {
    const w = toks[0];
    if (w.length < 4 || w === w.toUpperCase()) return;
    ls = leadersBySurname(w);
    if (!ls.length) return;
    let titled = false;
    for (const r of c.roles) {
      const head = LEADER_TITLES.has(r) ? r : r.slice(r.lastIndexOf(' ') + 1);
      if (!LEADER_TITLES.has(head)) continue;
      // the title must fit the office: "King Arthur" is not a prime minister named Arthur
      if (!ls.every((l) => officeFits(head, l.office))) return;
      titled = true;
    }
    // "the Bush administration", "the Major government"
    for (const m of c.mentions)
      if (ADMINISTRATION.test(ix.tokens[ix.tokenFrom(m.end)]?.text ?? '')) titled = true;
    if (
      !titled &&
      (isCommonSurname(w) ||
        GIVEN_NAME_GENDER.has(w.toLowerCase()) ||
        new Set(ls.map((l) => l.name)).size > 1)
    )
      return;
  }
  if (!ls.length || ls.some((l) => l.iso2 !== ls[0].iso2)) return;
  c.attributes.country = ls[0].iso2;
  if (!c.attributes.title && toks.length >= 2) {
    let latest = ls[0];
    for (const l of ls) if ((l.from ?? 0) > (latest.from ?? 0)) latest = l;
    setTitle(c, latest.office);
  }
}

function initials(name: string): string {
  const ws = stripThe(name)
    .split(/[\s-]+/)
    .filter((w) => w && !FUNCTION_WORDS.has(w.toLowerCase()));
  return ws.length >= 2 ? ws.map((w) => w[0].toUpperCase()).join('') : '';
}

// ---------------------------------------------------------------------------------------------------------------
// Attributes of persons: "Russian President Vladimir Putin", "Roman Lobov of the X Institute", "Hugh Hill, a doctor,"

/** Modifiers that do not change which office a description names. */
const DROPPED_MODIFIERS = new Set([
  'former',
  'then',
  'top',
  'senior',
  'leading',
  'prominent',
  'veteran',
  'acting',
]);

const LEADING_DROP = new Set([
  'former',
  'then',
  'top',
  'senior',
  'leading',
  'prominent',
  'veteran',
  'well-known',
  'local',
]);

function setTitle(c: Cluster, title: string) {
  const t = title.trim();
  if (!t) return;
  if (!c.attributes.title) c.attributes.title = t;
  const lw = t.toLowerCase();
  c.roles.add(lw);
  for (const w of lw.split(/\s+/)) if (TITLE_HEADS.has(w)) c.roles.add(w);
  const head = lw.split(/\s+/).pop() ?? '';
  const g = TITLE_HEADS.get(head);
  if (g && !c.gender) c.gender = g;
}

function personAttributes(
  m: WM,
  c: Cluster,
  names: readonly WM[],
  hits: readonly CountryHit[],
  ix: DocIndex,
) {
  const { tokens, text } = ix;
  const pt = personTokens(m);
  const hg = (m as WM & { honorificGender?: Gender }).honorificGender;
  if (hg) c.gender = hg;
  if (pt.title) setTitle(c, pt.title);
  if (pt.prefix && !c.attributes.country) {
    const pc = countryByName(pt.prefix) ?? countryByDemonym(pt.prefix);
    if (pc) c.attributes.country = pc.iso2;
  }
  if (!c.nameTokens.length || pt.tokens.length > c.nameTokens.length) c.nameTokens = pt.tokens;
  const given = GIVEN_NAME_GENDER.get(pt.tokens[0]?.toLowerCase() ?? '');
  if (given && pt.tokens.length >= 2 && !c.gender) c.gender = given;

  const first = ix.tokenAt(m.start);
  if (first < 0) return;
  const sent = ix.sentences[ix.sentenceOf(m.start)];
  // premodifiers: [country|demonym|ORG] [title words] NAME
  let j = first - 1;
  const titleToks: number[] = [];
  while (j >= 0 && tokens[j].start >= sent.start) {
    const w = tokens[j].text.toLowerCase();
    if (HONORIFICS.has(w)) {
      const g = HONORIFICS.get(w);
      if (g) c.gender = g;
      j--;
      continue;
    }
    if (TITLE_HEADS.has(w) || (TITLE_MODIFIERS.has(w) && titleToks.length)) {
      titleToks.unshift(j);
      j--;
      continue;
    }
    // "Secretary of State", "Minister of Foreign Affairs": capitalised words after "of" and a title head
    if (
      /^\p{Lu}/u.test(tokens[j].text) &&
      !titleToks.some((t) => TITLE_HEADS.has(tokens[t].text.toLowerCase()))
    ) {
      let q = j;
      while (q > 0 && /^\p{Lu}/u.test(tokens[q].text) && j - q < 3) q--;
      if (tokens[q]?.text === 'of' && q > 0 && TITLE_HEADS.has(tokens[q - 1].text.toLowerCase())) {
        for (let t = j; t >= q; t--) titleToks.unshift(t);
        j = q - 1;
        continue;
      }
    }
    break;
  }
  while (titleToks.length && LEADING_DROP.has(tokens[titleToks[0]].text.toLowerCase())) titleToks.shift();
  let titleStart = titleToks.length ? tokens[titleToks[0]].start : m.start;
  if (
    !titleToks.length &&
    j >= 1 &&
    /^\p{Ll}+$/u.test(tokens[j].text) &&
    !FUNCTION_WORDS.has(tokens[j].text)
  ) {
    // "Chinese dissident Ai Weiwei": one unknown noun between a demonym and the name
    const before = tokens[j - 1];
    const hb = hitEnding(hits, before.end);
    if (hb && hb.kind !== 'capital') {
      titleToks.push(j);
      titleStart = tokens[j].start;
    }
  }
  if (titleToks.length) {
    setTitle(c, text.slice(tokens[titleToks[0]].start, tokens[titleToks[titleToks.length - 1]].end));
    // a country, demonym or organisation right before the title, possessive allowed ("Russia's President")
    let k = ix.tokenAt(titleStart) - 1;
    if (k >= 0 && /^['’]s?$/.test(tokens[k].text)) k--;
    if (k >= 0) {
      const end = tokens[k].end;
      const h = hitEnding(hits, end);
      if (h && h.kind !== 'capital') {
        if (!c.attributes.country) c.attributes.country = h.country.iso2;
      } else {
        const n = nameEnding(names, end);
        const org =
          n && (n.type === 'ORG' || n.type === 'FAC' || (n.type === 'GPE' && !n.country)) ? n : null;
        if (org && !c.attributes.affiliation) c.attributes.affiliation = org.text;
      }
    }
  }

  // after the name: "X of (the) ORG", "X, a professor at ORG,", "X, the Russian foreign minister,"
  let k = ix.tokenFrom(m.end);
  if (k < tokens.length && /^['’]s$/.test(tokens[k].text)) return;
  const t = tokens[k];
  if (!t || t.start >= sent.end) return;
  const lw = t.text.toLowerCase();
  if (lw === 'of' || lw === 'from' || lw === 'at') {
    // "King Hassan of Morocco", "Ali Abdullah Saleh of Yemen": the person's country
    if (lw !== 'at' && !c.attributes.country) {
      let q = k + 1;
      if (tokens[q]?.text.toLowerCase() === 'the') q++;
      const h = tokens[q] ? hitStarting(hits, tokens[q].start) : undefined;
      const n = h ? nameStarting(names, h.start) : undefined;
      if (h && h.kind === 'country' && (!n || n.end === h.end)) c.attributes.country = h.country.iso2;
    }
    const org = orgAt(k + 1, names, ix);
    if (org && !c.attributes.affiliation) c.attributes.affiliation = org.text;
    return;
  }
  if (t.text !== ',') return;
  k++;
  const det = tokens[k]?.text.toLowerCase();
  const hasDet = det === 'a' || det === 'an' || det === 'the';
  if (hasDet) k++;
  const npToks: number[] = [];
  let country: string | null = null;
  let prep = -1;
  for (let n = 0; n < 8 && k < tokens.length && tokens[k].start < sent.end; n++, k++) {
    const tk = tokens[k];
    const tl = tk.text.toLowerCase();
    if (tk.text === ',' || tk.text === '.' || tk.text === ';' || tk.text === ')') break;
    if (tl === 'at' || tl === 'of' || tl === 'with' || tl === 'from' || tl === 'for' || tl === 'in') {
      prep = k;
      break;
    }
    const h = hitStarting(hits, tk.start);
    if (h && h.kind !== 'capital') {
      country = h.country.iso2;
      while (k + 1 < tokens.length && tokens[k + 1].end <= h.end) k++;
      continue;
    }
    if (!/^[\p{L}-]+$/u.test(tk.text) || NOT_IN_NP.has(tl)) {
      npToks.length = 0;
      break;
    }
    npToks.push(k);
  }
  if (!npToks.length) return;
  const headTok = tokens[npToks[npToks.length - 1]];
  const head = headTok.text.toLowerCase();
  if (!/^\p{Ll}/u.test(headTok.text) && !TITLE_HEADS.has(head)) return;
  if (!hasDet && !TITLE_HEADS.has(head)) return;
  if (/^(who|which|that|whose|said|says|told|and|or|but)$/.test(tokens[npToks[0]].text.toLowerCase())) return;
  if (npToks.some((i) => /^\p{Lu}/u.test(tokens[i].text) && !TITLE_HEADS.has(tokens[i].text.toLowerCase())))
    return;
  setTitle(c, text.slice(tokens[npToks[0]].start, headTok.end));
  if (country && !c.attributes.country) c.attributes.country = country;
  if (prep >= 0 && !c.attributes.affiliation) {
    const org = orgAt(prep + 1, names, ix);
    if (org) c.attributes.affiliation = org.text;
  }
}

/** Words that end a would-be appositive: it is a clause or a list, not a description of the person. */
const NOT_IN_NP = new Set(
  (
    'he she it they we i you him her them his its their our my your who whom whose which that this these those ' +
    'after before when while because since if although though as until unless where whether and or but nor ' +
    'said says told is was were are be been has had have will would can could may might must should do does did ' +
    'not also then there here a an the'
  ).split(' '),
);

// Lookups by offset over a document's names and country hits, built once per array.
const startIndex = new WeakMap<readonly WM[], Map<number, WM>>();
const endIndex = new WeakMap<readonly WM[], Map<number, WM>>();
const hitEndIndex = new WeakMap<readonly CountryHit[], Map<number, CountryHit>>();
const hitStartIndex = new WeakMap<readonly CountryHit[], Map<number, CountryHit>>();
function nameStarting(names: readonly WM[], pos: number): WM | undefined {
  let m = startIndex.get(names);
  if (!m) startIndex.set(names, (m = new Map(names.map((n) => [n.start, n]))));
  return m.get(pos);
}
function nameEnding(names: readonly WM[], pos: number): WM | undefined {
  let m = endIndex.get(names);
  if (!m) endIndex.set(names, (m = new Map(names.map((n) => [n.end, n]))));
  return m.get(pos);
}
function hitEnding(hits: readonly CountryHit[], pos: number): CountryHit | undefined {
  let m = hitEndIndex.get(hits);
  if (!m) hitEndIndex.set(hits, (m = new Map(hits.map((h) => [h.end, h]))));
  return m.get(pos);
}
function hitStarting(hits: readonly CountryHit[], pos: number): CountryHit | undefined {
  let m = hitStartIndex.get(hits);
  if (!m) hitStartIndex.set(hits, (m = new Map(hits.map((h) => [h.start, h]))));
  return m.get(pos);
}

function orgAt(k: number, names: readonly WM[], ix: DocIndex): WM | null {
  const { tokens } = ix;
  if (tokens[k]?.text.toLowerCase() === 'the') k++;
  const t = tokens[k];
  if (!t) return null;
  const n = nameStarting(names, t.start);
  return n && (n.type === 'ORG' || n.type === 'FAC') ? n : null;
}

/** The mention is the subject or object of a verb of saying: "X said", "said X", "according to X". */
function isSpeakerMention(m: WM, ix: DocIndex): boolean {
  if (m.speaker === undefined) m.speaker = speakerTest(m, ix);
  return m.speaker;
}

function speakerTest(m: WM, ix: DocIndex): boolean {
  const { tokens } = ix;
  let k = ix.tokenFrom(m.end);
  if (tokens[k] && /^(has|had|have|also|later|then|further)$/i.test(tokens[k].text)) k++;
  if (tokens[k] && SPEECH_VERBS.has(tokens[k].text.toLowerCase()) && tokens[k].text !== 'according')
    return true;
  // "X, a professor at Y, said"
  if (tokens[k]?.text === ',') {
    for (let n = k + 1; n < Math.min(tokens.length, k + 14); n++) {
      if (tokens[n].text === ',') {
        const v = tokens[n + 1]?.text.toLowerCase();
        return !!v && SPEECH_VERBS.has(v) && v !== 'according';
      }
      if (/^[.;:"“”]$/.test(tokens[n].text)) break;
    }
  }
  const b = ix.tokenAt(m.start) - 1;
  if (b >= 0) {
    const w = tokens[b].text.toLowerCase();
    if (w === 'to' && tokens[b - 1]?.text.toLowerCase() === 'according') return true;
    // inverted "…," said X — not "Y said X was…"
    if (SPEECH_VERBS.has(w) && w !== 'according' && w !== 'told') {
      const p = tokens[b - 1]?.text ?? '';
      if (b === 0 || /^[,"”’'.:;]$/.test(p)) return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------------------
// Pronouns and descriptions

/** Past-tense verbs after a description: "the mayor spoke", "the expert warned". */
const VERB_AFTER =
  /^(?:\p{Ll}+ed|spoke|went|came|met|made|gave|took|left|saw|got|put|won|lost|ran|led|wrote|sent|held|kept|began|became|flew|sat|stood|thought|knew|felt|did|does|says|tells|adds|notes|wants|wanted|needs)$/u;
const PLURAL_NOUNS = new Set(['countries', 'nations', 'states', 'neighbours', 'neighbors']);
/** Institutions of a state named by their country: "the Turkish government", "Russia's foreign ministry". */
const INSTITUTIONS = new Set(
  'government administration ministry army military navy police parliament cabinet embassy authorities forces troops regime junta'.split(
    ' ',
  ),
);
const INSTITUTION_MODIFIERS = new Set(
  'foreign defence defense interior finance justice health trade economy energy education federal central national military security armed border riot secret'.split(
    ' ',
  ),
);
const PLURAL_COUNTRY = /^(?:the two|both) (countries|nations|states|neighbou?rs)$/i;
const AFTER_DESCRIPTION =
  /^(?:[,.;:!?)"”’'\u2014\u2013-]|['’]s|of|in|at|to|for|with|on|and|or|but|that|who|whom|whose|which|as|has|had|have|is|was|were|are|will|would|can|could|should|may|might|also|then|later|himself|herself|said|says|told|added|noted|stressed|believes|thinks|warned|explained|according)$/i;

function findAnaphors(ix: DocIndex, hits: readonly CountryHit[], names: readonly WM[]): WM[] {
  const { tokens, text } = ix;
  const out: WM[] = [];
  // names are sorted and do not overlap: binary search
  const inName = (pos: number) => {
    let lo = 0;
    let hi = names.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (names[mid].start <= pos) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && names[lo - 1].end > pos;
  };
  const hitAt = new Map(hits.map((h) => [h.start, h]));
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    // only pronouns (h, s) and determiners (t, a, b) start anything here
    const c0 = t.text.charCodeAt(0) | 0x20;
    // (and e, o, d: "— expert", "— official", "— diplomat" closing a headline)
    if (
      c0 !== 104 &&
      c0 !== 115 &&
      c0 !== 116 &&
      c0 !== 97 &&
      c0 !== 98 &&
      c0 !== 101 &&
      c0 !== 111 &&
      c0 !== 100
    )
      continue;
    if (t.text.length > 7) continue;
    const lw = t.text.toLowerCase();
    if (MALE_PRONOUNS.has(lw) || FEMALE_PRONOUNS.has(lw)) {
      if (t.text === t.text.toUpperCase() && t.text.length > 1 && /[A-Z]{2}/.test(t.text)) continue; // "HE" in caps
      out.push({
        start: t.start,
        end: t.end,
        text: t.text,
        type: 'PERSON',
        kind: 'pronoun',
        cluster: null,
        country: null,
        countryKind: null,
      });
      continue;
    }
    // a wire headline ending "… — expert": the expert the story introduces
    if (
      (lw === 'expert' || lw === 'analyst' || lw === 'diplomat' || lw === 'source' || lw === 'official') &&
      i > 0 &&
      /^[\u2014\u2013-]$/.test(tokens[i - 1].text) &&
      (!tokens[i + 1] || ix.sentenceOf(tokens[i + 1].start) !== ix.sentenceOf(t.start)) &&
      (ix.title ? t.end === ix.title.end : ix.sentenceOf(t.start) === 0)
    ) {
      out.push({
        start: t.start,
        end: t.end,
        text: t.text,
        type: 'PERSON',
        kind: 'nominal',
        cluster: null,
        country: null,
        countryKind: null,
        role: lw === 'source' ? 'official' : lw,
        roleCountry: '?',
        headline: true,
      });
      continue;
    }
    if (lw !== 'the' && lw !== 'a' && lw !== 'an' && lw !== 'both') continue;
    // cheap test first: a description head or a plural country noun within the next few tokens
    let near = false;
    for (let q = i + 1; q < Math.min(tokens.length, i + 6) && !near; q++) {
      const w = tokens[q].text.toLowerCase();
      near =
        DESCRIPTION_HEADS.has(w) || w === 'prime' || w === 'country' || w === 'nation' || PLURAL_NOUNS.has(w);
    }
    if (!near || inName(t.start)) continue;
    // the two countries
    const two = tokens[i + 1]?.text.toLowerCase() === 'two' ? 3 : 2;
    if (tokens[i + two - 1]) {
      const phrase = text.slice(t.start, tokens[i + two - 1].end);
      if (PLURAL_COUNTRY.test(phrase)) {
        out.push({
          start: t.start,
          end: tokens[i + two - 1].end,
          text: phrase,
          type: 'GPE',
          kind: 'nominal',
          cluster: null,
          country: null,
          countryKind: null,
          plural: true,
        });
        i += two - 1;
        continue;
      }
    }
    if (lw === 'both') continue;
    // "the country" (singular): the one country of the last sentences, if there is exactly one
    if (lw === 'the' && /^(country|nation)$/i.test(tokens[i + 1]?.text ?? '')) {
      const next = tokens[i + 2];
      if (!next || AFTER_DESCRIPTION.test(next.text)) {
        out.push({
          start: t.start,
          end: tokens[i + 1].end,
          text: text.slice(t.start, tokens[i + 1].end),
          type: 'GPE',
          kind: 'nominal',
          cluster: null,
          country: null,
          countryKind: null,
          role: 'country',
        });
        i += 1;
        continue;
      }
    }
    // [the|a] [country/demonym] [modifiers] HEAD
    let k = i + 1;
    let roleCountry: string | null = null;
    const h0 = tokens[k] ? hitAt.get(tokens[k].start) : undefined;
    const h = h0 && h0.kind !== 'capital' ? h0 : undefined;
    if (h) {
      roleCountry = h.country.iso2;
      while (k < tokens.length && tokens[k].end <= h.end) k++;
    }
    let n = 0;
    const modStart = k;
    while (k < tokens.length && n < 3 && TITLE_MODIFIERS.has(tokens[k].text.toLowerCase())) {
      k++;
      n++;
    }
    let head = tokens[k]?.text.toLowerCase();
    if (!head) continue;
    let endTok = k;
    if (!DESCRIPTION_HEADS.has(head) && !(n > 0 && DESCRIPTION_HEADS.has(tokens[k - 1].text.toLowerCase())))
      continue;
    if (!DESCRIPTION_HEADS.has(head)) {
      // the modifier itself was the head ("the chief")
      endTok = k - 1;
      head = tokens[endTok].text.toLowerCase();
    }
    // the office with its modifiers ("foreign minister", "prime minister"), without "former", "top"…
    const mods: string[] = [];
    for (let q = modStart; q < endTok; q++) {
      const w = tokens[q].text.toLowerCase();
      if (!DROPPED_MODIFIERS.has(w)) mods.push(w);
    }
    if (mods.length) head = `${mods.join(' ')} ${head}`;
    const next = tokens[endTok + 1];
    // a verb or a function word must follow: not "the expert community", "President Putin"
    if (next && !AFTER_DESCRIPTION.test(next.text) && !VERB_AFTER.test(next.text)) continue;
    if (next && isCap(next.text) && isWord(next.text) && next.text !== 'He' && next.text !== 'She') continue;
    const indefinite = lw !== 'the';
    if (indefinite) {
      // only a cataphoric speaker: "a Russian analyst told TASS", "according to a senior official"
      const v = next?.text.toLowerCase() ?? '';
      const prev2 = i >= 2 ? `${tokens[i - 2].text} ${tokens[i - 1].text}`.toLowerCase() : '';
      if (!(SPEECH_VERBS.has(v) && v !== 'according') && prev2 !== 'according to') continue;
    }
    out.push({
      start: t.start,
      end: tokens[endTok].end,
      text: text.slice(t.start, tokens[endTok].end),
      type: 'PERSON',
      kind: 'nominal',
      cluster: null,
      country: null,
      countryKind: null,
      role: head,
      roleCountry: indefinite ? `?${roleCountry ?? ''}` : roleCountry,
      roleOf: ofWord(tokens, endTok + 1),
    });
    i = endTok;
  }
  // "Russia's foreign ministry", "the Turkish government", "the Israeli army": an institution of a state
  for (const h of hits) {
    if (h.kind === 'capital') continue;
    let k = ix.tokenFrom(h.end);
    const b = ix.tokenAt(h.start) - 1;
    const the = b >= 0 && tokens[b].text.toLowerCase() === 'the';
    if (h.kind === 'country' && /^['’]s$/.test(tokens[k]?.text ?? '')) k++;
    else if (h.kind !== 'demonym') continue;
    // "the Turkish government"; plurals stand without the article ("Croatian authorities", "Serb forces")
    else if (!the && !/^(?:authorities|forces|troops)$/i.test(tokens[k]?.text ?? '')) continue;
    if (inName(h.start - 1)) continue;
    const modStart = k;
    while (k < tokens.length && k - modStart < 2 && INSTITUTION_MODIFIERS.has(tokens[k].text.toLowerCase()))
      k++;
    const head = tokens[k]?.text.toLowerCase() ?? '';
    if (!INSTITUTIONS.has(head)) continue;
    const next = tokens[k + 1];
    if (
      next &&
      !AFTER_DESCRIPTION.test(next.text) &&
      !VERB_AFTER.test(next.text) &&
      !/^(?:must|did)$/.test(next.text)
    )
      continue;
    if (next && isCap(next.text) && isWord(next.text)) continue;
    // the mention is the institution's words: the country's name or demonym before them stays a mention of its
    // own (gold toponym sets count "the [[Israeli]] government")
    const start = tokens[modStart].start;
    const mods = tokens
      .slice(modStart, k)
      .map((t) => t.text.toLowerCase())
      .join(' ');
    out.push({
      start,
      end: tokens[k].end,
      text: text.slice(start, tokens[k].end),
      type: 'ORG',
      kind: 'nominal',
      cluster: null,
      country: null,
      countryKind: null,
      role: mods ? `${mods} ${head}` : head,
      roleCountry: h.country.iso2,
      institution: true,
      display: text.slice(h.start, tokens[k].end),
    });
  }
  // "Norway's foreign minister said", "Russia's defence ministry spokesman": an office of a named country
  for (const h of hits) {
    if (h.kind !== 'country') continue;
    let k = ix.tokenFrom(h.end);
    if (!/^['’]s$/.test(tokens[k]?.text ?? '') || inName(h.start - 1)) continue;
    k++;
    const modStart = k;
    let n = 0;
    while (k < tokens.length && n < 3 && TITLE_MODIFIERS.has(tokens[k].text.toLowerCase())) {
      k++;
      n++;
    }
    let endTok = k;
    let head = tokens[k]?.text.toLowerCase() ?? '';
    if (!DESCRIPTION_HEADS.has(head)) {
      if (!(n > 0 && DESCRIPTION_HEADS.has(tokens[k - 1].text.toLowerCase()))) continue;
      endTok = k - 1;
      head = tokens[endTok].text.toLowerCase();
    }
    const mods: string[] = [];
    for (let q = modStart; q < endTok; q++) {
      const w = tokens[q].text.toLowerCase();
      if (!DROPPED_MODIFIERS.has(w)) mods.push(w);
    }
    if (mods.length) head = `${mods.join(' ')} ${head}`;
    const next = tokens[endTok + 1];
    if (next && !AFTER_DESCRIPTION.test(next.text) && !VERB_AFTER.test(next.text)) continue;
    if (next && isCap(next.text) && isWord(next.text) && next.text !== 'He' && next.text !== 'She') continue;
    out.push({
      start: h.start,
      end: tokens[endTok].end,
      text: text.slice(h.start, tokens[endTok].end),
      type: 'PERSON',
      kind: 'nominal',
      cluster: null,
      country: null,
      countryKind: null,
      role: head,
      roleCountry: h.country.iso2,
      roleOf: ofWord(tokens, endTok + 1),
    });
  }
  return out;
}

/** The first capitalised word of an "of" phrase at token k: "of (the) Defense Department" → "Defense". */
function ofWord(tokens: readonly Token[], k: number): string | null {
  if (tokens[k]?.text !== 'of') return null;
  let q = k + 1;
  if (/^the$/i.test(tokens[q]?.text ?? '')) q++;
  const w = tokens[q]?.text ?? '';
  return /^\p{Lu}/u.test(w) ? w : null;
}

interface SentenceInfo {
  subject: Cluster | null;
  /** The subject is only a possessive ("Kim's invitation"): a later plain mention replaces it. */
  subjectWeak: boolean;
  /** The first person mentioned inside quotation marks: the subject for a pronoun in the quotation. */
  quotedSubject: Cluster | null;
  speakers: Set<Cluster>;
}

function genderOf(c: Cluster): Gender | null {
  if (c.gender) return c.gender;
  const { m, f } = c.pronounVotes;
  if (m > f + 1) return 'm';
  if (f > m + 1) return 'f';
  return null;
}

/** "the president of Chrysler": an appositive right after the person, or a person whose titles name it. */
function roleOfFits(c: Cluster, m: WM, ix: DocIndex): boolean {
  const of = m.roleOf ?? '';
  const about = `${c.attributes.title ?? ''} ${c.attributes.affiliation ?? ''} ${[...c.roles].join(' ')}`;
  if (about.toLowerCase().includes(of.toLowerCase())) return true;
  const b = ix.tokenAt(m.start) - 1;
  if (b < 0 || ix.tokens[b].text !== ',') return false;
  const prevEnd = ix.tokens[b].start;
  return c.mentions.some((x) => x.end === prevEnd);
}

/**
 * The person named right after the comma that closes an opening phrase holding a possessive pronoun
 * ("On his campaign website, Sarvis notes"), or null.
 */
function openingPhraseSubject(m: WM, all: readonly WM[], ix: DocIndex): Cluster | null {
  if (!/^(his|her)$/i.test(m.text) || ix.inQuote(m.start)) return null;
  const { tokens } = ix;
  const t = ix.tokenAt(m.start);
  const sent = ix.sentences[ix.sentenceOf(m.start)];
  // the pronoun sits in the sentence's first phrase, which opens with a preposition
  const first = ix.tokenFrom(sent.start);
  if (
    t - first > 4 ||
    !/^(in|on|at|during|after|before|for|with|from|throughout|despite)$/i.test(tokens[first].text)
  )
    return null;
  let k = t + 1;
  while (k < tokens.length && k - t < 8 && tokens[k].text !== ',' && tokens[k].start < sent.end) k++;
  if (tokens[k]?.text !== ',') return null;
  const after = tokens[k + 1];
  if (!after) return null;
  const name = all.find((x) => x.kind === 'name' && x.start === after.start);
  return name?.cluster?.type === 'PERSON' ? name.cluster : null;
}

function roleScore(c: Cluster, role: string): number {
  if (c.roles.has(role)) return 3;
  if (role.includes(' ')) {
    // "the foreign minister" for a "Russian Foreign Minister"; "the prime minister" is not any minister
    for (const r of c.roles) if (r.endsWith(` ${role}`)) return 3;
    const last = role.slice(role.lastIndexOf(' ') + 1);
    return GENERIC_DESCRIPTIONS.has(last) ? roleScore(c, last) : 0;
  }
  if (!GENERIC_DESCRIPTIONS.has(role)) return 0;
  const fams = roleFamilies(role);
  for (const r of c.roles) if (roleFamilies(r).some((f) => fams.includes(f))) return 2;
  return 0;
}

/** A description that names an office of a state: "foreign minister", "official", "president", "spokesman". */
function isOfficialRole(role: string): boolean {
  const f = roleFamilies(role);
  return (
    f.includes('leader') ||
    f.includes('official') ||
    /(?:^|\s)(?:general|commander|senator|lawmaker|governor|mayor|negotiator)$/.test(role)
  );
}

function resolveAnaphors(
  all: WM[],
  clusters: readonly Cluster[],
  ix: DocIndex,
  join: Join,
  newCluster: NewCluster,
): void {
  const sentInfo = new Map<number, SentenceInfo>();
  const info = (s: number): SentenceInfo => {
    let x = sentInfo.get(s);
    if (!x) {
      x = { subject: null, subjectWeak: false, quotedSubject: null, speakers: new Set() };
      sentInfo.set(s, x);
    }
    return x;
  };
  const lastSeen = new Map<Cluster, { pos: number; sent: number; quoted: boolean }>();
  const firstSeen = new Map<Cluster, number>();
  for (const c of clusters) if (c.mentions.length) firstSeen.set(c, c.mentions[0].start);
  const countryClusters = clusters.filter((c) => c.iso);
  const note = (m: WM) => {
    const c = m.cluster;
    if (c?.type !== 'PERSON') return;
    const s = ix.sentenceOf(m.start);
    const quoted = ix.inQuote(m.start);
    lastSeen.set(c, { pos: m.start, sent: s, quoted });
    const si = info(s);
    // a possessive ("his father", "Putin's visit") is not the subject of its sentence
    const possessive =
      (m.kind === 'pronoun' && /^(his|her|hers)$/i.test(m.text)) ||
      /^['’]s?$/.test(ix.tokens[ix.tokenFrom(m.end)]?.text ?? '');
    if (!possessive || !si.subjectWeak) {
      // a possessive is the subject only until a non-possessive person comes along
      if (!quoted && (!si.subject || (si.subjectWeak && !possessive))) {
        si.subject = c;
        si.subjectWeak = possessive;
      }
      if (quoted && !si.quotedSubject) si.quotedSubject = c;
    }
    if (isSpeakerMention(m, ix)) si.speakers.add(c);
  };
  const persons = clusters.filter((c) => c.type === 'PERSON');
  const officials = new Map<string, Cluster>();
  const institutions = new Map<string, Cluster>();
  const personByStart = new Map<number, Cluster>();
  const personByEnd = new Map<number, Cluster>();
  for (const x of all)
    if (x.kind === 'name' && x.cluster?.type === 'PERSON') {
      personByStart.set(x.start, x.cluster);
      personByEnd.set(x.end, x.cluster);
    }
  // speakers named next to a verb of saying, by sentence: a pronoun inside their quotation is someone else
  const nameSpeakers = new Map<number, Set<Cluster>>();
  for (const m of all) {
    if (m.kind !== 'name' || m.cluster?.type !== 'PERSON' || ix.inQuote(m.start) || !isSpeakerMention(m, ix))
      continue;
    const s = ix.sentenceOf(m.start);
    let set = nameSpeakers.get(s);
    if (!set) nameSpeakers.set(s, (set = new Set()));
    set.add(m.cluster);
  }

  for (const m of all) {
    if (m.kind === 'name') {
      note(m);
      continue;
    }
    if (m.plural) continue;
    if (m.institution) {
      // one entity per institution of a state: "Russia's foreign ministry" … "the Russian foreign ministry"
      const key = `institution:${m.roleCountry}:${m.role}`;
      let c = institutions.get(key);
      if (!c) {
        c = newCluster('ORG', key);
        institutions.set(key, c);
        if (m.roleCountry) c.attributes.country = m.roleCountry;
      }
      join(m, c);
      continue;
    }
    if (m.role === 'country') {
      const s0 = ix.sentenceOf(m.start);
      const seen = new Set<Cluster>();
      for (const c of countryClusters)
        for (const x of c.mentions) {
          if (x.start >= m.start || x.kind !== 'name') continue;
          const xs = ix.sentenceOf(x.start);
          if (s0 - xs <= 2) seen.add(c);
        }
      if (seen.size === 1) join(m, [...seen][0]);
      continue;
    }
    const s = ix.sentenceOf(m.start);
    const quoted = ix.inQuote(m.start);
    if (m.kind === 'pronoun') {
      const lw = m.text.toLowerCase();
      const want: Gender = MALE_PRONOUNS.has(lw) ? 'm' : 'f';
      // cataphora in an opening phrase: "On his campaign website, Sarvis notes…", "In her speech, Merkel said"
      const ahead = openingPhraseSubject(m, all, ix);
      if (ahead && (!genderOf(ahead) || genderOf(ahead) === want) && !sentInfo.get(s)?.subject) {
        join(m, ahead);
        ahead.pronounVotes[want]++;
        note(m);
        continue;
      }
      // the latest earlier sentence with a person outside quotes
      let prevSubj: Cluster | null = null;
      for (let p = s - 1; p >= Math.max(0, s - 4) && !prevSubj; p--)
        prevSubj = (quoted ? sentInfo.get(p)?.quotedSubject : null) ?? null;
      for (let p = s - 1; p >= Math.max(0, s - 4) && !prevSubj; p--)
        prevSubj = sentInfo.get(p)?.subject ?? null;
      // "X said (that) he": the pronoun opens the reported clause of X's verb of saying
      let reporter: Cluster | null = null;
      {
        let b = ix.tokenAt(m.start) - 1;
        if (b >= 0 && ix.tokens[b].text.toLowerCase() === 'that') b--;
        const v = b >= 0 ? ix.tokens[b].text.toLowerCase() : '';
        if (b > 0 && SPEECH_VERBS.has(v) && v !== 'according') {
          const before = ix.tokens[b - 1];
          for (const c of persons) {
            const seen = lastSeen.get(c);
            if (seen && seen.sent === s && c.mentions.some((x) => x.end === before.end)) reporter = c;
          }
        }
      }
      // the latest person mention in this sentence before the pronoun
      let latestHere = -1;
      for (const c of persons) {
        const seen = lastSeen.get(c);
        if (seen && seen.sent === s && seen.pos > latestHere) latestHere = seen.pos;
      }
      let best: Cluster | null = null;
      let bestScore = -Infinity;
      let bestPos = -1;
      for (const c of persons) {
        const seen = lastSeen.get(c);
        if (!seen || s - seen.sent > 4) continue;
        const g = genderOf(c);
        if (g && g !== want) continue;
        let score: number;
        const si = sentInfo.get(s);
        if (seen.sent === s) score = 4 + ((quoted ? si?.quotedSubject : si?.subject) === c ? 1.5 : 0);
        else score = 3 - (s - seen.sent);
        if (c === prevSubj) score += 1.5;
        // a speaker is salient outside quotations; inside them the speaker is "I"
        // (not when someone else was named after the speaker in this sentence: "X said Y wants his")
        if (!quoted && !(seen.sent === s && seen.pos < latestHere))
          for (let p = Math.max(0, seen.sent); p <= s; p++) if (sentInfo.get(p)?.speakers.has(c)) score += 2;
        if (c === reporter) score += 3;
        if (seen.quoted && !quoted) score -= 2;
        if (
          quoted &&
          (nameSpeakers.get(s)?.has(c) || nameSpeakers.get(s + 1)?.has(c) || nameSpeakers.get(s - 1)?.has(c))
        )
          score -= 3;
        if (!g) score -= 0.25;
        if (score > bestScore || (score === bestScore && seen.pos > bestPos)) {
          best = c;
          bestScore = score;
          bestPos = seen.pos;
        }
      }
      if (best && bestScore > -1) {
        join(m, best);
        best.pronounVotes[want]++;
        note(m);
      }
      continue;
    }
    // descriptions
    const role = m.role ?? '';
    const indefinite = m.roleCountry?.startsWith('?') ?? false;
    const country = indefinite ? m.roleCountry?.slice(1) || null : (m.roleCountry ?? null);
    let best: Cluster | null = null;
    let bestScore = 0;
    for (const c of persons) {
      const first = firstSeen.get(c) ?? Infinity;
      const seen = lastSeen.get(c);
      if (indefinite) {
        // cataphora: a person introduced in the next few sentences
        if (first <= m.end || ix.sentenceOf(first) - s > (m.headline ? 12 : 6)) continue;
      } else if (!seen) continue;
      if (country && c.attributes.country && c.attributes.country !== country) continue;
      if (m.roleOf && !roleOfFits(c, m, ix)) continue;
      let score = roleScore(c, role);
      if (score === 0 && roleFamilies(role).includes('expert') && c.speaker && !c.attributes.title)
        score = 0.5;
      if (score === 0) continue;
      if (country && c.attributes.country === country) score += 1;
      if (indefinite) score -= 0.01 * (ix.sentenceOf(first) - s);
      else score -= 0.05 * Math.min(20, s - (seen?.sent ?? s));
      if (score > bestScore) {
        best = c;
        bestScore = score;
      }
    }
    if (!best && !m.headline) {
      // an appositive: "The Jamaican Prime Minister, Bruce Golding, said", "Tony Clement, Canada's Minister of …"
      const b = ix.tokenAt(m.start) - 1;
      const a = ix.tokenFrom(m.end);
      const before = b > 0 && ix.tokens[b].text === ',' ? personByEnd.get(ix.tokens[b - 1].end) : undefined;
      const after =
        ix.tokens[a]?.text === ',' && ix.tokens[a + 1]
          ? personByStart.get(ix.tokens[a + 1].start)
          : undefined;
      const app = before ?? after;
      if (app && !(country && app.attributes.country && app.attributes.country !== country)) {
        join(m, app);
        if (country && !app.attributes.country) app.attributes.country = country;
        if (!app.attributes.title) setTitle(app, role);
        if (!indefinite) note(m);
        continue;
      }
    }
    if (!best) {
      // an official named only by office and country ("the Chilean foreign minister", "a U.S. official",
      // "Norway's foreign minister"): a person entity of its own, with that country, for events and quotes
      if (!country || !isOfficialRole(role)) continue;
      // not when the tagger made a name of it ("the US President" → "US President")
      if (all.some((x) => x.kind === 'name' && x.start < m.end && x.end > m.start && !x.country)) continue;
      const key = `official:${country}:${role}`;
      let c = indefinite ? undefined : officials.get(key);
      if (!c) {
        c = newCluster('PERSON', key);
        if (!indefinite) officials.set(key, c);
        c.attributes.country = country;
        setTitle(c, role);
        persons.push(c);
        firstSeen.set(c, m.start);
      }
      join(m, c);
      if (isSpeakerMention(m, ix)) c.speaker = true;
      note(m);
      continue;
    }
    join(m, best);
    best.descRoles.push(role);
    if (country && !best.attributes.country) best.attributes.country = country;
    const g = TITLE_HEADS.get(role);
    if (g && !best.gender) best.gender = g;
    if (!indefinite) note(m);
    else if (isSpeakerMention(m, ix)) best.speaker = true;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Output

function canonicalName(c: Cluster): string {
  if (c.iso) {
    const m = c.mentions.find((x) => x.country && x.countryKind === 'country');
    if (m?.country) return m.country.name;
  }
  const named = c.mentions.filter((m) => m.kind === 'name');
  if (!named.length)
    return (c.mentions[0]?.display ?? c.mentions[0]?.text ?? '').replace(/^(?:the|an?)\s+/i, '');
  if (c.type === 'PERSON' && c.nameTokens.length) {
    let bestToks = c.nameTokens;
    for (const m of named) {
      const t = personTokens(m).tokens;
      if (
        t.length > bestToks.length ||
        (t.length === bestToks.length && t.join(' ').length > bestToks.join(' ').length)
      )
        bestToks = t;
    }
    return bestToks.join(' ');
  }
  if (c.type === 'NORP') {
    const counts = new Map<string, number>();
    for (const m of named) counts.set(m.text, (counts.get(m.text) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length)[0][0];
  }
  let best = '';
  for (const m of named) {
    const t = stripThe(m.text);
    const upperOnly = t === t.toUpperCase();
    const bestUpper = best === best.toUpperCase();
    if (!best || (t.length > best.length && (!upperOnly || bestUpper)) || (bestUpper && !upperOnly)) best = t;
  }
  return best;
}

function buildOutput(
  doc: AnnotatedDocument,
  all: readonly WM[],
  clusters: readonly Cluster[],
): AnnotatedDocument {
  const live = clusters.filter((c) => c.mentions.length);
  for (const c of live) c.mentions.sort((a, b) => a.start - b.start);
  live.sort((a, b) => a.mentions[0].start - b.mentions[0].start);
  const ids = new Map<Cluster, string>();
  const entities: Entity[] = live.map((c, i) => {
    const id = `e${i + 1}`;
    ids.set(c, id);
    const attributes: EntityAttributes = { ...c.attributes };
    if (c.type === 'PERSON' && !attributes.title && c.descRoles.length) {
      const counts = new Map<string, number>();
      for (const r of c.descRoles) counts.set(r, (counts.get(r) ?? 0) + 1);
      attributes.title = [...counts].sort((a, b) => b[1] - a[1])[0][0];
    }
    if (typeof attributes.affiliation === 'string') {
      // the affiliation by its fullest name
      const aff = attributes.affiliation;
      const org = live.find((o) => o.type === 'ORG' && o.mentions.some((m) => m.text === aff));
      if (org) attributes.affiliation = canonicalName(org);
    }
    const mentions: TextSpan[] = c.mentions.map((m) => ({ start: m.start, end: m.end, text: m.text }));
    return {
      id,
      type: c.type,
      name: canonicalName(c),
      ids: { iso: c.iso, wikidata: null, geonames: null },
      attributes,
      mentions,
    };
  });
  const mentions: Mention[] = all.map((m) => {
    const out: Mention = {
      start: m.start,
      end: m.end,
      text: m.text,
      type: m.cluster ? m.cluster.type : m.type,
      kind: m.kind,
      entity: m.cluster ? (ids.get(m.cluster) ?? null) : null,
    };
    if (m.score !== undefined) out.score = m.score;
    return out;
  });
  // unresolved pronouns and descriptions are not kept; unresolved plural descriptions are
  return {
    ...doc,
    mentions: mentions.filter(
      (m) => m.kind === 'name' || m.entity || /countries|nations|states|neighbou?rs/.test(m.text),
    ),
    entities,
  };
}
