// `npm run train:ner`: trains the named-entity tagger (BILOU structured averaged perceptron, beam search) on CoNLL-2003
// train and writes models/ner-model.json.gz (+ models/ner-gazetteer.json).
//   tsx train/ner.ts [--epochs 12] [--beam 8] [--min-count 2] [--seed 1] [--one-pass] [--no-clusters]
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { alignSentence, readGold } from '../src/nlp/ner/corpus.js';
import {
  buildGazetteer,
  docHints,
  type FeatureResources,
  normaliseForFeatures,
  type SentenceFeatures,
  sentenceFeatures,
} from '../src/nlp/ner/features.js';
import {
  base64,
  type ModelSection,
  NER_MODEL_FILE,
  type NerModelFile,
  parseClusters,
  splitStored,
} from '../src/nlp/ner/model.js';
import { KeyTable } from '../src/nlp/ner/table.js';
import {
  beamDecode,
  LABELS,
  type LinearModel,
  N_LABELS,
  pathFeatures,
  spansToLabels,
  staticIds,
} from '../src/nlp/ner/tagger.js';
import { tokenize } from '../src/nlp/tokenize.js';
import { modelPath, sharedDataPath } from '../src/paths.js';
import { writeGazetteer } from './ner/gazetteer.js';
import { unlabelledTexts } from './ner/unlabelled.js';

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : dflt;
}
const EPOCHS = Number(arg('epochs', '12'));
const MIN_COUNT = Number(arg('min-count', '2'));
const SEED = Number(arg('seed', '1'));
const PRUNE = Number(arg('prune', '1'));
const BEAM = Number(arg('beam', '8'));
const TWO_PASS = !process.argv.includes('--one-pass');
const FOLDS = 2;
const USE_CLUSTERS = !process.argv.includes('--no-clusters');
const t0 = Date.now();
const log = (m: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);

/** Averaged perceptron weights with lazy averaging; rows grow as features are added. */
class Perceptron implements LinearModel {
  table = new KeyTable(1 << 20);
  w = new Float32Array(0);
  total = new Float64Array(0);
  stamp = new Int32Array(0);
  t = 0;

  get size(): number {
    return this.table.size;
  }

  add(h1: number, h2: number): number {
    const id = this.table.add(h1, h2);
    const need = (id + 1) * N_LABELS;
    if (need > this.w.length) {
      const cap = Math.max(need, this.w.length * 2, 1 << 16);
      const w = new Float32Array(cap);
      w.set(this.w);
      const total = new Float64Array(cap);
      total.set(this.total);
      const stamp = new Int32Array(cap);
      stamp.set(this.stamp);
      this.w = w;
      this.total = total;
      this.stamp = stamp;
    }
    return id;
  }

  featureId(h1: number, h2: number, grow: boolean): number {
    const id = this.table.get(h1, h2);
    if (id >= 0 || !grow) return id;
    return this.add(h1, h2);
  }

  score(ids: Int32Array, from: number, to: number, out: Float64Array): void {
    const w = this.w;
    for (let k = from; k < to; k++) {
      const base = ids[k] * N_LABELS;
      for (let y = 0; y < N_LABELS; y++) out[y] += w[base + y];
    }
  }

  update(ids: Int32Array, y: number, delta: number): void {
    for (let k = 0; k < ids.length; k++) {
      const j = ids[k] * N_LABELS + y;
      this.total[j] += (this.t - this.stamp[j]) * this.w[j];
      this.stamp[j] = this.t;
      this.w[j] += delta;
    }
  }

  averaged(): Float32Array {
    const n = this.size * N_LABELS;
    const out = new Float32Array(n);
    for (let j = 0; j < n; j++) {
      const tot = this.total[j] + (this.t - this.stamp[j]) * this.w[j];
      out[j] = tot / Math.max(1, this.t);
    }
    return out;
  }
}

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------- resources
const gazLists = writeGazetteer();
log(
  `gazetteer: ${Object.entries(gazLists)
    .map(([k, v]) => `${k} ${v.length}`)
    .join(', ')}`,
);

const lowerCount = new Map<string, number>();
const anyCount = new Map<string, number>();
let nUnlabelled = 0;
for (const text of unlabelledTexts()) {
  for (const t of tokenize(text)) {
    const w = t.text;
    if (!/^\p{L}/u.test(w)) continue;
    const l = w.toLowerCase();
    anyCount.set(l, (anyCount.get(l) ?? 0) + 1);
    if (w === l) lowerCount.set(l, (lowerCount.get(l) ?? 0) + 1);
    nUnlabelled++;
  }
}
const lowerCommon = [...lowerCount.entries()]
  .filter(([w, c]) => c >= 3 && c / (anyCount.get(w) ?? 1) >= 0.5)
  .map(([w]) => w)
  .sort();
log(`unlabelled: ${nUnlabelled} tokens; ${lowerCommon.length} usually-lower-case words`);

const clustersPath = modelPath('ner-clusters.txt');
const clustersText =
  USE_CLUSTERS && existsSync(clustersPath) ? readFileSync(clustersPath, 'utf8').trim() : '';
const resources: FeatureResources = {
  gazetteer: buildGazetteer(gazLists, splitStored),
  lowerCommon: new Set(lowerCommon),
  clusters: parseClusters(clustersText),
};
log(
  `clusters: ${resources.clusters.size} words${resources.clusters.size ? '' : ' (none: run npx tsx train/ner/clusters.ts first, or --no-clusters)'}`,
);

// ---------------------------------------------------------------- data
interface Example {
  doc: number;
  words: string[];
  sf: SentenceFeatures;
  st: { ids: Int32Array; off: Int32Array };
  gold: Int32Array;
}
const { docs } = readGold(sharedDataPath('ner', 'conll2003-train.jsonl'), 'conll');
const examples: Example[] = [];
let misaligned = 0;
let nEnt = 0;
docs.forEach((d, di) => {
  for (const s of d.sentences) {
    const a = alignSentence(d.text, s);
    misaligned += a.misaligned;
    nEnt += s.entities.length;
    if (!a.tokens.length) continue;
    const words = a.tokens.map((t) => normaliseForFeatures(t.text));
    examples.push({
      doc: di,
      words,
      sf: sentenceFeatures(words, resources),
      st: { ids: new Int32Array(0), off: new Int32Array(0) },
      gold: spansToLabels(words.length, a.spans),
    });
  }
});
log(
  `train: ${docs.length} documents, ${examples.length} sentences, ${nEnt} entities, ${misaligned} off our token edges`,
);

// ---------------------------------------------------------------- training
/** Train a model on `exs` (their `sf` already computed): static features seen MIN_COUNT times, then epochs. */
function train(exs: Example[], name: string): Perceptron {
  const counter = new KeyTable(1 << 21);
  let counts = new Int32Array(1 << 21);
  for (const ex of exs) {
    for (let k = 0; k < ex.sf.h1.length; k++) {
      const id = counter.add(ex.sf.h1[k], ex.sf.h2[k]);
      if (id >= counts.length) {
        const c = new Int32Array(counts.length * 2);
        c.set(counts);
        counts = c;
      }
      counts[id]++;
    }
  }
  const model = new Perceptron();
  const keys = counter.keys();
  for (let id = 0; id < counter.size; id++) if (counts[id] >= MIN_COUNT) model.add(keys.h1[id], keys.h2[id]);
  log(`${name}: ${counter.size} distinct features, ${model.size} kept (count >= ${MIN_COUNT})`);
  for (const ex of exs) ex.st = staticIds(model, ex.sf);
  const rand = rng(SEED);
  const order = exs.map((_, i) => i);
  for (let epoch = 1; epoch <= EPOCHS; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    let updates = 0;
    for (const k of order) {
      const ex = exs[k];
      model.t++;
      // Structured perceptron with beam search and early update (beam 1: greedy, per-token updates).
      const out = beamDecode(model, ex.sf, ex.st, BEAM, ex.gold, true);
      const len = out.labels.length;
      let same = true;
      for (let i = 0; i < len; i++) if (out.labels[i] !== ex.gold[i]) same = false;
      if (same) continue;
      updates++;
      const gf = pathFeatures(model, ex.sf, ex.st, ex.gold, len, true);
      const pf = pathFeatures(model, ex.sf, ex.st, out.labels, len, true);
      for (let i = 0; i < len; i++) {
        const y = ex.gold[i];
        const p = out.labels[i];
        if (
          y === p &&
          (i < 1 || ex.gold[i - 1] === out.labels[i - 1]) &&
          (i < 2 || ex.gold[i - 2] === out.labels[i - 2])
        )
          continue;
        model.update(gf[i], y, 1);
        model.update(pf[i], p, -1);
      }
    }
    log(
      `${name} epoch ${epoch}: ${((100 * updates) / exs.length).toFixed(2)}% of sentences updated, ${model.size} features`,
    );
  }
  return model;
}

/** A trained model frozen with its averaged weights, for tagging. */
class Frozen implements LinearModel {
  constructor(
    readonly table: KeyTable,
    readonly w: Float32Array,
  ) {}
  featureId(h1: number, h2: number): number {
    return this.table.get(h1, h2);
  }
  score(ids: Int32Array, from: number, to: number, out: Float64Array): void {
    for (let k = from; k < to; k++) {
      const base = ids[k] * N_LABELS;
      for (let y = 0; y < N_LABELS; y++) out[y] += this.w[base + y];
    }
  }
}

/** Tag examples with a frozen model. */
function predict(model: LinearModel, exs: Example[]): Int32Array[] {
  return exs.map((ex) => beamDecode(model, ex.sf, staticIds(model, ex.sf), BEAM).labels);
}

/** Second-pass features for every example from first-pass labels (`pred[k]` for `examples[k]`). */
function addDocFeatures(exs: Example[], pred: Int32Array[]): void {
  const byDoc = new Map<number, number[]>();
  exs.forEach((ex, k) => {
    const list = byDoc.get(ex.doc) ?? [];
    list.push(k);
    byDoc.set(ex.doc, list);
  });
  for (const ks of byDoc.values()) {
    const hints = docHints(
      ks.map((k) => exs[k].words),
      ks.map((k) => pred[k]),
    );
    for (const k of ks)
      exs[k].sf = sentenceFeatures(exs[k].words, resources, undefined, { doc: hints, own: pred[k] });
  }
}

// ---------------------------------------------------------------- export: prune, quantise
function exportSection(model: Perceptron): ModelSection {
  const avg = model.averaged();
  let maxAbs = 0;
  for (const v of avg) maxAbs = Math.max(maxAbs, Math.abs(v));
  const scale = maxAbs / 32767;
  const allKeys = model.table.keys();
  const kept1: number[] = [];
  const kept2: number[] = [];
  const rows: Int16Array[] = [];
  for (let f = 0; f < model.size; f++) {
    const row = new Int16Array(N_LABELS);
    let any = false;
    for (let y = 0; y < N_LABELS; y++) {
      const q = Math.round(avg[f * N_LABELS + y] / scale);
      row[y] = q;
      if (Math.abs(q) > PRUNE) any = true;
    }
    if (!any) continue;
    kept1.push(allKeys.h1[f]);
    kept2.push(allKeys.h2[f]);
    rows.push(row);
  }
  const weights = new Int16Array(rows.length * N_LABELS);
  for (let i = 0; i < rows.length; i++) weights.set(rows[i], i * N_LABELS);
  return {
    keys1: base64(Int32Array.from(kept1)),
    keys2: base64(Int32Array.from(kept2)),
    weights: base64(weights),
    scale,
  };
}

function freeze(model: Perceptron): Frozen {
  return new Frozen(model.table, model.averaged());
}

// Pass 1 on all training data.
const pass1 = train(examples, 'pass 1');
const section1 = exportSection(pass1);
let section2: ModelSection | undefined;
if (TWO_PASS) {
  // Jackknife: first-pass labels for each half of the documents from a model trained on the other half,
  // so that the second pass learns from first-pass labels as good (and as wrong) as on unseen text.
  const pred: Int32Array[] = new Array(examples.length);
  for (let fold = 0; fold < FOLDS; fold++) {
    const trainIdx = examples.map((_, k) => k).filter((k) => examples[k].doc % FOLDS !== fold);
    const testIdx = examples.map((_, k) => k).filter((k) => examples[k].doc % FOLDS === fold);
    const m = freeze(
      train(
        trainIdx.map((k) => examples[k]),
        `fold ${fold + 1}/${FOLDS}`,
      ),
    );
    const labels = predict(
      m,
      testIdx.map((k) => examples[k]),
    );
    testIdx.forEach((k, j) => {
      pred[k] = labels[j];
    });
  }
  addDocFeatures(examples, pred);
  section2 = exportSection(train(examples, 'pass 2'));
}

const file: NerModelFile = {
  format: 'newsgraph-ner/3',
  labels: [...LABELS],
  pass1: section1,
  pass2: section2 ?? null,
  lowerCommon: lowerCommon.join(' '),
  clusters: clustersText,
  meta: {
    trainedOn: 'CoNLL-2003 train (eng.train)',
    algorithm: `BILOU structured averaged perceptron, beam ${BEAM}, early update${TWO_PASS ? '; second pass with document-level features (jackknifed first-pass labels)' : ''}`,
    epochs: EPOCHS,
    beam: BEAM,
    minCount: MIN_COUNT,
    seed: SEED,
    twoPass: TWO_PASS,
    clusters: resources.clusters.size,
    trainingSeconds: Math.round((Date.now() - t0) / 1000),
  },
};
const gz = gzipSync(JSON.stringify(file), { level: 9 });
writeFileSync(modelPath(NER_MODEL_FILE), gz);
log(`wrote ${modelPath(NER_MODEL_FILE)}: ${(gz.length / 1e6).toFixed(2)} MB`);
