// Toponym resolution: choose, for each recognised toponym, one gazetteer record among its homonyms.
// Score = prior (admin level, population, capital) + document context (countries and first-level divisions the story
// names, the dateline place, the places already resolved) + "City, State" containment. Two passes: the first
// resolves from the names alone, the second re-scores with the context that the first pass built.

import type { AnnotatedDocument } from '../../document.js';
import { countryByDemonym } from '../../nlp/gazetteer/countries.js';
import { admin1Place, countryPlace, distanceKm, type Place } from './gazetteer.js';
import type { Toponym } from './recognize.js';

export interface Resolution {
  place: Place | null;
  score: number;
}

function prior(p: Place): number {
  switch (p.kind) {
    case 'country':
      return 9;
    case 'region':
      return 8.5;
    case 'admin1':
      return p.country === 'US' ? 7.6 : 6 + Math.min(1.5, Math.log10(p.population + 1) / 5);
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
  points: { lat: number; lon: number; w: number }[];
}

function emptyContext(): Context {
  return { country: new Map(), admin1: new Map(), countryTotal: 0, admin1Total: 0, points: [] };
}

function vote(ctx: Context, p: Place, w: number): void {
  ctx.country.set(p.country, (ctx.country.get(p.country) ?? 0) + w);
  ctx.countryTotal += w;
  if (p.kind !== 'country' && p.admin1) {
    const k = `${p.country}.${p.admin1}`;
    ctx.admin1.set(k, (ctx.admin1.get(k) ?? 0) + w);
    ctx.admin1Total += w;
  }
  if (p.kind === 'place' || p.kind === 'county') ctx.points.push({ lat: p.lat, lon: p.lon, w });
}

function contextScore(ctx: Context, p: Place, self: Place | null): number {
  void self;
  let s = 0;
  if (ctx.countryTotal > 0) {
    // Votes from this very toponym are removed by the caller; a country in context lifts its places.
    const c = ctx.country.get(p.country) ?? 0;
    s += 3 * (c / ctx.countryTotal) + (c > 0 ? 0.5 : 0);
  }
  if (p.kind !== 'country' && ctx.admin1Total > 0) {
    const a = ctx.admin1.get(`${p.country}.${p.admin1}`) ?? 0;
    s += 2.5 * (a / ctx.admin1Total) + (a > 0 ? 0.5 : 0);
  }
  if ((p.kind === 'place' || p.kind === 'county') && ctx.points.length) {
    let near = 0;
    let total = 0;
    for (const q of ctx.points) {
      total += q.w;
      if (distanceKm(p.lat, p.lon, q.lat, q.lon) < 150) near += q.w;
    }
    if (total > 0) s += 1.5 * (near / total);
  }
  return s;
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
}

function contextOf(votes: Vote[], exclude: string): Context {
  const c = emptyContext();
  for (const v of votes) if (!v.key || v.key !== exclude) vote(c, v.place, v.w);
  return c;
}

const keyOf = (t: Toponym) => t.text.toLowerCase();

export function resolve(doc: AnnotatedDocument, tops: Toponym[]): Resolution[] {
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
      v1.push({ place: best, w: weight(t), key: keyOf(t) });
    }
  }
  let res = pass(tops, v1);
  // Second pass: the context of the first pass's choices.
  const v2 = [...seed];
  tops.forEach((t, k) => {
    const p = res[k].place;
    if (p) v2.push({ place: p, w: weight(t), key: keyOf(t) });
  });
  res = pass(tops, v2);
  return res;
}

function pass(tops: Toponym[], votes: Vote[]): Resolution[] {
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
        const s = prior(a) + prior(b) + contextScore(ca, a, a) + contextScore(cb, b, b);
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
    // A country's name means the country ("Mexico" is not Mexico City), unless a state shares it ("Georgia").
    const cp = t.country ? countryPlace(t.country.iso2) : null;
    if (cp && !t.candidates.some((p) => p.kind === 'admin1')) {
      out[k] = { place: cp, score: prior(cp) };
      return;
    }
    for (const p of t.candidates) {
      let s = prior(p) + contextScore(ctx, p, p);
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
    if (!best && t.country) best = countryPlace(t.country.iso2);
    out[k] = { place: best, score: bestScore };
  });
  return out;
}

/** The division a place lies in, as a gazetteer record (for attributes.admin1). */
export function admin1Of(p: Place): Place | null {
  return p.admin1 ? admin1Place(p.country, p.admin1) : null;
}
