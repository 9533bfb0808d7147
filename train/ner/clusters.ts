// Hierarchical word clusters from unlabelled news, by our own code (a Brown-cluster substitute):
// each word is a vector of positive PMI with its neighbours (±1, ±2 positions), randomly projected to
// DIM dimensions, then split recursively in two by spherical 2-means; a word's cluster is its path of
// 0/1 decisions. Writes models/ner-clusters.txt ("word bits" per line), read by train/ner.ts.
//   tsx train/ner/clusters.ts [--min-count 3] [--depth 16]
import { writeFileSync } from 'node:fs';
import { normaliseForFeatures } from '../../src/nlp/ner/features.js';
import { tokenize } from '../../src/nlp/tokenize.js';
import { modelPath } from '../../src/paths.js';
import { unlabelledTexts } from './unlabelled.js';

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : dflt;
}
const MIN_COUNT = Number(arg('min-count', '3'));
const DEPTH = Number(arg('depth', '16'));
const CONTEXTS = 3000;
const DIM = Number(arg('dim', '800'));
const t0 = Date.now();
const log = (m: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------- corpus
const sents: string[][] = [];
const count = new Map<string, number>();
for (const text of unlabelledTexts()) {
  for (const line of text.split(/\n+/)) {
    const toks = tokenize(line).map((t) => normaliseForFeatures(t.text));
    if (!toks.length) continue;
    sents.push(toks);
    for (const w of toks) count.set(w, (count.get(w) ?? 0) + 1);
  }
}
const vocab = [...count.entries()].filter(([, c]) => c >= MIN_COUNT).sort((a, b) => b[1] - a[1]);
const vIndex = new Map(vocab.map(([w], i) => [w, i]));
// Contexts: the most frequent words, lower-cased; everything else maps to a coarse shape class.
const lcCount = new Map<string, number>();
for (const [w, c] of count) lcCount.set(w.toLowerCase(), (lcCount.get(w.toLowerCase()) ?? 0) + c);
const ctxWords = [...lcCount.entries()]
  .sort((a, b) => b[1] - a[1])
  .slice(0, CONTEXTS)
  .map(([w]) => w);
const SHAPES = ['<cap>', '<lower>', '<num>', '<other>', '<s>', '</s>'];
const cIndex = new Map([...ctxWords, ...SHAPES].map((w, i) => [w, i]));
const NC = cIndex.size;
const ctxOf = (w: string | undefined, edge: string): number => {
  if (w === undefined) return cIndex.get(edge)!;
  const hit = cIndex.get(w.toLowerCase());
  if (hit !== undefined) return hit;
  if (/^\p{Lu}/u.test(w)) return cIndex.get('<cap>')!;
  if (/^\p{Ll}/u.test(w)) return cIndex.get('<lower>')!;
  if (/^\p{N}/u.test(w)) return cIndex.get('<num>')!;
  return cIndex.get('<other>')!;
};
log(
  `${sents.length} lines, ${count.size} word types, ${vocab.length} with count >= ${MIN_COUNT}, ${NC} contexts`,
);

// ---------------------------------------------------------------- co-occurrence (4 positions × NC)
const OFFS = [-2, -1, 1, 2];
const cooc: Map<number, number>[] = vocab.map(() => new Map());
const ctxTotal = new Float64Array(OFFS.length * NC);
let total = 0;
for (const s of sents) {
  for (let i = 0; i < s.length; i++) {
    const v = vIndex.get(s[i]);
    if (v === undefined) continue;
    for (let k = 0; k < OFFS.length; k++) {
      const j = i + OFFS[k];
      const c = k * NC + ctxOf(s[j], j < 0 ? '<s>' : '</s>');
      const m = cooc[v];
      m.set(c, (m.get(c) ?? 0) + 1);
      ctxTotal[c]++;
      total++;
    }
  }
}
log(`co-occurrences: ${total}`);

// ---------------------------------------------------------------- PPMI → random projection
const rand = rng(7);
const proj = new Float32Array(OFFS.length * NC * DIM);
for (let i = 0; i < proj.length; i++) proj[i] = rand() < 0.5 ? -1 : 1;
const vecs = new Float32Array(vocab.length * DIM);
for (let v = 0; v < vocab.length; v++) {
  let wTotal = 0;
  for (const n of cooc[v].values()) wTotal += n;
  const base = v * DIM;
  for (const [c, n] of cooc[v]) {
    const pmi = Math.log((n * total) / (wTotal * ctxTotal[c] ** 0.75 * total ** 0.25));
    if (pmi <= 0) continue;
    const pb = c * DIM;
    for (let d = 0; d < DIM; d++) vecs[base + d] += pmi * proj[pb + d];
  }
  let norm = 0;
  for (let d = 0; d < DIM; d++) norm += vecs[base + d] ** 2;
  norm = Math.sqrt(norm) || 1;
  for (let d = 0; d < DIM; d++) vecs[base + d] /= norm;
  cooc[v].clear();
}
// Remove the direction every word shares, then renormalise, so that splits follow real differences.
const mean = new Float64Array(DIM);
for (let v = 0; v < vocab.length; v++)
  for (let d = 0; d < DIM; d++) mean[d] += vecs[v * DIM + d] / vocab.length;
for (let v = 0; v < vocab.length; v++) {
  const base = v * DIM;
  let norm = 0;
  for (let d = 0; d < DIM; d++) {
    vecs[base + d] -= mean[d];
    norm += vecs[base + d] ** 2;
  }
  norm = Math.sqrt(norm) || 1;
  for (let d = 0; d < DIM; d++) vecs[base + d] /= norm;
}
log('vectors built');
if (process.env.NN) {
  for (const w of process.env.NN.split(',')) {
    const v = vIndex.get(w);
    if (v === undefined) continue;
    const sims: [number, number][] = [];
    for (let u = 0; u < vocab.length; u++) {
      let s = 0;
      for (let d = 0; d < DIM; d++) s += vecs[v * DIM + d] * vecs[u * DIM + d];
      sims.push([s, u]);
    }
    sims.sort((a, b) => b[0] - a[0]);
    log(
      `${w}: ${sims
        .slice(1, 12)
        .map(([, u]) => vocab[u][0])
        .join(' ')}`,
    );
  }
  process.exit(0);
}

// ---------------------------------------------------------------- recursive spherical 2-means
const paths: string[] = vocab.map(() => '');
function split(members: Int32Array, depth: number): void {
  if (depth >= DEPTH || members.length < 4) return;
  // Seeds: the most frequent member and the member least similar to it.
  const c0 = new Float32Array(DIM);
  const c1 = new Float32Array(DIM);
  const a = members[0];
  let far = members[1];
  let farSim = Number.POSITIVE_INFINITY;
  for (const m of members) {
    let s = 0;
    for (let d = 0; d < DIM; d++) s += vecs[a * DIM + d] * vecs[m * DIM + d];
    if (s < farSim) {
      farSim = s;
      far = m;
    }
  }
  for (let d = 0; d < DIM; d++) {
    c0[d] = vecs[a * DIM + d];
    c1[d] = vecs[far * DIM + d];
  }
  const side = new Uint8Array(members.length);
  for (let iter = 0; iter < 8; iter++) {
    let changed = 0;
    for (let k = 0; k < members.length; k++) {
      const b = members[k] * DIM;
      let s0 = 0;
      let s1 = 0;
      for (let d = 0; d < DIM; d++) {
        s0 += c0[d] * vecs[b + d];
        s1 += c1[d] * vecs[b + d];
      }
      const sd = s1 > s0 ? 1 : 0;
      if (sd !== side[k]) changed++;
      side[k] = sd;
    }
    c0.fill(0);
    c1.fill(0);
    for (let k = 0; k < members.length; k++) {
      const c = side[k] ? c1 : c0;
      const b = members[k] * DIM;
      for (let d = 0; d < DIM; d++) c[d] += vecs[b + d];
    }
    for (const c of [c0, c1]) {
      let norm = 0;
      for (let d = 0; d < DIM; d++) norm += c[d] ** 2;
      norm = Math.sqrt(norm) || 1;
      for (let d = 0; d < DIM; d++) c[d] /= norm;
    }
    if (iter > 0 && changed === 0) break;
  }
  const left: number[] = [];
  const right: number[] = [];
  for (let k = 0; k < members.length; k++) (side[k] ? right : left).push(members[k]);
  if (!left.length || !right.length) return;
  for (const m of left) paths[m] += '0';
  for (const m of right) paths[m] += '1';
  split(Int32Array.from(left), depth + 1);
  split(Int32Array.from(right), depth + 1);
}
split(Int32Array.from(vocab.keys()), 0);
log('clustered');

const lines = vocab.map(([w], i) => `${w} ${paths[i] || '0'}`).filter((l) => !/\s.*\s/.test(l));
writeFileSync(modelPath('ner-clusters.txt'), `${lines.join('\n')}\n`);
log(`wrote ${modelPath('ner-clusters.txt')}: ${lines.length} words`);
