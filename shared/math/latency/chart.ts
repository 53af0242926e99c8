// Chart helpers: a histogram and a downsampled empirical CDF. Charts cannot take 10⁵ raw points per
// series, but a latency reader looks at the tail, so the CDF is thinned without losing it.

export interface Histogram {
  /** bins + 1 edges, ascending. Bins are [eᵢ, eᵢ₊₁), the last one [e_{bins−1}, e_bins] (closed). */
  edges: Float64Array;
  counts: Uint32Array;
}

/**
 * Equal-width histogram, bin for bin the same as `numpy.histogram(ms, bins, range)`: edges are
 * linspace(lo, hi, bins + 1) computed as i·step + lo with the last edge set to hi; a value's bin is
 * trunc((x − lo)·bins/(hi − lo)) then nudged by one against the actual edges (numpy's ±1-ulp fix-up),
 * the maximum falls in the last bin, values outside `range` are dropped. Without `range` it spans
 * [min, max], widened by ±0.5 when all values are equal (numpy does the same); empty input → [0, 1].
 * A shared `range` lets two runs be drawn on identical bins.
 */
export function histogram(
  ms: Float64Array | readonly number[],
  bins: number,
  range?: readonly [number, number],
): Histogram {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`bins must be a positive integer, got ${bins}`);
  let lo: number;
  let hi: number;
  if (range) {
    [lo, hi] = range;
    if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo <= hi))
      throw new RangeError(`bad histogram range [${lo}, ${hi}]`);
  } else if (ms.length === 0) {
    [lo, hi] = [0, 1];
  } else {
    lo = Infinity;
    hi = -Infinity;
    for (let i = 0; i < ms.length; i++) {
      if (ms[i] < lo) lo = ms[i];
      if (ms[i] > hi) hi = ms[i];
    }
    if (!(Number.isFinite(lo) && Number.isFinite(hi)))
      throw new RangeError(`histogram of non-finite values [${lo}, ${hi}]`);
  }
  if (lo === hi) {
    lo -= 0.5;
    hi += 0.5;
  }
  const edges = new Float64Array(bins + 1);
  const step = (hi - lo) / bins;
  for (let i = 0; i < bins; i++) edges[i] = i * step + lo;
  edges[bins] = hi;

  const counts = new Uint32Array(bins);
  const norm = bins / (hi - lo);
  for (let i = 0; i < ms.length; i++) {
    const x = ms[i];
    if (!(x >= lo && x <= hi)) continue;
    let k = Math.trunc((x - lo) * norm);
    if (k === bins) k--;
    if (x < edges[k]) k--;
    if (k !== bins - 1 && x >= edges[k + 1]) k++;
    counts[k]++;
  }
  return { edges, counts };
}

export interface EcdfPoints {
  /** Latency values, ascending. */
  x: Float64Array;
  /** F(x) = (rank + 1)/n at each x: the top of the ECDF step at that sample. */
  y: Float64Array;
}

/**
 * Downsampled empirical CDF of ascending-sorted latencies, at most `maxPoints` (≥ 2) points, always
 * including the min and the max. Below the limit every sample is returned. Above it, half the points
 * are evenly spaced in rank (the body) and half are spaced geometrically in 1 − F from 1 down to 1/n
 * (the tail: about as many points between p99 and p99.9 as between p90 and p99), merged and de-duplicated.
 */
export function ecdfPoints(sorted: Float64Array, maxPoints: number): EcdfPoints {
  if (!Number.isInteger(maxPoints) || maxPoints < 2)
    throw new RangeError(`maxPoints must be an integer ≥ 2, got ${maxPoints}`);
  const n = sorted.length;
  let ranks: number[];
  if (n <= maxPoints) {
    ranks = Array.from({ length: n }, (_, i) => i);
  } else {
    const body = Math.ceil(maxPoints / 2);
    const tail = maxPoints - body;
    const set = new Set<number>();
    for (let j = 0; j < body; j++) set.add(Math.round((j * (n - 1)) / (body - 1 || 1)));
    for (let j = 0; j < tail; j++) {
      // 1 − F runs geometrically from 1 (j = 0) to 1/n (last j); rank = n − n·(1 − F).
      const frac = tail === 1 ? 1 / n : Math.pow(1 / n, j / (tail - 1));
      set.add(Math.min(n - 1, Math.max(0, n - Math.round(frac * n))));
    }
    set.add(0);
    set.add(n - 1);
    ranks = [...set].sort((p, q) => p - q);
    // The forced endpoints can push a tiny maxPoints over the limit; thin from the middle.
    while (ranks.length > maxPoints) ranks.splice(ranks.length >> 1, 1);
  }
  const x = new Float64Array(ranks.length);
  const y = new Float64Array(ranks.length);
  ranks.forEach((r, i) => {
    x[i] = sorted[r];
    y[i] = (r + 1) / n;
  });
  return { x, y };
}
