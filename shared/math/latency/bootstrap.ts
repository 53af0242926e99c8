// Percentile-bootstrap confidence interval for the difference of one percentile between two runs,
// pB − pA. Efron's percentile bootstrap: resample each run with replacement (same size), take the
// nearest-rank percentile of each resample, record the difference; the CI is the central
// `confidence` range of those differences. Runs are resampled independently (A and B are different
// processes; pairing iteration i of A with iteration i of B would mean nothing).
//
// Speed without approximation: a resample's nearest-rank percentile is its k-th order statistic,
// k = min(n−1, floor(n·p)). Resampling draws indices floor(n·Uᵢ) from n iid uniforms, and floor is
// monotone, so the k-th smallest drawn index is floor(n·U₍ₖ₎), where U₍ₖ₎ — the (k+1)-th smallest of n
// uniforms — is Beta(k + 1, n − k). Drawing that one Beta variate gives the resampled percentile
// with exactly the bootstrap distribution, in O(1) instead of O(n) per iteration — 2,000 iterations
// on 100,000-sample runs take milliseconds. Only the marginal distribution of one percentile is
// reproduced (not a joint resample across percentiles), which is all a per-percentile CI uses.

import { createRng, rngBeta } from './rng';
import { nearestRankIndex, percentileNearestRank, sortedCopy } from './percentile';

export interface BootstrapOptions {
  /** Bootstrap resamples (default 2,000: CI endpoints at 95% then rest on ~50 draws each tail). */
  iterations?: number;
  /** Two-sided confidence level in (0, 1) (default 0.95). */
  confidence?: number;
  /** Seed for createRng (default 1): the same inputs and seed always give the same interval. */
  seed?: number;
}

export interface BootstrapDiff {
  /** pB − pA on the observed samples (not the bootstrap mean). Positive: B is slower. */
  estimate: number;
  /** CI bounds for pB − pA: the (1−c)/2 and (1+c)/2 quantiles of the bootstrap differences. */
  low: number;
  high: number;
  /** The interval excludes 0 (strictly). */
  significant: boolean;
}

/** CI for pB − pA, inputs unsorted or sorted; see the file header. Empty runs give NaN, not significant. */
export function bootstrapPercentileDiff(
  a: Float64Array | readonly number[],
  b: Float64Array | readonly number[],
  p: number,
  opts: BootstrapOptions = {},
): BootstrapDiff {
  return bootstrapSortedDiff(sortedCopy(a), sortedCopy(b), p, opts);
}

/** bootstrapPercentileDiff for runs already sorted ascending (compareRuns sorts once per run). */
export function bootstrapSortedDiff(
  sa: Float64Array,
  sb: Float64Array,
  p: number,
  opts: BootstrapOptions = {},
): BootstrapDiff {
  const { iterations = 2000, confidence = 0.95, seed = 1 } = opts;
  if (!Number.isInteger(iterations) || iterations < 1)
    throw new RangeError(`iterations must be a positive integer, got ${iterations}`);
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  if (sa.length === 0 || sb.length === 0) return { estimate: NaN, low: NaN, high: NaN, significant: false };

  const estimate = percentileNearestRank(sb, p) - percentileNearestRank(sa, p);
  const rng = createRng(seed);
  const diffs = new Float64Array(iterations);
  for (let it = 0; it < iterations; it++) {
    diffs[it] = resampledPercentile(sb, p, rng) - resampledPercentile(sa, p, rng);
  }
  diffs.sort();
  const alpha = (1 - confidence) / 2;
  const low = quantileLinear(diffs, alpha);
  const high = quantileLinear(diffs, 1 - alpha);
  return { estimate, low, high, significant: low > 0 || high < 0 };
}

/** One bootstrap replicate of the nearest-rank percentile of `sorted` (see the header). */
function resampledPercentile(sorted: Float64Array, p: number, rng: () => number): number {
  const n = sorted.length;
  if (n === 1) return sorted[0];
  const k = nearestRankIndex(n, p);
  const u = rngBeta(rng, k + 1, n - k);
  return sorted[Math.min(n - 1, Math.floor(n * u))];
}

/**
 * Quantile with linear interpolation between order statistics (numpy's default "linear", Hyndman &
 * Fan type 7). Used only for the CI endpoints over the bootstrap replicates, where smoothing is
 * harmless; the reported latency percentiles themselves stay nearest-rank.
 */
export function quantileLinear(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
