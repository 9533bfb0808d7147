import { readFileSync } from 'node:fs';

// What the scorers share: reading gold JSONL; precision, recall and F1 from counts; percentages, medians.

/** The records of a JSONL file, blank lines skipped. */
export function readJsonl<T = Record<string, unknown>>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

export interface PRF {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

/** The harmonic mean of precision and recall; 0 when both are 0. */
export function f1(precision: number, recall: number): number {
  return precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
}

/** Precision, recall and F1 from true positives, false positives and false negatives (0 where undefined). */
export function prf(tp: number, fp: number, fn: number): PRF {
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  return { tp, fp, fn, precision, recall, f1: f1(precision, recall) };
}

/** True positives, false positives and false negatives of a predicted multiset against a gold one. */
export function multisetCounts(
  pred: Map<string, number>,
  gold: Map<string, number>,
): { tp: number; fp: number; fn: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [k, n] of pred) {
    const m = gold.get(k) ?? 0;
    tp += Math.min(n, m);
    fp += Math.max(0, n - m);
  }
  for (const [k, m] of gold) fn += Math.max(0, m - (pred.get(k) ?? 0));
  return { tp, fp, fn };
}

/** A share as a percentage with `digits` decimals, padded on the left to `width` characters. */
export function pct(x: number, digits = 1, width = 0): string {
  return (100 * x).toFixed(digits).padStart(width);
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return 0;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
