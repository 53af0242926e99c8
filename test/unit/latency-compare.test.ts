// Comparing two latency runs (shared/math/latency): the bootstrap CI of a percentile difference
// against explicit resampling, and compareRuns' verdicts, headline percentile and comparability.
import { describe, expect, it } from 'vitest';
import {
  PERCENTILE_METHOD,
  bootstrapPercentileDiff,
  compareRuns,
  createRng,
  percentileNearestRank,
  sortedCopy,
  verdictFor,
  statedVerdict,
  withComparability,
  type PercentileComparison,
} from '../../shared/math/latency';

import { lognormalRun } from '../helpers/latency';

describe('bootstrap CI for a percentile difference', () => {
  it('the Beta order-statistic shortcut has the distribution of explicit resampling', () => {
    const x = sortedCopy(lognormalRun(3, 200, 5, 0.3));
    const p = 0.9;
    const reps = 20_000;
    // Explicit: resample 200 indices, sort, take the nearest-rank p90.
    const rng = createRng(11);
    const explicit = new Float64Array(reps);
    const buf = new Float64Array(x.length);
    for (let r = 0; r < reps; r++) {
      for (let i = 0; i < x.length; i++) buf[i] = x[Math.floor(rng() * x.length)];
      explicit[r] = percentileNearestRank(buf.sort(), p);
    }
    // Shortcut: against a one-sample run {0} the bootstrapped difference IS x's resampled p90, so
    // its CI bounds are quantiles of the shortcut's replicates; compare them at several levels.
    explicit.sort();
    const constant = new Float64Array([0]);
    for (const conf of [0.5, 0.8, 0.95]) {
      const d = bootstrapPercentileDiff(constant, x, p, { iterations: reps, confidence: conf, seed: 5 });
      const lo = explicit[Math.round(((1 - conf) / 2) * (reps - 1))];
      const hi = explicit[Math.round(((1 + conf) / 2) * (reps - 1))];
      const spread = explicit[reps - 1] - explicit[0];
      expect(Math.abs(d.low - lo)).toBeLessThan(0.03 * spread);
      expect(Math.abs(d.high - hi)).toBeLessThan(0.03 * spread);
    }
  });

  const base = lognormalRun(101, 5000, 5, 0.25);
  const shifted = lognormalRun(202, 5000, 5, 0.25, 2);
  const same = lognormalRun(303, 5000, 5, 0.25);

  it('covers a planted 2 ms shift and calls it significant', () => {
    for (const p of [0.5, 0.9, 0.99]) {
      const d = bootstrapPercentileDiff(base, shifted, p);
      expect(d.low, `p=${p}`).toBeLessThanOrEqual(2);
      expect(d.high, `p=${p}`).toBeGreaterThanOrEqual(2);
      expect(d.significant).toBe(true);
      expect(d.estimate).toBeGreaterThan(d.low);
      expect(d.estimate).toBeLessThan(d.high);
    }
  });

  it('finds no significant difference between two runs of the same distribution', () => {
    for (const p of [0.5, 0.9, 0.99]) {
      const d = bootstrapPercentileDiff(base, same, p);
      expect(d.significant, `p=${p}`).toBe(false);
      expect(d.low).toBeLessThan(0);
      expect(d.high).toBeGreaterThan(0);
    }
  });

  it('is deterministic for a seed and changes with it', () => {
    const d1 = bootstrapPercentileDiff(base, same, 0.99, { seed: 7 });
    const d2 = bootstrapPercentileDiff(base, same, 0.99, { seed: 7 });
    const d3 = bootstrapPercentileDiff(base, same, 0.99, { seed: 8 });
    expect(d2).toEqual(d1);
    expect([d3.low, d3.high]).not.toEqual([d1.low, d1.high]);
    expect(d3.estimate).toBe(d1.estimate);
  });

  it('is calibrated: ~5% false positives at 95%, and ≥ 88% coverage of a true shift (200 seeded trials)', () => {
    let falsePositives = 0;
    let covered = 0;
    const trials = 200;
    for (let t = 0; t < trials; t++) {
      const a = lognormalRun(10_000 + t, 800, 5, 0.3);
      const b = lognormalRun(20_000 + t, 800, 5, 0.3);
      const c = lognormalRun(30_000 + t, 800, 5, 0.3, 0.5);
      if (bootstrapPercentileDiff(a, b, 0.5, { iterations: 1000, seed: t }).significant) falsePositives++;
      const d = bootstrapPercentileDiff(a, c, 0.5, { iterations: 1000, seed: t });
      if (d.low <= 0.5 && d.high >= 0.5) covered++;
    }
    expect(falsePositives / trials).toBeLessThan(0.11);
    expect(covered / trials).toBeGreaterThanOrEqual(0.88);
  });

  it('empty runs give NaN and never "significant"', () => {
    const d = bootstrapPercentileDiff([], base, 0.5);
    expect(d.estimate).toBeNaN();
    expect(d.significant).toBe(false);
  });
});

describe('compareRuns', () => {
  const a = lognormalRun(101, 5000, 5, 0.25);
  const b = lognormalRun(202, 5000, 5, 0.25, 2);
  const same = lognormalRun(303, 5000, 5, 0.25);

  it('reports every percentile with CI, Mann–Whitney, and a p99 headline at n ≥ 1,000', () => {
    const r = compareRuns(a, b);
    expect(r.percentiles.map((c) => c.key)).toEqual(['p50', 'p90', 'p95', 'p99', 'p999']);
    expect(r.headline).toBe('p99');
    // Every significant percentile of the table is in the verdict, in the table's own numbers and words.
    for (const c of r.percentiles.filter((x) => x.significant || x.key === 'p50' || x.key === 'p99'))
      expect(r.verdict).toContain(verdictFor(c, 0.95));
    expect(r.verdict).toMatch(/B is slower at p99 by \d+\.\d\d ms \(95% CI \d+\.\d\d–\d+\.\d\d\), significant/);
    expect(r.mannWhitney.pValue).toBeLessThan(1e-100);
    expect(r.mannWhitney.effectSize).toBeLessThan(0.5); // a (first) tends smaller
    expect(r.method).toBe(PERCENTILE_METHOD);
    // The same sample count gives the same warning: stated once for both runs.
    expect(r.warnings).toContain(
      "A and B: p99 from 5,000 samples is below MLPerf's 270,336 for 99% confidence: treat as indicative",
    );
    expect(r.warnings.filter((w) => w.includes('p99 from'))).toHaveLength(1);
    const p99 = r.percentiles.find((c) => c.key === 'p99')!;
    expect(p99.diff).toBe(p99.b - p99.a);
  });

  it('says "no significant difference" for the same distribution and "faster" the other way round', () => {
    const none = compareRuns(a, same);
    // Same distribution, 5 percentiles at 95%: here the table marks p95 significant by chance — the
    // verdict must say so too (the old p99-only headline hid it), then p50 and p99 in table order.
    expect(none.percentiles.filter((c) => c.significant).map((c) => c.key)).toEqual(['p95']);
    expect(none.verdict).toMatch(
      /^B is slower at p95 by \d+\.\d+ ms \(95% CI [\d.]+–[\d.]+\), significant; no significant difference at p50 \(−?\d+\.\d+ ms, 95% CI −\d+\.\d+–\d+\.\d+\); no significant difference at p99 \(−?\d+\.\d\d ms, 95% CI −\d+\.\d\d–\d+\.\d\d\)$/,
    );
    expect(compareRuns(b, a).verdict).toMatch(/B is faster at p99 by \d+\.\d\d ms/);
  });

  it('states a percentile the table marks significant even when p50 and p99 are not (the A/B headline bug)', () => {
    const c = (key: PercentileComparison['key'], diff: number, significant: boolean): PercentileComparison => ({
      key,
      label: key === 'p999' ? 'p99.9' : key,
      p: 0.5,
      a: 1,
      b: 1 + diff,
      diff,
      low: significant ? diff / 2 : -0.1,
      high: diff * 2 + 0.1,
      significant,
    });
    const table = [c('p50', 0.01, false), c('p90', 0.12, true), c('p95', 0.05, false), c('p99', 0.3, false)];
    expect(statedVerdict(table, 0.95)).toBe(
      'B is slower at p90 by 0.12 ms (95% CI 0.06–0.34), significant; no significant difference at p50 (0.01 ms, 95% CI −0.10–0.12); no significant difference at p99 (0.30 ms, 95% CI −0.10–0.70)',
    );
  });

  it('refuses a verdict for sides that measured different work, keeping the numbers', () => {
    const r = withComparability(compareRuns(a, b), ['input x is float32[1,3,48,1] in A but float32[1,3,48,320] in B']);
    expect(r.comparable).toBe(false);
    expect(r.verdict).toBe(
      'not comparable: input x is float32[1,3,48,1] in A but float32[1,3,48,320] in B — no significance verdict for this pair',
    );
    expect(r.verdict).not.toMatch(/significant,|slower|faster/);
    expect(r.percentiles).toEqual(compareRuns(a, b).percentiles);
    expect(withComparability(compareRuns(a, b), [])).toMatchObject({ comparable: true, reasons: [] });
  });

  it('falls back to p50 and drops p99.9 for small runs; is deterministic', () => {
    const small = compareRuns(a.subarray(0, 400), b.subarray(0, 400), { seed: 3 });
    expect(small.headline).toBe('p50');
    expect(small.percentiles.map((c) => c.key)).toEqual(['p50', 'p90', 'p95', 'p99']);
    expect(small.verdict).toMatch(/at p50/);
    expect(small.verdict).toMatch(/at p99/);
    expect(compareRuns(a.subarray(0, 400), b.subarray(0, 400), { seed: 3 })).toEqual(small);
    expect(compareRuns(a.subarray(0, 1000), b.subarray(0, 1000)).percentiles).toHaveLength(4); // p99.9 needs 1,001
    expect(compareRuns([], b).verdict).toBe('cannot compare: run A has no samples');
  });

  it('formats verdicts exactly', () => {
    const c = (diff: number, low: number, high: number, significant: boolean): PercentileComparison => ({
      key: 'p99',
      label: 'p99',
      p: 0.99,
      a: 10,
      b: 10 + diff,
      diff,
      low,
      high,
      significant,
    });
    expect(verdictFor(c(1.8, 1.5, 2.1, true), 0.95)).toBe(
      'B is slower at p99 by 1.80 ms (95% CI 1.50–2.10), significant',
    );
    expect(verdictFor(c(-0.1, -0.4, 0.2, false), 0.95)).toBe(
      'no significant difference at p99 (−0.10 ms, 95% CI −0.40–0.20)',
    );
    expect(verdictFor(c(-1.8, -2.1, -1.5, true), 0.9)).toBe(
      'B is faster at p99 by 1.80 ms (90% CI 1.50–2.10), significant',
    );
    expect(verdictFor(c(0.004, 0.002, 0.0061, true), 0.95)).toBe(
      'B is slower at p99 by 0.0040 ms (95% CI 0.0020–0.0061), significant',
    );
  });
});
