// Pearson chi-square goodness of fit (scipy.stats.chisquare) and Evidently's chi-square drift
// test (`chisquare_stattest._chi_stat_test`), used for categorical columns with <= 1000
// reference rows: expected = reference counts scaled to the current total, over the union of
// categories; drift if p < 0.05.

import { type CategoryCounts, alignCategoryCounts } from './categories';
import { cramersV } from './effect-size';
import type { NumericArray } from './finite';
import { chi2Sf } from './gamma';

export interface ChiSquareResult {
  statistic: number;
  pValue: number;
  /** Degrees of freedom, k - 1. */
  df: number;
}

/**
 * scipy.stats.chisquare(f_obs, f_exp). Where scipy raises (length mismatch, or sums differing
 * by more than 1e-8 relative) this returns NaNs instead. With k = 1 category scipy's p-value is
 * NaN (chi2 with 0 df); so is this one. An expected count of 0 with an observed count > 0 makes
 * the statistic +Infinity and p = 0, as in scipy.
 */
export function chiSquareGoodnessOfFit(observed: NumericArray, expected: NumericArray): ChiSquareResult {
  const k = observed.length;
  const bad = { statistic: NaN, pValue: NaN, df: k - 1 };
  if (expected.length !== k || k === 0) return bad;
  let so = 0;
  let se = 0;
  for (let i = 0; i < k; i++) {
    so += observed[i];
    se += expected[i];
  }
  if (Math.abs(so - se) / Math.min(so, se) > 1e-8) return bad;
  let stat = 0;
  for (let i = 0; i < k; i++) {
    const d = observed[i] - expected[i];
    stat += (d * d) / expected[i]; // 0/0 -> NaN and x/0 -> Infinity, exactly like numpy
  }
  return { statistic: stat, pValue: chi2Sf(stat, k - 1), df: k - 1 };
}

export interface ChiSquareDriftResult extends ChiSquareResult {
  /** Effect size: Cramér's V of the 2 x k reference/current table (finite, in [0, 1]). */
  cramersV: number;
  /** Categories seen in current but never in reference (each makes the statistic infinite). */
  unseenCategories: number;
}

/**
 * Evidently's chi-square drift test. Categories are the union of both sides; expected counts are
 * reference counts * (current total / reference total). A category that appears only in current
 * has expected count 0, so — exactly as in Evidently/scipy — the statistic is +Infinity and
 * p = 0 (drift). We keep that behaviour for compatibility and report `unseenCategories` and a
 * finite Cramér's V beside it so the cause is visible. NaNs when either side has no values.
 */
export function chiSquareDrift(reference: CategoryCounts, current: CategoryCounts): ChiSquareDriftResult {
  const a = alignCategoryCounts(reference, current);
  const k = a.keys.length;
  let unseen = 0;
  for (let i = 0; i < k; i++) if (a.reference[i] === 0) unseen++;
  if (!(a.referenceTotal > 0) || !(a.currentTotal > 0)) {
    return { statistic: NaN, pValue: NaN, df: k - 1, cramersV: NaN, unseenCategories: unseen };
  }
  const kNorm = a.currentTotal / a.referenceTotal;
  const expected = new Float64Array(k);
  for (let i = 0; i < k; i++) expected[i] = a.reference[i] * kNorm;
  const gof = chiSquareGoodnessOfFit(a.current, expected);
  return { ...gof, cramersV: cramersV(reference, current), unseenCategories: unseen };
}
