// Toponym resolution: choose, for each recognised toponym, one gazetteer record among its homonyms.
// Score = prior (admin level, population, capital) + document context (countries and first-level divisions the story
// names, weighted by the recogniser's confidence, the dateline counting double; nationality words count a little)
// + spatial coherence (candidates near the other names' candidates) + "City, State" containment, decided jointly.
// The first pass takes context only from names whose country is unambiguous, the next ones from the previous
// pass's choices, until they agree. A name never votes for itself.

import type { AnnotatedDocument } from '../../document.js';
import { type Country, countryByDemonym } from '../../nlp/gazetteer/countries.js';
import { admin1Place, countryPlace, type Place, placeKey } from './gazetteer.js';
import type { Toponym } from './recognize.js';

export interface Resolution {
  place: Place | null;
  score: number;
}

/** Weights of the score's parts. */
const W = {
  countryShare: 2.5,
  countryAny: 1,
  adminShare: 2.5,
  adminAny: 0.5,
  near25: 1.2,
  near75: 0.7,
  near150: 0.3,
  nearCap: 3,
  contain: 0.7,
};

function prior(p: Place): number {
  switch (p.kind) {
    case 'country':
      return 10;
    case 'region':
      // Continents and world regions; a region inside one country (Darfur, Kurdistan) less so.
      return p.country ? 6 : 8.5;
    case 'admin1':
      // A US state, or a large province, is meant rather than a town of the same name ("Ontario", "Georgia").
      // (Among US states, the more populous wins a tie: Washington the state over Washington, D.C.)
      return p.country === 'US'
        ? 7.3 + Math.min(0.5, Math.log10(p.population + 1) / 14)
        : 5 + Math.min(2.6, Math.log10(p.population + 1) / 2.6);
    case 'county':
      return 6.5;
    default: {
      let s = Math.log10(p.population + 1);
      if (p.featureCode === 'PPLC') s += 1.5;
      else if (p.featureCode === 'PPLA') s += 0.6;
      else if (p.featureCode === 'PPLA2') s += 0.3;
      else if (p.featureCode === 'PPLX') s -= 0.5;
      return s;
    }
  }
}

interface Context {
  country: Map<string, number>;
  admin1: Map<string, number>;
  countryTotal: number;
  admin1Total: number;
}

function emptyContext(): Context {
  return { country: new Map(), admin1: new Map(), countryTotal: 0, admin1Total: 0 };
}

function vote(ctx: Context, p: Place, w: number, countryOnly = false): void {
  if (!p.country) return;
  ctx.country.set(p.country, (ctx.country.get(p.country) ?? 0) + w);
  ctx.countryTotal += w;
  if (!countryOnly && p.kind !== 'country' && p.admin1) {
    const k = `${p.country}.${p.admin1}`;
    ctx.admin1.set(k, (ctx.admin1.get(k) ?? 0) + w);
    ctx.admin1Total += w;
  }
}

function contextScore(ctx: Context, p: Place): number {
  let s = 0;
  if (ctx.countryTotal > 0 && p.country) {
    const c = ctx.country.get(p.country) ?? 0;
    s += W.countryShare * (c / ctx.countryTotal) + (c > 0 ? W.countryAny : 0);
  }
  if (p.kind !== 'country' && p.kind !== 'region' && ctx.admin1Total > 0) {
    const a = ctx.admin1.get(`${p.country}.${p.admin1}`) ?? 0;
    s += W.adminShare * (a / ctx.admin1Total) + (a > 0 ? W.adminAny : 0);
  }
  return s;
}

/** A place called so by its own name, not an alternate ("Washington" the state, not Washington, D.C.). */
function ownName(p: Place, t: Toponym): number {
  return placeKey(p.name) === placeKey(t.text) ? 0.3 : 0;
}

/** Fast distance for proximity (equirectangular; good to a few per cent under 500 km). */
function nearKm(a: Place, b: Place): number {
  const r = Math.PI / 180;
  const x = (b.lon - a.lon) * Math.cos(((a.lat + b.lat) / 2) * r);
  const y = b.lat - a.lat;
  return Math.sqrt(x * x + y * y) * 111.2;
}

/**
 * Spatial coherence: towns and counties of one story tend to lie near each other ("Huntsville" and "Walker County"
 * are both in Texas). For each other name in the story, the nearest of its candidates lifts this candidate.
 */
function proximity(p: Place, key: string, pools: Map<string, Place[]>): number {
  if (p.kind === 'admin1') {
    // A division is lifted by the other names of the story that lie in it ("Albany" for New York state).
    let s = 0;
    for (const [k, pool] of pools) {
      if (k === key) continue;
      if (
        pool.some(
          (q) =>
            (q.kind === 'place' || q.kind === 'county') && q.country === p.country && q.admin1 === p.admin1,
        )
      )
        s += W.contain;
    }
    return Math.min(W.nearCap, s);
  }
  if (p.kind !== 'place' && p.kind !== 'county') return 0;
  let s = 0;
  for (const [k, pool] of pools) {
    if (k === key) continue;
    let d = Number.POSITIVE_INFINITY;
    for (const q of pool) {
      if (q.kind === 'admin1' || q.kind === 'region') continue;
      if (q.kind === 'country') {
        if (q.country !== p.country) d = Math.min(d, nearKm(p, q) + 100);
        continue;
      }
      d = Math.min(d, nearKm(p, q));
    }
    s += d < 25 ? W.near25 : d < 75 ? W.near75 : d < 150 ? W.near150 : 0;
  }
  return Math.min(W.nearCap, s);
}

/** Candidates that the "X, Y" containment allows: places inside one of Y's candidates. */
function contained(p: Place, container: Place): boolean {
  if (container.kind === 'country') return p.country === container.country && p !== container;
  if (container.kind === 'admin1')
    return p.country === container.country && p.admin1 === container.admin1 && p.kind !== 'admin1';
  return false;
}

interface Vote {
  place: Place;
  w: number;
  /** The surface key of the toponym that cast it ("" for demonyms): a name never votes for itself. */
  key: string;
  /** A vote for the country only (the name's divisions are still open). */
  countryOnly?: boolean;
}

function contextOf(votes: Vote[], exclude: string): Context {
  const c = emptyContext();
  for (const v of votes) if (!v.key || v.key !== exclude) vote(c, v.place, v.w, v.countryOnly);
  return c;
}

const keyOf = (t: Toponym) => t.text.toLowerCase();

/**
 * The candidates a name really has. A country's name means the country, not its namesake city or division
 * ("Mexico", "Kuwait", "Djibouti"); a name that is only another name of a country ("England", "Scotland" for the
 * United Kingdom) is the division that bears it, where there is one.
 */
function effectiveCandidates(t: Toponym): Place[] {
  // "Washington state", "the state of New York", or one of a list of states: the division.
  if (t.stateCue || t.inList) {
    const divisions = t.candidates.filter((p) => p.kind === 'admin1' || p.kind === 'country');
    if (divisions.length) return divisions;
  }
  const c = t.country;
  if (!c) return t.candidates;
  if (placeKey(c.name) !== placeKey(t.text)) {
    const own = t.candidates.find(
      (p) => p.kind === 'admin1' && p.country === c.iso2 && placeKey(p.name) === placeKey(t.text),
    );
    if (own) return [own];
  }
  return t.candidates.filter((p) => p.kind === 'country' || p.country !== c.iso2);
}

export function resolve(doc: AnnotatedDocument, tops0: Toponym[]): Resolution[] {
  const tops = tops0.map((t) => ({ ...t, candidates: effectiveCandidates(t) }));
  // Seed context: demonyms and countries named by other layers.
  const seed: Vote[] = [];
  for (const m of doc.mentions) {
    if (m.type !== 'NORP') continue;
    const c = countryByDemonym(m.text);
    const cp = c ? countryPlace(c.iso2) : null;
    if (cp) seed.push({ place: cp, w: 0.5, key: '' });
  }
  for (const e of doc.entities) {
    if (e.type !== 'NORP' || !e.ids.iso) continue;
    const cp = countryPlace(e.ids.iso);
    if (cp) seed.push({ place: cp, w: 0.5, key: '' });
  }
  const weight = (t: Toponym) => (t.source === 'dateline' ? 2 : 1) * t.confidence;

  // First pass: votes from names that are unambiguous as to country.
  const v1 = [...seed];
  for (const t of tops) {
    if (!t.candidates.length) continue;
    const countries = new Set(t.candidates.map((p) => p.country));
    if (countries.size === 1) {
      const best = t.candidates.reduce((a, b) => (prior(b) > prior(a) ? b : a));
      const admin1s = new Set(t.candidates.map((p) => p.admin1));
      v1.push({ place: best, w: weight(t), key: keyOf(t), countryOnly: admin1s.size > 1 });
    }
  }
  const pools = candidatePools(tops);
  let res = pass(tops, v1, pools);
  // Then passes with the context of the previous pass's choices, until nothing changes (at most three).
  for (let round = 0; round < 3; round++) {
    const v = [...seed];
    tops.forEach((t, k) => {
      const p = res[k].place;
      if (p) v.push({ place: p, w: weight(t), key: keyOf(t) });
    });
    const next = pass(tops, v, pools);
    const same = next.every((r, k) => r.place === res[k].place);
    res = next;
    if (same) break;
  }
  return res;
}

/** The candidates each distinct name brings, for proximity: the likeliest few by prior. */
function candidatePools(tops: Toponym[]): Map<string, Place[]> {
  const pools = new Map<string, Place[]>();
  for (const t of tops) {
    const k = keyOf(t);
    if (pools.has(k) || !t.candidates.length) continue;
    pools.set(k, [...t.candidates].sort((a, b) => prior(b) - prior(a)).slice(0, MAX_POOL));
  }
  return pools;
}

const MAX_POOL = 40;

function pass(tops: Toponym[], votes: Vote[], pools: Map<string, Place[]>): Resolution[] {
  const cache = new Map<string, Context>();
  const ctxFor = (t: Toponym) => {
    const k = keyOf(t);
    let c = cache.get(k);
    if (!c) cache.set(k, (c = contextOf(votes, k)));
    return c;
  };
  const out: Resolution[] = tops.map(() => ({ place: null, score: Number.NEGATIVE_INFINITY }));
  // Containers first, so that "Atlanta, Georgia" decides Georgia jointly with Atlanta.
  const handled = new Set<number>();
  tops.forEach((t, k) => {
    if (t.container < 0 || handled.has(k)) return;
    const c = tops[t.container];
    const ca = ctxFor(t);
    const cb = ctxFor(c);
    let best: { a: Place; b: Place; s: number } | null = null;
    for (const b of c.candidates) {
      for (const a of t.candidates) {
        if (!contained(a, b)) continue;
        const s =
          prior(a) +
          prior(b) +
          contextScore(ca, a) +
          contextScore(cb, b) +
          proximity(a, keyOf(t), pools) +
          ownName(a, t) +
          ownName(b, c);
        if (!best || s > best.s) best = { a, b, s };
      }
    }
    if (best) {
      out[k] = { place: best.a, score: best.s };
      if (!handled.has(t.container)) out[t.container] = { place: best.b, score: best.s };
      handled.add(k);
      handled.add(t.container);
    }
  });
  tops.forEach((t, k) => {
    if (handled.has(k)) return;
    const ctx = ctxFor(t);
    let best: Place | null = null;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (const p of t.candidates) {
      let s = prior(p) + contextScore(ctx, p) + proximity(p, keyOf(t), pools) + ownName(p, t);
      // A division that shares its name with its own capital city ("Moscow", "Pyongyang"): the city is meant,
      // unless the name is a US state ("New York").
      if (p.kind === 'admin1' && p.country !== 'US') {
        const city = t.candidates.find(
          (q) =>
            q.kind === 'place' &&
            q.country === p.country &&
            q.admin1 === p.admin1 &&
            /^PPL(C|A)$/.test(q.featureCode),
        );
        if (city) s -= 3;
      }
      if (s > bestScore) {
        bestScore = s;
        best = p;
      }
    }
    if (!best && t.country) best = countryPlace(t.country.iso2) ?? countryAsPlace(t.country);
    out[k] = { place: best, score: bestScore };
  });
  return out;
}

/** A country the place gazetteer lacks (the Soviet Union, Yugoslavia): its record from the country gazetteer. */
function countryAsPlace(c: Country): Place {
  return {
    index: -1,
    geonames: null,
    name: c.name,
    country: c.iso2,
    admin1: '',
    featureCode: 'PCLH',
    featureClass: 'A',
    kind: 'country',
    population: 0,
    lat: c.lat,
    lon: c.lon,
  };
}

/** The division a place lies in, as a gazetteer record (for attributes.admin1). */
export function admin1Of(p: Place): Place | null {
  return p.admin1 ? admin1Place(p.country, p.admin1) : null;
}
