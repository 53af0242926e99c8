// Two-proportion z-test, Evidently's test for columns with <= 2 distinct values and <= 1000
// reference rows (`z_stattest._z_stat_test`): pooled proportion, two-sided, drift if p < 0.05.

import { type CategoryCounts, alignCategoryCounts } from './categories';
import { cohensH } from './effect-size';
import { normalSf } from './erf';

export interface ZTestResult {
  statistic: number;
  pValue: number;
  /** Effect size, signed like the statistic (reference minus current). */
  cohensH: number;
  /** Share of the "second" outcome (see proportionsZTest) in reference and current. */
  referenceProportion: number;
  currentProportion: number;
}

/**
 * z = (p1 - p2) / sqrt(P (1 - P) (1/n1 + 1/n2)), P pooled; p = 2 * sf(|z|).
 * Evidently computes 2 * (1 - cdf(|z|)), which rounds to 0 once p < ~1e-16; the survival
 * function keeps tiny p-values exact and is otherwise identical.
 */
export function twoProportionZTest(
  successesReference: number,
  nReference: number,
  successesCurrent: number,
  nCurrent: number,
): ZTestResult {
  const n1 = nReference;
  const n2 = nCurrent;
  const p1 = successesReference / n1;
  const p2 = successesCurrent / n2;
  if (!(n1 > 0) || !(n2 > 0)) {
    return { statistic: NaN, pValue: NaN, cohensH: NaN, referenceProportion: p1, currentProportion: p2 };
  }
  const P = (p1 * n1 + p2 * n2) / (n1 + n2);
  const z = (p1 - p2) / Math.sqrt(P * (1 - P) * (1 / n1 + 1 / n2));
  return {
    statistic: z,
    pValue: 2 * normalSf(Math.abs(z)),
    cohensH: cohensH(p1, p2),
    referenceProportion: p1,
    currentProportion: p2,
  };
}

/** Python's sorted() order for str: by Unicode code point (JS `<` compares UTF-16 units). */
function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return x.done && y.done ? 0 : x.done ? -1 : 1;
    const d = (x.value.codePointAt(0) ?? 0) - (y.value.codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
}

/**
 * Evidently's z-test on category counts: categories sorted, the first one is "0" and every
 * other category is "1". If both sides hold one and the same single value, p = 1 (z = 0).
 * Swapping which category is first only flips the sign of z and h, never the p-value.
 */
export function proportionsZTest(reference: CategoryCounts, current: CategoryCounts): ZTestResult {
  const a = alignCategoryCounts(reference, current);
  const order = a.keys.map((_, i) => i).sort((i, j) => compareCodePoints(a.keys[i], a.keys[j]));
  if (a.keys.length === 1 && a.referenceTotal > 0 && a.currentTotal > 0) {
    return { statistic: 0, pValue: 1, cohensH: 0, referenceProportion: 0, currentProportion: 0 };
  }
  const first = order.length > 0 ? order[0] : -1;
  const zerosRef = first >= 0 ? a.reference[first] : 0;
  const zerosCur = first >= 0 ? a.current[first] : 0;
  return twoProportionZTest(a.referenceTotal - zerosRef, a.referenceTotal, a.currentTotal - zerosCur, a.currentTotal);
}
