// Which reported percentiles a sample count can support. Two rules, from weakest to strictest:
//
// 1. Existence. Under nearest-rank, the p-th percentile is sorted[min(n−1, floor(n·p))]. While
//    floor(n·p) ≥ n − 1 — i.e. n ≤ 1/(1 − p) — that index is the last one: the "percentile" is simply
//    the maximum and says nothing about p. The smallest n that escapes is floor(1/(1 − p)) + 1:
//    p50 → 3, p90 → 11, p95 → 21, p99 → 101, p99.9 → 1,001 (computed from the index rule itself below,
//    so floating-point products such as 1000 × 0.999 are judged exactly as the percentile is taken).
//
// 2. MLPerf LoadGen's minimum query count for a tail-latency percentile at 99% confidence. The MLPerf
//    inference rules size the run so the percentile's rank is known within a margin of (1 − p)/20:
//        N = z² · p(1 − p) / margin²,   z = 2.576 (two-sided 99%),   margin = (1 − p)/20
//          = 400 · z² · p / (1 − p),
//    then round N UP to a multiple of 8,192 (2¹³, LoadGen's query-count granularity). This reproduces
//    the published figures: p90 → 23,888.8 → 3 × 8,192 = 24,576; p99 → 262,777.7 → 33 × 8,192 =
//    270,336 (p95 → 57,344; p99.9 → 2,654,208). MLPerf defines it for tail targets only, so p50 gets
//    rule 1 alone; applying it there would invent an "MLPerf" number (8,192) MLPerf never published.

import { nearestRankIndex } from './percentile';
import { REPORTED_PERCENTILES, percentileLabel, type PercentileKey } from './summary';
import { formatCount } from './format';

export const MLPERF_Z_99 = 2.576;
export const MLPERF_QUERY_GRANULARITY = 8192;

/** LoadGen's minimum query count for percentile p (see the header for the derivation). */
export function mlperfMinQueries(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`mlperfMinQueries: p must be in (0, 1), got ${p}`);
  const margin = (1 - p) / 20;
  const raw = (MLPERF_Z_99 * MLPERF_Z_99 * p * (1 - p)) / (margin * margin);
  return Math.ceil(raw / MLPERF_QUERY_GRANULARITY) * MLPERF_QUERY_GRANULARITY;
}

/** Smallest n for which the nearest-rank p-th percentile is not the maximum (rule 1). */
export function minSamplesForPercentile(p: number): number {
  if (!(p >= 0 && p < 1)) throw new RangeError(`minSamplesForPercentile: p must be in [0, 1), got ${p}`);
  let n = Math.max(2, Math.floor(1 / (1 - p)) + 1);
  // The closed form can be off by one where n·p lands a hair either side of an integer; settle it
  // with the same index rule the percentile uses.
  while (n > 2 && nearestRankIndex(n - 1, p) < n - 2) n--;
  while (nearestRankIndex(n, p) >= n - 1) n++;
  return n;
}

export type SupportLevel = 'supported' | 'indicative' | 'maximum' | 'none';

export interface PercentileSupport {
  key: PercentileKey;
  label: string;
  p: number;
  level: SupportLevel;
  /** Rule 1 threshold. */
  minToExist: number;
  /** Rule 2 threshold, null for p50 (MLPerf has none). */
  mlperfMinQueries: number | null;
  /** Human-readable warning, null when `level === 'supported'`. */
  warning: string | null;
}

/** Support of every reported percentile for a run of n samples. */
export function percentileSupport(n: number): PercentileSupport[] {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`sample count must be a non-negative integer, got ${n}`);
  return REPORTED_PERCENTILES.map(({ key, p }) => {
    const label = percentileLabel(key);
    const minToExist = minSamplesForPercentile(p);
    const mlperf = key === 'p50' ? null : mlperfMinQueries(p);
    const from = `${label} from ${formatCount(n)} sample${n === 1 ? '' : 's'}`;
    let level: SupportLevel = 'supported';
    let warning: string | null = null;
    if (n === 0) {
      level = 'none';
      warning = `${label}: no samples`;
    } else if (n < minToExist) {
      level = 'maximum';
      warning = `${from} is the maximum, not a percentile (needs ≥ ${formatCount(minToExist)})`;
    } else if (mlperf !== null && n < mlperf) {
      level = 'indicative';
      warning = `${from} is below MLPerf's ${formatCount(mlperf)} for 99% confidence: treat as indicative`;
    }
    return { key, label, p, level, minToExist, mlperfMinQueries: mlperf, warning };
  });
}

/** The warnings of percentileSupport(n), most severe rule per percentile, in reporting order. */
export function percentileWarnings(n: number): string[] {
  return percentileSupport(n)
    .map((s) => s.warning)
    .filter((w): w is string => w !== null);
}
