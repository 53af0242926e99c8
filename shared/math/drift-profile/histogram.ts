// Reference and current shares on the SAME bins, for the overlaid chart of one feature. Numerical:
// equal-width bins over the union of both sides' 0.5–99.5 % ranges (tails folded into the end bins,
// so one outlier cannot squash the chart); the reference side comes from its values or its profile,
// so a stored profile draws the same picture. Categorical: the 20 categories with the largest
// share on either side, the rest summed as "(other)".

import type { DriftHistogram } from '../../types/drift';
import { lowerBound } from './numeric-profile';
import { quantileSorted } from '../drift/index';

export const DISPLAY_BINS = 30;
export const DISPLAY_CATEGORIES = 20;

export interface ReferenceCurve {
  /** P(X < x) of the reference. */
  cdfLeft(x: number): number;
  quantile(u: number): number;
  min: number;
  max: number;
}

export function numericOverlay(ref: ReferenceCurve, cur: Float64Array, bins = DISPLAY_BINS): DriftHistogram {
  const n = cur.length;
  let lo = Math.min(ref.quantile(0.005), quantileSorted(cur, 0.005));
  let hi = Math.max(ref.quantile(0.995), quantileSorted(cur, 0.995));
  if (!(hi > lo)) {
    lo = Math.min(ref.min, n ? cur[0] : ref.min);
    hi = Math.max(ref.max, n ? cur[n - 1] : ref.max);
  }
  if (!(hi > lo)) {
    lo -= 0.5;
    hi += 0.5;
  }
  const edges: number[] = [];
  for (let b = 0; b <= bins; b++) edges.push(b === bins ? hi : lo + ((hi - lo) * b) / bins);
  const reference: number[] = [];
  const current: number[] = [];
  let prevR = 0;
  let prevC = 0;
  for (let b = 1; b <= bins; b++) {
    const r = b === bins ? 1 : ref.cdfLeft(edges[b]);
    const c = b === bins ? 1 : n ? lowerBound(cur, edges[b]) / n : 0;
    reference.push(Math.max(0, r - prevR));
    current.push(n ? Math.max(0, c - prevC) : 0);
    prevR = r;
    prevC = c;
  }
  return { kind: 'numerical', edges, reference, current };
}

export function categoricalOverlay(
  ref: ReadonlyMap<string, number>,
  cur: ReadonlyMap<string, number>,
  top = DISPLAY_CATEGORIES,
): DriftHistogram {
  const total = (m: ReadonlyMap<string, number>) => {
    let t = 0;
    for (const v of m.values()) t += v;
    return t;
  };
  const rt = total(ref) || 1;
  const ct = total(cur) || 1;
  const keys = new Set<string>([...ref.keys(), ...cur.keys()]);
  const ranked = [...keys]
    .map((k) => ({ k, r: (ref.get(k) ?? 0) / rt, c: (cur.get(k) ?? 0) / ct }))
    .filter((e) => e.r > 0 || e.c > 0)
    .sort((a, b) => Math.max(b.r, b.c) - Math.max(a.r, a.c) || (a.k < b.k ? -1 : 1));
  const shown = ranked.slice(0, top);
  const rest = ranked.slice(top);
  const categories = shown.map((e) => e.k);
  const reference = shown.map((e) => e.r);
  const current = shown.map((e) => e.c);
  if (rest.length) {
    categories.push(`(other ${rest.length})`);
    reference.push(rest.reduce((s, e) => s + e.r, 0));
    current.push(rest.reduce((s, e) => s + e.c, 0));
  }
  return { kind: 'categorical', categories, reference, current };
}
