import {
  encodeLatencies,
  decodeLatencies,
  isStable,
  percentileNearestRank,
  percentileWarnings,
  PERCENTILE_METHOD,
  sortedCopy,
  summarizeLatencies,
} from '../../../shared/math/latency/index';
import { summarizePointError } from '../../../shared/bench/provider-summary';
import type { BenchInput, BenchPointResult, EpName } from '../../../shared/types/bench';
import type { ArmOutcome } from './child/measure';

export interface PointPlan {
  label: string;
  ep: EpName;
  batchSize: number;
  concurrency: number;
  sessionOptions: Record<string, unknown>;
  inputs: BenchInput[];
  inputSource: string;
  /** The prominent "INPUTS ASSUMED: …" warning, or null. */
  inputsAssumed: string | null;
  warnings: string[];
}

/** Stability tolerance for the post-hoc check (Triton perf_analyzer: last 3 windows within 10%). */
export const STABILITY_TOLERANCE = 0.1;
const POST_HOC_WINDOWS = 10;

/**
 * Turns one arm's raw latencies into a stored point. Statistics are computed from the ENCODED
 * latencies (0.1 µs resolution), so the stored numbers are exactly what re-analysis recomputes.
 */
export function toPoint(
  index: number,
  plan: PointPlan,
  warmup: number,
  outcome: ArmOutcome | null,
  peakRssBytes: number | null,
  error: string | null,
): { result: BenchPointResult; encoded: Uint8Array | null } {
  const base: BenchPointResult = {
    index,
    label: plan.label,
    ep: plan.ep,
    batchSize: plan.batchSize,
    concurrency: plan.concurrency,
    warmup,
    iterations: 0,
    sessionCreateMs: outcome?.createMs ?? null,
    firstRunMs: outcome?.firstRunMs ?? null,
    latencyMs: null,
    percentileMethod: PERCENTILE_METHOD,
    throughput: null,
    peakRssBytes,
    warnings: [...plan.warnings],
    error: error ?? outcome?.error ?? null,
    sessionOptions: plan.sessionOptions,
    inputs: plan.inputs,
    inputShapes: Object.fromEntries(plan.inputs.map((i) => [i.name, `${i.dtype}[${i.shape.join(',')}]`])),
    inputSource: plan.inputSource,
    inputsAssumed: plan.inputsAssumed,
    windowP50s: [],
  };
  if (!outcome || base.error || outcome.latencies.length === 0) {
    if (!base.error) base.error = 'no iterations were measured';
    base.errorSummary = summarizePointError(plan.ep, base.error);
    return { result: base, encoded: null };
  }
  const encoded = encodeLatencies(outcome.latencies);
  const latencies = decodeLatencies(encoded);
  const s = summarizeLatencies(latencies);
  const windowP50s = outcome.windowP50s.length ? outcome.windowP50s : postHocWindows(latencies);
  const warnings = [...base.warnings, ...percentileWarnings(s.n)];
  // A run in stability mode was judged by the user's own rule while it ran (met: 'stable'; never met:
  // 'max-iterations', warned below); the fixed 10% check is for runs of a set count or duration.
  const judgedLive = outcome.stoppedBy === 'stable' || outcome.stoppedBy === 'max-iterations';
  if (!judgedLive && windowP50s.length >= 3 && !isStable(windowP50s, STABILITY_TOLERANCE, 3)) {
    warnings.push(
      `unstable: the p50 of the last 3 measurement windows differ by more than ${STABILITY_TOLERANCE * 100}% from their mean (${windowP50s
        .slice(-3)
        .map((v) => v.toFixed(3))
        .join(', ')} ms)`,
    );
  }
  if (outcome.stoppedBy === 'sample-cap')
    warnings.push(
      `stopped at ${s.n.toLocaleString('en-US')} iterations before the duration ended (the per-point sample cap)`,
    );
  if (outcome.stoppedBy === 'max-iterations')
    warnings.push('unstable: the stability rule was not met before the iteration limit');
  const seconds = outcome.wallMs / 1000;
  return {
    encoded,
    result: {
      ...base,
      iterations: s.n,
      latencyMs: {
        mean: s.mean,
        std: s.std,
        min: s.min,
        p50: s.p50,
        p90: s.p90,
        p95: s.p95,
        p99: s.p99,
        p999: s.p999,
        max: s.max,
      },
      throughput:
        seconds > 0 ? { inferencesPerSec: s.n / seconds, itemsPerSec: (s.n * plan.batchSize) / seconds } : null,
      warnings,
      errorSummary: null,
      windowP50s,
    },
  };
}

/** p50 of consecutive windows of the series (at least 50 samples each) for the stability check. */
export function postHocWindows(latencies: Float64Array): number[] {
  const size = Math.max(50, Math.floor(latencies.length / POST_HOC_WINDOWS));
  const out: number[] = [];
  for (let start = 0; start + size <= latencies.length; start += size)
    out.push(percentileNearestRank(sortedCopy(latencies.subarray(start, start + size)), 0.5));
  return out;
}
