// The profile of a dataset written in parts is the merge of the parts' profiles, checked against the
// profile of the whole: exact when every part is exact and the union fits the grid; otherwise counts,
// extremes, mean and std exact, every grid point within 2/G of its rank in the whole, and drift results
// (profile mode) within twice the profile's own error bounds.
import { describe, expect, it } from 'vitest';
import {
  buildCategoricalProfile,
  buildNumericProfile,
  compareNumeric,
  mergeCategoricalProfiles,
  mergeDatasetProfiles,
  mergeNumericProfiles,
  profileErrorBounds,
  upperBound,
} from '../../shared/math/drift-profile/index';
import { createRng, rngNormal } from '../../shared/math/latency/rng';
import type { NumericDriftProfile } from '../../shared/types/drift';

const none = { missing: 0, nan: 0, posInf: 0, negInf: 0 };
const sorted = (xs: number[]) => Float64Array.from(xs).sort();

/** Parts of unequal size and shape: a normal, a shifted lognormal, and a few repeated integers. */
function parts(sizes: number[], seed: number): number[][] {
  const r = createRng(seed);
  return sizes.map((n, k) =>
    Array.from({ length: n }, () =>
      k % 3 === 0 ? rngNormal(r) : k % 3 === 1 ? 1 + Math.exp(0.7 * rngNormal(r)) : Math.round(rngNormal(r) * 2),
    ),
  );
}

describe('merging reference profiles of parts', () => {
  it('equals the profile of the whole when the parts are exact and the union fits the grid', () => {
    const ps = parts([300, 500, 150], 1);
    const counts = [{ missing: 3, nan: 1, posInf: 0, negInf: 2 }, { missing: 0, nan: 0, posInf: 4, negInf: 0 }, none];
    const merged = mergeNumericProfiles(ps.map((p, k) => buildNumericProfile(sorted(p), counts[k], 1000)));
    const whole = buildNumericProfile(sorted(ps.flat()), { missing: 3, nan: 1, posInf: 4, negInf: 2 }, 1000);
    expect(merged).toEqual(whole);
  });

  it('keeps every grid point within 2/G of its rank in the whole, and drift within the profile bounds', () => {
    const G = 1000;
    const ps = parts([20_000, 55_000, 7_000], 2);
    const merged = mergeNumericProfiles(ps.map((p) => buildNumericProfile(sorted(p), none, G)));
    const all = sorted(ps.flat());
    const n = all.length;
    const whole = buildNumericProfile(all, none, G);
    expect([merged.count, merged.rows, merged.min, merged.max]).toEqual([
      whole.count,
      whole.rows,
      whole.min,
      whole.max,
    ]);
    expect(merged.mean).toBeCloseTo(whole.mean, 12);
    expect(merged.std).toBeCloseTo(whole.std, 12);
    let worst = 0;
    merged.points.forEach((x, k) => {
      // The rank interval of x in the whole: [#values < x, #values ≤ x] / n; the error is its distance to k/G.
      const lo = (upperBound(all, x - Math.abs(x) * 1e-15 - 1e-300) - 0) / n;
      const hi = upperBound(all, x) / n;
      const q = k / G;
      worst = Math.max(worst, q < lo ? lo - q : q > hi ? q - hi : 0);
    });
    expect(worst).toBeLessThanOrEqual(2 / G);
    expect(merged.binCounts.reduce((a, b) => a + b, 0)).toBe(n);
    expect(merged.binEdges.length).toBe(whole.binEdges.length);

    // A current batch compared against either profile: the same verdicts.
    const r = createRng(9);
    for (const shift of [0, 0.05, 0.5]) {
      const cur = sorted(Array.from({ length: 30_000 }, () => all[Math.floor(r() * n)] + shift * rngNormal(r)));
      const current = { sorted: cur, ...none };
      const a = compareNumeric({ profile: merged as NumericDriftProfile, sorted: null }, current);
      const b = compareNumeric({ profile: whole, sorted: null }, current);
      expect(a.drifted).toBe(b.drifted);
      // The merge adds at most one grid cell of its own to the whole profile's distance from exact.
      const bound = profileErrorBounds(whole);
      expect(Math.abs(a.metrics.ksStatistic! - b.metrics.ksStatistic!)).toBeLessThanOrEqual(2 * bound.ksStatistic);
      expect(Math.abs(a.metrics.wassersteinNormed! - b.metrics.wassersteinNormed!)).toBeLessThanOrEqual(
        2 * bound.wassersteinNormed,
      );
    }
  });

  it('adds category counts, and merges a dataset profile column by column', () => {
    const a = buildCategoricalProfile(
      new Map([
        ['x', 5],
        ['y', 2],
      ]),
      1,
    );
    const b = buildCategoricalProfile(
      new Map([
        ['y', 3],
        ['z', 4],
      ]),
      0,
    );
    expect(mergeCategoricalProfiles([a, b])).toEqual(
      buildCategoricalProfile(
        new Map([
          ['x', 5],
          ['y', 5],
          ['z', 4],
        ]),
        1,
      ),
    );
    const ds = (rows: number, values: number[], cats: [string, number][]) => ({
      version: 1 as const,
      dataset: `part-${rows}`,
      rows,
      createdAt: 'then',
      gridSize: 100,
      columns: [
        { name: 'v', columnType: 'float', profile: buildNumericProfile(sorted(values), none, 100) },
        { name: 'c', columnType: 'categorical', profile: buildCategoricalProfile(new Map(cats), 0) },
      ],
    });
    const merged = mergeDatasetProfiles('events', [ds(2, [1, 2], [['a', 2]]), ds(3, [0, 5, 9], [['b', 3]])]);
    expect(merged.rows).toBe(5);
    expect(merged.columns[0].profile).toEqual(buildNumericProfile(sorted([0, 1, 2, 5, 9]), none, 100));
    expect(merged.columns[1].profile).toEqual(
      buildCategoricalProfile(
        new Map([
          ['a', 2],
          ['b', 3],
        ]),
        0,
      ),
    );
  });
});
