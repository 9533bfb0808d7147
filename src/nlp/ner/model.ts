// The trained named-entity model: loads once per process, lazily and synchronously, from models/.
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { modelPath } from '../../paths.js';
import { tokenize } from '../tokenize.js';
import { FastTagger } from './fast.js';
import {
  buildGazetteer,
  docHints,
  type FeatureResources,
  type GazetteerData,
  KeyBuffer,
  normaliseForFeatures,
  type SentenceFeatures,
  sentenceFeatures,
  withDocFeatures,
} from './features.js';
import { KeyTable } from './table.js';
import {
  beamDecode,
  type EntityClass,
  LABELS,
  type LinearModel,
  labelsToSpans,
  N_LABELS,
  staticIds,
} from './tagger.js';

export const NER_MODEL_FILE = 'ner-model.json.gz';
/** The decoder's beam: the model is trained with beam 8, but decoding with 4 scores the same on CoNLL dev. */
export const DECODE_BEAM = 4;
export const NER_GAZETTEER_FILE = 'ner-gazetteer.json';

/** One linear model's weights in the file. */
export interface ModelSection {
  /** Feature keys (64-bit hashes as two Int32 halves, little-endian, base64); row k of `weights` is key k's. */
  keys1: string;
  keys2: string;
  /** Int16 weights, little-endian, base64; multiply by `scale`. Row-major: feature × label. */
  weights: string;
  scale: number;
}

/** The serialised model (gzipped JSON). */
export interface NerModelFile {
  format: 'newsgraph-ner/3';
  labels: string[];
  /** The sentence-level tagger. */
  pass1: ModelSection;
  /** The second pass, which also reads what pass 1 said about the same words elsewhere in the document. */
  pass2: ModelSection | null;
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

/** A stored gazetteer entry: our tokens joined by single spaces. */
export function splitStored(s: string): string[] {
  return s.split(' ');
}

/** Tokenise a raw gazetteer entry with our tokenizer (when building the gazetteer file). */
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

/** One linear model: feature table and dequantised weights, stored sparse (most weights are zero). */
export class LinearWeights implements LinearModel {
  readonly frozen = true;
  readonly table: KeyTable;
  /** Row k's non-zero weights are lab/val[rowStart[k] .. rowStart[k+1]). */
  readonly rowStart: Int32Array;
  readonly lab: Uint8Array;
  readonly val: Float32Array;

  constructor(sec: ModelSection) {
    const k1 = int32s(sec.keys1);
    const k2 = int32s(sec.keys2);
    this.table = new KeyTable(k1.length);
    for (let i = 0; i < k1.length; i++) this.table.add(k1[i], k2[i]);
    const buf = Buffer.from(sec.weights, 'base64');
    const q = new Int16Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
    let nz = 0;
    for (let i = 0; i < q.length; i++) if (q[i] !== 0) nz++;
    this.rowStart = new Int32Array(k1.length + 1);
    this.lab = new Uint8Array(nz);
    this.val = new Float32Array(nz);
    let j = 0;
    for (let f = 0; f < k1.length; f++) {
      this.rowStart[f] = j;
      for (let y = 0; y < N_LABELS; y++) {
        const v = q[f * N_LABELS + y];
        if (v === 0) continue;
        this.lab[j] = y;
        this.val[j] = v * sec.scale;
        j++;
      }
    }
    this.rowStart[k1.length] = j;
  }

  featureId(h1: number, h2: number): number {
    return this.table.get(h1, h2);
  }

  score(ids: Int32Array, from: number, to: number, out: Float64Array): void {
    const { rowStart, lab, val } = this;
    for (let k = from; k < to; k++) {
      const id = ids[k];
      for (let j = rowStart[id]; j < rowStart[id + 1]; j++) out[lab[j]] += val[j];
    }
  }
}

export interface TaggedSpan {
  /** Token indices within the sentence, end exclusive. */
  start: number;
  end: number;
  cls: EntityClass;
  score: number;
}

export class NerModel {
  readonly pass1: LinearWeights;
  readonly pass2: LinearWeights | null;
  readonly resources: FeatureResources;
  readonly meta: Record<string, unknown>;
  private readonly buf = new KeyBuffer();
  /** Beam width of the decoder (1: greedy). */
  beam: number;
  /** Whether to run the document-level second pass (when the model has one). */
  twoPass: boolean;
  /** The tagging path (fast.ts); the reference path below is kept for training and comparison. */
  private fast: FastTagger | null = null;

  constructor(file: NerModelFile, gazetteer: GazetteerData) {
    if (file.format !== 'newsgraph-ner/3') throw new Error(`ner model: unknown format ${file.format}`);
    if (file.labels.join(' ') !== LABELS.join(' '))
      throw new Error('ner model: label set differs from the code');
    this.pass1 = new LinearWeights(file.pass1);
    this.pass2 = file.pass2 ? new LinearWeights(file.pass2) : null;
    this.resources = {
      // Entries are stored tokenised (tokens joined by one space): no tokenizer run at load.
      gazetteer: buildGazetteer(gazetteer, splitStored),
      lowerCommon: new Set(file.lowerCommon ? file.lowerCommon.split(' ') : []),
      clusters: parseClusters(file.clusters),
    };
    this.meta = file.meta;
    this.beam = Number(process.env.NEWSGRAPH_NER_BEAM ?? Math.min(Number(file.meta.beam ?? 1), DECODE_BEAM));
    this.twoPass = this.pass2 !== null && process.env.NEWSGRAPH_NER_ONE_PASS !== '1';
  }

  private decode(model: LinearModel, sf: SentenceFeatures): { labels: Int32Array; conf: Float64Array } {
    return beamDecode(model, sf, staticIds(model, sf), Math.max(1, this.beam));
  }

  /** Tag one sentence of token strings on its own (no document context). */
  tag(words: string[]): TaggedSpan[] {
    return this.tagDocument([words])[0];
  }

  /** Tag the sentences of one document: the second pass sees what the first said about the whole document. */
  tagDocument(sentences: string[][]): TaggedSpan[][] {
    const norm = sentences.map((ws) => ws.map(normaliseForFeatures));
    if (process.env.NEWSGRAPH_NER_REFERENCE === '1') return this.tagReference(norm);
    if (!this.fast || this.fast.beam !== this.beam)
      this.fast = new FastTagger(this.pass1, this.pass2, this.resources, this.beam);
    return this.toSpans(this.fast.tagDocument(norm, this.twoPass));
  }

  /** The reference implementation (sentenceFeatures + staticIds + beamDecode, as in training). */
  private tagReference(norm: string[][]): TaggedSpan[][] {
    const feats = norm.map((ws) => (ws.length ? sentenceFeatures(ws, this.resources, this.buf) : null));
    let out = feats.map((sf) => (sf ? this.decode(this.pass1, sf) : null));
    if (this.twoPass && this.pass2) {
      const first = out.map((o) => o?.labels ?? new Int32Array(0));
      const doc = docHints(norm, first);
      const pass2 = this.pass2;
      out = feats.map((sf, s) =>
        sf ? this.decode(pass2, withDocFeatures(sf, norm[s], { doc, own: first[s] }, this.buf)) : null,
      );
    }
    return this.toSpans(out);
  }

  private toSpans(out: ({ labels: Int32Array; conf: Float64Array } | null)[]): TaggedSpan[][] {
    return out.map((o) => {
      if (!o) return [];
      return labelsToSpans(o.labels).map((s) => {
        let c = 1;
        for (let k = s.start; k < s.end; k++) c = Math.min(c, o.conf[k]);
        return { ...s, score: Math.round(c * 1000) / 1000 };
      });
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
