// The scoring side of the quote classifiers (acceptance filter, recall): logistic regression over sparse
// string features, with the weight table turned into a Map once per model.

export interface LogisticModel {
  threshold: number;
  bias: number;
  weights: Record<string, number>;
}

const WEIGHTS = new WeakMap<LogisticModel, Map<string, number>>();

/** The model's probability that the candidate described by `feats` is right. */
export function logisticScore(m: LogisticModel, feats: string[]): number {
  let w = WEIGHTS.get(m);
  if (!w) {
    w = new Map(Object.entries(m.weights));
    WEIGHTS.set(m, w);
  }
  let z = m.bias;
  for (const k of feats) z += w.get(k) ?? 0;
  return 1 / (1 + Math.exp(-z));
}
