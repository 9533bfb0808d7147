// The trained named-entity model: loads once per process, lazily and synchronously, from models/.
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { modelPath } from '../../paths.js';
import { tokenize } from '../tokenize.js';
import {
  buildGazetteer,
  type FeatureResources,
  type GazetteerData,
  normaliseForFeatures,
  sentenceFeatures,
  wordShape,
} from './features.js';
import { decode, type EntityClass, LABELS, type LinearModel, labelsToSpans, N_LABELS } from './tagger.js';

export const NER_MODEL_FILE = 'ner-model.json.gz';
export const NER_GAZETTEER_FILE = 'ner-gazetteer.json';

/** The serialised model (gzipped JSON). */
export interface NerModelFile {
  format: 'newsgraph-ner/1';
  labels: string[];
  /** Feature strings, newline-separated; row k of `weights` belongs to feature k. */
  features: string;
  /** Int16 weights, little-endian, base64; multiply by `scale`. Row-major: feature × label. */
  weights: string;
  scale: number;
  /** Lower-case words usually written in lower case, space-separated. */
  lowerCommon: string;
  /** "word bits" pairs, newline-separated. */
  clusters: string;
  meta: Record<string, unknown>;
}

export function loadGazetteerData(dir?: string): GazetteerData {
  const p = dir ? `${dir}/${NER_GAZETTEER_FILE}` : modelPath(NER_GAZETTEER_FILE);
  const raw = JSON.parse(readFileSync(p, 'utf8')) as { lists: GazetteerData };
  return raw.lists;
}

export function splitEntry(s: string): string[] {
  return tokenize(s).map((t) => t.text);
}

export function parseClusters(s: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!s) return out;
  for (const line of s.split('\n')) {
    const sp = line.lastIndexOf(' ');
    if (sp > 0) out.set(line.slice(0, sp), line.slice(sp + 1));
  }
  return out;
}

export class NerModel implements LinearModel {
  readonly index: Map<string, number>;
  readonly weights: Float32Array;
  readonly resources: FeatureResources;
  readonly meta: Record<string, unknown>;

  constructor(file: NerModelFile, gazetteer: GazetteerData) {
    if (file.format !== 'newsgraph-ner/1') throw new Error(`ner model: unknown format ${file.format}`);
    if (file.labels.join(' ') !== LABELS.join(' '))
      throw new Error('ner model: label set differs from the code');
    const feats = file.features.split('\n');
    this.index = new Map();
    for (let i = 0; i < feats.length; i++) this.index.set(feats[i], i);
    const buf = Buffer.from(file.weights, 'base64');
    const q = new Int16Array(buf.buffer, buf.byteOffset, buf.byteLength / 2);
    this.weights = new Float32Array(q.length);
    for (let i = 0; i < q.length; i++) this.weights[i] = q[i] * file.scale;
    this.resources = {
      gazetteer: buildGazetteer(gazetteer, splitEntry),
      lowerCommon: new Set(file.lowerCommon ? file.lowerCommon.split(' ') : []),
      clusters: parseClusters(file.clusters),
    };
    this.meta = file.meta;
  }

  featureId(f: string): number {
    return this.index.get(f) ?? -1;
  }

  score(ids: Int32Array, n: number, out: Float64Array): void {
    const w = this.weights;
    for (let k = 0; k < n; k++) {
      const base = ids[k] * N_LABELS;
      for (let y = 0; y < N_LABELS; y++) out[y] += w[base + y];
    }
  }

  /** Tag one sentence of token strings: spans over token indices with a confidence. */
  tag(words: string[]): { start: number; end: number; cls: EntityClass; score: number }[] {
    if (!words.length) return [];
    words = words.map(normaliseForFeatures);
    const feats = sentenceFeatures(words, this.resources);
    const staticIds = feats.map((fs) => {
      const ids = new Int32Array(fs.length);
      let m = 0;
      for (const f of fs) {
        const id = this.index.get(f);
        if (id !== undefined) ids[m++] = id;
      }
      return ids.subarray(0, m);
    });
    const lower = words.map((w) => w.toLowerCase());
    const shapes = words.map(wordShape);
    const { labels, conf } = decode(this, lower, shapes, staticIds);
    return labelsToSpans(labels).map((s) => {
      let c = 1;
      for (let k = s.start; k < s.end; k++) c = Math.min(c, conf[k]);
      return { ...s, score: Math.round(c * 1000) / 1000 };
    });
  }
}

export function readModelFile(path: string): NerModelFile {
  return JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')) as NerModelFile;
}

let cached: NerModel | null | undefined;

/** The committed model, loaded on first use; null when models/ has none (the stage then adds nothing). */
export function nerModel(): NerModel | null {
  if (cached !== undefined) return cached;
  const p = modelPath(NER_MODEL_FILE);
  cached = existsSync(p) ? new NerModel(readModelFile(p), loadGazetteerData()) : null;
  return cached;
}
