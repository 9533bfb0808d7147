// `npm run train:ner`: trains the named-entity tagger (greedy BILOU averaged perceptron) on CoNLL-2003
// train and writes models/ner-model.json.gz (+ models/ner-gazetteer.json).
//   tsx train/ner.ts [--epochs 12] [--min-count 2] [--seed 1] [--no-clusters]
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { alignSentence, readGold } from '../src/nlp/ner/corpus.js';
import {
  buildGazetteer,
  type FeatureResources,
  normaliseForFeatures,
  sentenceFeatures,
  wordShape,
} from '../src/nlp/ner/features.js';
import { NER_MODEL_FILE, type NerModelFile, parseClusters, splitEntry } from '../src/nlp/ner/model.js';
import { decode, LABELS, type LinearModel, N_LABELS, spansToLabels } from '../src/nlp/ner/tagger.js';
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
const USE_CLUSTERS = !process.argv.includes('--no-clusters');
const t0 = Date.now();
const log = (m: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);

/** Averaged perceptron weights with lazy averaging; rows grow as features are added. */
class Perceptron implements LinearModel {
  index = new Map<string, number>();
  names: string[] = [];
  w = new Float32Array(0);
  total = new Float64Array(0);
  stamp = new Int32Array(0);
  t = 0;
  frozen = false;

  add(f: string): number {
    let id = this.index.get(f);
    if (id !== undefined) return id;
    id = this.names.length;
    this.index.set(f, id);
    this.names.push(f);
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

  featureId(f: string, grow: boolean): number {
    const id = this.index.get(f);
    if (id !== undefined) return id;
    return grow && !this.frozen ? this.add(f) : -1;
  }

  score(ids: Int32Array, n: number, out: Float64Array): void {
    const w = this.w;
    for (let k = 0; k < n; k++) {
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
    const n = this.names.length * N_LABELS;
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
  gazetteer: buildGazetteer(gazLists, splitEntry),
  lowerCommon: new Set(lowerCommon),
  clusters: parseClusters(clustersText),
};
log(`clusters: ${resources.clusters.size} words`);

// ---------------------------------------------------------------- data
interface Example {
  lower: string[];
  shapes: string[];
  feats: string[][];
  ids: Int32Array[];
  gold: Int32Array;
}
const { docs } = readGold(sharedDataPath('ner', 'conll2003-train.jsonl'), 'conll');
const examples: Example[] = [];
let misaligned = 0;
let nEnt = 0;
for (const d of docs) {
  for (const s of d.sentences) {
    const a = alignSentence(d.text, s);
    misaligned += a.misaligned;
    nEnt += s.entities.length;
    if (!a.tokens.length) continue;
    const words = a.tokens.map((t) => normaliseForFeatures(t.text));
    examples.push({
      lower: words.map((w) => w.toLowerCase()),
      shapes: words.map(wordShape),
      feats: sentenceFeatures(words, resources),
      ids: [],
      gold: spansToLabels(words.length, a.spans),
    });
  }
}
log(`train: ${examples.length} sentences, ${nEnt} entities, ${misaligned} off our token edges`);

// Static features seen at least MIN_COUNT times.
const counts = new Map<string, number>();
for (const ex of examples)
  for (const fs of ex.feats) for (const f of fs) counts.set(f, (counts.get(f) ?? 0) + 1);
const model = new Perceptron();
for (const [f, c] of counts) if (c >= MIN_COUNT) model.add(f);
log(`features: ${counts.size} distinct, ${model.names.length} kept (count >= ${MIN_COUNT})`);
counts.clear();
for (const ex of examples) {
  ex.ids = ex.feats.map((fs) => {
    const ids: number[] = [];
    for (const f of fs) {
      const id = model.index.get(f);
      if (id !== undefined) ids.push(id);
    }
    return Int32Array.from(ids);
  });
  ex.feats = [];
}

// ---------------------------------------------------------------- training
const rand = rng(SEED);
const order = examples.map((_, i) => i);
for (let epoch = 1; epoch <= EPOCHS; epoch++) {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  let errors = 0;
  let tokens = 0;
  for (const k of order) {
    const ex = examples[k];
    model.t++;
    const out = decode(model, ex.lower, ex.shapes, ex.ids, true, true);
    for (let i = 0; i < ex.gold.length; i++) {
      tokens++;
      const y = ex.gold[i];
      const p = out.labels[i];
      if (y === p) continue;
      errors++;
      const fs = out.feats![i];
      model.update(fs, y, 1);
      model.update(fs, p, -1);
    }
  }
  log(`epoch ${epoch}: token error ${((100 * errors) / tokens).toFixed(2)}%, ${model.names.length} features`);
}

// ---------------------------------------------------------------- export: prune, quantise, write
const avg = model.averaged();
let maxAbs = 0;
for (const v of avg) maxAbs = Math.max(maxAbs, Math.abs(v));
const scale = maxAbs / 32767;
const keptNames: string[] = [];
const rows: Int16Array[] = [];
for (let f = 0; f < model.names.length; f++) {
  const row = new Int16Array(N_LABELS);
  let any = false;
  for (let y = 0; y < N_LABELS; y++) {
    const q = Math.round(avg[f * N_LABELS + y] / scale);
    row[y] = q;
    if (Math.abs(q) > 1) any = true;
  }
  if (!any) continue;
  keptNames.push(model.names[f]);
  rows.push(row);
}
const weights = new Int16Array(rows.length * N_LABELS);
for (let i = 0; i < rows.length; i++) weights.set(rows[i], i * N_LABELS);
const file: NerModelFile = {
  format: 'newsgraph-ner/1',
  labels: [...LABELS],
  features: keptNames.join('\n'),
  weights: Buffer.from(weights.buffer).toString('base64'),
  scale,
  lowerCommon: lowerCommon.join(' '),
  clusters: clustersText,
  meta: {
    trainedOn: 'CoNLL-2003 train (eng.train)',
    algorithm: 'greedy left-to-right BILOU averaged perceptron',
    epochs: EPOCHS,
    minCount: MIN_COUNT,
    seed: SEED,
    features: keptNames.length,
    clusters: resources.clusters.size,
    trainingSeconds: Math.round((Date.now() - t0) / 1000),
  },
};
const gz = gzipSync(JSON.stringify(file), { level: 9 });
writeFileSync(modelPath(NER_MODEL_FILE), gz);
log(`wrote ${modelPath(NER_MODEL_FILE)}: ${keptNames.length} features, ${(gz.length / 1e6).toFixed(2)} MB`);
