// The drift engine on in-memory columns: Evidently's default test per column, thresholds and
// overrides, the separate signals (missing, unseen, out of range), empty columns, dataset verdict.
import { describe, expect, it } from 'vitest';
import {
  chiSquareDrift,
  ks2samp,
  proportionsZTest,
  psiNumeric,
  wassersteinNormed,
  jensenShannonCategorical,
} from '../../shared/math/drift/index';
import {
  assignWindows,
  buildCategoricalProfile,
  buildNumericProfile,
  compareCategorical,
  compareNumeric,
  datasetDrift,
  parseTime,
  schemaDiff,
  windowLabel,
} from '../../shared/math/drift-profile/index';
import { createRng, rngNormal } from '../../shared/math/latency/rng';

const none = { missing: 0, nan: 0, posInf: 0, negInf: 0 };
const sorted = (a: ArrayLike<number>) => Float64Array.from(a).sort();
function normal(n: number, seed: number, mu = 0, sd = 1) {
  const r = createRng(seed);
  return sorted(Array.from({ length: n }, () => mu + sd * rngNormal(r)));
}
function num(ref: Float64Array, cur: Float64Array, extra: Partial<typeof none> = {}, options = {}) {
  return compareNumeric(
    { profile: buildNumericProfile(ref, none), sorted: ref },
    { sorted: cur, ...none, ...extra },
    options,
  );
}
const counts = (o: Record<string, number>) => new Map(Object.entries(o));
function cat(ref: Record<string, number>, cur: Record<string, number>, missing = 0, options = {}) {
  return compareCategorical(buildCategoricalProfile(counts(ref), 0), { counts: counts(cur), missing }, options);
}

describe('PSI bins of a profile are the library’s (numpy.linspace probabilities)', () => {
  it('an edge that lands on a data point sits where numpy puts it, so profile PSI = psiNumeric', () => {
    // 0..1000: (n−1)·0.3 is 300 exactly with q = 3/10 but 300.00000000000006 with numpy's 3·0.1,
    // which moves one reference value into the next decile (a 0.3% PSI difference here).
    const ref = sorted(Array.from({ length: 1001 }, (_, i) => i));
    const cur = sorted(Array.from({ length: 300 }, (_, i) => 2 * i));
    const r = num(ref, cur);
    expect(r.metrics.psi).toBe(psiNumeric(ref, cur));
    expect(buildNumericProfile(ref, none).binEdges[3]).toBe(300.00000000000006);
  });
});

describe("Evidently's default test per column", () => {
  it('numerical, ≤ 1000 reference values, > 5 unique → KS p-value (drift if p ≤ 0.05), with D beside it', () => {
    const ref = normal(800, 1);
    const cur = normal(700, 2, 0.3);
    const r = num(ref, cur);
    const ks = ks2samp(ref, cur);
    expect(r.test).toBe('ks');
    expect(r.score).toBe(ks.pValue);
    expect(r.effectSize).toEqual({ name: 'ks_statistic', value: ks.statistic });
    expect(r.drifted).toBe(ks.pValue <= 0.05);
    expect(r.drifted).toBe(true);
  });
  it('numerical, > 1000 reference values → Wasserstein normed by the reference std (drift if ≥ 0.1)', () => {
    const ref = normal(5000, 3);
    const cur = normal(4000, 4, 0.05);
    const r = num(ref, cur);
    expect(r.test).toBe('wasserstein');
    expect(r.score).toBeCloseTo(wassersteinNormed(ref, cur), 12);
    expect(r.drifted).toBe(false); // a 0.05 sd shift: "significant" for KS at this n, not for Evidently's rule
    expect(r.metrics.ksPValue).not.toBeNull(); // every applicable metric is still computed
    expect(r.metrics.psi).not.toBeNull();
    expect(r.metrics.jensenShannon).not.toBeNull();
  });
  it('numerical with 3–5 values → chi-square (≤ 1000) or Jensen–Shannon (> 1000) on the values as categories', () => {
    const small = num(sorted([1, 2, 3, 1, 2, 3, 1, 1, 2, 3]), sorted([1, 2, 3, 3, 3, 3, 3, 3]));
    expect(small.test).toBe('chisquare');
    expect(small.score).toBe(chiSquareDrift(counts({ 1: 4, 2: 3, 3: 3 }), counts({ 1: 1, 2: 1, 3: 6 })).pValue);
    const big = num(
      sorted(Array.from({ length: 2000 }, (_, i) => i % 4)),
      sorted(Array.from({ length: 2000 }, (_, i) => (i % 3 ? 1 : 3))),
    );
    expect(big.test).toBe('jensenshannon');
    expect(big.metrics.chiSquarePValue).not.toBeNull();
  });
  it('two values → z-test (≤ 1000) with Cohen’s h beside the p-value; categorical > 2 → chi-square with Cramér’s V', () => {
    const z = cat({ yes: 300, no: 700 }, { yes: 450, no: 550 });
    expect(z.test).toBe('ztest');
    expect(z.score).toBe(proportionsZTest(counts({ yes: 300, no: 700 }), counts({ yes: 450, no: 550 })).pValue);
    expect(z.effectSize.name).toBe('cohens_h');
    expect(z.drifted).toBe(true);
    const c = cat({ a: 100, b: 100, c: 100 }, { a: 90, b: 110, c: 100 });
    expect(c.test).toBe('chisquare');
    expect(c.effectSize.name).toBe('cramers_v');
    expect(c.drifted).toBe(false);
    const big = cat({ a: 1000, b: 1000, c: 1000 }, { a: 900, b: 1100, c: 1000 });
    expect(big.test).toBe('jensenshannon');
    expect(big.score).toBeCloseTo(
      jensenShannonCategorical(counts({ a: 1000, b: 1000, c: 1000 }), counts({ a: 900, b: 1100, c: 1000 })),
      14,
    );
  });
});

describe('overrides, thresholds and signals', () => {
  it('a per-feature test and threshold replace the default, and say so', () => {
    const ref = normal(5000, 5);
    const cur = normal(5000, 6, 0.2);
    const r = num(ref, cur, {}, { override: { test: 'psi', threshold: 0.25 } });
    expect(r.test).toBe('psi');
    expect(r.threshold).toBe(0.25);
    expect(r.overridden).toBe(true);
    expect(r.score).toBe(r.metrics.psi);
    const t = num(ref, cur, {}, { testThresholds: { wasserstein: 0.5 } });
    expect(t.threshold).toBe(0.5);
    expect(t.drifted).toBe(false);
  });
  it('a KS override on a categorical column falls back to the default with a finding', () => {
    const r = cat({ a: 10, b: 20, c: 5 }, { a: 12, b: 18, c: 6 }, 0, { override: { test: 'ks' } });
    expect(r.test).toBe('chisquare');
    expect(r.findings.join(' ')).toMatch(/needs numbers/);
  });
  it('reports unseen categories, missing shares and out-of-range values as their own signals', () => {
    const c = cat({ a: 50, b: 50 }, { a: 40, b: 40, z: 20 }, 25);
    expect(c.unseenCategoryShare).toBeCloseTo(0.2, 12);
    expect(c.missing.current).toBeCloseTo(25 / 125, 12);
    expect(c.findings.join(' ')).toMatch(/20\.0% of current values are in 1 category the reference never had/);
    const n = num(sorted([1, 2, 3, 4, 5, 6, 7]), sorted([2, 3, 4, 50, 60]), { missing: 5, posInf: 1 });
    expect(n.outOfRangeShare).toBeCloseTo(3 / 6, 12); // 50, 60 and +inf
    expect(n.missing.current).toBeCloseTo(5 / 11, 12);
    expect(n.findings.join(' ')).toMatch(/infinity/);
  });
  it('flags "significant" p-values with a trivial effect at large n', () => {
    const r = num(normal(1000, 7), normal(200_000, 8, 0.12), {}, { override: { test: 'ks' } });
    expect(r.drifted).toBe(true);
    expect(r.effectSize.value!).toBeLessThan(0.1);
    expect(r.findings.join(' ')).toMatch(/effect is small/);
  });
});

describe('empty columns never crash a report', () => {
  it('an all-missing current column is a finding, not a verdict', () => {
    const r = num(normal(100, 9), new Float64Array(0), { missing: 40 });
    expect(r.tested).toBe(false);
    expect(r.drifted).toBe(false);
    expect(r.missing.current).toBe(1);
    expect(r.findings.join(' ')).toMatch(/current column has no values/);
    const c = cat({}, { a: 3 }, 0);
    expect(c.tested).toBe(false);
    expect(c.findings.join(' ')).toMatch(/reference is empty/);
  });
  it('a constant reference still gives finite scores', () => {
    const r = num(sorted(new Array(2000).fill(3)), sorted(new Array(100).fill(3.5)));
    expect(r.metrics.wassersteinNormed).toBeCloseTo(0.5 / 0.001, 6);
    expect(r.findings.join(' ')).toMatch(/constant/);
    expect(r.histogram?.kind).toBe('numerical');
  });
  it('the dataset verdict counts tested features only', () => {
    const d = datasetDrift([
      { tested: true, drifted: true },
      { tested: true, drifted: false },
      { tested: false, drifted: false },
    ]);
    expect(d).toEqual({ drifted: 1, total: 2, share: 0.5, threshold: 0.5, detected: true });
    expect(datasetDrift([], 0.5).detected).toBe(false);
  });
});

describe('schema and time windows', () => {
  it('lists missing, new and re-typed columns verbatim', () => {
    const s = schemaDiff(
      [
        { name: 'a b', type: 'float' },
        { name: 'x', type: 'integer' },
        { name: 'gone', type: 'float' },
      ],
      [
        { name: 'a b', type: 'float' },
        { name: 'x', type: 'categorical' },
        { name: 'new"col', type: 'float' },
      ],
    );
    expect(s).toEqual({
      missingInCurrent: ['gone'],
      newInCurrent: ['new"col'],
      typeChanged: [{ name: 'x', reference: 'integer', current: 'categorical' }],
    });
  });
  it('puts rows in UTC days, ISO weeks (Monday) and months', () => {
    expect(parseTime('2026-01-05')).toBe(Date.UTC(2026, 0, 5));
    expect(parseTime('2026-01-05 10:00:00')).toBe(Date.UTC(2026, 0, 5, 10));
    expect(parseTime(1767225600)).toBe(Date.UTC(2026, 0, 1)); // epoch seconds
    expect(parseTime('nope')).toBeNull();
    const times = ['2026-01-04T23:59:59', '2026-01-05T00:00:00', '2026-01-11', '2026-02-01', null];
    const week = assignWindows(times, 'week');
    expect(week.starts.map((s) => windowLabel(s, 'week'))).toEqual([
      '2025-12-29 (wk)',
      '2026-01-05 (wk)',
      '2026-01-26 (wk)',
    ]);
    expect(Array.from(week.index)).toEqual([0, 1, 1, 2, -1]);
    expect(week.skipped).toBe(1);
    expect(assignWindows(times, 'month').starts.map((s) => windowLabel(s, 'month'))).toEqual(['2026-01', '2026-02']);
  });
});
