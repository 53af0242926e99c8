// Comparing two runs A (baseline) and B (candidate): per-percentile bootstrap CIs for pB − pA, a
// Mann–Whitney test over the whole distributions, and one plain-language verdict.
//
// Verdict rule: the sentence states p50 and p99 always, and every other percentile of the table whose
// difference is significant — so it can neither cherry-pick one percentile nor contradict the table.
// Significant percentiles come first, in table order, then the others, in the table's own labels.
// `headline` (kept for readers of stored results) is the primary percentile:
//   headline = p99 when BOTH runs have ≥ HEADLINE_TAIL_MIN_SAMPLES (1,000) samples, else p50.
// At 1,000 samples at least 10 observations lie beyond the p99 of each run, so it is a real order
// statistic rather than one of the last few samples. It is deliberately far below MLPerf's 270,336
// (a ±0.05-percentile-point precision target for reporting an absolute p99): for a comparison the
// bootstrap interval already carries the sampling uncertainty, and a tail estimated from too few
// samples shows up as a wide interval that is reported as "no significant difference". The
// MLPerf-based warnings for each run are returned alongside.
// "significant" means the bootstrap interval excludes 0; the Mann–Whitney result is reported, not
// folded into the verdict (it tests the whole distribution, not the headline percentile).

import { bootstrapSortedDiff, type BootstrapOptions } from './bootstrap';
import { formatMs, msDecimals } from './format';
import { mannWhitneyU, type MannWhitneyResult } from './mann-whitney';
import { PERCENTILE_METHOD, percentileNearestRank, sortedCopy } from './percentile';
import { REPORTED_PERCENTILES, percentileLabel, type PercentileKey } from './summary';
import { minSamplesForPercentile, percentileWarnings } from './support';

export const HEADLINE_TAIL_MIN_SAMPLES = 1000;

export interface PercentileComparison {
  key: PercentileKey;
  label: string;
  p: number;
  /** Nearest-rank percentile of each run, ms. */
  a: number;
  b: number;
  /** b − a (positive: B slower). */
  diff: number;
  /** Bootstrap CI for b − a at `confidence`. */
  low: number;
  high: number;
  significant: boolean;
}

export interface RunComparison {
  method: string;
  confidence: number;
  nA: number;
  nB: number;
  /** p50, p90, p95, p99, plus p99.9 when both runs have enough samples for it to exist (≥ 1,001). */
  percentiles: PercentileComparison[];
  mannWhitney: MannWhitneyResult;
  headline: PercentileKey;
  verdict: string;
  /** percentileWarnings of each run, prefixed "A: " / "B: " ("A and B: " once when both have it). */
  warnings: string[];
  /** Set by the caller that knows what each side measured: false when they measured different work. */
  comparable?: boolean;
  /** Why the sides are not comparable ([] when they are). */
  reasons?: string[];
}

export function compareRuns(
  a: Float64Array | readonly number[],
  b: Float64Array | readonly number[],
  opts: BootstrapOptions = {},
): RunComparison {
  const confidence = opts.confidence ?? 0.95;
  const sa = sortedCopy(a);
  const sb = sortedCopy(b);
  const nA = sa.length;
  const nB = sb.length;
  const p999Min = minSamplesForPercentile(0.999);
  const percentiles = REPORTED_PERCENTILES.filter(({ key }) => key !== 'p999' || (nA >= p999Min && nB >= p999Min)).map(
    ({ key, p }): PercentileComparison => {
      const d = bootstrapSortedDiff(sa, sb, p, opts);
      const pa = percentileNearestRank(sa, p);
      const pb = percentileNearestRank(sb, p);
      return {
        key,
        label: percentileLabel(key),
        p,
        a: pa,
        b: pb,
        diff: d.estimate,
        low: d.low,
        high: d.high,
        significant: d.significant,
      };
    },
  );
  const headline: PercentileKey = Math.min(nA, nB) >= HEADLINE_TAIL_MIN_SAMPLES ? 'p99' : 'p50';
  const head = percentiles.find((c) => c.key === headline)!;
  return {
    method: PERCENTILE_METHOD,
    confidence,
    nA,
    nB,
    percentiles,
    mannWhitney: mannWhitneyU(sa, sb),
    headline,
    verdict:
      nA === 0 || nB === 0 || !head
        ? `cannot compare: run ${nA === 0 ? 'A' : 'B'} has no samples`
        : statedVerdict(percentiles, confidence),
    warnings: sideWarnings(percentileWarnings(nA), percentileWarnings(nB)),
  };
}

/** Each warning once: "A and B: …" when both runs have it (same sample count), else "A: …" / "B: …". */
function sideWarnings(a: string[], b: string[]): string[] {
  return [
    ...a.map((w) => (b.includes(w) ? `A and B: ${w}` : `A: ${w}`)),
    ...b.filter((w) => !a.includes(w)).map((w) => `B: ${w}`),
  ];
}

/** The percentiles a verdict states: p50, p99 and every significant one, significant first (table order within). */
export function statedPercentiles(percentiles: PercentileComparison[]): PercentileComparison[] {
  const stated = percentiles.filter((c) => c.significant || c.key === 'p50' || c.key === 'p99');
  return [...stated.filter((c) => c.significant), ...stated.filter((c) => !c.significant)];
}

/** Every stated percentile's sentence (verdictFor), joined with "; ". */
export function statedVerdict(percentiles: PercentileComparison[], confidence: number): string {
  return statedPercentiles(percentiles)
    .map((c) => verdictFor(c, confidence))
    .join('; ');
}

/**
 * The comparison of two sides that measured different work (other input shapes, model bytes or
 * session settings): the numbers stay, the verdict says why there is none, `comparable` is false.
 */
export function withComparability(c: RunComparison, reasons: string[]): RunComparison {
  if (reasons.length === 0) return { ...c, comparable: true, reasons: [] };
  return {
    ...c,
    comparable: false,
    reasons,
    verdict: `not comparable: ${reasons.join('; ')} — no significance verdict for this pair`,
  };
}

/**
 * "B is slower at p99 by 1.80 ms (95% CI 1.50–2.10), significant" — for a significant change the
 * magnitude and its interval are given as positive numbers and the direction in words;
 * "no significant difference at p99 (−0.10 ms, 95% CI −0.40–0.20)" — otherwise the signed b − a.
 */
export function verdictFor(c: PercentileComparison, confidence: number): string {
  const level = `${Number((confidence * 100).toFixed(1))}% CI`;
  const dec = msDecimals(c.diff, c.low, c.high);
  const f = (v: number) => formatMs(v, dec);
  if (!c.significant)
    return `no significant difference at ${c.label} (${f(c.diff)} ms, ${level} ${f(c.low)}–${f(c.high)})`;
  // Direction from the interval, which is what "significant" was decided on.
  if (c.low > 0) return `B is slower at ${c.label} by ${f(c.diff)} ms (${level} ${f(c.low)}–${f(c.high)}), significant`;
  return `B is faster at ${c.label} by ${f(-c.diff)} ms (${level} ${f(-c.high)}–${f(-c.low)}), significant`;
}
