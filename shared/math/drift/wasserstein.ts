// First Wasserstein (earth mover's) distance between two 1-D empirical distributions, as
// scipy.stats.wasserstein_distance(u, v) (unweighted): integral of |U(t) - V(t)| dt, evaluated
// on the merged sorted support. Evidently's large-reference numerical drift test divides it by
// the reference's population std (floored at 0.001): `wassersteinNormed`.

import { type NumericArray, populationStd, sortedFinite } from './finite';

/** Evidently's floor on the normalising std, so constant reference columns do not divide by 0. */
export const WASSERSTEIN_STD_FLOOR = 0.001;

/** W1 between two ascending, NaN-free arrays. NaN when either is empty. */
export function wassersteinDistanceSorted(u: Float64Array, v: Float64Array): number {
  const nu = u.length;
  const nv = v.length;
  if (nu === 0 || nv === 0) return NaN;
  let i = 0;
  let j = 0;
  let sum = 0;
  let comp = 0;
  let x = Math.min(u[0], v[0]);
  // Between consecutive distinct support points the CDFs are constant: add |U - V| * gap.
  while (i < nu || j < nv) {
    while (i < nu && u[i] <= x) i++;
    while (j < nv && v[j] <= x) j++;
    if (i === nu && j === nv) break;
    const next = i < nu && (j >= nv || u[i] <= v[j]) ? u[i] : v[j];
    const term = Math.abs(i / nu - j / nv) * (next - x);
    const t = sum + term;
    comp += sum >= term ? sum - t + term : term - t + sum;
    sum = t;
    x = next;
  }
  return sum + comp;
}

/** scipy.stats.wasserstein_distance(u, v). Empty input gives NaN instead of a ValueError. */
export function wassersteinDistance(u: NumericArray, v: NumericArray): number {
  return wassersteinDistanceSorted(sortedFinite(u), sortedFinite(v));
}

/** Evidently's normed Wasserstein: W1 / max(std(reference, ddof=0), 0.001). Drift if >= 0.1. */
export function wassersteinNormed(reference: NumericArray, current: NumericArray): number {
  return wassersteinNormedSorted(sortedFinite(reference), sortedFinite(current));
}

/** As `wassersteinNormed` for pre-sorted inputs (std does not care about order). */
export function wassersteinNormedSorted(reference: Float64Array, current: Float64Array): number {
  const w = wassersteinDistanceSorted(reference, current);
  if (Number.isNaN(w)) return NaN;
  return w / Math.max(populationStd(reference), WASSERSTEIN_STD_FLOOR);
}
