// Train the quotes recall model (src/extract/quotes/recall.ts) on PolNeAR TRAIN only: run the pipeline and the quotes
// stage (rules and acceptance filter) on every train record, list the split candidates of every sentence no quote
// touches, label a candidate right when it overlap-matches (the PolNeAR >= 50 % rule) a gold quote no prediction
// matches, fit a logistic regression, and choose the threshold that maximises overlap F1 over 5 document folds.
// Writes models/quotes-recall.json (feature names and weights; no corpus text).
//   nice -n 10 npx tsx train/quotes-recall.ts [--gold FILE] [--limit N] [--cache FILE] [--eval FILE]
// --eval reports the effect on another file (e.g. dev) at the chosen threshold; it never feeds the model.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { AnnotatedDocument, Span } from '../src/document.js';
import {
  type GoldRecord,
  overlapScore,
  scoreDocument,
  trimmedSpan,
  wordSpans,
  wordsIn,
} from '../src/evaluate/quotes.js';
import { extractQuotes } from '../src/extract/quotes/extract.js';
import { type FilterModel, filterQuotes } from '../src/extract/quotes/filter.js';
import { logisticScore } from '../src/extract/quotes/logistic.js';
import { type RecallModel, recallCandidates, setRecallModel } from '../src/extract/quotes/recall.js';
import { modelPath, sharedDataPath } from '../src/paths.js';
import { analyze } from '../src/pipeline.js';
import { trainLogistic } from './logistic.js';

const { values } = parseArgs({
  options: {
    gold: { type: 'string' },
    limit: { type: 'string' },
    cache: { type: 'string' },
    eval: { type: 'string' },
    epochs: { type: 'string', default: '8' },
    l2: { type: 'string', default: '1e-6' },
    min: { type: 'string', default: '3' },
    gate: { type: 'string', default: '3' },
    bags: { type: 'string', default: '1' },
    ratio: { type: 'string', default: '0.05' },
    out: { type: 'string' },
    folds: { type: 'string' },
  },
});

interface Group {
  doc: number;
  f: string[][];
  g: number[]; // the index of the unmatched gold each candidate matches, or -1
  x: number[]; // exact
}
interface Data {
  groups: Group[];
  gold: number;
  pred: number;
  tp: number;
  exact: number;
}

const folds = values.folds
  ? [0, 1, 2, 3, 4].map(
      (k) => JSON.parse(readFileSync(`${values.folds}/quotes-filter-fold${k}.json`, 'utf8')) as FilterModel,
    )
  : null;

function collect(file: string, limit: number | null): Data {
  setRecallModel(null);
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim());
  const groups: Group[] = [];
  let gold = 0;
  let pred = 0;
  let tp = 0;
  let exact = 0;
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
    // on train, each document sees the filter trained without its fold (as an unseen document would)
    const fm = folds && !file.endsWith(values.eval ?? '\0') ? folds[di % 5] : undefined;
    const quotes = filterQuotes(doc, extractQuotes(doc, { learned: false }), fm);
    const mentions = new Map(doc.entities.map((e) => [e.id, e.mentions as Span[]]));
    const s = scoreDocument(rec.text, rec.quotes, quotes, mentions);
    gold += s.counts.gold;
    pred += s.counts.predicted;
    tp += s.counts.overlap;
    exact += s.counts.exact;
    const words = wordSpans(rec.text);
    const missed = s.missed.map((g) => ({
      whole: wordsIn(words, [{ start: g.quote_start, end: g.quote_end }]),
      frag: g.quote_fragments?.length ? wordsIn(words, g.quote_fragments) : null,
      g,
      key: trimmedSpan(rec.text, { start: g.quote_start, end: g.quote_end }),
    }));
    for (const cands of recallCandidates(doc, quotes)) {
      const gs: number[] = [];
      const xs: number[] = [];
      for (const c of cands) {
        const pw = wordsIn(words, [c]);
        let hit = -1;
        let ex = 0;
        missed.forEach((m, mi) => {
          if (m.g.quote_end <= c.start || m.g.quote_start >= c.end) return;
          const sc = Math.max(overlapScore(m.whole, pw), m.frag ? overlapScore(m.frag, pw) : 0);
          if (sc > 0 && hit < 0) hit = di * 10000 + mi;
          if (m.key === trimmedSpan(rec.text, c)) ex = 1;
        });
        gs.push(hit);
        xs.push(ex);
      }
      groups.push({ doc: di, f: cands.map((c) => c.feats), g: gs, x: xs });
    }
    if (di % 100 === 0) process.stderr.write(`${file}: ${di}\n`);
  });
  return { groups, gold, pred, tp, exact };
}

function load(file: string, limit: number | null, cache?: string): Data {
  if (cache && existsSync(cache)) return JSON.parse(readFileSync(cache, 'utf8')) as Data;
  const d = collect(file, limit);
  if (cache) writeFileSync(cache, JSON.stringify(d));
  return d;
}

/** The average of `bags` runs with different example orders (averaged SGD: steadier weights). */
function fit(groups: Group[], epochs: number, l2: number, min: number): RecallModel {
  const bags = Number(values.bags);
  const sum = new Map<string, number>();
  let bias = 0;
  for (let s = 0; s < bags; s++) {
    const m = fit1(groups, epochs, l2, min, 5 + s * 7919);
    bias += m.bias / bags;
    for (const [k, v] of Object.entries(m.weights)) sum.set(k, (sum.get(k) ?? 0) + v / bags);
  }
  const weights: Record<string, number> = {};
  for (const [k, v] of sum) if (Math.abs(v) >= 5e-3) weights[k] = Math.round(v * 1000) / 1000;
  return { threshold: 0.5, bias: Math.round(bias * 1000) / 1000, weights };
}

function fit1(groups: Group[], epochs: number, l2: number, min: number, seed0: number): RecallModel {
  const rows: [string[], number][] = [];
  for (const g of groups) for (let i = 0; i < g.f.length; i++) rows.push([g.f[i], g.g[i] >= 0 ? 1 : 0]);
  const m = trainLogistic(rows, { epochs, l2, min, lr: 0.05, seed: seed0, bias: -2, prune: 5e-3 });
  return { threshold: 0.5, ...m };
}

/** Per group: the best candidate's probability, its gold and exactness. */
function best(m: RecallModel, groups: Group[]): { p: number; g: number; x: number }[] {
  return groups.map((gr) => {
    let bi = 0;
    let bp = -1;
    gr.f.forEach((fs, i) => {
      const p = logisticScore(m, fs);
      if (p > bp) {
        bp = p;
        bi = i;
      }
    });
    return { p: bp, g: gr.g[bi], x: gr.x[bi] };
  });
}

function at(picks: { p: number; g: number; x: number }[], t: number) {
  let add = 0;
  let x = 0;
  const golds = new Set<number>();
  for (const k of picks)
    if (k.p >= t) {
      add++;
      if (k.g >= 0) golds.add(k.g);
      x += k.x;
    }
  return { add, tp: golds.size, x };
}

const f1 = (tp: number, pred: number, gold: number) => (200 * tp) / (pred + gold);
const epochs = Number(values.epochs);
const l2 = Number(values.l2);
const min = Number(values.min);
const trainFile = values.gold ?? sharedDataPath('quotes', 'polnear-train.jsonl');
const data = load(trainFile, values.limit ? Number(values.limit) : null, values.cache);
// The gate: cue words of >= gateMin right candidates on train; other words are never tried (speed).
const gateMin = Number(values.gate);
const cueWord = (f: string[]) => {
  const w = f.find((k) => k.startsWith('w=') || k.startsWith('tw='))!;
  return w.startsWith('w=') ? w.slice(2) : `t:${w.slice(3)}`;
};
const gateRatio = Number(values.ratio);
const posCount = new Map<string, number>();
const allCount = new Map<string, number>();
for (const g of data.groups)
  g.f.forEach((fs, i) => {
    allCount.set(cueWord(fs), (allCount.get(cueWord(fs)) ?? 0) + 1);
    if (g.g[i] >= 0) posCount.set(cueWord(fs), (posCount.get(cueWord(fs)) ?? 0) + 1);
  });
const gate = new Set(
  [...posCount].filter(([w, n]) => n >= gateMin && n / allCount.get(w)! >= gateRatio).map(([w]) => w),
);
function gated(groups: Group[]): Group[] {
  const out: Group[] = [];
  for (const g of groups) {
    const keep = g.f.map((fs) => gate.has(cueWord(fs)));
    if (!keep.some(Boolean)) continue;
    out.push({
      doc: g.doc,
      f: g.f.filter((_, i) => keep[i]),
      g: g.g.filter((_, i) => keep[i]),
      x: g.x.filter((_, i) => keep[i]),
    });
  }
  return out;
}
data.groups = gated(data.groups);
process.stderr.write(
  `groups ${data.groups.length}, candidates ${data.groups.reduce((a, g) => a + g.f.length, 0)}, groups with a right one ${data.groups.filter((g) => g.g.some((v) => v >= 0)).length}; base overlap F1 ${f1(data.tp, data.pred, data.gold).toFixed(2)}\n`,
);
const picks: { p: number; g: number; x: number }[] = [];
for (let k = 0; k < 5; k++) {
  const m = fit(
    data.groups.filter((g) => g.doc % 5 !== k),
    epochs,
    l2,
    min,
  );
  picks.push(
    ...best(
      m,
      data.groups.filter((g) => g.doc % 5 === k),
    ),
  );
}
let bestT = 1;
let bestF = f1(data.tp, data.pred, data.gold);
for (let t = 0.2; t <= 0.9; t += 0.025) {
  const r = at(picks, t);
  const f = f1(data.tp + r.tp, data.pred + r.add, data.gold);
  process.stdout.write(
    `train CV t=${t.toFixed(3)}: added ${r.add}, right ${r.tp}, overlap F1 ${f.toFixed(2)}, exact F1 ${f1(data.exact + r.x, data.pred + r.add, data.gold).toFixed(2)}\n`,
  );
  if (f > bestF + 1e-9) {
    bestF = f;
    bestT = t;
  }
}
const model = fit(data.groups, epochs, l2, min);
model.threshold = Math.round(bestT * 1000) / 1000;
model.words = [...gate].sort();
const out = values.out ?? modelPath('quotes-recall.json');
writeFileSync(out, `${JSON.stringify(model)}\n`);
process.stdout.write(
  `wrote ${out}: ${Object.keys(model.weights).length} weights, threshold ${model.threshold}\n`,
);
if (values.eval) {
  const ev = load(values.eval, null, values.cache ? `${values.cache}.eval` : undefined);
  ev.groups = gated(ev.groups);
  const pk = best(model, ev.groups);
  for (const t of [model.threshold - 0.05, model.threshold, model.threshold + 0.05]) {
    const r = at(pk, t);
    process.stdout.write(
      `${values.eval} t=${t.toFixed(3)}: base overlap F1 ${f1(ev.tp, ev.pred, ev.gold).toFixed(2)} -> ${f1(ev.tp + r.tp, ev.pred + r.add, ev.gold).toFixed(2)} (added ${r.add}, right ${r.tp}); exact ${f1(ev.exact, ev.pred, ev.gold).toFixed(2)} -> ${f1(ev.exact + r.x, ev.pred + r.add, ev.gold).toFixed(2)}\n`,
    );
  }
}
