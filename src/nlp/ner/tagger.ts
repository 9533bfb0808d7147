// Greedy left-to-right BILOU decoding for a linear model, shared by training and tagging.
import { historyFeatures } from './features.js';

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

export function allowed(prev: number, next: number): boolean {
  return ALLOWED[(prev < 0 ? N_LABELS : prev) * N_LABELS + next] === 1;
}

/** What the decoder needs from a model: feature ids and label scores. */
export interface LinearModel {
  /** The id of a feature, or -1 when the model does not know it. */
  featureId(f: string, grow: boolean): number;
  /** Add the weights of `ids[0..n)` into `out` (length N_LABELS). */
  score(ids: Int32Array, n: number, out: Float64Array): void;
}

export interface Decoded {
  labels: Int32Array;
  /** Per token: the margin-based confidence of the chosen label, in (0, 1]. */
  conf: Float64Array;
  /** Per token: the feature ids used (static then history), for training updates. */
  feats?: Int32Array[];
}

const LABEL_NAMES_FOR_HISTORY = [...LABELS, '<s>'];

/**
 * Tag one sentence. `staticIds[i]` are the ids of token i's static features. With `gold`, the decoder is
 * in training mode: it returns every token's feature ids so the caller can update the model.
 */
export function decode(
  model: LinearModel,
  lower: string[],
  shapes: string[],
  staticIds: Int32Array[],
  grow = false,
  keepFeats = false,
): Decoded {
  const n = lower.length;
  const labels = new Int32Array(n);
  const conf = new Float64Array(n);
  const feats: Int32Array[] = [];
  const scores = new Float64Array(N_LABELS);
  const hist: string[] = [];
  let p1 = -1;
  let p2 = -1;
  for (let i = 0; i < n; i++) {
    hist.length = 0;
    historyFeatures(
      LABEL_NAMES_FOR_HISTORY[p1 < 0 ? N_LABELS : p1],
      LABEL_NAMES_FOR_HISTORY[p2 < 0 ? N_LABELS : p2],
      lower[i],
      shapes[i],
      hist,
    );
    const st = staticIds[i];
    const ids = new Int32Array(st.length + hist.length);
    ids.set(st);
    let m = st.length;
    for (const h of hist) {
      const id = model.featureId(h, grow);
      if (id >= 0) ids[m++] = id;
    }
    scores.fill(0);
    model.score(ids, m, scores);
    let best = -1;
    let bestScore = Number.NEGATIVE_INFINITY;
    let second = Number.NEGATIVE_INFINITY;
    const last = i === n - 1;
    for (let y = 0; y < N_LABELS; y++) {
      if (!allowed(p1, y) || (last && !CAN_END[y])) continue;
      const s = scores[y];
      if (s > bestScore) {
        second = bestScore;
        bestScore = s;
        best = y;
      } else if (s > second) second = s;
    }
    labels[i] = best;
    conf[i] = second === Number.NEGATIVE_INFINITY ? 1 : 1 / (1 + Math.exp(-(bestScore - second)));
    if (keepFeats) feats.push(m === ids.length ? ids : ids.slice(0, m));
    p2 = p1;
    p1 = best;
  }
  return keepFeats ? { labels, conf, feats } : { labels, conf };
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
