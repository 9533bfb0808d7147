// The tagging path of the named-entity model, tuned for speed; same features, weights and decoder as
// sentenceFeatures + staticIds + beamDecode (which training keeps using), so the labels are the same.
//
// What makes it fast:
// - Features that depend on one word only (the word, its shape, affixes, clusters — and the same word's
//   features seen from its neighbours: lm1/sm1/cm1, lp1/sp1/cp1, lm2, lp2) are summed per word type once,
//   for both passes, into five 17-label score vectors cached across documents. Per token, only the
//   features of pairs of words, gazetteer matches and name chunks are hashed and looked up.
// - Each token's static scores are computed once for both passes; pass 2 adds only its document keys.
// - The beam decoder reads precomputed scores and allocates nothing per token.
import {
  addDocKeys,
  docHints,
  END,
  type FeatureResources,
  gazetteerTags,
  gazHash,
  KeyBuffer,
  nameChunks,
  START,
  T,
  type WordInfo,
  wordInfo,
} from './features.js';
import { historyTable, LABEL_HISTORY, type LinearModel, N_LABELS, NEXT, NEXT_AT_END } from './tagger.js';

/** What the fast path needs of a linear model: its key table and sparse rows (LinearWeights). */
export interface SparseWeights extends LinearModel {
  readonly table: { get(h1: number, h2: number): number; keys(): { h1: Int32Array; h2: Int32Array } };
  readonly rowStart: Int32Array;
  readonly lab: Uint8Array;
  readonly val: Float32Array;
}

const L = N_LABELS;
/** Slots of a word's cached vectors: itself, as token i-1, i+1, i-2, i+2. */
const SLOTS = 5;
const PASS_STRIDE = SLOTS * L;

interface WordEntry {
  info: WordInfo;
  lower: string;
  /** [pass][slot][label] */
  vec: Float64Array;
  /** Model ids of the history keys (previous label, this word / its shape): [pass][p1 + 1][2]; -2 = not yet looked up. */
  hist: Int32Array;
}

/**
 * The weights of both passes behind one open-addressing table (key halves and id interleaved, so a probe
 * touches one cache line) and dense rows (id → pass 1's 17 weights, then pass 2's): one probe per key for
 * both passes. Adding a zero weight leaves a sum unchanged, so the scores are those of the sparse rows.
 */
class MergedWeights {
  readonly slots: Int32Array;
  readonly mask: number;
  /** Row stride: L per pass. */
  readonly stride: number;
  readonly w: Float32Array;

  constructor(models: SparseWeights[]) {
    let total = 0;
    for (const m of models) total += m.rowStart.length - 1;
    let cap = 1024;
    while (cap < total * 2) cap *= 2;
    this.slots = new Int32Array(cap * 3);
    for (let i = 0; i < cap; i++) this.slots[i * 3 + 2] = -1;
    this.mask = cap - 1;
    this.stride = models.length * L;
    const ids: Int32Array[] = [];
    let n = 0;
    for (const m of models) {
      const { h1, h2 } = m.table.keys();
      const out = new Int32Array(h1.length);
      for (let k = 0; k < h1.length; k++) {
        let i = (h1[k] ^ (h2[k] >>> 7)) & this.mask;
        for (;;) {
          const id = this.slots[i * 3 + 2];
          if (id < 0) {
            this.slots[i * 3] = h1[k];
            this.slots[i * 3 + 1] = h2[k];
            this.slots[i * 3 + 2] = n;
            out[k] = n++;
            break;
          }
          if (this.slots[i * 3] === h1[k] && this.slots[i * 3 + 1] === h2[k]) {
            out[k] = id;
            break;
          }
          i = (i + 1) & this.mask;
        }
      }
      ids.push(out);
    }
    this.w = new Float32Array(n * this.stride);
    models.forEach((m, p) => {
      const { rowStart, lab, val } = m;
      const map = ids[p];
      for (let f = 0; f < map.length; f++) {
        const base = map[f] * this.stride + p * L;
        for (let j = rowStart[f]; j < rowStart[f + 1]; j++) this.w[base + lab[j]] = val[j];
      }
    });
  }

  /** The id of a key, or -1. */
  get(h1: number, h2: number): number {
    const slots = this.slots;
    let i = (h1 ^ (h2 >>> 7)) & this.mask;
    for (;;) {
      const id = slots[i * 3 + 2];
      if (id < 0) return -1;
      if (slots[i * 3] === h1 && slots[i * 3 + 1] === h2) return id;
      i = (i + 1) & this.mask;
    }
  }
}

/** Add the weights of the keys buf[from..to) into outs[p][off + p * passStep ..][0..L) for each pass p ≥ passFrom. */
function addKeys(
  m: MergedWeights,
  buf: KeyBuffer,
  from: number,
  to: number,
  outs: Float64Array[],
  off: number,
  passStep: number,
  passFrom: number,
): void {
  const { w, stride } = m;
  const h1 = buf.h1;
  const h2 = buf.h2;
  const np = outs.length;
  for (let k = from; k < to; k++) {
    const id = m.get(h1[k], h2[k]);
    if (id < 0) continue;
    for (let p = passFrom; p < np; p++) {
      const out = outs[p];
      const o = off + p * passStep;
      const row = id * stride + p * L;
      for (let y = 0; y < L; y++) out[o + y] += w[row + y];
    }
  }
}

/** Word types cached (≈1.7 KB each) per generation, two generations kept: a long ingest stays small. */
const CACHE_GENERATION = 8000;

export class FastTagger {
  private readonly models: SparseWeights[];
  private readonly weights: MergedWeights;
  private cache = new Map<string, WordEntry>();
  private old = new Map<string, WordEntry>();
  private readonly start: WordEntry;
  private readonly end: WordEntry;
  private readonly buf = new KeyBuffer();
  private readonly wbuf = new KeyBuffer();
  // Decoder scratch, grown as needed.
  private lab = new Int32Array(0);
  private back = new Int32Array(0);
  private dB = 0;
  private dScore = new Float64Array(0);
  private dP1 = new Int32Array(0);
  private dP2 = new Int32Array(0);
  private dNScore = new Float64Array(0);
  private dNP1 = new Int32Array(0);
  private dNP2 = new Int32Array(0);
  private dCScore = new Float64Array(0);
  private dCHyp = new Int32Array(0);
  private dCY = new Int32Array(0);
  /** Per previous label: the stamp of the token whose history row tokenScores holds (stamps never repeat). */
  private dRows = new Int32Array(LABEL_HISTORY);
  private stamp = 0;
  private dTokenScores = new Float64Array(LABEL_HISTORY * L);

  private scratch(B: number): void {
    this.dB = B;
    this.dScore = new Float64Array(B);
    this.dP1 = new Int32Array(B);
    this.dP2 = new Int32Array(B);
    this.dNScore = new Float64Array(B);
    this.dNP1 = new Int32Array(B);
    this.dNP2 = new Int32Array(B);
    this.dCScore = new Float64Array(B);
    this.dCHyp = new Int32Array(B);
    this.dCY = new Int32Array(B);
  }

  constructor(
    readonly pass1: SparseWeights,
    readonly pass2: SparseWeights | null,
    readonly resources: FeatureResources,
    readonly beam: number,
  ) {
    this.models = pass2 ? [pass1, pass2] : [pass1];
    this.weights = new MergedWeights(this.models);
    this.start = this.makeEntry(START, '');
    this.end = this.makeEntry(END, '');
  }

  private makeEntry(x: WordInfo, lower: string): WordEntry {
    const b = this.wbuf;
    const vec = new Float64Array(2 * PASS_STRIDE);
    const slots: number[] = [];
    b.reset();
    // Slot 0: the word's own features (bias included: it is added for every token).
    b.add(T.bias);
    b.add(T.w, x.w);
    b.add(T.l, x.l);
    b.add(T.s, x.s);
    b.add(T.ss, x.ss);
    for (let k = 0; k < x.pre.length; k++) {
      b.add(T.pre, k, x.pre[k]);
      b.add(T.suf, k, x.suf[k]);
    }
    if (x.c) {
      b.add(T.c4, x.c4);
      b.add(T.c8, x.c8);
      b.add(T.c12, x.c12);
      b.add(T.c, x.c);
    }
    slots.push(b.n);
    b.add(T.lm1, x.l);
    b.add(T.sm1, x.s);
    b.add(T.cm1, x.c8);
    slots.push(b.n);
    b.add(T.lp1, x.l);
    b.add(T.sp1, x.s);
    b.add(T.cp1, x.c8);
    slots.push(b.n);
    b.add(T.lm2, x.l);
    slots.push(b.n);
    b.add(T.lp2, x.l);
    slots.push(b.n);
    const outs = this.models.map(() => vec);
    let from = 0;
    for (let s = 0; s < SLOTS; s++) {
      addKeys(this.weights, b, from, slots[s], outs, s * L, PASS_STRIDE, 0);
      from = slots[s];
    }
    return { info: x, lower, vec, hist: new Int32Array(2 * LABEL_HISTORY * 2).fill(-2) };
  }

  private entry(word: string): WordEntry {
    let e = this.cache.get(word);
    if (e) return e;
    e = this.old.get(word);
    if (!e) e = this.makeEntry(wordInfo(word, this.resources), word.toLowerCase());
    // Two generations: a word used since the last turnover survives it; the rest are dropped.
    if (this.cache.size >= CACHE_GENERATION) {
      this.old = this.cache;
      this.cache = new Map();
    }
    this.cache.set(word, e);
    return e;
  }

  /**
   * Static scores of every token of a sentence for both passes: stat[p][i * L + y]. Words already
   * normalised (normaliseForFeatures).
   */
  staticScores(words: string[]): { stat: Float64Array[]; entries: WordEntry[] } {
    const n = words.length;
    const entries = new Array<WordEntry>(n);
    for (let i = 0; i < n; i++) entries[i] = this.entry(words[i]);
    let letters = 0;
    let upper = 0;
    for (const w of words)
      for (let k = 0; k < w.length; k++) {
        const c = w.charCodeAt(k);
        if (c < 128) {
          if (c >= 65 && c <= 90) {
            letters++;
            upper++;
          } else if (c >= 97 && c <= 122) letters++;
          continue;
        }
        const ch = w[k];
        if (ch.toLowerCase() !== ch) {
          letters++;
          upper++;
        } else if (ch.toUpperCase() !== ch) letters++;
      }
    const allCaps = letters > 3 && upper === letters;
    const lower = entries.map((e) => e.lower);
    const info = entries.map((e) => e.info);
    const gaz = gazetteerTags(lower, words, this.resources.gazetteer);
    const chunks = allCaps ? null : nameChunks(words, lower, info, gaz);
    const np = this.models.length;
    const stat: Float64Array[] = [];
    for (let p = 0; p < np; p++) stat.push(new Float64Array(n * L));
    const at = (i: number) => (i < 0 ? this.start : i >= n ? this.end : entries[i]);
    const buf = this.buf;
    for (let i = 0; i < n; i++) {
      const e = entries[i];
      const x = e.info;
      const ep1 = at(i - 1);
      const en1 = at(i + 1);
      const ep2 = at(i - 2);
      const en2 = at(i + 2);
      const p1 = ep1.info;
      const n1 = en1.info;
      const off = i * L;
      for (let p = 0; p < np; p++) {
        const o = stat[p];
        const base = p * PASS_STRIDE;
        const v0 = e.vec;
        const v1 = ep1.vec;
        const v2 = en1.vec;
        const v3 = ep2.vec;
        const v4 = en2.vec;
        for (let y = 0; y < L; y++)
          o[off + y] =
            v0[base + y] +
            v1[base + L + y] +
            v2[base + 2 * L + y] +
            v3[base + 3 * L + y] +
            v4[base + 4 * L + y];
      }
      buf.reset();
      buf.add(T.sm1s, p1.s, x.s);
      buf.add(T.ssp1, x.s, n1.s);
      buf.add(T.lm1l, p1.l, x.l);
      buf.add(T.llp1, x.l, n1.l);
      buf.add(T.lm1ssp1, p1.l, x.ss, n1.l);
      if (i === 0) buf.add(T.first, x.ss);
      if (allCaps) {
        buf.add(T.capsL, x.l);
        buf.add(T.capsSS, x.ss);
      }
      if (x.cap && x.lowerCommon) buf.add(T.capCommon, i === 0 ? 1 : 0, allCaps ? 1 : 0);
      for (const g of gaz[i]) {
        const h = gazHash(g);
        buf.add(T.gaz, h);
        buf.add(T.gazSS, h, x.ss);
      }
      if (i > 0) for (const g of gaz[i - 1]) buf.add(T.gazM1, gazHash(g));
      if (i + 1 < n) for (const g of gaz[i + 1]) buf.add(T.gazP1, gazHash(g));
      const ch = chunks?.[i];
      if (ch) {
        const len = ch.end - ch.start;
        const pos = i === ch.start ? 0 : i === ch.end - 1 ? 2 : 1;
        buf.add(T.chunkPos, pos, Math.min(len, 5));
        buf.add(T.chunkHead, pos, info[ch.end - 1].l);
        if (i > ch.start) buf.add(T.chunkFirst, info[ch.start].l);
        if (ch.org) buf.add(T.chunkOrg, pos);
      }
      addKeys(this.weights, buf, 0, buf.n, stat, off, 0, 0);
    }
    return { stat, entries };
  }

  /** Tag the sentences of one document (words normalised): labels and per-token confidence per sentence. */
  tagDocument(norm: string[][], twoPass: boolean): ({ labels: Int32Array; conf: Float64Array } | null)[] {
    const st = norm.map((ws) => (ws.length ? this.staticScores(ws) : null));
    let out = st.map((s) =>
      s ? this.decode(this.pass1, 0, s.entries, s.stat[0], Math.max(1, this.beam)) : null,
    );
    const pass2 = this.pass2;
    if (twoPass && pass2) {
      const first = out.map((o) => o?.labels ?? new Int32Array(0));
      const doc = docHints(norm, first);
      const hints = { doc, own: first[0] as ArrayLike<number> };
      const buf = this.buf;
      out = st.map((s, k) => {
        if (!s) return null;
        const words = norm[k];
        const stat = s.stat[1];
        hints.own = first[k];
        for (let i = 0; i < words.length; i++) {
          const x = s.entries[i].info;
          if (!x.cap) continue;
          buf.reset();
          addDocKeys(buf, words[i], i, x.ss, hints);
          addKeys(this.weights, buf, 0, buf.n, s.stat, i * L, 0, 1);
        }
        return this.decode(pass2, 1, s.entries, stat, Math.max(1, this.beam));
      });
    }
    return out;
  }

  /** beamDecode (tagging only: frozen model, no gold) over precomputed static scores. */
  decode(
    model: SparseWeights,
    pass: number,
    entries: WordEntry[],
    stat: Float64Array,
    B: number,
  ): { labels: Int32Array; conf: Float64Array } {
    const n = entries.length;
    if (this.lab.length < n * B) {
      this.lab = new Int32Array(n * B * 2);
      this.back = new Int32Array(n * B * 2);
    }
    const { lab, back } = this;
    if (this.dB !== B) this.scratch(B);
    let score = this.dScore;
    let p1s = this.dP1;
    let p2s = this.dP2;
    let nScore = this.dNScore;
    let nP1 = this.dNP1;
    let nP2 = this.dNP2;
    score.fill(0);
    p1s.fill(-1);
    p2s.fill(-1);
    let count = 1;
    const cScore = this.dCScore;
    const cHyp = this.dCHyp;
    const cY = this.dCY;
    const table = historyTable(model);
    const tokenRows = this.dRows;
    const tokenScores = this.dTokenScores;
    const lex = this.wbuf;
    const weights = this.weights;
    const { w, stride } = weights;
    for (let i = 0; i < n; i++) {
      const so = i * L;
      if (this.stamp >= 0x3fffffff) {
        this.stamp = 0;
        tokenRows.fill(0);
      }
      const stamp = ++this.stamp;
      const last = i === n - 1;
      const hist = entries[i].hist;
      const x = entries[i].info;
      let cc = 0;
      for (let b = 0; b < count; b++) {
        const p1 = p1s[b];
        const tb = (p1 + 1) * L;
        if (tokenRows[p1 + 1] !== stamp) {
          tokenRows[p1 + 1] = stamp;
          const hx = (pass * LABEL_HISTORY + p1 + 1) * 2;
          if (hist[hx] === -2) {
            lex.reset();
            lex.add(T.hist1l, p1, x.l);
            lex.add(T.hist1s, p1, x.s);
            hist[hx] = weights.get(lex.h1[0], lex.h2[0]);
            hist[hx + 1] = weights.get(lex.h1[1], lex.h2[1]);
          }
          for (let y = 0; y < L; y++) tokenScores[tb + y] = 0;
          for (let k = 0; k < 2; k++) {
            const id = hist[hx + k];
            if (id < 0) continue;
            const row = id * stride + pass * L;
            for (let y = 0; y < L; y++) tokenScores[tb + y] += w[row + y];
          }
        }
        const base = ((p2s[b] + 1) * LABEL_HISTORY + (p1 + 1)) * L;
        const next = last ? NEXT_AT_END[p1 + 1] : NEXT[p1 + 1];
        const sb = score[b];
        for (let q = 0; q < next.length; q++) {
          const y = next[q];
          const v = sb + stat[so + y] + (table[base + y] + tokenScores[tb + y]);
          if (cc === B && v <= cScore[B - 1]) continue;
          let k = cc < B ? cc++ : B - 1;
          while (k > 0 && cScore[k - 1] < v) {
            cScore[k] = cScore[k - 1];
            cHyp[k] = cHyp[k - 1];
            cY[k] = cY[k - 1];
            k--;
          }
          cScore[k] = v;
          cHyp[k] = b;
          cY[k] = y;
        }
      }
      for (let k = 0; k < cc; k++) {
        const b = cHyp[k];
        nScore[k] = cScore[k];
        nP1[k] = cY[k];
        nP2[k] = p1s[b];
        lab[i * B + k] = cY[k];
        back[i * B + k] = b;
      }
      const ts = score;
      score = nScore;
      nScore = ts;
      const t1 = p1s;
      p1s = nP1;
      nP1 = t1;
      const t2 = p2s;
      p2s = nP2;
      nP2 = t2;
      count = cc;
    }
    const labels = new Int32Array(n);
    const conf = new Float64Array(n).fill(1);
    if (count === 0) return { labels, conf };
    let b = 0;
    for (let i = n - 1; i >= 0; i--) {
      labels[i] = lab[i * B + b];
      b = back[i * B + b];
    }
    for (let k = 1; k < count; k++) {
      const margin = score[0] - score[k];
      const c = 1 / (1 + Math.exp(-margin));
      let bk = k;
      for (let i = n - 1; i >= 0; i--) {
        if (lab[i * B + bk] !== labels[i] && c < conf[i]) conf[i] = c;
        bk = back[i * B + bk];
      }
    }
    return { labels, conf };
  }
}
