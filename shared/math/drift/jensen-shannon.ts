// Jensen–Shannon distance, scipy.spatial.distance.jensenshannon(p, q) with the default natural
// log base: sqrt((KL(p||m) + KL(q||m)) / 2), m = (p + q) / 2, after normalising p and q to sum 1.
// Evidently uses it (threshold 0.1) for categorical and low-cardinality columns at > 1000 rows.

import { type CategoryCounts, alignCategoryCounts } from './categories';
import type { NumericArray } from './finite';

/** scipy.special.rel_entr: x log(x/y), 0 when x = 0, +inf when x > 0 = y. */
function relEntr(x: number, y: number): number {
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x > 0 && y > 0) return x * Math.log(x / y);
  if (x === 0 && y >= 0) return 0;
  return Infinity;
}

/**
 * JS distance between two weight vectors of equal length (counts or proportions; each is
 * normalised). NaN for empty or zero-sum input or mismatched lengths. Round-off can make the
 * divergence a hair below 0 for near-identical inputs, where scipy returns NaN from sqrt; it is
 * clamped to 0 here.
 */
export function jensenShannonDistance(p: NumericArray, q: NumericArray): number {
  const n = p.length;
  if (n === 0 || q.length !== n) return NaN;
  let sp = 0;
  let sq = 0;
  for (let i = 0; i < n; i++) {
    sp += p[i];
    sq += q[i];
  }
  if (!(sp > 0) || !(sq > 0)) return NaN;
  let left = 0;
  let right = 0;
  for (let i = 0; i < n; i++) {
    const pi = p[i] / sp;
    const qi = q[i] / sq;
    const m = (pi + qi) / 2;
    left += relEntr(pi, m);
    right += relEntr(qi, m);
  }
  const js = left + right;
  return Math.sqrt(Math.max(js / 2, 0));
}

/** Evidently's categorical JS: shares over the union of categories, no zero filling. */
export function jensenShannonCategorical(reference: CategoryCounts, current: CategoryCounts): number {
  const a = alignCategoryCounts(reference, current);
  return jensenShannonDistance(a.reference, a.current);
}
