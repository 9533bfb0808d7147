// Logistic regression by stochastic gradient descent with L2, over sparse string features: the trainer of
// the quote classifiers (train/quotes-filter.ts, train/quotes-recall.ts). Deterministic for a given seed.

export interface SgdOptions {
  epochs: number;
  l2: number;
  /** Features seen fewer times than this in the rows are ignored. */
  min: number;
  /** First learning rate; it decays as lr / (1 + epoch / 2). */
  lr: number;
  seed: number;
  /** Starting bias (a prior towards the rarer class). */
  bias?: number;
  /** Weights smaller than this in absolute value are dropped from the model. */
  prune: number;
}

export function trainLogistic(
  rows: [string[], number][],
  o: SgdOptions,
): { bias: number; weights: Record<string, number> } {
  const count = new Map<string, number>();
  for (const [f] of rows) for (const k of f) count.set(k, (count.get(k) ?? 0) + 1);
  const kept = rows.map(([f, y]) => [f.filter((k) => (count.get(k) ?? 0) >= o.min), y] as const);
  const w = new Map<string, number>();
  let b = o.bias ?? 0;
  const order = kept.map((_, i) => i);
  let seed = o.seed;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  for (let ep = 0; ep < o.epochs; ep++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    const lr = o.lr / (1 + ep * 0.5);
    for (const i of order) {
      const [fs, y] = kept[i];
      let z = b;
      for (const k of fs) z += w.get(k) ?? 0;
      const g = y - 1 / (1 + Math.exp(-z));
      b += lr * g;
      for (const k of fs) {
        const v = w.get(k) ?? 0;
        w.set(k, v + lr * (g - o.l2 * v * kept.length));
      }
    }
  }
  const weights: Record<string, number> = {};
  for (const [k, v] of w) if (Math.abs(v) >= o.prune) weights[k] = Math.round(v * 1000) / 1000;
  return { bias: Math.round(b * 1000) / 1000, weights };
}
