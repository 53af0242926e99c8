import { PreflightError } from '../../../shared/contract/errors';
import type { BenchPointResult, SloCheck, SloSpec, SloVerdict } from '../../../shared/types/bench';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, us: 0.001, µs: 0.001 };
const PERCENTILES: Record<string, SloSpec['percentile']> = {
  mean: 'mean',
  p50: 'p50',
  p90: 'p90',
  p95: 'p95',
  p99: 'p99',
  'p99.9': 'p999',
  p999: 'p999',
  max: 'max',
};
const PATTERN = /^(?:b(\d+):)?(mean|max|p50|p90|p95|p99|p99\.9|p999)\s*(<=|<)\s*(\d+(?:\.\d+)?)\s*(ms|s|us|µs)$/i;

/**
 * Parses latency objectives: `p99<=20ms`, `b8:p99<=30ms` (batch size 8 only), several per string
 * separated by commas. A malformed objective is a BAD_ARGUMENTS error (exit 2), never ignored.
 */
export function parseSlos(texts: string[]): SloSpec[] {
  return texts
    .flatMap((t) => t.split(','))
    .map((t) => t.trim())
    .filter(Boolean)
    .map((text) => {
      const m = PATTERN.exec(text);
      if (!m)
        throw new PreflightError(
          'BAD_ARGUMENTS',
          `--slo "${text}": expected e.g. p99<=20ms or b8:p99<=30ms (percentiles mean, p50, p90, p95, p99, p99.9, max; units ms, s, us)`,
        );
      const [, batch, pct, op, value, unit] = m;
      return {
        text,
        percentile: PERCENTILES[pct.toLowerCase()],
        op: op as SloSpec['op'],
        thresholdMs: Number(value) * UNIT_MS[unit.toLowerCase()],
        batchSize: batch === undefined ? null : Number(batch),
      };
    });
}

/**
 * Objectives for a batch size the sweep does not run could never be checked: refuse them before any
 * work (a "b8:" objective with --batch 1 would otherwise pass or fail for the wrong reason).
 */
export function checkSloBatches(slos: SloSpec[], batchSizes: number[]): void {
  for (const slo of slos) {
    if (slo.batchSize !== null && !batchSizes.includes(slo.batchSize)) {
      throw new PreflightError(
        'BAD_ARGUMENTS',
        `--slo "${slo.text}": batch ${slo.batchSize} is not in the sweep (batch sizes: ${batchSizes.join(', ')}); add it to --batch or drop the "b${slo.batchSize}:" prefix`,
      );
    }
  }
}

/**
 * Checks every objective against every point it applies to. A point that produced no numbers (its EP
 * unavailable, its session failed) fails the objectives that apply to it: an SLO holds only where it
 * was shown to hold. With nothing to check, the gate fails.
 */
export function evaluateSlos(slos: SloSpec[], results: BenchPointResult[]): SloVerdict | null {
  if (slos.length === 0) return null;
  const checks: SloCheck[] = [];
  for (const slo of slos) {
    for (const r of results) {
      if (slo.batchSize !== null && r.batchSize !== slo.batchSize) continue;
      if (!r.latencyMs) {
        checks.push({
          slo: slo.text,
          ep: r.ep,
          batchSize: r.batchSize,
          concurrency: r.concurrency,
          valueMs: NaN,
          passed: false,
          reason: `no numbers: ${r.error ?? 'nothing was measured'}`,
        });
        continue;
      }
      const value = r.latencyMs[slo.percentile];
      const passed = Number.isFinite(value) && (slo.op === '<=' ? value <= slo.thresholdMs : value < slo.thresholdMs);
      checks.push({
        slo: slo.text,
        ep: r.ep,
        batchSize: r.batchSize,
        concurrency: r.concurrency,
        valueMs: value,
        passed,
      });
    }
  }
  return { passed: checks.length > 0 && checks.every((c) => c.passed), checks };
}
