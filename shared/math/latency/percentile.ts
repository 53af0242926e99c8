// Nearest-rank percentiles, the way onnxruntime_perf_test computes them, so a number shown by
// Preflight can be checked against `onnxruntime_perf_test` output on the same raw latencies.
// Pure and isomorphic: no node:* and no packages anywhere under shared/math/latency.

/**
 * The percentile method, named in every result (MEASUREMENT.md: "name the percentile method").
 * onnxruntime_perf_test (onnxruntime/test/perftest/performance_runner) sorts the per-iteration
 * times and reports `sorted[static_cast<size_t>(total * p)]` for p = 0.5, 0.9, 0.95, 0.99, 0.999.
 */
export const PERCENTILE_METHOD = 'nearest-rank: sorted[floor(n·p)], as onnxruntime_perf_test';

/**
 * Index used by the nearest-rank rule: `min(n − 1, floor(n·p))`.
 * `n·p` is an IEEE double product, exactly as in the C++ (and in the Python golden script), so the
 * index agrees bit-for-bit — e.g. n = 100, p = 0.29 gives 28.999999999999996 → index 28.
 * The clamp only matters for p = 1 (floor(n) = n would be one past the end); it makes p = 1 the max.
 */
export function nearestRankIndex(n: number, p: number): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`nearestRankIndex: n must be a positive integer, got ${n}`);
  checkP(p);
  return Math.min(n - 1, Math.floor(n * p));
}

/**
 * Nearest-rank percentile of an ascending-sorted array: `sorted[min(n − 1, floor(n·p))]`, p in [0, 1]
 * (p = 0 → min, p = 1 → max). Never interpolates: the result is always one of the observed latencies.
 * Returns NaN for an empty array (no sample, no percentile) rather than throwing, so a summary of an
 * aborted run still renders. The caller guarantees the order; it is not re-checked (O(n) per call).
 */
export function percentileNearestRank(sorted: Float64Array, p: number): number {
  checkP(p);
  const n = sorted.length;
  if (n === 0) return NaN;
  return sorted[Math.min(n - 1, Math.floor(n * p))];
}

/**
 * Ascending copy of the latencies. Non-finite or negative values are refused: a NaN sorts to the end
 * of a Float64Array and would silently become the "p99.9", and either one means the harness is broken.
 */
export function sortedCopy(ms: Float64Array | readonly number[]): Float64Array {
  const out = Float64Array.from(ms);
  for (let i = 0; i < out.length; i++) {
    const v = out[i];
    if (!Number.isFinite(v) || v < 0) throw new RangeError(`latency #${i} is ${v}: latencies must be finite and ≥ 0`);
  }
  return out.sort(); // typed-array sort is numeric, not lexicographic
}

function checkP(p: number): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`percentile p must be in [0, 1], got ${p}`);
}
