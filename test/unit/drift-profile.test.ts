// Reference profiles: how far profile-based KS / Wasserstein / PSI / JS are from exact ones, on
// seeded data (normal, heavy-tailed, heavily tied), and that a stored profile round-trips exactly.
import { describe, expect, it } from 'vitest';
import {
  ks2samp,
  psiNumeric,
  wassersteinNormed,
  jensenShannonDistance,
  countWithOverflow,
  quantileEdges,
} from '../../shared/math/drift/index';
import {
  buildNumericProfile,
  compareNumeric,
  decodeProfile,
  encodeProfile,
  ks2sampProfile,
  profileErrorBounds,
  wassersteinProfile,
} from '../../shared/math/drift-profile/index';
import { createRng, rngNormal } from '../../shared/math/latency/rng';
import type { DatasetDriftProfile } from '../../shared/types/drift';

const none = { missing: 0, nan: 0, posInf: 0, negInf: 0 };
function sample(n: number, seed: number, gen: (r: () => number) => number): Float64Array {
  const r = createRng(seed);
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = gen(r);
  return a.sort();
}
const normal = (mu: number, sd: number) => (r: () => number) => mu + sd * rngNormal(r);
const lognormal = (r: () => number) => Math.exp(1.5 * rngNormal(r));
const tied = (r: () => number) => Math.round(rngNormal(r) * 4) / 4; // ~25 distinct values

const cases = [
  { name: 'normal, small shift', ref: sample(200_000, 1, normal(0, 1)), cur: sample(50_000, 2, normal(0.05, 1)) },
  { name: 'normal, large shift', ref: sample(200_000, 3, normal(0, 1)), cur: sample(50_000, 4, normal(0.8, 1.3)) },
  {
    name: 'lognormal (heavy right tail)',
    ref: sample(200_000, 5, lognormal),
    cur: sample(50_000, 6, (r) => 1.1 * lognormal(r)),
  },
  {
    name: 'heavily tied',
    ref: sample(200_000, 7, tied),
    cur: sample(50_000, 8, (r) => tied(r) + 0.25 * (r() < 0.1 ? 1 : 0)),
  },
];

describe('profile-based metrics vs exact (grid 10,000, reference 200,000 values)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const p = buildNumericProfile(c.ref, none, 10_000);
      expect(p.exact).toBe(false);
      const bounds = profileErrorBounds(p);
      const exact = ks2samp(c.ref, c.cur);
      const approx = ks2sampProfile(p, c.cur);
      const dErr = Math.abs(approx.statistic - exact.statistic);
      // Documented bound: 1/G + 1/n_ref.
      expect(dErr).toBeLessThanOrEqual(bounds.ksStatistic);
      expect(dErr).toBeLessThanOrEqual(1.2e-4);
      const wExact = wassersteinNormed(c.ref, c.cur);
      const wApprox = wassersteinProfile(p, c.cur) / Math.max(p.std, 0.001);
      const wErr = Math.abs(wApprox - wExact);
      expect(wErr).toBeLessThanOrEqual(bounds.wassersteinNormed);
      // Measured: far inside the worst-case bound, and 100× below Evidently's 0.1 threshold.
      expect(wErr).toBeLessThanOrEqual(1e-3);
      // p-values: same statistic up to dErr, so verdicts agree away from the threshold.
      if (exact.pValue < 1e-6 || exact.pValue > 0.2) expect(approx.pValue <= 0.05).toBe(exact.pValue <= 0.05);
      // PSI and JS use the stored reference bins: identical to the exact computation.
      const cur = compareNumeric({ profile: p, sorted: null }, { sorted: c.cur, ...none });
      expect(cur.metrics.psi).toBeCloseTo(psiNumeric(c.ref, c.cur), 12);
      const edges = quantileEdges(c.ref, 10);
      expect(cur.metrics.jensenShannon).toBeCloseTo(
        jensenShannonDistance(countWithOverflow(c.ref, edges), countWithOverflow(c.cur, edges)),
        12,
      );
      expect(cur.approximation).not.toBeNull();
    });
  }

  it('a profile of at most G+1 values keeps them all and gives exactly the exact results', () => {
    const ref = sample(800, 11, normal(0, 1));
    const cur = sample(600, 12, normal(0.2, 1));
    const p = buildNumericProfile(ref, none, 10_000);
    expect(p.exact).toBe(true);
    const viaProfile = compareNumeric({ profile: p, sorted: null }, { sorted: cur, ...none });
    const viaValues = compareNumeric({ profile: p, sorted: ref }, { sorted: cur, ...none });
    expect(viaProfile.metrics).toEqual(viaValues.metrics);
    const ks = ks2samp(ref, cur);
    expect(viaProfile.metrics.ksPValue).toBe(ks.pValue);
    expect(viaProfile.test).toBe('ks'); // ≤ 1000 reference rows → KS p-value, Evidently's rule
    expect(viaProfile.approximation).toBeNull();
  });

  it('a reference with at most 32 distinct values is exact from its value counts, at any n', () => {
    const ref = sample(300_000, 31, (r) => Math.round(rngNormal(r) * 3) / 2); // ~25 distinct values
    const cur = sample(40_000, 32, (r) => Math.round(rngNormal(r) * 3 + 0.4) / 2);
    const p = buildNumericProfile(ref, none);
    expect(p.exact).toBe(false);
    expect(p.distinct).not.toBeNull();
    expect(profileErrorBounds(p)).toEqual({ ksStatistic: 0, wassersteinNormed: 0 });
    const e = ks2samp(ref, cur);
    const a = ks2sampProfile(p, cur);
    expect(a.statistic).toBeCloseTo(e.statistic, 14);
    expect(a.pValue).toBeCloseTo(e.pValue, 14);
    expect(wassersteinProfile(p, cur) / p.std).toBeCloseTo(wassersteinNormed(ref, cur), 12);
  });

  it('current values far outside the reference range are integrated exactly beyond the grid', () => {
    const ref = sample(100_000, 13, normal(0, 1));
    const cur = sample(10_000, 14, normal(10, 1));
    const p = buildNumericProfile(ref, none);
    expect(Math.abs(wassersteinProfile(p, cur) - 10 * 1)).toBeLessThan(0.05);
    expect(ks2sampProfile(p, cur).statistic).toBe(1);
  });
});

describe('profile storage', () => {
  it('round-trips grids bit for bit', () => {
    const ref = sample(50_000, 21, lognormal);
    const profile: DatasetDriftProfile = {
      version: 1,
      dataset: 'train',
      rows: 50_000,
      createdAt: '2026-01-01T00:00:00Z',
      gridSize: 10_000,
      columns: [
        { name: 'x', columnType: 'float', profile: buildNumericProfile(ref, none) },
        { name: 'gone', columnType: 'categorical', profile: null },
      ],
    };
    const back = decodeProfile(encodeProfile(profile));
    const a = profile.columns[0].profile as { points: Float64Array };
    const b = back.columns[0].profile as { points: Float64Array };
    expect(b.points).toBeInstanceOf(Float64Array);
    expect(Array.from(b.points)).toEqual(Array.from(a.points));
    expect(back.columns[1].profile).toBeNull();
  });
});
