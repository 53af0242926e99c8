// Latency statistics for benchmarks (MEASUREMENT.md § Latency). Pure, isomorphic TypeScript: used by
// the benchmark worker, the CLI and the renderer alike, so nothing here may import node:* or a package.

export { PERCENTILE_METHOD, nearestRankIndex, percentileNearestRank, sortedCopy } from './percentile';
export {
  REPORTED_PERCENTILES,
  percentileLabel,
  summarizeLatencies,
  summarizeSorted,
  meanStd,
  type LatencySummary,
  type PercentileKey,
} from './summary';
export {
  MLPERF_Z_99,
  MLPERF_QUERY_GRANULARITY,
  mlperfMinQueries,
  minSamplesForPercentile,
  percentileSupport,
  percentileWarnings,
  type PercentileSupport,
  type SupportLevel,
} from './support';
export { isStable } from './stability';
export { createRng, rngNormal, rngGamma, rngBeta } from './rng';
export { normalSf } from './normal';
export {
  bootstrapPercentileDiff,
  bootstrapSortedDiff,
  quantileLinear,
  type BootstrapOptions,
  type BootstrapDiff,
} from './bootstrap';
export { mannWhitneyU, type MannWhitneyResult } from './mann-whitney';
export {
  HEADLINE_TAIL_MIN_SAMPLES,
  compareRuns,
  verdictFor,
  statedPercentiles,
  statedVerdict,
  withComparability,
  type PercentileComparison,
  type RunComparison,
} from './compare';
export { histogram, ecdfPoints, type Histogram, type EcdfPoints } from './chart';
export { LATENCY_UNITS_PER_MS, LATENCY_CODEC_MAX_ERROR_MS, encodeLatencies, decodeLatencies } from './codec';
export { formatCount, formatMs, msDecimals } from './format';
