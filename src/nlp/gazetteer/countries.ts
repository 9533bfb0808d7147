// The country gazetteer: ISO 3166 codes, names and their variants, demonyms, capitals, CAMEO codes.
// Data: models/countries.json, built by `npm run build:countries` (train/countries.ts) from world-countries (ODbL),
// i18n-iso-countries (MIT) and countryinfo.json (CC BY-SA 3.0); see models/LICENSES.md.
// Loaded once per process, lazily and synchronously, on the first lookup.
import { readFileSync } from 'node:fs';
import { modelPath } from '../../paths.js';

export interface Country {
  /** ISO 3166-1 alpha-2 ("SU" for the Soviet Union and other ISO 3166-3 historical codes). */
  iso2: string;
  /** ISO 3166-1 alpha-3 ("SUN" for the Soviet Union). */
  iso3: string;
  /** The CAMEO country code where it has one (mostly the ISO alpha-3). */
  cameo: string | null;
  name: string;
  aliases: string[];
  demonyms: string[];
  capital: string | null;
  lat: number;
  lon: number;
}

type Row = [
  string,
  string,
  string | null,
  string,
  string[],
  string[],
  string[],
  number,
  number,
  number,
  number,
];

/** What running text may be searched for: a country's name, its well-attested aliases, demonyms and capitals. */
export interface TextForms {
  country: Country;
  sovereign: boolean;
  names: string[];
  demonyms: string[];
  capitals: string[];
}

/** A head of state or government from countryinfo's dated list (about 1960–2011). */
export interface Leader {
  name: string;
  iso2: string;
  /** The office, lower case: "president", "prime minister", "king". */
  office: string;
  from: number | null;
  /** Last year in office; null when in office when the data ends. */
  to: number | null;
}

interface Gazetteer {
  countries: Country[];
  /** Leaders by the key of their full name and of their first and last names ("george bush" for George W. Bush). */
  leadersByName: Map<string, Leader[]>;
  /** Leaders by the key of their last name. */
  leadersBySurname: Map<string, Leader[]>;
  /** Surnames that many people carry in news text: a bare surname needs a title to be a leader. */
  commonSurnames: Set<string>;
  /** Regions named like another country ("Northern Ireland" → GB), by name key. */
  byRegion: Map<string, Country>;
  byIso2: Map<string, Country>;
  byCode: Map<string, Country>;
  /** Lower-cased name keys (see nameKey). */
  byName: Map<string, Country>;
  /** Case-sensitive acronyms and short upper-case forms: "US", "UK", "DPRK". */
  byAcronym: Map<string, Country>;
  byDemonym: Map<string, Country>;
  byCapital: Map<string, Country>;
  textForms: TextForms[];
}

/** Lower-case English words that are also country names: an all-lower-case string never means the country. */
const LOWER_CASE_WORDS = new Set([
  'turkey',
  'chad',
  'china',
  'guinea',
  'jersey',
  'man',
  'us',
  'chile',
  'niger',
]);

/** The lookup key of a name: accents, case, dots, hyphens and a leading "the" do not matter. */
export function nameKey(s: string): string {
  return (/^[\x00-\x7f]*$/.test(s) ? s : s.normalize('NFD'))
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/['’]s$/i, '')
    .toLowerCase()
    .replace(/\./g, '')
    .replace(/[-\u2010-\u2014]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^the /, '');
}

/** The acronym form of a string, or null: "U.S." → "US", "U. S. A." → "USA", "the UK" → "UK", "DPRK". */
export function acronymKey(s: string): string | null {
  const t = s
    .trim()
    .replace(/^the\s+/i, '')
    .replace(/[.\s]/g, '');
  return /^[A-Z]{2,5}$/.test(t) ? t : null;
}

let cache: Gazetteer | null = null;

function load(): Gazetteer {
  if (cache) return cache;
  const raw = JSON.parse(readFileSync(modelPath('countries.json'), 'utf8')) as {
    countries: Row[];
    codes: Record<string, string>;
    leaders?: [string, string, string, number | null, number | null][];
    regions?: Record<string, string>;
    commonSurnames?: string[];
  };
  const g: Gazetteer = {
    countries: [],
    leadersByName: new Map(),
    leadersBySurname: new Map(),
    commonSurnames: new Set(raw.commonSurnames ?? []),
    byRegion: new Map(),
    byIso2: new Map(),
    byCode: new Map(),
    byName: new Map(),
    byAcronym: new Map(),
    byDemonym: new Map(),
    byCapital: new Map(),
    textForms: [],
  };
  // Rows come with conflicts already resolved by the build; the first claimant of a key keeps it.
  const put = (m: Map<string, Country>, k: string | null, c: Country) => {
    if (k && !m.has(k)) m.set(k, c);
  };
  for (const [iso2, iso3, cameo, name, aliases, demonyms, capitals, lat, lon, sov, strong] of raw.countries) {
    const c: Country = { iso2, iso3, cameo, name, aliases, demonyms, capital: capitals[0] ?? null, lat, lon };
    g.countries.push(c);
    g.textForms.push({
      country: c,
      sovereign: sov === 1,
      names: [name, ...aliases.slice(0, strong)],
      demonyms,
      capitals,
    });
    put(g.byIso2, iso2, c);
    put(g.byCode, iso3, c);
    for (const n of [name, ...aliases]) {
      const a = acronymKey(n);
      if (a) put(g.byAcronym, a, c);
      else put(g.byName, nameKey(n), c);
    }
    for (const d of demonyms) put(g.byDemonym, nameKey(d), c);
    for (const cap of capitals) put(g.byCapital, nameKey(cap), c);
  }
  for (const c of g.countries) if (c.cameo) put(g.byCode, c.cameo, c);
  for (const [code, iso2] of Object.entries(raw.codes)) {
    const c = g.byIso2.get(iso2);
    if (c) put(g.byCode, code, c);
  }
  for (const [name, iso2] of Object.entries(raw.regions ?? {})) {
    const c = g.byIso2.get(iso2);
    if (c) g.byRegion.set(nameKey(name), c);
  }
  const push = (m: Map<string, Leader[]>, k: string, l: Leader) => {
    const list = m.get(k);
    if (!list) m.set(k, [l]);
    else if (!list.includes(l)) list.push(l);
  };
  for (const [name, iso2, office, from, to] of raw.leaders ?? []) {
    const l: Leader = { name, iso2, office, from, to };
    const ws = personKey(name).split(' ');
    push(g.leadersByName, ws.join(' '), l);
    if (ws.length > 2) push(g.leadersByName, `${ws[0]} ${ws[ws.length - 1]}`, l);
    push(g.leadersBySurname, ws[ws.length - 1], l);
  }
  cache = g;
  return g;
}

function lookup(s: string, index: Map<string, Country>): Country | null {
  if (!s) return null;
  const key = nameKey(s);
  if (s === s.toLowerCase() && LOWER_CASE_WORDS.has(key)) return null;
  return index.get(key) ?? null;
}

/** A country by its name, short form, alias or common misspelling: "US", "U.S.", "America", "DPRK", "USSR". */
export function countryByName(s: string): Country | null {
  const g = load();
  const acr = acronymKey(s);
  if (acr) {
    const c = g.byAcronym.get(acr);
    if (c) return c;
  }
  return lookup(s, g.byName);
}

/** A country by its demonym or nationality adjective: "Russian", "North Korean", "Americans". */
export function countryByDemonym(s: string): Country | null {
  return lookup(s, load().byDemonym);
}

/** A country by its capital (capitals stand for governments: "Moscow", "Pyongyang", "Washington", "Kyiv"). */
export function countryByCapital(s: string): Country | null {
  return lookup(s, load().byCapital);
}

export function countryByIso2(code: string): Country | null {
  return load().byIso2.get(code.trim().toUpperCase()) ?? null;
}

/** A country by ISO alpha-3, CAMEO, COW or historical code: "RUS", "PRK", "JAP" → JP, "USR"/"SUN" → SU. */
export function countryByCode(code: string): Country | null {
  return load().byCode.get(code.trim().toUpperCase()) ?? null;
}

/** The forms of every country that are safe to look for in running text (no misspellings or foreign names). */
export function countryTextForms(): readonly TextForms[] {
  return load().textForms;
}

/** Name particles that are written or left out at will: "Omar al-Bashir" / "Omar El Bashir" / "Bashir". */
const PARTICLES = new Set([
  'al',
  'el',
  'ad',
  'ar',
  'as',
  'ash',
  'at',
  'az',
  'bin',
  'ibn',
  'ben',
  'da',
  'de',
  'do',
  'dos',
  'du',
  'van',
  'von',
  'der',
]);
function personKey(name: string): string {
  const ws = nameKey(name).split(' ');
  const kept = ws.filter((w, i) => i === 0 || !PARTICLES.has(w));
  return kept.join(' ');
}

const NONE: readonly Leader[] = [];
const byNameMemo = new Map<string, readonly Leader[]>();
const bySurnameMemo = new Map<string, readonly Leader[]>();
function memoLeaders(
  memo: Map<string, readonly Leader[]>,
  s: string,
  index: Map<string, Leader[]>,
): readonly Leader[] {
  let r = memo.get(s);
  if (r === undefined) {
    if (memo.size > 20000) memo.clear();
    r = index.get(personKey(s)) ?? NONE;
    memo.set(s, r);
  }
  return r;
}

/** The country of a region whose name suggests another ("Northern Ireland" → GB), or null. */
export function countryByRegion(s: string): Country | null {
  return load().byRegion.get(nameKey(s)) ?? null;
}

/** Leaders whose full name (or first and last name) is this: "Bill Clinton", "George W. Bush". */
export function leadersByName(name: string): readonly Leader[] {
  return memoLeaders(byNameMemo, name, load().leadersByName);
}

/** Leaders whose last name is this one word: "Obama". */
export function leadersBySurname(surname: string): readonly Leader[] {
  return memoLeaders(bySurnameMemo, surname, load().leadersBySurname);
}

/** A surname shared by many people in news ("Smith", "Brown"), which alone does not identify a leader. */
export function isCommonSurname(surname: string): boolean {
  return load().commonSurnames.has(nameKey(surname));
}

export function allCountries(): Country[] {
  return load().countries.slice();
}
