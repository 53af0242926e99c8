// Population Stability Index, PSI = sum (r - c) ln(r / c), as in Evidently's `psi` stat test
// (threshold 0.1), including its empty-bin rule (`get_binned_data(..., feel_zeroes=True)`):
// zero shares become 1e-4, or (smallest non-zero share) / 1e6 when that share is itself <= 1e-4,
// applied to reference and current separately.
//
// Binning for numerical columns deliberately differs from Evidently. Evidently bins reference
// and current together with numpy's 'sturges' rule, so its bins move with every batch and cannot
// be stored. psiNumeric uses quantile bins of the reference alone (deciles by default), plus an
// under- and an overflow bin for current values outside the reference range, so the bins can be
// saved in a reference profile and a batch scored later without the training data.

import { type CategoryCounts, alignCategoryCounts } from './categories';
import { countWithOverflow, quantileEdges } from './binning';
import type { NumericArray } from './finite';

export const PSI_EMPTY_SHARE = 1e-4;

/** Evidently's zero replacement for one side's shares (returns a new array). */
export function fillEmptyShares(shares: NumericArray): Float64Array {
  const out = Float64Array.from(shares);
  let minNonZero = Infinity;
  for (const s of out) if (s !== 0 && s < minNonZero) minNonZero = s;
  if (minNonZero === Infinity) return out.fill(NaN); // all empty: Evidently raises here
  const fill = minNonZero <= PSI_EMPTY_SHARE ? minNonZero / 10 ** 6 : PSI_EMPTY_SHARE;
  for (let i = 0; i < out.length; i++) if (out[i] === 0) out[i] = fill;
  return out;
}

/** PSI from aligned shares (each side's shares normally sum to 1). NaN on empty/mismatch. */
export function psi(referenceShares: NumericArray, currentShares: NumericArray): number {
  const n = referenceShares.length;
  if (n === 0 || currentShares.length !== n) return NaN;
  const r = fillEmptyShares(referenceShares);
  const c = fillEmptyShares(currentShares);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += (r[i] - c[i]) * Math.log(r[i] / c[i]);
  return sum;
}

/** PSI from aligned bin counts (shares = count / side total). */
export function psiFromCounts(referenceCounts: NumericArray, currentCounts: NumericArray): number {
  const n = referenceCounts.length;
  if (n === 0 || currentCounts.length !== n) return NaN;
  let rt = 0;
  let ct = 0;
  for (let i = 0; i < n; i++) {
    rt += referenceCounts[i];
    ct += currentCounts[i];
  }
  if (!(rt > 0) || !(ct > 0)) return NaN;
  const r = new Float64Array(n);
  const c = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    r[i] = referenceCounts[i] / rt;
    c[i] = currentCounts[i] / ct;
  }
  return psi(r, c);
}

/** Evidently's categorical PSI: shares over the union of categories. */
export function psiCategorical(reference: CategoryCounts, current: CategoryCounts): number {
  const a = alignCategoryCounts(reference, current);
  return psiFromCounts(a.reference, a.current);
}

/**
 * PSI of a numerical column on reference quantile bins (see file comment). Bins empty on both
 * sides (always the case for the overflow bins when current stays in range) are dropped before
 * the zero fill, so they contribute nothing. NaN when either side is empty.
 */
export function psiNumeric(reference: NumericArray, current: NumericArray, nBins = 10): number {
  const edges = quantileEdges(reference, nBins);
  if (edges.length === 0) return NaN;
  const r = countWithOverflow(reference, edges);
  const c = countWithOverflow(current, edges);
  const keepR: number[] = [];
  const keepC: number[] = [];
  for (let i = 0; i < r.length; i++) {
    if (r[i] > 0 || c[i] > 0) {
      keepR.push(r[i]);
      keepC.push(c[i]);
    }
  }
  return psiFromCounts(keepR, keepC);
}
