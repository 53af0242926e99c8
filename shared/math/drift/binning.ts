// Reference-fixed bins: quantile edges computed once from the reference (and storable in a
// reference profile), then any batch is counted against them.

import { type NumericArray, sortedFinite } from './finite';

/** numpy.quantile(sorted, q) with the default 'linear' method, bit-for-bit (incl. numpy's lerp). */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const vi = (n - 1) * q;
  if (vi >= n - 1) return sorted[n - 1];
  if (vi < 0) return sorted[0];
  const prev = Math.floor(vi);
  const a = sorted[prev];
  const b = sorted[prev + 1];
  const gamma = vi - prev;
  const diff = b - a;
  // numpy._lerp: interpolate from the nearer end so the result stays within [a, b].
  return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
}

/**
 * Bin edges at the reference quantiles 0, 1/nBins, ..., 1 (numpy.quantile 'linear', the same
 * probabilities as numpy.linspace(0, 1, nBins + 1)), with duplicates removed — heavily tied data
 * yields fewer, wider bins. A constant column gives a single edge. Empty input gives [].
 */
export function quantileEdges(values: NumericArray, nBins: number): Float64Array {
  return quantileEdgesOfSorted(sortedFinite(values), nBins);
}

/**
 * quantileEdges of values already sorted ascending and finite (reference profiles call this), so a
 * profile's bins are the exact ones the library and the golden numpy script use: q = i·(1/nBins),
 * which is numpy.linspace's i·step — 3·0.1 is 0.30000000000000004, not 0.3, and that can move an edge
 * across a data point.
 */
export function quantileEdgesOfSorted(sorted: Float64Array, nBins: number): Float64Array {
  if (sorted.length === 0 || !(nBins >= 1)) return new Float64Array(0);
  const out: number[] = [];
  const step = 1 / nBins;
  for (let i = 0; i <= nBins; i++) {
    const q = i === nBins ? 1 : i * step;
    const e = quantileSorted(sorted, q);
    if (out.length === 0 || e > out[out.length - 1]) out.push(e);
  }
  return Float64Array.from(out);
}

export interface Histogram {
  /** counts[i] = values in [edges[i], edges[i+1]); the last bin is closed on the right. */
  counts: Float64Array;
  /** Values below edges[0] / above the last edge (numpy.histogram drops them silently). */
  below: number;
  above: number;
}

/**
 * numpy.histogram(values, bins=edges) for ascending edges (>= 2), plus the out-of-range counts.
 * Binary search per value: O(n log k), no sort of the values needed. NaN and ±Infinity are ignored.
 */
export function histogramOnBins(values: NumericArray, edges: NumericArray): Histogram {
  const k = edges.length - 1;
  const counts = new Float64Array(Math.max(k, 0));
  let below = 0;
  let above = 0;
  if (k < 1) return { counts, below, above };
  const lo = edges[0];
  const hi = edges[k];
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (x - x !== 0) continue; // NaN and ±Infinity (x - x is NaN for them): not values to bin
    if (x < lo) below++;
    else if (x > hi) above++;
    else if (x === hi) counts[k - 1]++;
    else if (x >= lo) {
      // Largest b with edges[b] <= x (searchsorted 'right' - 1).
      let l = 0;
      let r = k;
      while (r - l > 1) {
        const mid = (l + r) >>> 1;
        if (edges[mid] <= x) l = mid;
        else r = mid;
      }
      counts[l]++;
    }
  }
  return { counts, below, above };
}

/**
 * Counts in [below edges[0], bin 0, ..., bin k-1, above last edge]: reference-fixed bins that
 * still see current values outside the reference's range. A single edge (constant reference)
 * is treated as one closed bin [c, c].
 */
export function countWithOverflow(values: NumericArray, edges: NumericArray): Float64Array {
  if (edges.length === 0) return new Float64Array(0);
  const e = edges.length === 1 ? [edges[0], edges[0]] : edges;
  const h = histogramOnBins(values, e);
  const out = new Float64Array(h.counts.length + 2);
  out[0] = h.below;
  out.set(h.counts, 1);
  out[out.length - 1] = h.above;
  return out;
}
