// A numerical column's reference profile: what drift needs from the training data, stored once, so
// later batches are compared without the training data (Evidently issue #506). It keeps
//  - a fine quantile grid (points[i] = numpy.quantile(x, i/G), G = 10,000 by default) standing in
//    for the reference CDF in KS and Wasserstein — or every value when there are at most G+1, in
//    which case profile results are exactly the exact ones;
//  - reference decile edges and the reference counts in them (PSI / JS are exact from the profile);
//  - min, max, mean, population std, missing / NaN / ±inf counts, and exact value counts when the
//    column has at most 32 distinct values (so the low-cardinality tests stay exact).

import {
  compensatedSum,
  populationStd,
  quantileSorted,
  quantileEdgesOfSorted,
  countWithOverflow,
} from '../drift/index';
import type { NumericDriftProfile } from '../../types/drift';

export const DEFAULT_GRID_SIZE = 10_000;
export const PSI_BINS = 10;
/** Exact value counts are kept up to this many distinct reference values. */
export const PROFILE_DISTINCT_CAP = 32;

export interface NumericSideCounts {
  missing: number;
  nan: number;
  posInf: number;
  negInf: number;
}

/** Decile edges of an ascending finite array, duplicates removed: the library's quantileEdges() without its re-sort. */
export function quantileEdgesSorted(sorted: Float64Array, nBins = PSI_BINS): number[] {
  return Array.from(quantileEdgesOfSorted(sorted, nBins));
}

/** Distinct values of an ascending array with their counts, or null once there are more than `cap`. */
export function distinctCounts(sorted: Float64Array, cap: number): [number, number][] | null {
  const out: [number, number][] = [];
  let i = 0;
  while (i < sorted.length) {
    const v = sorted[i];
    let j = i + 1;
    while (j < sorted.length && sorted[j] === v) j++;
    if (out.length === cap) return null;
    out.push([v, j - i]);
    i = j;
  }
  return out;
}

/** Number of distinct values of an ascending array, counting no further than `cap`. */
export function countDistinctSorted(sorted: Float64Array, cap = Infinity): number {
  if (sorted.length === 0) return 0;
  let n = 1;
  for (let i = 1; i < sorted.length && n < cap; i++) if (sorted[i] !== sorted[i - 1]) n++;
  return n;
}

/** Profile of an ascending, finite array (the caller sorts once and reuses it for exact metrics). */
export function buildNumericProfile(
  sorted: Float64Array,
  counts: NumericSideCounts,
  gridSize = DEFAULT_GRID_SIZE,
): NumericDriftProfile {
  const n = sorted.length;
  const exact = n <= gridSize + 1;
  let points: Float64Array;
  if (exact) points = Float64Array.from(sorted);
  else {
    points = new Float64Array(gridSize + 1);
    for (let i = 0; i <= gridSize; i++) points[i] = quantileSorted(sorted, i / gridSize);
  }
  const binEdges = quantileEdgesSorted(sorted);
  return {
    kind: 'numerical',
    rows: n + counts.missing + counts.nan + counts.posInf + counts.negInf,
    count: n,
    missing: counts.missing,
    nan: counts.nan,
    posInf: counts.posInf,
    negInf: counts.negInf,
    min: n ? sorted[0] : 0,
    max: n ? sorted[n - 1] : 0,
    mean: n ? compensatedSum(sorted) / n : 0,
    std: n ? populationStd(sorted) : 0,
    gridSize,
    exact,
    points,
    binEdges,
    binCounts: Array.from(countWithOverflow(sorted, binEdges)),
    distinct: distinctCounts(sorted, PROFILE_DISTINCT_CAP),
  };
}

/** Index of the first element > x in an ascending array (numpy searchsorted 'right'). */
export function upperBound(a: ArrayLike<number>, x: number, lo = 0, hi = a.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first element >= x (searchsorted 'left'). */
export function lowerBound(a: ArrayLike<number>, x: number, lo = 0, hi = a.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The profile's reference CDF at x: right limit (P(X ≤ x)) and left limit (P(X < x)). With an exact
 * profile this is the ECDF; otherwise the grid is interpolated linearly, which is within
 * 1/G + 1/n of the ECDF everywhere (a grid cell holds 1/G of the mass, ± one value from numpy's
 * interpolation).
 */
export function profileCdf(p: NumericDriftProfile, x: number): { right: number; left: number } {
  const pts = p.points;
  const m = pts.length;
  if (m === 0) return { right: NaN, left: NaN };
  if (p.exact) return { right: upperBound(pts, x) / m, left: lowerBound(pts, x) / m };
  const g = p.gridSize;
  const hi = upperBound(pts, x); // points[hi-1] <= x < points[hi]
  const lo = lowerBound(pts, x); // points[lo-1] < x <= points[lo]
  const at = (k: number): number => {
    // Linear between points[k-1] and points[k] (k = index of first point > x or ≥ x).
    if (k <= 0) return 0;
    if (k >= m) return 1;
    const a = pts[k - 1];
    const b = pts[k];
    return (k - 1 + (x - a) / (b - a)) / g;
  };
  if (lo === hi) {
    const v = at(hi);
    return { right: v, left: v };
  }
  // x is a grid value repeated on points[lo..hi-1]: a jump (an atom in the reference).
  return { right: (hi - 1) / g, left: lo === 0 ? 0 : lo / g };
}

/** The profile's reference quantile at u ∈ [0, 1]. */
export function profileQuantile(p: NumericDriftProfile, u: number): number {
  const pts = p.points;
  if (pts.length === 0) return NaN;
  if (p.exact) return quantileSorted(pts, u);
  const pos = u * p.gridSize;
  const i = Math.min(Math.floor(pos), p.gridSize - 1);
  const t = pos - i;
  return pts[i] + (pts[i + 1] - pts[i]) * t;
}
