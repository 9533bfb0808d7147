// Greedy left-to-right BILOU decoding for a linear model, shared by training and tagging.
import { historyFeatures, KeyBuffer, type SentenceFeatures, T } from './features.js';

export const ENTITY_CLASSES = ['PER', 'ORG', 'LOC', 'MISC'] as const;
export type EntityClass = (typeof ENTITY_CLASSES)[number];

/** O, then B/I/L/U for each class. */
export const LABELS: readonly string[] = [
  'O',
  ...ENTITY_CLASSES.flatMap((c) => ['B', 'I', 'L', 'U'].map((p) => `${p}-${c}`)),
];
export const N_LABELS = LABELS.length;
export const LABEL_INDEX = new Map(LABELS.map((l, i) => [l, i]));

/** allowed[prev * N + next]: BILOU transitions; prev = -1 (sentence start) is row N_LABELS. */
const ALLOWED = (() => {
  const a = new Uint8Array((N_LABELS + 1) * N_LABELS);
  const open = (p: string) => p.startsWith('B-') || p.startsWith('I-');
  for (let p = 0; p <= N_LABELS; p++) {
    const prev = p === N_LABELS ? 'O' : LABELS[p];
    for (let n = 0; n < N_LABELS; n++) {
      const next = LABELS[n];
      const ok = open(prev)
        ? (next.startsWith('I-') || next.startsWith('L-')) && next.slice(2) === prev.slice(2)
        : next === 'O' || next.startsWith('B-') || next.startsWith('U-');
      a[p * N_LABELS + n] = ok ? 1 : 0;
    }
  }
  return a;
})();
const CAN_END = LABELS.map((l) => !(l.startsWith('B-') || l.startsWith('I-')));

/** Per previous label (+1; 0 = sentence start): the labels that may follow, anywhere / at the sentence end. */
export const NEXT: Int32Array[] = [];
export const NEXT_AT_END: Int32Array[] = [];
for (let p = -1; p < N_LABELS; p++) {
  const ok: number[] = [];
  for (let y = 0; y < N_LABELS; y++) if (ALLOWED[(p < 0 ? N_LABELS : p) * N_LABELS + y]) ok.push(y);
  NEXT.push(Int32Array.from(ok));
  NEXT_AT_END.push(Int32Array.from(ok.filter((y) => CAN_END[y])));
}

export function allowed(prev: number, next: number): boolean {
  return ALLOWED[(prev < 0 ? N_LABELS : prev) * N_LABELS + next] === 1;
}

/** What the decoder needs from a model: feature ids and label scores. */
export interface LinearModel {
  /** The id of a feature key, or -1 when the model does not know it (`grow`: add it, in training). */
  featureId(h1: number, h2: number, grow: boolean): number;
  /** Add the weights of `ids[from..to)` into `out` (length N_LABELS). */
  score(ids: Int32Array, from: number, to: number, out: Float64Array): void;
  /** True when the weights no longer change (tagging, not training): the decoder may then cache scores. */
  readonly frozen?: boolean;
}

export const LABEL_HISTORY = N_LABELS + 1;
const historyTables = new WeakMap<LinearModel, Float64Array>();

/** Scores of the token-independent history features (previous label, previous two labels) of a frozen model. */
export function historyTable(model: LinearModel): Float64Array {
  let t = historyTables.get(model);
  if (t) return t;
  t = new Float64Array(LABEL_HISTORY * LABEL_HISTORY * N_LABELS);
  const buf = new KeyBuffer();
  const ids = new Int32Array(2);
  const row = new Float64Array(N_LABELS);
  for (let p2 = -1; p2 < N_LABELS; p2++)
    for (let p1 = -1; p1 < N_LABELS; p1++) {
      buf.reset();
      buf.add(T.hist1, p1);
      buf.add(T.hist2, p2, p1);
      let n = 0;
      for (let k = 0; k < 2; k++) {
        const id = model.featureId(buf.h1[k], buf.h2[k], false);
        if (id >= 0) ids[n++] = id;
      }
      row.fill(0);
      model.score(ids, 0, n, row);
      t.set(row, ((p2 + 1) * LABEL_HISTORY + (p1 + 1)) * N_LABELS);
    }
  historyTables.set(model, t);
  return t;
}

/** Static feature keys of a sentence → model ids (unknown features dropped), flattened with offsets. */
export function staticIds(
  model: LinearModel,
  sf: SentenceFeatures,
  grow = false,
): { ids: Int32Array; off: Int32Array } {
  const n = sf.offsets.length - 1;
  const ids = new Int32Array(sf.h1.length);
  const off = new Int32Array(n + 1);
  let m = 0;
  for (let i = 0; i < n; i++) {
    off[i] = m;
    for (let k = sf.offsets[i]; k < sf.offsets[i + 1]; k++) {
      const id = model.featureId(sf.h1[k], sf.h2[k], grow);
      if (id >= 0) ids[m++] = id;
    }
  }
  off[n] = m;
  return { ids, off };
}

const hist = new KeyBuffer();

/** The ids of the history features of token i given its two previous labels. */
function historyIds(
  model: LinearModel,
  sf: SentenceFeatures,
  i: number,
  p1: number,
  p2: number,
  grow: boolean,
  out: Int32Array,
): number {
  hist.reset();
  historyFeatures(p1, p2, sf.lower[i], sf.shape[i], hist);
  let nh = 0;
  for (let k = 0; k < hist.n; k++) {
    const id = model.featureId(hist.h1[k], hist.h2[k], grow);
    if (id >= 0) out[nh++] = id;
  }
  return nh;
}

export interface BeamResult {
  labels: Int32Array;
  /** Per token: confidence of the token's label, from the margin over the best other path in the final beam. */
  conf: Float64Array;
  /** With gold labels: the position where the gold prefix fell out of the beam, else -1. */
  fellOut: number;
}

/**
 * Beam search (beam 1 is greedy) under the BILOU constraints, the model scoring each token's label with
 * its static features and the previous two labels. With `gold`, decoding stops as soon as the gold prefix
 * falls out of the beam (early update) and returns the best prefix up to that position.
 */
export function beamDecode(
  model: LinearModel,
  sf: SentenceFeatures,
  st: { ids: Int32Array; off: Int32Array },
  beam: number,
  gold?: Int32Array,
  grow = false,
): BeamResult {
  const n = sf.offsets.length - 1;
  const B = beam;
  const lab = new Int32Array(n * B);
  const back = new Int32Array(n * B);
  const stat = new Float64Array(N_LABELS);
  const h = new Float64Array(N_LABELS);
  const hid = new Int32Array(8);
  let score = new Float64Array(B);
  let p1s = new Int32Array(B).fill(-1);
  let p2s = new Int32Array(B).fill(-1);
  let isGold = new Uint8Array(B).fill(1);
  let count = 1;
  const cScore = new Float64Array(B);
  const cHyp = new Int32Array(B);
  const cY = new Int32Array(B);
  let fellOut = -1;
  let len = n;
  const table = model.frozen ? historyTable(model) : null;
  const tokenRows = new Uint8Array(LABEL_HISTORY);
  const tokenScores = new Float64Array(LABEL_HISTORY * N_LABELS);
  const lex = new KeyBuffer();
  for (let i = 0; i < n; i++) {
    stat.fill(0);
    model.score(st.ids, st.off[i], st.off[i + 1], stat);
    const last = i === n - 1;
    let cc = 0;
    if (table) tokenRows.fill(0);
    for (let b = 0; b < count; b++) {
      const p1 = p1s[b];
      if (table) {
        // Cached: previous-label rows; per token, the rows that pair the previous label with the word.
        if (!tokenRows[p1 + 1]) {
          tokenRows[p1 + 1] = 1;
          lex.reset();
          lex.add(T.hist1l, p1, sf.lower[i]);
          lex.add(T.hist1s, p1, sf.shape[i]);
          let nh = 0;
          for (let k = 0; k < 2; k++) {
            const id = model.featureId(lex.h1[k], lex.h2[k], false);
            if (id >= 0) hid[nh++] = id;
          }
          const row = tokenScores.subarray((p1 + 1) * N_LABELS, (p1 + 2) * N_LABELS);
          row.fill(0);
          model.score(hid, 0, nh, row);
        }
        const base = ((p2s[b] + 1) * LABEL_HISTORY + (p1 + 1)) * N_LABELS;
        const tb = (p1 + 1) * N_LABELS;
        for (let y = 0; y < N_LABELS; y++) h[y] = table[base + y] + tokenScores[tb + y];
      } else {
        h.fill(0);
        const nh = historyIds(model, sf, i, p1, p2s[b], grow, hid);
        model.score(hid, 0, nh, h);
      }
      const next = last ? NEXT_AT_END[p1 + 1] : NEXT[p1 + 1];
      for (let q = 0; q < next.length; q++) {
        const y = next[q];
        const v = score[b] + stat[y] + h[y];
        if (cc === B && v <= cScore[B - 1]) continue;
        // Insert into the sorted candidate list.
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
    const nScore = new Float64Array(B);
    const nP1 = new Int32Array(B);
    const nP2 = new Int32Array(B);
    const nGold = new Uint8Array(B);
    let anyGold = false;
    for (let k = 0; k < cc; k++) {
      const b = cHyp[k];
      nScore[k] = cScore[k];
      nP1[k] = cY[k];
      nP2[k] = p1s[b];
      lab[i * B + k] = cY[k];
      back[i * B + k] = b;
      if (gold && isGold[b] && cY[k] === gold[i]) {
        nGold[k] = 1;
        anyGold = true;
      }
    }
    score = nScore;
    p1s = nP1;
    p2s = nP2;
    isGold = nGold;
    count = cc;
    if (gold && !anyGold) {
      fellOut = i;
      len = i + 1;
      break;
    }
  }
  // Backtrack every final hypothesis; the first is the answer.
  const paths: Int32Array[] = [];
  for (let k = 0; k < count; k++) {
    const path = new Int32Array(len);
    let b = k;
    for (let i = len - 1; i >= 0; i--) {
      path[i] = lab[i * B + b];
      b = back[i * B + b];
    }
    paths.push(path);
  }
  const labels = paths[0] ?? new Int32Array(len);
  const conf = new Float64Array(len).fill(1);
  for (let k = 1; k < count; k++) {
    const margin = score[0] - score[k];
    const c = 1 / (1 + Math.exp(-margin));
    const alt = paths[k];
    for (let i = 0; i < len; i++) if (alt[i] !== labels[i] && c < conf[i]) conf[i] = c;
  }
  return { labels, conf, fellOut };
}

/** Feature ids along a label path (static + history), token by token, up to `len`. */
export function pathFeatures(
  model: LinearModel,
  sf: SentenceFeatures,
  st: { ids: Int32Array; off: Int32Array },
  labels: ArrayLike<number>,
  len: number,
  grow: boolean,
): Int32Array[] {
  const out: Int32Array[] = [];
  const hid = new Int32Array(8);
  for (let i = 0; i < len; i++) {
    const p1 = i > 0 ? labels[i - 1] : -1;
    const p2 = i > 1 ? labels[i - 2] : -1;
    const nh = historyIds(model, sf, i, p1, p2, grow, hid);
    const f = new Int32Array(st.off[i + 1] - st.off[i] + nh);
    f.set(st.ids.subarray(st.off[i], st.off[i + 1]));
    f.set(hid.subarray(0, nh), st.off[i + 1] - st.off[i]);
    out.push(f);
  }
  return out;
}

export interface LabelledSpan {
  /** Token indices, end exclusive. */
  start: number;
  end: number;
  cls: EntityClass;
}

/** BILOU labels → spans (tolerant of ill-formed sequences). */
export function labelsToSpans(labels: ArrayLike<number>): LabelledSpan[] {
  const out: LabelledSpan[] = [];
  let open = -1;
  let cls = '';
  for (let i = 0; i < labels.length; i++) {
    const l = LABELS[labels[i]];
    const p = l[0];
    const c = l.slice(2);
    if (p === 'O') {
      open = -1;
      continue;
    }
    if (p === 'U') {
      out.push({ start: i, end: i + 1, cls: c as EntityClass });
      open = -1;
    } else if (p === 'B' || open < 0 || c !== cls) {
      open = i;
      cls = c;
      if (p === 'L') {
        out.push({ start: i, end: i + 1, cls: c as EntityClass });
        open = -1;
      }
    } else if (p === 'L') {
      out.push({ start: open, end: i + 1, cls: c as EntityClass });
      open = -1;
    }
  }
  return out;
}

/** Spans → BILOU label ids over n tokens. */
export function spansToLabels(n: number, spans: LabelledSpan[]): Int32Array {
  const out = new Int32Array(n);
  const id = (l: string) => LABEL_INDEX.get(l) as number;
  for (const s of spans) {
    if (s.end - s.start === 1) out[s.start] = id(`U-${s.cls}`);
    else {
      out[s.start] = id(`B-${s.cls}`);
      for (let k = s.start + 1; k < s.end - 1; k++) out[k] = id(`I-${s.cls}`);
      out[s.end - 1] = id(`L-${s.cls}`);
    }
  }
  return out;
}
