// Effect sizes reported next to p-values: at large n every trivial shift is "significant", so a
// report needs a magnitude that does not grow with n. KS: the statistic D itself (a difference
// of CDFs, already in [0, 1]). Categorical: Cramér's V. Binary: Cohen's h.

import { type CategoryCounts, alignCategoryCounts } from './categories';

/**
 * Cramér's V of the 2 x k contingency table (reference row, current row), i.e.
 * scipy.stats.contingency.association(table, method='cramer') with correction=False:
 * sqrt(chi2 / (N * min(k-1, 1))). Always finite and in [0, 1], unlike a V derived from the
 * goodness-of-fit statistic (infinite when current has a category the reference lacks).
 * 0 when there is only one category (nothing can differ); NaN when either side is empty.
 */
export function cramersV(reference: CategoryCounts, current: CategoryCounts): number {
  const a = alignCategoryCounts(reference, current);
  const k = a.keys.length;
  const r = a.referenceTotal;
  const c = a.currentTotal;
  if (!(r > 0) || !(c > 0)) return NaN;
  if (k < 2) return 0;
  const N = r + c;
  let chi2 = 0;
  for (let i = 0; i < k; i++) {
    const col = a.reference[i] + a.current[i];
    const er = (r * col) / N;
    const ec = (c * col) / N;
    chi2 += (a.reference[i] - er) ** 2 / er + (a.current[i] - ec) ** 2 / ec;
  }
  return Math.sqrt(chi2 / N / Math.min(k - 1, 1));
}

/**
 * Cohen's h = 2 asin(sqrt(p1)) - 2 asin(sqrt(p2)) for two proportions. Signed like the z
 * statistic (reference minus current); |h| of 0.2 / 0.5 / 0.8 reads as small / medium / large.
 */
export function cohensH(pReference: number, pCurrent: number): number {
  return 2 * Math.asin(Math.sqrt(pReference)) - 2 * Math.asin(Math.sqrt(pCurrent));
}
