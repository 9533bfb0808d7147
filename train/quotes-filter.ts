// Train the quotes acceptance filter (src/extract/quotes/filter.ts) on PolNeAR TRAIN only: run the pipeline and the
// rule-based quotes stage (unfiltered) on every train record, label each quote by whether the PolNeAR scorer matches
// it to a gold quote (>= 50 % token overlap, one to one), fit a logistic regression over the quote's features, and
// choose the threshold that maximises overlap F1 across 5 document folds (cross-validation on train).
// Writes models/quotes-filter.json (feature names and weights; no corpus text).
//   nice -n 10 npx tsx train/quotes-filter.ts [--gold FILE] [--limit N] [--cache FILE] [--eval FILE]
// --eval scores another file (e.g. dev) with the trained model, for the report only; it never feeds the model.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { AnnotatedDocument, Quote, Span } from '../src/document.js';
import { type GoldRecord, scoreDocument, trimmedSpan } from '../src/evaluate/quotes.js';
import { extractQuotes } from '../src/extract/quotes/extract.js';
import { type FilterModel, quoteFeatures, setFilterModel } from '../src/extract/quotes/filter.js';
import { logisticScore } from '../src/extract/quotes/logistic.js';
import { modelPath, sharedDataPath } from '../src/paths.js';
import { analyze } from '../src/pipeline.js';
import { trainLogistic } from './logistic.js';

const { values } = parseArgs({
  options: {
    gold: { type: 'string' },
    limit: { type: 'string' },
    cache: { type: 'string' },
    eval: { type: 'string' },
    epochs: { type: 'string', default: '15' },
    l2: { type: 'string', default: '1e-4' },
    min: { type: 'string', default: '2' },
    out: { type: 'string' },
    folds: { type: 'string' },
  },
});

interface Row {
  doc: number;
  f: string[];
  y: number; // overlap-matched
  x: number; // exact
}
interface Data {
  rows: Row[];
  gold: number;
}

function collect(file: string, limit: number | null): Data {
  setFilterModel(null);
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim());
  const rows: Row[] = [];
  let gold = 0;
  lines.slice(0, limit ?? lines.length).forEach((line, di) => {
    const rec = JSON.parse(line) as GoldRecord;
    const doc: AnnotatedDocument = analyze({
      id: rec.id,
      origin: rec.id,
      url: null,
      format: 'text',
      content: rec.text,
      published: null,
      title: null,
    });
    const quotes = extractQuotes(doc, { learned: false });
    const mentions = new Map(doc.entities.map((e) => [e.id, e.mentions as Span[]]));
    const s = scoreDocument(rec.text, rec.quotes, quotes, mentions);
    gold += s.counts.gold;
    const spurious = new Set<Quote>(s.spurious);
    const exactKeys = new Map<string, number>();
    for (const g of rec.quotes.filter((g) => g.is_speech)) {
      const k = trimmedSpan(rec.text, { start: g.quote_start, end: g.quote_end });
      exactKeys.set(k, (exactKeys.get(k) ?? 0) + 1);
    }
    const types = new Map(doc.entities.map((e) => [e.id, e.type as string]));
    for (const q of quotes) {
      if ((q as Quote & { speech?: boolean }).speech === false) continue;
      const k = trimmedSpan(rec.text, q);
      const n = exactKeys.get(k) ?? 0;
      if (n > 0) exactKeys.set(k, n - 1);
      if (q.parent) continue; // nested quotes are not filtered
      rows.push({ doc: di, f: quoteFeatures(doc, q, types), y: spurious.has(q) ? 0 : 1, x: n > 0 ? 1 : 0 });
    }
    if (di % 100 === 0) process.stderr.write(`${file}: ${di}\n`);
  });
  return { rows, gold };
}

function load(file: string, limit: number | null, cache?: string): Data {
  if (cache && existsSync(cache)) return JSON.parse(readFileSync(cache, 'utf8')) as Data;
  const d = collect(file, limit);
  if (cache) writeFileSync(cache, JSON.stringify(d));
  return d;
}

/** Logistic regression by SGD with L2, features seen >= min times in the training rows. */
function fit(rows: Row[], epochs: number, l2: number, min: number): FilterModel {
  const m = trainLogistic(
    rows.map((r) => [r.f, r.y]),
    { epochs, l2, min, lr: 0.1, seed: 7, prune: 1e-3 },
  );
  return { threshold: 0, ...m };
}

/** Overlap and exact F1 when quotes scoring below t are dropped (nested quotes and non-speech stay as counted). */
function f1At(
  scored: { p: number; r: Row }[],
  gold: number,
  extra: { pred: number; ov: number; ex: number },
  t: number,
) {
  let pred = extra.pred;
  let ov = extra.ov;
  let ex = extra.ex;
  for (const { p, r } of scored)
    if (p >= t) {
      pred++;
      ov += r.y;
      ex += r.x;
    }
  const f = (tp: number) => (2 * tp) / (pred + gold);
  return { ov: f(ov), ex: f(ex), pred, tp: ov };
}

const epochs = Number(values.epochs);
const l2 = Number(values.l2);
const min = Number(values.min);
const trainFile = values.gold ?? sharedDataPath('quotes', 'polnear-train.jsonl');
const data = load(trainFile, values.limit ? Number(values.limit) : null, values.cache);
const noExtra = { pred: 0, ov: 0, ex: 0 };
process.stderr.write(
  `train rows ${data.rows.length}, positives ${data.rows.filter((r) => r.y).length}, gold ${data.gold}\n`,
);

// 5-fold cross-validation by document: out-of-fold probabilities for every train row.
const oof: { p: number; r: Row }[] = [];
for (let k = 0; k < 5; k++) {
  const tr = data.rows.filter((r) => r.doc % 5 !== k);
  const te = data.rows.filter((r) => r.doc % 5 === k);
  const m = fit(tr, epochs, l2, min);
  for (const r of te) oof.push({ p: logisticScore(m, r.f), r });
}
const base = f1At(oof, data.gold, noExtra, 0);
let best = { t: 0, ...base };
for (let t = 0.05; t <= 0.8; t += 0.01) {
  const s = f1At(oof, data.gold, noExtra, t);
  if (s.ov > best.ov + 1e-9) best = { t, ...s };
}
process.stdout.write(
  `train CV: unfiltered overlap F1 ${(100 * base.ov).toFixed(2)} exact ${(100 * base.ex).toFixed(2)}; at threshold ${best.t.toFixed(2)}: overlap ${(100 * best.ov).toFixed(2)} exact ${(100 * best.ex).toFixed(2)} (kept ${best.pred} of ${oof.length})\n`,
);
for (const t of [0.2, 0.3, 0.35, 0.4, 0.45, 0.5]) {
  const s = f1At(oof, data.gold, noExtra, t);
  process.stdout.write(`  t=${t}: overlap ${(100 * s.ov).toFixed(2)} exact ${(100 * s.ex).toFixed(2)}\n`);
}
if (values.folds) {
  // out-of-fold filters (fold k trained without the documents with index % 5 === k), for train/quotes-recall.ts
  for (let k = 0; k < 5; k++) {
    const m = fit(
      data.rows.filter((r) => r.doc % 5 !== k),
      epochs,
      l2,
      min,
    );
    m.threshold = Math.round(best.t * 100) / 100;
    writeFileSync(`${values.folds}/quotes-filter-fold${k}.json`, JSON.stringify(m));
  }
}
const model = fit(data.rows, epochs, l2, min);
model.threshold = Math.round(best.t * 100) / 100;
const out = values.out ?? modelPath('quotes-filter.json');
writeFileSync(out, `${JSON.stringify(model)}\n`);
process.stdout.write(
  `wrote ${out}: ${Object.keys(model.weights).length} weights, threshold ${model.threshold}\n`,
);

if (values.eval) {
  const ev = load(values.eval, null, values.cache ? `${values.cache}.eval` : undefined);
  const scored = ev.rows.map((r) => ({ p: logisticScore(model, r.f), r }));
  const b0 = f1At(scored, ev.gold, noExtra, 0);
  const b1 = f1At(scored, ev.gold, noExtra, model.threshold);
  process.stdout.write(
    `${values.eval}: (non-nested speech quotes only) overlap F1 ${(100 * b0.ov).toFixed(2)} -> ${(100 * b1.ov).toFixed(2)}, exact ${(100 * b0.ex).toFixed(2)} -> ${(100 * b1.ex).toFixed(2)}\n`,
  );
}
