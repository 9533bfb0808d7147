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
import { HONORIFICS, TITLE_HEADS } from '../src/nlp/entities/lexicon.js';
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
      if (w.includes('.') || !/[AEIOUY]/.test(w) || (i > 0 && /^[IVX]+$/.test(w))) return w;
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
  CD: { aliases: ['DRC', 'DR Congo', 'Congo-Kinshasa', 'Zaire'] },
  CG: { aliases: ['Congo-Brazzaville', 'Republic of the Congo'] },
  MM: { aliases: ['Burma'], demonyms: ['Burmese'] },
  PS: {
    aliases: ['Palestinian territories', 'West Bank', 'Gaza Strip', 'Gaza'],
    demonyms: ['Palestinian', 'Palestinians'],
  },
  VA: { aliases: ['Vatican', 'Holy See', 'Vatican City'] },
  IR: { demonyms: ['Iranian', 'Iranians', 'Persian'] },
  PH: { demonyms: ['Filipino', 'Filipinos', 'Philippine'] },
  NZ: { demonyms: ['New Zealander', 'New Zealanders'] },
  // nationality nouns (a person of the country), which countryinfo lists as names or not at all
  RS: { demonyms: ['Serb', 'Serbs'], capitals: ['Beograd'] },
  ME: { capitals: ['Podgorica'] },
  HR: { demonyms: ['Croat', 'Croats'] },
  BA: { aliases: ['Bosnia'], demonyms: ['Bosniak', 'Bosniaks'] },
  PL: { demonyms: ['Poles'] },
  DK: { demonyms: ['Dane', 'Danes'] },
  SE: { demonyms: ['Swede', 'Swedes'] },
  FI: { demonyms: ['Finns'] },
  TR: { demonyms: ['Turk', 'Turks'] },
  TH: { demonyms: ['Thai', 'Thais'] },
  UZ: { demonyms: ['Uzbek', 'Uzbeks'] },
  TJ: { demonyms: ['Tajik', 'Tajiks'] },
  KG: { demonyms: ['Kyrgyz'] },
  KZ: { demonyms: ['Kazakh', 'Kazakhs'] },
  CI: { aliases: ["Côte d'Ivoire", "Cote d'Ivoire", 'Ivory Coast'] },
  ES: { demonyms: ['Spaniard', 'Spaniards'] },
  KH: { aliases: ['Kampuchea'], demonyms: ['Kampuchean', 'Kampucheans'] },
  // short and former names common in news (countryinfo lists them only among its misspellings)
  TT: { aliases: ['Trinidad'] },
  BF: { aliases: ['Burkina'] },
  FK: { aliases: ['Falklands'] },
  LK: { aliases: ['Ceylon'] },
  BY: { aliases: ['Byelorussia', 'Belorussia'] },
  MD: { aliases: ['Moldavia'] },
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
  // older CAMEO country codes still found in coded event data
  ['ITL', 'IT'],
  ['VTN', 'VN'],
  ['GMW', 'DE'],
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
// ---------------------------------------------------------------- audit: forms that do not name this country
// countryinfo's lists (and a few npm alternative spellings) hold forms that would link ordinary text to a country:
// English words ("Island" for Iceland), another country's demonym or name stem ("Serbian", "Serb" listed under
// Montenegro), a demonym that is the country's own name ("Djibouti"). They are dropped by rule, with a log line.
// Common English words are derived from the lower-case words of the CoNLL-2003 training text (used only here, at
// build time; nothing of it is written out).
const commonWords = (() => {
  const counts = new Map<string, number>();
  const text = readFileSync(sharedDataPath('ner', 'conll2003-train.jsonl'), 'utf8');
  for (const line of text.split('\n')) {
    if (!line) continue;
    const t = (JSON.parse(line) as { text: string }).text;
    for (const m of t.matchAll(/[A-Za-z][A-Za-z'-]*/g)) {
      const w = m[0];
      if (w === w.toLowerCase()) counts.set(w, (counts.get(w) ?? 0) + 1);
    }
  }
  return new Set([...counts].filter(([, n]) => n >= 3).map(([w]) => w));
})();
/** Every word of the form is a common lower-case English word ("Island", "City of Light", "New Flower"). */
/** A one-word form that is a common lower-case English word ("Island", "Male", "Pole"). Longer capitalised
 * phrases of such words are names ("West Bank") and must match in full. */
const isCommonPhrase = (x: string) => {
  const ws = nameKey(x)
    .split(' ')
    .filter((w) => w && !LOWER_WORDS.has(w));
  return ws.length === 1 && commonWords.has(ws[0]);
};
{
  const demonymOwner = new Map<string, Set<string>>();
  const stems: { stem: string; iso2: string }[] = [];
  for (const r of records) {
    for (const d of r.demonyms) {
      const k = keyOf(d);
      let set = demonymOwner.get(k);
      if (!set) demonymOwner.set(k, (set = new Set()));
      set.add(r.iso2);
    }
    for (const n of [r.name, ...r.demonyms]) stems.push({ stem: nameKey(n), iso2: r.iso2 });
  }
  const nameKeys = new Set(records.map((r) => nameKey(r.name)));
  const safe = (r: CountryRecord, x: string) => rank(r, x, false) <= 2; // the name and curated forms
  for (const r of records) {
    const own = [r.name, ...r.demonyms, ...r.aliases.filter((a) => !demonymOwner.has(keyOf(a)))].map(nameKey);
    r.aliases = r.aliases.filter((a) => {
      // acronyms ("US", "U.S.", "UAE") are matched case-sensitively: never an English word
      const acr = acronymKey(a);
      if (acr && (acr.length <= 3 || a.includes('.')) && !demonymOwner.has(keyOf(a))) return true;
      if (safe(r, a) && !isCommonPhrase(a)) return true;
      const k = keyOf(a);
      const why =
        rank(r, a, false) > 1 && isCommonPhrase(a)
          ? 'an English word'
          : demonymOwner.has(k)
            ? `a demonym of ${[...(demonymOwner.get(k) ?? [])].join('/')}`
            : // a stem of another country's name or demonym that does not start any of this country's names
              !a.includes(' ') &&
                nameKey(a).length >= 4 &&
                stems.some(
                  (s) => s.iso2 !== r.iso2 && s.stem !== nameKey(a) && s.stem.startsWith(nameKey(a)),
                ) &&
                !own.some((o) => o !== nameKey(a) && o.startsWith(nameKey(a)))
              ? "a stem of another country's name"
              : null;
      if (why) console.error(`audit: alias ${a} of ${r.iso2} dropped (${why})`);
      return !why;
    });
    r.demonyms = r.demonyms.filter((d) => {
      const why = nameKeys.has(nameKey(d))
        ? 'a country name'
        : !safe(r, d) && isCommonPhrase(d)
          ? 'an English word'
          : null;
      if (why) console.error(`audit: demonym ${d} of ${r.iso2} dropped (${why})`);
      return !why;
    });
    r.capitals = r.capitals.filter((c, i) => {
      const why = i > 0 && rank(r, c, false) > 1 && isCommonPhrase(c) ? 'an English word' : null;
      if (why) console.error(`audit: capital ${c} of ${r.iso2} dropped (${why})`);
      return !why;
    });
  }
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

// ---------------------------------------------------------------- leaders (heads of state and government)
// countryinfo's dated leaders (about 1960–2011, from rulers.org): name → country, with the office and the years.
// Governors, commissioners and other officials of territories are left out (they are another state's officials).
// A surname shared by many people in news ("Smith", "Brown") is marked common: a bare surname then needs a title.
const rowIso = new Map<CiRow, string>();
for (const [cca3, row] of joined) {
  const c = byCca3.get(cca3);
  if (c) rowIso.set(row, c.cca2);
}
interface CiLeader {
  name: string;
  position: string;
  terms: { from: string | null; to: string | null }[];
}
const NOT_NATIONAL =
  /governor|commissioner|administrator|high representative|\bresident|regent|syndic|coprince|lieutenant|chief minister|viguier/i;
function officeOf(position: string): string {
  let p = position
    .toLowerCase()
    .replace(/\s*\(.*$/, '')
    .replace(/\/.*$/, '')
    .replace(/_/g, ' ')
    .trim();
  p = p.split(' of ')[0];
  const ws = p.split(' ');
  const last = ws[ws.length - 1];
  ws[ws.length - 1] = last.endsWith('men')
    ? `${last.slice(0, -3)}man`
    : last.endsWith('ies')
      ? `${last.slice(0, -3)}y`
      : last.endsWith('s') && !last.endsWith('ss')
        ? last.slice(0, -1)
        : last;
  return ws.join(' ');
}
const leaderRows: [string, string, string, number | null, number | null][] = [];
{
  const seenLeader = new Set<string>();
  for (const row of ci) {
    const iso2 = rowIso.get(row);
    if (!iso2) continue;
    for (const l of (row as CiRow & { leaders?: CiLeader[] }).leaders ?? []) {
      if (!l.name || NOT_NATIONAL.test(l.position) || /\d/.test(l.name)) continue;
      const name = titleCase(l.name.replace(/\s+/g, ' ').trim());
      // collective bodies listed as leaders ("Islamic Revolutionary Council") are not people
      if (
        name.split(' ').length < 2 ||
        /\b(?:Council|Committee|Junta|Government|Presidency|Directorate|Board|Commission|Front|Party|Regency)\b/.test(
          name,
        )
      )
        continue;
      const office = officeOf(l.position);
      const years = l.terms
        .flatMap((t) => [t.from, t.to])
        .filter((x): x is string => !!x)
        .map((x) => +x.slice(0, 4));
      const from = years.length ? Math.min(...years) : null;
      const to = l.terms.some((t) => !t.to) ? null : years.length ? Math.max(...years) : null;
      // countryinfo lists the Soviet Union's leaders under Russia
      const state = iso2 === 'RU' && to !== null && to <= 1991 ? 'SU' : iso2;
      const k = `${name}|${state}|${office}`;
      if (seenLeader.has(k)) continue;
      seenLeader.add(k);
      leaderRows.push([name, state, office, from, to]);
    }
  }
}
// Heads of state and government that countryinfo lacks or that came after it (general knowledge, written for this
// project): [name, iso2, office, from, to].
const LATER_LEADERS: [string, string, string, number, number | null][] = [
  ['Vladimir Putin', 'RU', 'president', 1999, null],
  ['Dmitry Medvedev', 'RU', 'prime minister', 2008, 2020],
  ['Mikhail Mishustin', 'RU', 'prime minister', 2020, null],
  ['Donald Trump', 'US', 'president', 2017, null],
  ['Joe Biden', 'US', 'president', 2021, 2025],
  ['Kamala Harris', 'US', 'vice-president', 2021, 2025],
  ['Mike Pence', 'US', 'vice-president', 2017, 2021],
  ['Xi Jinping', 'CN', 'president', 2013, null],
  ['Li Keqiang', 'CN', 'premier', 2013, 2023],
  ['Li Qiang', 'CN', 'premier', 2023, null],
  ['Wen Jiabao', 'CN', 'premier', 2003, 2013],
  ['Kim Jong Un', 'KP', 'leader', 2011, null],
  ['Kim Jong Il', 'KP', 'leader', 1994, 2011],
  ['Park Geun-hye', 'KR', 'president', 2013, 2017],
  ['Moon Jae-in', 'KR', 'president', 2017, 2022],
  ['Yoon Suk Yeol', 'KR', 'president', 2022, 2025],
  ['Lee Jae-myung', 'KR', 'president', 2025, null],
  ['Shinzo Abe', 'JP', 'prime minister', 2006, 2020],
  ['Yoshihide Suga', 'JP', 'prime minister', 2020, 2021],
  ['Fumio Kishida', 'JP', 'prime minister', 2021, 2024],
  ['Shigeru Ishiba', 'JP', 'prime minister', 2024, 2025],
  ['David Cameron', 'GB', 'prime minister', 2010, 2016],
  ['Theresa May', 'GB', 'prime minister', 2016, 2019],
  ['Boris Johnson', 'GB', 'prime minister', 2019, 2022],
  ['Liz Truss', 'GB', 'prime minister', 2022, 2022],
  ['Rishi Sunak', 'GB', 'prime minister', 2022, 2024],
  ['Keir Starmer', 'GB', 'prime minister', 2024, null],
  ['Francois Hollande', 'FR', 'president', 2012, 2017],
  ['Emmanuel Macron', 'FR', 'president', 2017, null],
  ['Olaf Scholz', 'DE', 'chancellor', 2021, 2025],
  ['Friedrich Merz', 'DE', 'chancellor', 2025, null],
  ['Matteo Renzi', 'IT', 'prime minister', 2014, 2016],
  ['Mario Draghi', 'IT', 'prime minister', 2021, 2022],
  ['Giorgia Meloni', 'IT', 'prime minister', 2022, null],
  ['Recep Tayyip Erdogan', 'TR', 'president', 2003, null],
  ['Narendra Modi', 'IN', 'prime minister', 2014, null],
  ['Manmohan Singh', 'IN', 'prime minister', 2004, 2014],
  ['Benjamin Netanyahu', 'IL', 'prime minister', 1996, null],
  ['Ehud Olmert', 'IL', 'prime minister', 2006, 2009],
  ['Naftali Bennett', 'IL', 'prime minister', 2021, 2022],
  ['Yair Lapid', 'IL', 'prime minister', 2022, 2022],
  ['Volodymyr Zelensky', 'UA', 'president', 2019, null],
  ['Petro Poroshenko', 'UA', 'president', 2014, 2019],
  ['Viktor Yanukovych', 'UA', 'president', 2010, 2014],
  ['Mahmoud Ahmadinejad', 'IR', 'president', 2005, 2013],
  ['Hassan Rouhani', 'IR', 'president', 2013, 2021],
  ['Ebrahim Raisi', 'IR', 'president', 2021, 2024],
  ['Masoud Pezeshkian', 'IR', 'president', 2024, null],
  ['Ali Khamenei', 'IR', 'supreme leader', 1989, null],
  ['Mohamed Morsi', 'EG', 'president', 2012, 2013],
  ['Abdel Fattah el-Sisi', 'EG', 'president', 2014, null],
  ['Mohammed bin Salman', 'SA', 'crown prince', 2017, null],
  ['Dilma Rousseff', 'BR', 'president', 2011, 2016],
  ['Jair Bolsonaro', 'BR', 'president', 2019, 2022],
  ['Luiz Inacio Lula da Silva', 'BR', 'president', 2003, null],
  ['Nicolas Maduro', 'VE', 'president', 2013, null],
  ['Alexander Lukashenko', 'BY', 'president', 1994, null],
  ['Ashraf Ghani', 'AF', 'president', 2014, 2021],
  ['Imran Khan', 'PK', 'prime minister', 2018, 2022],
  ['Shehbaz Sharif', 'PK', 'prime minister', 2022, null],
  ['Justin Trudeau', 'CA', 'prime minister', 2015, 2025],
  ['Mark Carney', 'CA', 'prime minister', 2025, null],
  ['Scott Morrison', 'AU', 'prime minister', 2018, 2022],
  ['Anthony Albanese', 'AU', 'prime minister', 2022, null],
  ['Andres Manuel Lopez Obrador', 'MX', 'president', 2018, 2024],
  ['Claudia Sheinbaum', 'MX', 'president', 2024, null],
  ['Viktor Orban', 'HU', 'prime minister', 2010, null],
  ['Cyril Ramaphosa', 'ZA', 'president', 2018, null],
  ['Muhammadu Buhari', 'NG', 'president', 2015, 2023],
  ['Bola Tinubu', 'NG', 'president', 2023, null],
  ['Abiy Ahmed', 'ET', 'prime minister', 2018, null],
  ['Omar al-Bashir', 'SD', 'president', 1989, 2019],
];
for (const l of LATER_LEADERS) leaderRows.push(l);

// surnames that many different people carry in news text: distinct given names before them in CoNLL-2003 train
const commonSurnames = (() => {
  const surnames = new Set(leaderRows.map((l) => nameKey(l[0].split(' ').pop() ?? '')));
  const before = new Map<string, Set<string>>();
  const text = readFileSync(sharedDataPath('ner', 'conll2003-train.jsonl'), 'utf8');
  for (const line of text.split('\n')) {
    if (!line) continue;
    const t = (JSON.parse(line) as { text: string }).text;
    for (const m of t.matchAll(/\b([A-Z][a-z]+) ([A-Z][a-z'-]+)\b/g)) {
      const sn = m[2].toLowerCase();
      if (!surnames.has(sn) || TITLE_HEADS.has(m[1].toLowerCase()) || HONORIFICS.has(m[1].toLowerCase()))
        continue;
      let set = before.get(sn);
      if (!set) before.set(sn, (set = new Set()));
      set.add(m[1]);
    }
  }
  // and surnames that are ordinary English words ("Bush", "May", "Major", "Brown")
  for (const sn of surnames) if (commonWords.has(sn)) before.set(sn, new Set(['', ' ', '  ']));
  return [...before]
    .filter(([, s]) => s.size >= 3)
    .map(([k]) => k)
    .sort();
})();
console.error(`leaders: ${leaderRows.length}, common surnames: ${commonSurnames.length}`);

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
  // regions that are not countries but are often taken for one by their name ("Northern Ireland" is not in Ireland)
  regions: { 'Northern Ireland': 'GB', Scotland: 'GB', Wales: 'GB', 'Hong Kong SAR': 'HK' },
  // [name, iso2, office, first year, last year (null: in office when the data ends)]
  leaders: leaderRows,
  commonSurnames,
};
const path = modelPath('countries.json');
writeFileSync(path, `${JSON.stringify(out)}\n`);
console.error(`wrote ${records.length} countries, ${cameoCodes.size} extra codes → ${path}`);
