// The place gazetteer: countries, first-level divisions, US counties and populated places (GeoNames-derived).
// Data: models/geo/gazetteer.tsv.gz, built by `npm run build:gazetteer` (train/gazetteer.ts); see models/geo/LICENSE.md.
// Loaded once per process, lazily and synchronously, on the first lookup (about 0.3 s).
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
  places: Place[];
  /** placeKey(name) → places with that name or alternate name. */
  byName: Map<string, Place[]>;
  /** "US.TX" → the division. */
  byAdmin1: Map<string, Place>;
  /** ISO2 → the country. */
  byCountry: Map<string, Place>;
  loadMs: number;
}

/** The lookup key of a place name: accents, case, dots, hyphens and "Saint"/"St." do not matter. */
export function placeKey(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
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

function load(): Gazetteer {
  if (cache) return cache;
  const t0 = performance.now();
  const text = gunzipSync(readFileSync(modelPath('geo', 'gazetteer.tsv.gz'))).toString('utf8');
  const places: Place[] = [];
  const byName = new Map<string, Place[]>();
  const byAdmin1 = new Map<string, Place>();
  const byCountry = new Map<string, Place>();
  const add = (k: string, p: Place) => {
    if (!k) return;
    const l = byName.get(k);
    if (!l) byName.set(k, [p]);
    else if (l[l.length - 1] !== p) l.push(p);
  };
  let pos = 0;
  while (pos < text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const f = text.slice(pos, nl).split('\t');
    pos = nl + 1;
    if (f.length < 9) continue;
    const fcode = f[5];
    const kind = kindOf(fcode);
    const id = Number(f[0]);
    const p: Place = {
      index: places.length,
      geonames: id > 0 ? id : null,
      name: f[1],
      country: f[3],
      admin1: f[4],
      featureCode: fcode,
      featureClass: kind === 'place' ? 'P' : kind === 'region' ? 'L' : 'A',
      kind,
      population: Number(f[6]),
      lat: Number(f[7]),
      lon: Number(f[8]),
    };
    places.push(p);
    add(placeKey(p.name), p);
    if (f[2]) for (const a of f[2].split('|')) add(placeKey(a), p);
    if (kind === 'admin1') {
      const k = `${p.country}.${p.admin1}`;
      if (!byAdmin1.has(k)) byAdmin1.set(k, p);
    } else if (kind === 'country' && !byCountry.has(p.country)) byCountry.set(p.country, p);
  }
  cache = { places, byName, byAdmin1, byCountry, loadMs: performance.now() - t0 };
  return cache;
}

/** Places named so (by name or alternate name), in gazetteer order: countries, divisions, counties, places. */
export function placesByName(name: string): readonly Place[] {
  return load().byName.get(placeKey(name)) ?? [];
}

/** Places under an already normalised key (see placeKey). */
export function placesByKey(key: string): readonly Place[] {
  return load().byName.get(key) ?? [];
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
  return { places: g.places.length, names: g.byName.size, ms: g.loadMs };
}

/** Great-circle distance in km. */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180;
  const dLat = (lat2 - lat1) * r;
  const dLon = (lon2 - lon1) * r;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(a)));
}
