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

interface Gazetteer {
  countries: Country[];
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
  };
  const g: Gazetteer = {
    countries: [],
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

export function allCountries(): Country[] {
  return load().countries.slice();
}
