// Builds models/countries.json: the country gazetteer behind src/nlp/gazetteer/countries.ts.
//   npm run build:countries
// Sources (see models/LICENSES.md):
//   - npm `world-countries` (ODbL 1.0): ISO 3166 codes, names, alternative spellings, demonyms, capitals, lat/lon
//   - npm `i18n-iso-countries` (MIT): English names and short forms
//   - ../shared/data/gazetteer/countryinfo.json (CC BY-SA 3.0, Philip A. Schrodt): CAMEO/COW codes, extra names,
//     misspellings, nationality adjectives, capitals. Its ISO columns are wrong for some countries, so ISO codes
//     come from world-countries and rows are joined on the CAMEO/ISO-3 code with a name check.
// The output is derived from CC BY-SA data and stays CC BY-SA 3.0.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { acronymKey, nameKey } from '../src/nlp/gazetteer/countries.js';
import { modelPath, sharedDataPath } from '../src/paths.js';

interface WcCountry {
  name: { common: string; official: string };
  cca2: string;
  cca3: string;
  independent: boolean | null;
  unMember: boolean;
  capital: string[];
  altSpellings: string[];
  latlng: number[];
  demonyms?: { eng?: { f: string; m: string } };
}

interface CiRow {
  CountryCode: string;
  CountryName: string;
  'COW-Alpha': string;
  'ISO3166-alpha3': string;
  nationality?: string[];
  capital?: string[];
}

export interface CountryRecord {
  iso2: string;
  iso3: string;
  cameo: string | null;
  name: string;
  aliases: string[];
  demonyms: string[];
  capital: string | null;
  capitals: string[];
  lat: number;
  lon: number;
  /** Sovereign state (or a historical state): preferred when a name or capital is shared. */
  sovereign: boolean;
}

const require = createRequire(import.meta.url);
const wcPath = require.resolve('world-countries/countries.json');
const wc: WcCountry[] = JSON.parse(readFileSync(wcPath, 'utf8'));
const i18n = require('i18n-iso-countries') as {
  getNames(lang: string, opts: { select: 'all' }): Record<string, string[]>;
};
const i18nNames = i18n.getNames('en', { select: 'all' });
const ci: CiRow[] = JSON.parse(
  readFileSync(sharedDataPath('gazetteer', 'countryinfo.json'), 'utf8'),
).countries;

const norm = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/-/g, ' ')
    .replace(/[^A-Z ]/g, '')
    .replace(/\s+/g, ' ')
    .trim();

const LOWER_WORDS = new Set([
  'of',
  'the',
  'and',
  'da',
  'de',
  'du',
  'del',
  'la',
  'le',
  'des',
  'el',
  'al',
  'van',
  'y',
]);
/** countryinfo writes everything in capitals: "NORTH KOREAN" → "North Korean"; keeps acronyms ("DPRK", "U.S.A."). */
function titleCase(s: string): string {
  const the = /^THE ([A-Z.]{1,6})$/.exec(s);
  if (the) return `the ${the[1]}`;
  const words = s.split(' ');
  if (words.length === 1 && s.replace(/\./g, '').length <= 4) return s;
  return words
    .map((w, i) => {
      if (w.includes('.') || !/[AEIOUY]/.test(w)) return w;
      const lw = w.toLowerCase();
      if (i > 0 && LOWER_WORDS.has(lw)) return lw;
      return lw.replace(/(^|[-'(])([a-z])/g, (_m, p: string, c: string) => p + c.toUpperCase());
    })
    .join(' ');
}

const isAscii = (s: string) => /^[\x20-\x7e]+$/.test(s);
const stripAccents = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');

// ---------------------------------------------------------------- join countryinfo rows to ISO countries

const byCca3 = new Map(wc.map((c) => [c.cca3, c]));
function npmNames(c: WcCountry): Set<string> {
  const s = new Set(
    [c.name.common, c.name.official, ...c.altSpellings, ...(i18nNames[c.cca2] ?? [])].map(norm),
  );
  return s;
}
const allByName = new Map<string, WcCountry>();
for (const c of wc) for (const n of npmNames(c)) if (!allByName.has(n)) allByName.set(n, c);

function candidateCodes(row: CiRow): string[] {
  const out: string[] = [];
  const code = row.CountryCode.trim();
  if (/^[A-Z]{3}$/.test(code)) out.push(code);
  if (/^[A-Z]{6}$/.test(code)) out.push(code.slice(3));
  const bracketed = [...code.matchAll(/\[([A-Z]{3,6})[^\]]*\]/g)].map((m) => m[1].slice(-3)).reverse();
  out.push(...bracketed);
  if (/^[A-Z]{3}$/.test(row['ISO3166-alpha3'])) out.push(row['ISO3166-alpha3']);
  return out;
}

/** The current CAMEO code of a row: the plain code, or the latest bracketed one. */
function cameoOf(row: CiRow): string | null {
  const code = row.CountryCode.trim();
  if (/^[A-Z]{3}$/.test(code)) return code;
  const bracketed = [...code.matchAll(/\[([A-Z]{3,6})[^\]]*\]/g)].map((m) => m[1]);
  const last = bracketed[bracketed.length - 1];
  if (last && /^[A-Z]{3}$/.test(last)) return last;
  return null;
}

const joined = new Map<string, CiRow>(); // cca3 → row
const cameoCodes = new Map<string, string>(); // code → iso2 (CAMEO, COW, historical)
for (const row of ci) {
  const rowNames = [row.CountryName, ...(row.nationality ?? [])].map(norm);
  let match: WcCountry | undefined;
  for (const code of candidateCodes(row)) {
    const c = byCca3.get(code);
    if (!c) continue;
    const names = npmNames(c);
    if (rowNames.some((n) => names.has(n))) {
      match = c;
      break;
    }
  }
  if (!match) match = allByName.get(norm(row.CountryName));
  if (!match) {
    console.error(`countryinfo: no ISO country for ${row.CountryCode} ${row.CountryName} (skipped)`);
    continue;
  }
  if (joined.has(match.cca3)) {
    console.error(`countryinfo: ${row.CountryName} joins ${match.cca3}, already taken (skipped)`);
    continue;
  }
  joined.set(match.cca3, row);
}

// ---------------------------------------------------------------- build records

const DEMONYM_SUFFIX = /(AN|ESE|ISH|I|IC|CH|OT|ON|ENO|ENA|AIS|OIS|MAN|WOMAN|ER|X|NE)$/;
function plural(d: string): string[] {
  if (/(ese|sh|ch|ss|x|s|i|ois|ais)$/i.test(d)) return d.endsWith('i') ? [`${d}s`] : [];
  if (/[shy]man$/.test(d)) return [d.replace(/man$/, 'men')];
  return [`${d}s`];
}

const records: CountryRecord[] = [];
for (const c of wc) {
  const row = joined.get(c.cca3);
  const aliases = new Set<string>();
  const demonyms = new Set<string>();
  const capitals: string[] = [];
  const add = (set: Set<string>, s: string | undefined) => {
    if (!s) return;
    s = s.replace(/\s+/g, ' ').trim();
    if (!s || /\d/.test(s)) return;
    if (!isAscii(s)) {
      const a = stripAccents(s);
      if (!isAscii(a)) return; // other scripts are not useful for English text
      set.add(s);
      set.add(a);
      return;
    }
    set.add(s);
  };
  add(aliases, c.name.official);
  for (const a of c.altSpellings)
    if (a.replace(/\./g, '').length > 2 || a === 'UK' || a === 'US') add(aliases, a);
  for (const a of i18nNames[c.cca2] ?? []) add(aliases, a);
  if (c.demonyms?.eng) {
    add(demonyms, c.demonyms.eng.m);
    add(demonyms, c.demonyms.eng.f);
  }
  for (const cap of c.capital ?? []) {
    const s = stripAccents(cap);
    if (isAscii(s) && !capitals.includes(cap)) capitals.push(cap);
    if (s !== cap && isAscii(s)) capitals.push(s);
  }
  if (row) {
    const nat = (row.nationality ?? []).filter((n) => !/\d/.test(n));
    const names = npmNames(c);
    nat.forEach((n, i) => {
      const isName = names.has(norm(n));
      // the first entry is the nationality adjective; later ones are names and misspellings, and a few nouns
      if (!isName && (i === 0 || /^[A-Z]{3,}[SHY](MAN|WOMAN)$/.test(n)) && DEMONYM_SUFFIX.test(n))
        add(demonyms, titleCase(n));
      else add(aliases, titleCase(n));
    });
    for (const cap of row.capital ?? []) {
      const t = titleCase(cap);
      if (!capitals.some((x) => norm(x) === norm(t))) capitals.push(t);
    }
  }
  for (const d of [...demonyms]) for (const p of plural(d)) demonyms.add(p);
  aliases.delete(c.name.common);
  for (const d of demonyms) aliases.delete(d);
  records.push({
    iso2: c.cca2,
    iso3: c.cca3,
    cameo: row ? cameoOf(row) : null,
    name: c.name.common,
    aliases: [...aliases],
    demonyms: [...demonyms],
    capital: capitals[0] ?? null,
    capitals,
    lat: c.latlng[0],
    lon: c.latlng[1],
    sovereign: c.independent === true || c.unMember,
  });
  if (row) {
    const cameo = cameoOf(row);
    if (cameo && cameo !== c.cca3 && !byCca3.has(cameo) && !cameoCodes.has(cameo))
      cameoCodes.set(cameo, c.cca2);
    const cow = row['COW-Alpha'];
    if (/^[A-Z]{3}$/.test(cow) && !byCca3.has(cow) && !cameoCodes.has(cow)) cameoCodes.set(cow, c.cca2);
  }
}

// ---------------------------------------------------------------- curated additions (general English usage)

const rec = (iso2: string) => {
  const r = records.find((x) => x.iso2 === iso2);
  if (!r) throw new Error(`no ${iso2}`);
  return r;
};
const extra: Record<string, { aliases?: string[]; demonyms?: string[]; capitals?: string[] }> = {
  US: {
    aliases: ['America', 'U.S.', 'U.S.A.', 'United States of America'],
    demonyms: ['American'],
  },
  GB: {
    aliases: ['Britain', 'Great Britain', 'England', 'U.K.'],
    demonyms: ['British', 'Briton', 'Britons'],
  },
  KP: { aliases: ['DPRK', 'D.P.R.K.', 'N. Korea'], demonyms: ['North Korean', 'North Koreans'] },
  KR: { aliases: ['ROK', 'S. Korea', 'Republic of Korea'], demonyms: ['South Korean', 'South Koreans'] },
  RU: { aliases: ['Russian Federation'], demonyms: ['Russian', 'Russians'] },
  CN: { aliases: ['PRC', "People's Republic of China", 'Mainland China'], demonyms: ['Chinese'] },
  TW: { aliases: ['Republic of China', 'ROC'], demonyms: ['Taiwanese'] },
  UA: { capitals: ['Kyiv', 'Kiev'], demonyms: ['Ukrainian', 'Ukrainians'] },
  CZ: { aliases: ['Czechia', 'Czech Republic'], demonyms: ['Czech', 'Czechs'] },
  AE: { aliases: ['UAE', 'U.A.E.', 'Emirates'], demonyms: ['Emirati', 'Emiratis'] },
  SA: { aliases: ['KSA'], demonyms: ['Saudi', 'Saudis', 'Saudi Arabian'] },
  NL: { aliases: ['Holland'], demonyms: ['Dutch'] },
  DO: { demonyms: ['Dominican', 'Dominicans'] },
  CD: { aliases: ['DRC', 'DR Congo', 'Congo-Kinshasa'] },
  CG: { aliases: ['Congo-Brazzaville', 'Republic of the Congo'] },
  MM: { aliases: ['Burma'], demonyms: ['Burmese'] },
  PS: { aliases: ['Palestinian territories'], demonyms: ['Palestinian', 'Palestinians'] },
  VA: { aliases: ['Vatican', 'Holy See', 'Vatican City'] },
  IR: { demonyms: ['Iranian', 'Iranians', 'Persian'] },
  PH: { demonyms: ['Filipino', 'Filipinos', 'Philippine'] },
  NZ: { demonyms: ['New Zealander', 'New Zealanders'] },
};
for (const [iso2, e] of Object.entries(extra)) {
  const r = rec(iso2);
  for (const a of e.aliases ?? []) if (!r.aliases.includes(a) && a !== r.name) r.aliases.push(a);
  for (const d of e.demonyms ?? []) if (!r.demonyms.includes(d)) r.demonyms.push(d);
  for (const c of e.capitals ?? []) if (!r.capitals.includes(c)) r.capitals.push(c);
}

// Historical states, with ISO 3166-3 codes (reserved alpha-2 and alpha-3).
const historical: CountryRecord[] = [
  {
    iso2: 'SU',
    iso3: 'SUN',
    cameo: 'USR',
    name: 'Soviet Union',
    aliases: ['USSR', 'U.S.S.R.', 'Union of Soviet Socialist Republics', 'the Soviet Union'],
    demonyms: ['Soviet', 'Soviets'],
    capital: 'Moscow',
    capitals: ['Moscow'],
    lat: 55.75,
    lon: 37.62,
    sovereign: false,
  },
  {
    iso2: 'YU',
    iso3: 'YUG',
    cameo: 'YUG',
    name: 'Yugoslavia',
    aliases: ['Socialist Federal Republic of Yugoslavia', 'Federal Republic of Yugoslavia'],
    demonyms: ['Yugoslav', 'Yugoslavs', 'Yugoslavian'],
    capital: 'Belgrade',
    capitals: ['Belgrade'],
    lat: 44.82,
    lon: 20.46,
    sovereign: false,
  },
  {
    iso2: 'CS',
    iso3: 'CSK',
    cameo: null,
    name: 'Czechoslovakia',
    aliases: ['Czechoslovak Socialist Republic'],
    demonyms: ['Czechoslovak', 'Czechoslovaks', 'Czechoslovakian'],
    capital: 'Prague',
    capitals: ['Prague'],
    lat: 50.09,
    lon: 14.42,
    sovereign: false,
  },
  {
    iso2: 'DD',
    iso3: 'DDR',
    cameo: null,
    name: 'East Germany',
    aliases: ['German Democratic Republic', 'GDR'],
    demonyms: ['East German', 'East Germans'],
    capital: 'East Berlin',
    capitals: ['East Berlin'],
    lat: 52.52,
    lon: 13.4,
    sovereign: false,
  },
];
records.push(...historical);
for (const [code, iso2] of [
  ['USR', 'SU'],
  ['JAP', 'JP'],
  ['KSV', 'XK'],
  ['ROM', 'RO'],
  ['ZAR', 'CD'],
  ['TMP', 'TL'],
  ['BUR', 'MM'],
  ['DRC', 'CD'],
  ['SUN', 'SU'],
] as const)
  cameoCodes.set(code, iso2);

// Conflicts: a key (name, demonym or capital) claimed by several countries goes to the best claim — a country's
// own name, then curated and npm names, then countryinfo's lists; sovereign states before territories and
// historical states — and is dropped from the others, so that lookups never depend on file order.
const curated = new Set<string>();
for (const [iso2, e] of Object.entries(extra))
  for (const x of [...(e.aliases ?? []), ...(e.demonyms ?? []), ...(e.capitals ?? [])])
    curated.add(`${iso2}:${x}`);
for (const h of historical)
  for (const x of [...h.aliases, ...h.demonyms, ...h.capitals]) curated.add(`${h.iso2}:${x}`);
const fromNpm = new Set<string>();
for (const c of wc) {
  for (const x of [c.name.official, ...c.altSpellings, ...(i18nNames[c.cca2] ?? []), ...(c.capital ?? [])])
    fromNpm.add(`${c.cca2}:${stripAccents(x)}`);
  if (c.demonyms?.eng) for (const x of [c.demonyms.eng.m, c.demonyms.eng.f]) fromNpm.add(`${c.cca2}:${x}`);
}
function rank(r: CountryRecord, x: string, sovereignFirst: boolean): number {
  const p =
    norm(x) === norm(r.name)
      ? 0
      : curated.has(`${r.iso2}:${x}`)
        ? 1
        : fromNpm.has(`${r.iso2}:${stripAccents(x)}`)
          ? 2
          : 3;
  return sovereignFirst ? p + (r.sovereign ? 0 : 10) : p * 2 + (r.sovereign ? 0 : 1);
}
const keyOf = (x: string) => acronymKey(x) ?? nameKey(x);
function resolve(field: 'aliases' | 'demonyms' | 'capitals', withNames: boolean) {
  const best = new Map<string, { iso2: string; rank: number }>();
  for (const r of records) {
    const items = withNames ? [r.name, ...r[field]] : r[field];
    for (const x of items) {
      const k = keyOf(x);
      const rk = rank(r, x, field === 'capitals');
      const b = best.get(k);
      if (!b || rk < b.rank) best.set(k, { iso2: r.iso2, rank: rk });
    }
  }
  for (const r of records)
    r[field] = r[field].filter((x) => {
      const b = best.get(keyOf(x));
      if (b && b.iso2 !== r.iso2) {
        console.error(`${field}: ${x} of ${r.iso2} goes to ${b.iso2}`);
        return false;
      }
      return true;
    });
}
for (const r of records) {
  const dem = new Set(r.demonyms.map(keyOf));
  r.aliases = [...new Set(r.aliases)].filter((a) => !dem.has(keyOf(a)) && keyOf(a) !== keyOf(r.name));
  r.demonyms = [...new Set(r.demonyms)];
  r.capitals = [...new Set(r.capitals)];
}
resolve('aliases', true);
resolve('demonyms', false);
resolve('capitals', false);
for (const r of records) r.capital = r.capitals[0] ?? null;

const strength = (r: CountryRecord, x: string) => (rank(r, x, true) % 10 <= 2 ? 0 : 1);
const out = {
  source:
    'world-countries (ODbL 1.0), i18n-iso-countries (MIT), countryinfo.json (CC BY-SA 3.0, (c) 2012 Philip A. Schrodt); this file: CC BY-SA 3.0',
  countries: records.map((r) => [
    r.iso2,
    r.iso3,
    r.cameo,
    r.name,
    // names from the npm packages and the curated list first: those are safe to look for in running text
    [...r.aliases].sort((a, b) => strength(r, a) - strength(r, b)),
    r.demonyms,
    r.capitals,
    Math.round(r.lat * 100) / 100,
    Math.round(r.lon * 100) / 100,
    r.sovereign ? 1 : 0,
    r.aliases.filter((a) => strength(r, a) === 0).length,
  ]),
  codes: Object.fromEntries([...cameoCodes].sort()),
};
const path = modelPath('countries.json');
writeFileSync(path, `${JSON.stringify(out)}\n`);
console.error(`wrote ${records.length} countries, ${cameoCodes.size} extra codes → ${path}`);
