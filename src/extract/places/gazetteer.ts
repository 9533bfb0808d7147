// The place gazetteer: countries, first-level divisions, US counties and populated places (GeoNames-derived).
// Data: models/geo/gazetteer.tsv.gz, built by `npm run build:gazetteer` (train/gazetteer.ts); see models/geo/LICENSE.md.
// Loaded once per process, lazily and synchronously, on the first lookup (about 0.1 s).
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { modelPath } from '../../paths.js';

export type PlaceKind = 'country' | 'region' | 'admin1' | 'county' | 'place';

export interface Place {
  /** Index in the gazetteer (stable within one build). */
  index: number;
  /** GeoNames id; null where the source has none (counties). */
  geonames: number | null;
  name: string;
  /** ISO 3166-1 alpha-2; "" for continents and world regions. */
  country: string;
  /** GeoNames admin1 code (US: the postal code, "TX"); "" for countries. */
  admin1: string;
  /** GeoNames feature code: PCLI, ADM1, ADM2, PPL, PPLA, PPLC … */
  featureCode: string;
  /** GeoNames feature class: A (country, division), P (populated place), L (continent, region). */
  featureClass: string;
  kind: PlaceKind;
  population: number;
  lat: number;
  lon: number;
}

interface Gazetteer {
  /** The decompressed file; records are parsed from it on first use. */
  text: string;
  /** Start offset of each record's line. */
  lineStart: Int32Array;
  count: number;
  parsed: (Place | undefined)[];
  /** placeKey(name) → record index or indices. */
  byName: Map<string, number | number[]>;
  /** "US.TX" → the division. */
  byAdmin1: Map<string, Place>;
  /** ISO2 → the country. */
  byCountry: Map<string, Place>;
  loadMs: number;
}

/** The lookup key of a place name: accents, case, dots, hyphens and "Saint"/"St." do not matter. */
export function placeKey(s: string): string {
  const ascii = /^[\x00-\x7f]*$/.test(s);
  return (ascii ? s : s.normalize('NFD').replace(/[\u0300-\u036f]/g, ''))
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .toLowerCase()
    .replace(/\./g, ' ')
    .replace(/[-\u2010-\u2014]/g, ' ')
    .replace(/\bsaint\b/g, 'st')
    .replace(/\bfort\b/g, 'ft')
    .replace(/\bmount\b/g, 'mt')
    .replace(/\s+/g, ' ')
    .trim();
}

function kindOf(fcode: string): PlaceKind {
  if (fcode === 'PCLI') return 'country';
  if (fcode === 'CONT' || fcode === 'RGN') return 'region';
  if (fcode === 'ADM1') return 'admin1';
  if (fcode === 'ADM2') return 'county';
  return 'place';
}

let cache: Gazetteer | null = null;

// File format (models/geo/gazetteer.tsv.gz), one record a line, tab-separated:
//   keys(|)  geonameid  name  country  admin1  featureCode  population  lat  lon
// keys are the placeKey forms of the name and its alternates, computed by the build; countries, regions and
// divisions come first. Loading indexes the keys only; a record is parsed when a lookup first returns it.

function parseRecord(g: Gazetteer, i: number): Place {
  const start = g.lineStart[i];
  let end = g.text.indexOf('\n', start);
  if (end < 0) end = g.text.length;
  const f = g.text.slice(start, end).split('\t');
  const fcode = f[5];
  const kind = kindOf(fcode);
  const id = Number(f[1]);
  return {
    index: i,
    geonames: id > 0 ? id : null,
    name: f[2],
    country: f[3],
    admin1: f[4],
    featureCode: fcode,
    featureClass: kind === 'place' ? 'P' : kind === 'region' ? 'L' : 'A',
    kind,
    population: Number(f[6]),
    lat: Number(f[7]),
    lon: Number(f[8]),
  };
}

function placeAt(g: Gazetteer, i: number): Place {
  let p = g.parsed[i];
  if (!p) {
    p = parseRecord(g, i);
    g.parsed[i] = p;
  }
  return p;
}

function load(): Gazetteer {
  if (cache) return cache;
  const t0 = performance.now();
  const text = gunzipSync(readFileSync(modelPath('geo', 'gazetteer.tsv.gz'))).toString('utf8');
  let lineStart = new Int32Array(1 << 17);
  let count = 0;
  const byName = new Map<string, number | number[]>();
  let pos = 0;
  while (pos < text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const tab = text.indexOf('\t', pos);
    if (tab > pos && tab < nl) {
      if (count === lineStart.length) {
        const grown = new Int32Array(lineStart.length * 2);
        grown.set(lineStart);
        lineStart = grown;
      }
      const i = count++;
      lineStart[i] = pos;
      const keys = text.slice(pos, tab);
      for (const k of keys.includes('|') ? keys.split('|') : [keys]) {
        const had = byName.get(k);
        if (had === undefined) byName.set(k, i);
        else if (typeof had === 'number') {
          if (had !== i) byName.set(k, [had, i]);
        } else if (had[had.length - 1] !== i) had.push(i);
      }
    }
    pos = nl + 1;
  }
  const g: Gazetteer = {
    text,
    lineStart,
    count,
    parsed: new Array(count),
    byName,
    byAdmin1: new Map(),
    byCountry: new Map(),
    loadMs: 0,
  };
  // Countries, regions and divisions lead the file: index them until the first populated place.
  for (let i = 0; i < count; i++) {
    const p = placeAt(g, i);
    if (p.kind === 'place') break;
    if (p.kind === 'admin1') {
      const k = `${p.country}.${p.admin1}`;
      if (p.admin1 && !g.byAdmin1.has(k)) g.byAdmin1.set(k, p);
    } else if (p.kind === 'country' && !g.byCountry.has(p.country)) g.byCountry.set(p.country, p);
  }
  g.loadMs = performance.now() - t0;
  cache = g;
  return g;
}

function resolveKey(key: string): Place[] {
  const g = load();
  const v = g.byName.get(key);
  if (v === undefined) return [];
  if (typeof v === 'number') return [placeAt(g, v)];
  return v.map((i) => placeAt(g, i));
}

/** Places named so (by name or alternate name), in gazetteer order: countries, divisions, counties, places. */
export function placesByName(name: string): readonly Place[] {
  return resolveKey(placeKey(name));
}

/** Places under an already normalised key (see placeKey). */
export function placesByKey(key: string): readonly Place[] {
  return resolveKey(key);
}

export function admin1Place(country: string, admin1: string): Place | null {
  return load().byAdmin1.get(`${country}.${admin1}`) ?? null;
}

export function countryPlace(iso2: string): Place | null {
  return load().byCountry.get(iso2) ?? null;
}

/** Loads the gazetteer now (it loads itself on first use) and says how big it is and how long it took. */
export function loadGazetteer(): { places: number; names: number; ms: number } {
  const g = load();
  return { places: g.count, names: g.byName.size, ms: g.loadMs };
}

/** Great-circle distance in km. */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180;
  const dLat = (lat2 - lat1) * r;
  const dLon = (lon2 - lon1) * r;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(a)));
}
