// The trained named-entity model: loads once per process, lazily and synchronously, from models/.
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { modelPath } from '../../paths.js';
import { tokenize } from '../tokenize.js';
import {
  buildGazetteer,
  type FeatureResources,
  type GazetteerData,
  KeyBuffer,
  normaliseForFeatures,
  sentenceFeatures,
} from './features.js';
import { KeyTable } from './table.js';
import {
  beamDecode,
  decode,
  type EntityClass,
  LABELS,
  type LinearModel,
  labelsToSpans,
  N_LABELS,
  staticIds,
} from './tagger.js';

export const NER_MODEL_FILE = 'ner-model.json.gz';
export const NER_GAZETTEER_FILE = 'ner-gazetteer.json';

/** The serialised model (gzipped JSON). */
export interface NerModelFile {
  format: 'newsgraph-ner/2';
  labels: string[];
  /** Feature keys (64-bit hashes as two Int32 halves, little-endian, base64); row k of `weights` is key k's. */
  keys1: string;
  keys2: string;
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

function int32s(b64: string): Int32Array {
  const buf = Buffer.from(b64, 'base64');
  return new Int32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
}

export function base64(a: Int32Array | Int16Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
}

export class NerModel implements LinearModel {
  readonly table: KeyTable;
  readonly weights: Float32Array;
  readonly resources: FeatureResources;
  readonly meta: Record<string, unknown>;
  private readonly buf = new KeyBuffer();
  /** Beam width of the decoder (1: greedy). */
  beam: number;

  constructor(file: NerModelFile, gazetteer: GazetteerData) {
    if (file.format !== 'newsgraph-ner/2') throw new Error(`ner model: unknown format ${file.format}`);
    if (file.labels.join(' ') !== LABELS.join(' '))
      throw new Error('ner model: label set differs from the code');
    const k1 = int32s(file.keys1);
    const k2 = int32s(file.keys2);
    this.table = new KeyTable(k1.length);
    for (let i = 0; i < k1.length; i++) this.table.add(k1[i], k2[i]);
    const buf = Buffer.from(file.weights, 'base64');
    const q = new Int16Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
    this.weights = new Float32Array(q.length);
    for (let i = 0; i < q.length; i++) this.weights[i] = q[i] * file.scale;
    this.resources = {
      gazetteer: buildGazetteer(gazetteer, splitEntry),
      lowerCommon: new Set(file.lowerCommon ? file.lowerCommon.split(' ') : []),
      clusters: parseClusters(file.clusters),
    };
    this.meta = file.meta;
    this.beam = Number(process.env.NEWSGRAPH_NER_BEAM ?? file.meta.beam ?? 1);
  }

  featureId(h1: number, h2: number): number {
    return this.table.get(h1, h2);
  }

  score(ids: Int32Array, from: number, to: number, out: Float64Array): void {
    const w = this.weights;
    for (let k = from; k < to; k++) {
      const base = ids[k] * N_LABELS;
      for (let y = 0; y < N_LABELS; y++) out[y] += w[base + y];
    }
  }

  /** Tag one sentence of token strings: spans over token indices with a confidence. */
  tag(words: string[]): { start: number; end: number; cls: EntityClass; score: number }[] {
    if (!words.length) return [];
    const norm = words.map(normaliseForFeatures);
    const sf = sentenceFeatures(norm, this.resources, this.buf);
    const { labels, conf } =
      this.beam > 1
        ? beamDecode(this, sf, staticIds(this, sf), this.beam)
        : decode(this, sf, staticIds(this, sf));
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
