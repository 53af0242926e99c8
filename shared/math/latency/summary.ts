// The latency summary table MEASUREMENT.md asks for: N, mean, std, min, p50…p99.9, max.

import { percentileNearestRank, sortedCopy } from './percentile';

/** Percentiles every summary reports, with the labels used in tables, warnings and verdicts. */
export const REPORTED_PERCENTILES = [
  { key: 'p50', p: 0.5 },
  { key: 'p90', p: 0.9 },
  { key: 'p95', p: 0.95 },
  { key: 'p99', p: 0.99 },
  { key: 'p999', p: 0.999 },
] as const;

export type PercentileKey = (typeof REPORTED_PERCENTILES)[number]['key'];

/** Human label for a percentile key: 'p999' → 'p99.9'. */
export function percentileLabel(key: PercentileKey): string {
  return key === 'p999' ? 'p99.9' : key;
}

/**
 * Summary of one run's per-iteration latencies (milliseconds). Percentiles are nearest-rank
 * (PERCENTILE_METHOD). `std` is the SAMPLE standard deviation (ddof = 1, divisor n − 1, like
 * numpy `std(ddof=1)`), NaN when n < 2. With n = 0 every statistic is NaN.
 */
export interface LatencySummary {
  n: number;
  mean: number;
  std: number;
  min: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  p999: number;
  max: number;
}

/** Summarise raw latencies in ms. Works on a sorted copy; the input is not modified. */
export function summarizeLatencies(ms: Float64Array | number[]): LatencySummary {
  const sorted = sortedCopy(ms);
  return summarizeSorted(sorted);
}

/** Same as summarizeLatencies for data already sorted ascending (avoids a second sort in compareRuns). */
export function summarizeSorted(sorted: Float64Array): LatencySummary {
  const n = sorted.length;
  const { mean, std } = meanStd(sorted);
  return {
    n,
    mean,
    std,
    min: n ? sorted[0] : NaN,
    p50: percentileNearestRank(sorted, 0.5),
    p90: percentileNearestRank(sorted, 0.9),
    p95: percentileNearestRank(sorted, 0.95),
    p99: percentileNearestRank(sorted, 0.99),
    p999: percentileNearestRank(sorted, 0.999),
    max: n ? sorted[n - 1] : NaN,
  };
}

/**
 * Mean and sample std by two passes (sum, then sum of squared deviations) with Neumaier-compensated
 * sums: one-pass Σx² − n·mean² cancels catastrophically when the spread is tiny next to the mean,
 * which is exactly the shape of a steady latency run (e.g. 5.0012 ± 0.0003 ms).
 */
export function meanStd(x: Float64Array): { mean: number; std: number } {
  const n = x.length;
  if (n === 0) return { mean: NaN, std: NaN };
  const mean = compensatedSum(x, 0) / n;
  if (n < 2) return { mean, std: NaN };
  return { mean, std: Math.sqrt(compensatedSum(x, mean, true) / (n - 1)) };
}

function compensatedSum(x: Float64Array, shift: number, squares = false): number {
  let sum = 0;
  let c = 0;
  for (let i = 0; i < x.length; i++) {
    const d = x[i] - shift;
    const v = squares ? d * d : d;
    const t = sum + v;
    c += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
  }
  return sum + c;
}
