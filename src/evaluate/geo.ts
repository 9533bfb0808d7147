import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { AnalyzedDocument, RawDocument } from '../document.js';
import { UsageError } from '../errors.js';
import { countryPlace, distanceKm } from '../extract/places/gazetteer.js';
import { countryByDemonym } from '../nlp/gazetteer/countries.js';
import { analyze } from '../pipeline.js';
import { toAnalyzedDocument } from '../serialize.js';
import { f1, median, pct, readJsonl } from './metrics.js';

// Scores toponym recognition and resolution against LGL and GeoVirus (../shared/data/geo), as
// ../shared/data/README.md defines it: toponym detection P/R/F1, exact span and any overlap (one-to-one), against the
// gold toponyms; for overlap-matched toponyms with gold coordinates, the share whose predicted point
// (the entity's attributes.lat/lon) lies within 161 km (100 miles) of the gold point, and the error in km.
// Each record goes through the whole pipeline as `newsgraph analyze` runs it on a plain-text input.

export const HELP = `Usage: newsgraph evaluate geo --gold FILE [--gold FILE ...] [--errors FILE] [--limit N]

Score place recognition and resolution against LGL or GeoVirus JSONL (format detected from the records):
toponym detection precision/recall/F1 (exact span and overlap), and for matched toponyms with gold
coordinates the share within 161 km of the gold point, with mean and median error in km.
LGL's annotators also marked nationality words ("American", "Palestinians") as toponyms of their country: for LGL
the mentions of NORP entities that are a country's demonym count as toponyms at that country's point.

  --gold FILE     gold JSONL (repeatable; each file is scored on its own)
  --errors FILE   write misses, false alarms and far resolutions (JSONL), for development
  --limit N       score only the first N records of each file
`;

export type GeoFormat = 'lgl' | 'geovirus';

interface GoldToponym {
  text: string;
  start: number;
  end: number;
  lat?: number | null;
  lon?: number | null;
}

interface GoldRecord {
  id: string;
  text: string;
  date?: string | null;
  toponyms: GoldToponym[];
}

/** A predicted toponym: a name mention of a place entity (GPE, LOC, FAC, or anything with coordinates). */
export interface PredToponym {
  start: number;
  end: number;
  text: string;
  lat: number | null;
  lon: number | null;
  entity: string;
}

export function detectFormat(recs: GoldRecord[]): GeoFormat {
  for (const r of recs)
    for (const t of r.toponyms as (GoldToponym & { geonameid?: string; wikipedia?: string })[]) {
      if ('geonameid' in t) return 'lgl';
      if ('wikipedia' in t) return 'geovirus';
    }
  return 'geovirus';
}

const PLACE_TYPES = new Set(['GPE', 'LOC', 'FAC']);
const NOT_A_NAME = /^(the|this|that|these|those|it|its|there|here|a|an)\b/i;

/**
 * Predicted toponyms: name mentions of place entities. With `demonyms` (LGL's convention: its annotators marked
 * "American", "Russian", "Palestinians" as toponyms of their countries) also the mentions of NORP entities that are
 * a country's demonym, at the country's point.
 */
export function predictedToponyms(doc: AnalyzedDocument, demonyms = false): PredToponym[] {
  const out: PredToponym[] = [];
  for (const e of doc.entities) {
    if (demonyms && e.type === 'NORP') {
      for (const m of e.mentions) {
        const c = countryByDemonym(m.text);
        const p = c ? countryPlace(c.iso2) : null;
        if (!c || !/^\p{Lu}/u.test(m.text)) continue;
        out.push({
          start: m.start,
          end: m.end,
          text: m.text,
          lat: p?.lat ?? c.lat,
          lon: p?.lon ?? c.lon,
          entity: e.id,
        });
      }
      continue;
    }
    const lat = typeof e.attributes.lat === 'number' ? e.attributes.lat : null;
    const lon = typeof e.attributes.lon === 'number' ? e.attributes.lon : null;
    if (!PLACE_TYPES.has(e.type) && lat === null) continue;
    for (const m of e.mentions) {
      if (!/^\p{Lu}/u.test(m.text) || NOT_A_NAME.test(m.text)) continue;
      out.push({ start: m.start, end: m.end, text: m.text, lat, lon, entity: e.id });
    }
  }
  // A name that contains a resolved place's mention ("Cottonport Fire Station" around "Cottonport") is scored
  // through that place.
  const resolved = out.filter((t) => t.lat !== null);
  const kept = out.filter(
    (t) =>
      t.lat !== null ||
      !resolved.some((r) => r.start >= t.start && r.end <= t.end && (r.start > t.start || r.end < t.end)),
  );
  return kept.sort((a, b) => a.start - b.start || a.end - b.end);
}

export interface GeoCounts {
  gold: number;
  pred: number;
  exact: number;
  overlapGold: number;
  overlapPred: number;
  /** Overlap-matched gold toponyms with gold coordinates. */
  withCoords: number;
  /** … of which the prediction had coordinates. */
  resolved: number;
  within161: number;
  errorsKm: number[];
}

export function emptyCounts(): GeoCounts {
  return {
    gold: 0,
    pred: 0,
    exact: 0,
    overlapGold: 0,
    overlapPred: 0,
    withCoords: 0,
    resolved: 0,
    within161: 0,
    errorsKm: [],
  };
}

export interface ScoredPair {
  gold: GoldToponym;
  pred: PredToponym | null;
  km: number | null;
}

/** One-to-one matching: exact spans first, then the largest overlaps. */
export function scoreDocument(
  gold: GoldToponym[],
  pred: PredToponym[],
  c: GeoCounts,
): { pairs: ScoredPair[]; falseAlarms: PredToponym[] } {
  const g = gold.filter((t) => t.end > t.start);
  c.gold += g.length;
  c.pred += pred.length;
  const exactKeys = new Set(pred.map((p) => `${p.start}:${p.end}`));
  for (const t of g) if (exactKeys.has(`${t.start}:${t.end}`)) c.exact++;
  const used = new Set<number>();
  const match: (number | null)[] = g.map(() => null);
  g.forEach((t, i) => {
    const j = pred.findIndex((p, k) => !used.has(k) && p.start === t.start && p.end === t.end);
    if (j >= 0) {
      used.add(j);
      match[i] = j;
    }
  });
  g.forEach((t, i) => {
    if (match[i] !== null) return;
    let best = -1;
    let bestOv = 0;
    pred.forEach((p, k) => {
      if (used.has(k)) return;
      const ov = Math.min(p.end, t.end) - Math.max(p.start, t.start);
      if (ov > bestOv) {
        bestOv = ov;
        best = k;
      }
    });
    if (best >= 0) {
      used.add(best);
      match[i] = best;
    }
  });
  const pairs: ScoredPair[] = [];
  g.forEach((t, i) => {
    const j = match[i];
    const p = j === null ? null : pred[j];
    let km: number | null = null;
    if (p) {
      c.overlapGold++;
      if (typeof t.lat === 'number' && typeof t.lon === 'number') {
        c.withCoords++;
        if (p.lat !== null && p.lon !== null) {
          c.resolved++;
          km = distanceKm(t.lat, t.lon, p.lat, p.lon);
          c.errorsKm.push(km);
          if (km <= 161) c.within161++;
        }
      }
    }
    pairs.push({ gold: t, pred: p, km });
  });
  c.overlapPred += used.size;
  return { pairs, falseAlarms: pred.filter((_, k) => !used.has(k)) };
}

export interface GeoReport {
  file: string;
  format: GeoFormat;
  docs: number;
  counts: GeoCounts;
  ms: number;
}

const prf = (tp: number, np: number, ng: number, tpPred = tp) => {
  const p = np ? tpPred / np : 0;
  const r = ng ? tp / ng : 0;
  return { p, r, f: f1(p, r) };
};

export function formatReport(r: GeoReport): string {
  const c = r.counts;
  const ex = prf(c.exact, c.pred, c.gold);
  const ov = prf(c.overlapGold, c.pred, c.gold, c.overlapPred);
  const within = c.withCoords ? c.within161 / c.withCoords : 0;
  const mean = c.errorsKm.length ? c.errorsKm.reduce((a, b) => a + b, 0) / c.errorsKm.length : 0;
  return [
    `Geo: ${r.file} (${r.format}), ${r.docs} documents, ${c.gold} gold toponyms, ${c.pred} predicted; ${(r.ms / 1000).toFixed(1)} s (${(r.docs / (r.ms / 1000)).toFixed(0)} docs/s, whole pipeline)`,
    '',
    '| detection | precision | recall | F1 |',
    '|---|---|---|---|',
    `| exact | ${pct(ex.p)} | ${pct(ex.r)} | ${pct(ex.f)} |`,
    `| overlap | ${pct(ov.p)} | ${pct(ov.r)} | ${pct(ov.f)} |`,
    '',
    `resolution: ${c.withCoords} matched toponyms with gold coordinates, ${c.resolved} resolved by us;`,
    `  within 161 km: ${pct(within)} % (${c.within161}/${c.withCoords}); error km mean ${mean.toFixed(0)}, median ${median(c.errorsKm).toFixed(0)} (over the ${c.resolved} resolved)`,
    '',
  ].join('\n');
}

export function runGeo(file: string, opts: { limit?: number; errors?: string[] } = {}): GeoReport {
  let recs = readJsonl<GoldRecord>(file);
  if (opts.limit) recs = recs.slice(0, opts.limit);
  const format = detectFormat(recs);
  const counts = emptyCounts();
  let docs = 0;
  let ms = 0;
  const now = new Date('2024-01-01T00:00:00Z');
  for (const rec of recs) {
    if (!rec.text?.trim()) continue;
    docs++;
    const published = rec.date ? rec.date.slice(0, 10) : null;
    const raw: RawDocument = {
      id: rec.id,
      origin: rec.id,
      url: null,
      format: 'text',
      content: rec.text,
      published: /^\d{4}-\d{2}-\d{2}$/.test(published ?? '') ? published : null,
      title: null,
    };
    const t0 = performance.now();
    const doc = toAnalyzedDocument(analyze(raw, { now }));
    ms += performance.now() - t0;
    const pred = predictedToponyms(doc, format === 'lgl');
    const { pairs, falseAlarms } = scoreDocument(rec.toponyms ?? [], pred, counts);
    if (opts.errors) {
      for (const p of pairs) {
        if (!p.pred)
          opts.errors.push(
            JSON.stringify({
              id: rec.id,
              kind: 'miss',
              gold: p.gold.text,
              at: p.gold.start,
              ctx: ctx(rec.text, p.gold),
            }),
          );
        else if (p.km !== null && p.km > 161)
          opts.errors.push(
            JSON.stringify({
              id: rec.id,
              kind: 'far',
              gold: p.gold.text,
              km: Math.round(p.km),
              pred: p.pred.text,
              glat: p.gold.lat,
              glon: p.gold.lon,
              plat: p.pred.lat,
              plon: p.pred.lon,
              ctx: ctx(rec.text, p.gold),
            }),
          );
        else if (p.km === null && typeof p.gold.lat === 'number')
          opts.errors.push(
            JSON.stringify({
              id: rec.id,
              kind: 'unresolved',
              gold: p.gold.text,
              pred: p.pred.text,
              ctx: ctx(rec.text, p.gold),
            }),
          );
      }
      for (const f of falseAlarms)
        opts.errors.push(
          JSON.stringify({ id: rec.id, kind: 'false', pred: f.text, at: f.start, ctx: ctx(rec.text, f) }),
        );
    }
  }
  return { file, format, docs, counts, ms };
}

function ctx(text: string, s: { start: number; end: number }): string {
  return `${text.slice(Math.max(0, s.start - 40), s.start)}[[${text.slice(s.start, s.end)}]]${text.slice(s.end, s.end + 40)}`.replace(
    /\s+/g,
    ' ',
  );
}

export async function evaluateCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      gold: { type: 'string', multiple: true },
      errors: { type: 'string' },
      limit: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (!values.gold?.length) throw new UsageError('evaluate geo: --gold FILE is required');
  const limit = values.limit ? Number(values.limit) : undefined;
  if (limit !== undefined && !(limit > 0))
    throw new UsageError('evaluate geo: --limit takes a positive number');
  const errors: string[] | undefined = values.errors ? [] : undefined;
  for (const file of values.gold) {
    const r = runGeo(file, { limit, errors });
    process.stdout.write(formatReport(r));
  }
  if (values.errors && errors) writeFileSync(values.errors, `${errors.join('\n')}\n`);
  return 0;
}
