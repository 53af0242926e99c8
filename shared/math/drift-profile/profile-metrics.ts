// KS and Wasserstein of a current batch against a reference PROFILE (a quantile grid) instead of
// the reference values. The grid CDF F̂ is the linear interpolation of (points[i], i/G); a grid cell
// holds 1/G of the reference mass (± one value from numpy's linear quantile), so
//   |F̂(x) − F_ref(x)| ≤ 1/G + 1/n_ref for every x, hence
//   |D_profile − D_exact| ≤ 1/G + 1/n_ref                      (KS statistic)
//   |W_profile − W_exact| ≤ (max − min) · (1/G + 1/n_ref)      (W1 = ∫|F_ref − F_cur| dx)
// The W bound is loose (the error concentrates in the two tail cells); measured errors on seeded
// data are in test/unit/drift-profile.test.ts and drift-profile/README.md.
// Exact profiles (n ≤ G+1, every value kept) never come here: callers use the exact functions.
// Columns with at most 32 distinct values keep their exact value counts, and are computed from
// those: exact too, whatever n (bounds 0).

import { kstwoSf, WASSERSTEIN_STD_FLOOR } from '../drift/index';
import { attemptExact2Samp, gcd, roundHalfEven } from '../drift/ks-exact';
import type { NumericDriftProfile } from '../../types/drift';

export interface ProfileBounds {
  ksStatistic: number;
  wassersteinNormed: number;
}

/** Worst-case |profile − exact| for a non-exact profile (0 for exact ones). */
export function profileErrorBounds(p: NumericDriftProfile): ProfileBounds {
  if (p.exact || p.distinct || p.count === 0) return { ksStatistic: 0, wassersteinNormed: 0 };
  const cell = 1 / p.gridSize + 1 / p.count;
  return { ksStatistic: cell, wassersteinNormed: ((p.max - p.min) * cell) / Math.max(p.std, WASSERSTEIN_STD_FLOOR) };
}

/** ks_2samp's p-value for a statistic d and sizes n1, n2 ('auto': exact when max(n1, n2) ≤ 10,000). */
export function ksPValue(d: number, n1: number, n2: number): number {
  if (!(n1 > 0) || !(n2 > 0) || Number.isNaN(d)) return NaN;
  if (Math.max(n1, n2) <= 10_000) {
    const attempt = attemptExact2Samp(n1, n2, gcd(n1, n2), d);
    if (attempt.success) return clip01(attempt.prob);
  }
  return clip01(kstwoSf(d, roundHalfEven((n1 * n2) / (n1 + n2))));
}

/** F̂ right and left limits at x, given lowerBound (lo) and upperBound (hi) of x in the grid. */
function gridCdf(pts: Float64Array, g: number, x: number, lo: number, hi: number): [number, number] {
  const m = pts.length;
  if (lo === hi) {
    if (hi === 0) return [0, 0];
    if (hi === m) return [1, 1];
    const v = (hi - 1 + (x - pts[hi - 1]) / (pts[hi] - pts[hi - 1])) / g;
    return [v, v];
  }
  return [(hi - 1) / g, lo / g]; // x is a grid value: a jump when it repeats (an atom)
}

/**
 * Walks the merged breakpoints of the grid and the ascending current values once, calling
 * visit(x, fRight, fLeft, cRight, cLeft) at each distinct x. O(G + n_cur).
 */
function walk(
  p: NumericDriftProfile,
  cur: Float64Array,
  visit: (x: number, fr: number, fl: number, cr: number, cl: number) => void,
): void {
  const pts = p.points;
  const m = pts.length;
  const nc = cur.length;
  const g = p.gridSize;
  let i = 0;
  let k = 0;
  while (i < nc || k < m) {
    const x = i < nc && (k >= m || cur[i] <= pts[k]) ? cur[i] : pts[k];
    let i2 = i;
    while (i2 < nc && cur[i2] <= x) i2++;
    let k2 = k;
    while (k2 < m && pts[k2] <= x) k2++;
    const [fr, fl] = gridCdf(pts, g, x, k, k2);
    visit(x, fr, fl, i2 / nc, i / nc);
    i = i2;
    k = k2;
  }
}

/** As walk, for a reference given by its distinct values and counts (an exact step CDF). */
function walkAtoms(
  atoms: [number, number][],
  n: number,
  cur: Float64Array,
  visit: (x: number, fr: number, fl: number, cr: number, cl: number) => void,
): void {
  const nc = cur.length;
  const m = atoms.length;
  let i = 0;
  let k = 0;
  let below = 0; // reference count < x
  while (i < nc || k < m) {
    const x = i < nc && (k >= m || cur[i] <= atoms[k][0]) ? cur[i] : atoms[k][0];
    let i2 = i;
    while (i2 < nc && cur[i2] <= x) i2++;
    let upTo = below;
    if (k < m && atoms[k][0] === x) upTo += atoms[k++][1];
    visit(x, upTo / n, below / n, i2 / nc, i / nc);
    below = upTo;
    i = i2;
  }
}

function walkAny(
  p: NumericDriftProfile,
  cur: Float64Array,
  visit: (x: number, fr: number, fl: number, cr: number, cl: number) => void,
): void {
  if (p.distinct) walkAtoms(p.distinct, p.count, cur, visit);
  else walk(p, cur, visit);
}

/** KS statistic sup|F̂_ref − F_cur| against an ascending, finite current array. */
export function ksStatisticProfile(p: NumericDriftProfile, cur: Float64Array): number {
  if (p.count === 0 || cur.length === 0) return NaN;
  let d = 0;
  walkAny(p, cur, (_x, fr, fl, cr, cl) => {
    const a = Math.abs(fr - cr);
    const b = Math.abs(fl - cl);
    if (a > d) d = a;
    if (b > d) d = b;
  });
  return Math.min(d, 1);
}

/** W1 = ∫ |F̂_ref − F_cur| dx against an ascending, finite current array. */
export function wassersteinProfile(p: NumericDriftProfile, cur: Float64Array): number {
  if (p.count === 0 || cur.length === 0) return NaN;
  let sum = 0;
  let prevX = NaN;
  let prevF = 0; // F̂ right limit at the previous breakpoint
  let prevC = 0; // F_cur right limit at the previous breakpoint (constant until x)
  walkAny(p, cur, (x, fr, fl, cr) => {
    if (!Number.isNaN(prevX)) {
      // On (prevX, x): F_cur = prevC, F̂ linear from prevF to fl.
      const w = x - prevX;
      const a = prevF - prevC;
      const b = fl - prevC;
      sum += a * b >= 0 ? (w * Math.abs(a + b)) / 2 : (w * (a * a + b * b)) / (2 * (Math.abs(a) + Math.abs(b)));
    }
    prevX = x;
    prevF = fr;
    prevC = cr;
  });
  return sum;
}

export function ks2sampProfile(p: NumericDriftProfile, cur: Float64Array): { statistic: number; pValue: number } {
  const d = ksStatisticProfile(p, cur);
  return { statistic: d, pValue: ksPValue(d, p.count, cur.length) };
}

function clip01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
