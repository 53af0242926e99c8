// The rules a bundle ships: per-feature contract limits and drift tests from the reference profile
// (and the drift report, when one is shipped), and latency SLOs from the benchmark. Every limit is
// derived from a measured number; the derivations are written here once and documented in README.md.

import { PreflightError } from '../../../shared/contract/errors';
import { DEFAULT_THRESHOLDS, defaultTest, isPValueTest } from '../../../shared/math/drift-profile/index';
import type { BenchRun } from '../../../shared/types/bench';
import type { BundleSlo, FeatureRule } from '../../../shared/types/bundles';
import type { ColumnDriftProfile, DatasetDriftProfile, DriftReport, InputMapping } from '../../../shared/types/drift';
import { parseSlos } from '../bench/slo';

/** A null rate is broken when it doubles, or grows by a point where the reference had almost none. */
export const nullRateLimit = (reference: number) => Math.min(1, Math.max(reference * 2, reference + 0.01));
/** Values outside the reference range: 1% allowed (new extremes happen; a shifted range does not). */
export const OUT_OF_RANGE_LIMIT = 0.01;
/** Categories the reference never had: 1% allowed. */
export const UNSEEN_LIMIT = 0.01;

/**
 * The model's features: the columns that feed its inputs, plus those the shipped drift report
 * compared; with neither, every profiled column. Datetime and unprofiled columns carry no drift test.
 */
export function featureRules(
  profile: DatasetDriftProfile,
  report: DriftReport | null,
  mapping: InputMapping | null,
): FeatureRule[] {
  const inputOf = new Map<string, { name: string; index: number }>();
  for (const m of mapping?.inputs ?? []) m.columns.forEach((c, index) => inputOf.set(c, { name: m.input, index }));
  const compared = new Map((report?.features ?? []).map((f) => [f.name, f]));
  const wanted = new Set([...inputOf.keys(), ...compared.keys()]);
  const columns = wanted.size
    ? profile.columns.filter((c) => wanted.has(c.name))
    : profile.columns.filter((c) => c.profile !== null);
  return columns.map((c) => rule(c, profile.rows, compared.get(c.name) ?? null, inputOf.get(c.name) ?? null));
}

function rule(
  c: ColumnDriftProfile,
  rows: number,
  fromReport: DriftReport['features'][number] | null,
  input: FeatureRule['input'],
): FeatureRule {
  const p = c.profile;
  const missing = p ? p.missing + (p.kind === 'numerical' ? p.nan : 0) : 0;
  const nullRate = rows ? missing / rows : 0;
  const base = {
    name: c.name,
    columnType: c.columnType,
    nullable: missing > 0,
    referenceNullRate: nullRate,
    maxNullRate: nullRateLimit(nullRate),
    driftScore: fromReport?.score ?? null,
    input,
  };
  if (!p)
    return {
      ...base,
      kind: 'none',
      min: null,
      max: null,
      maxOutOfRangeShare: null,
      categories: null,
      maxUnseenShare: null,
      drift: null,
    };
  const unique =
    p.kind === 'numerical' ? (p.distinct ? p.distinct.length : Number.POSITIVE_INFINITY) : p.categories.length;
  const test = fromReport?.test ?? defaultTest(p.kind, p.count, unique);
  const threshold = fromReport?.threshold ?? DEFAULT_THRESHOLDS[test];
  const drift = { test, threshold, scoreKind: isPValueTest(test) ? ('p_value' as const) : ('distance' as const) };
  if (p.kind === 'numerical') {
    return {
      ...base,
      kind: 'numerical',
      min: p.count ? p.min : null,
      max: p.count ? p.max : null,
      maxOutOfRangeShare: OUT_OF_RANGE_LIMIT,
      categories: null,
      maxUnseenShare: null,
      drift,
    };
  }
  return {
    ...base,
    kind: 'categorical',
    min: null,
    max: null,
    maxOutOfRangeShare: null,
    categories: p.truncated ? null : p.categories.map(([v]) => v),
    maxUnseenShare: UNSEEN_LIMIT,
    drift,
  };
}

/**
 * SLOs: the user's (checked against the benchmark where it measured that point), else one p99
 * objective per measured point at the measured p99 × headroom, rounded up to 2 significant digits.
 */
export function deriveSlos(bench: BenchRun | null, userTexts: string[] | undefined, headroom: number): BundleSlo[] {
  const points = (bench?.results ?? []).filter((r) => r.latencyMs !== null && r.error === null);
  if (userTexts?.length) {
    const specs = parseSlos(userTexts);
    const out: BundleSlo[] = [];
    for (const s of specs) {
      const at = points.filter((p) => s.batchSize === null || p.batchSize === s.batchSize);
      if (bench && at.length === 0)
        throw new PreflightError(
          'BAD_ARGUMENTS',
          `--slo "${s.text}": benchmark run ${bench.runId} measured no point at batch ${s.batchSize}`,
        );
      if (at.length === 0)
        out.push({
          text: s.text,
          percentile: s.percentile,
          thresholdMs: s.thresholdMs,
          ep: 'cpu',
          batchSize: s.batchSize ?? 1,
          concurrency: 1,
          measuredMs: null,
          origin: 'user',
          met: null,
        });
      for (const p of at) {
        const v = p.latencyMs![s.percentile];
        out.push({
          text: s.text,
          percentile: s.percentile,
          thresholdMs: s.thresholdMs,
          ep: p.ep,
          batchSize: p.batchSize,
          concurrency: p.concurrency,
          measuredMs: v,
          origin: 'user',
          met: s.op === '<=' ? v <= s.thresholdMs : v < s.thresholdMs,
        });
      }
    }
    return out;
  }
  return points.map((p) => {
    const measured = p.latencyMs!.p99;
    const thresholdMs = roundUp(measured * headroom);
    return {
      text: `p99<=${thresholdMs}ms`,
      percentile: 'p99',
      thresholdMs,
      ep: p.ep,
      batchSize: p.batchSize,
      concurrency: p.concurrency,
      measuredMs: measured,
      origin: 'measured',
      met: measured <= thresholdMs,
    };
  });
}

/** Rounds up to two significant digits (12.34 → 13, 0.1234 → 0.13): an SLO people can read. */
export function roundUp(x: number): number {
  if (!(x > 0)) return 0;
  const scale = 10 ** (Math.floor(Math.log10(x)) - 1);
  return Number((Math.ceil(x / scale - 1e-9) * scale).toPrecision(2));
}
