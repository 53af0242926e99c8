// Two-sample Kolmogorov–Smirnov test, two-sided, method 'auto' — a faithful port of
// scipy.stats.ks_2samp in SciPy 1.10 (Debian 12's python3-scipy), which is Evidently's
// small-reference numerical drift test. Cost: two typed-array sorts plus one linear merge.

import { attemptExact2Samp, gcd, roundHalfEven } from './ks-exact';
import { kstwoSf } from './kstwo';
import { type NumericArray, sortedFinite } from './finite';

/** scipy's MAX_AUTO_N: 'auto' tries the exact distribution when max(n1, n2) <= 10,000. */
export const KS_MAX_EXACT_N = 10_000;

export interface KsResult {
  /** sup |F1 - F2|; on the exact path snapped to h/lcm(n1, n2) exactly as scipy does. */
  statistic: number;
  pValue: number;
  /** Which null distribution produced the p-value (after any exact -> asymp fallback). */
  method: 'exact' | 'asymp';
}

/** Maximum ECDF differences of two ascending arrays: max(F1 - F2) and max(F2 - F1), clipped at 0. */
export function ksStatisticSorted(a: Float64Array, b: Float64Array): { maxS: number; minS: number } {
  const n1 = a.length;
  const n2 = b.length;
  let i = 0;
  let j = 0;
  let maxS = -Infinity;
  let minDiff = Infinity;
  // Visit each distinct value once; after the inner loops i and j are searchsorted(..., 'right').
  while (i < n1 || j < n2) {
    const v = i < n1 && (j >= n2 || a[i] <= b[j]) ? a[i] : b[j];
    while (i < n1 && a[i] <= v) i++;
    while (j < n2 && b[j] <= v) j++;
    const diff = i / n1 - j / n2; // same expression and rounding as scipy's cdf1 - cdf2
    if (diff > maxS) maxS = diff;
    if (diff < minDiff) minDiff = diff;
  }
  const minS = Math.min(Math.max(-minDiff, 0), 1);
  return { maxS, minS };
}

/** ks_2samp on inputs that are already ascending and NaN-free (lets callers sort once). */
export function ks2sampSorted(a: Float64Array, b: Float64Array): KsResult {
  const n1 = a.length;
  const n2 = b.length;
  const autoMethod = Math.max(n1, n2) <= KS_MAX_EXACT_N ? 'exact' : 'asymp';
  if (n1 === 0 || n2 === 0) return { statistic: NaN, pValue: NaN, method: autoMethod };
  const { maxS, minS } = ksStatisticSorted(a, b);
  let d = minS > maxS ? minS : maxS;
  if (autoMethod === 'exact') {
    const attempt = attemptExact2Samp(n1, n2, gcd(n1, n2), d);
    d = attempt.d;
    if (attempt.success) return { statistic: d, pValue: clip01(attempt.prob), method: 'exact' };
    // scipy warns and falls through to the asymptotic p-value, keeping the snapped d.
  }
  const [m, n] = n1 >= n2 ? [n1, n2] : [n2, n1];
  const en = (m * n) / (m + n);
  return { statistic: d, pValue: clip01(kstwoSf(d, roundHalfEven(en))), method: 'asymp' };
}

/**
 * scipy.stats.ks_2samp(a, b) (two-sided, method='auto'). Empty input gives NaN statistic and
 * p-value instead of scipy's ValueError; NaN values are dropped.
 */
export function ks2samp(a: NumericArray, b: NumericArray): KsResult {
  return ks2sampSorted(sortedFinite(a), sortedFinite(b));
}

function clip01(p: number): number {
  // np.clip keeps NaN as NaN, as does this.
  return p < 0 ? 0 : p > 1 ? 1 : p;
}
