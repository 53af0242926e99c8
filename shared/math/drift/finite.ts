// Input hygiene shared by every drift statistic.
//
// The statistics in this folder assume finite values (callers strip missing values first, exactly
// as Evidently does with `replace([inf, -inf], nan).dropna()`). Missing and infinite values are
// still a drift signal in their own right, so `splitFinite` counts them instead of silently
// dropping them, and `sortedFinite` is the one place where a defensive NaN filter happens.

/** Anything array-like holding numbers: Float64Array, number[], other typed arrays. */
export type NumericArray = ArrayLike<number>;

export interface FiniteSplit {
  /** The finite values, in input order. */
  values: Float64Array;
  /** Total number of inputs (finite + NaN + infinities). */
  total: number;
  nan: number;
  posInf: number;
  negInf: number;
}

/** Separate finite values from NaN / +Infinity / -Infinity, counting each kind. Never throws. */
export function splitFinite(values: NumericArray): FiniteSplit {
  const n = values.length;
  const out = new Float64Array(n);
  let k = 0;
  let nan = 0;
  let posInf = 0;
  let negInf = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (Number.isFinite(v)) out[k++] = v;
    else if (v === Infinity) posInf++;
    else if (v === -Infinity) negInf++;
    else nan++; // NaN, and anything that is not a number at all
  }
  return { values: out.slice(0, k), total: n, nan, posInf, negInf };
}

/**
 * Ascending sorted copy with NaN and ±Infinity removed (the statistics here are defined on finite
 * values; `splitFinite` counts what was dropped). Float64Array#sort is a numeric sort (no comparator
 * call per comparison), which is what makes 1e6-element inputs cheap. -Infinity sorts first and
 * +Infinity then NaN last, so all three are cut off with one subarray.
 */
export function sortedFinite(values: NumericArray): Float64Array {
  const copy = Float64Array.from(values);
  copy.sort();
  let start = 0;
  let end = copy.length;
  while (end > 0 && !Number.isFinite(copy[end - 1])) end--;
  while (start < end && copy[start] === -Infinity) start++;
  return start === 0 && end === copy.length ? copy : copy.subarray(start, end);
}

/** True when `values` is ascending (used to skip sorting for callers that already sorted). */
export function isSortedAscending(values: NumericArray): boolean {
  for (let i = 1; i < values.length; i++) if (!(values[i - 1] <= values[i])) return false;
  return true;
}

/** Neumaier-compensated sum: keeps long sums (1e6 terms) accurate to ~1 ulp of the total. */
export function compensatedSum(values: NumericArray): number {
  let sum = 0;
  let c = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const t = sum + v;
    c += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
  }
  return sum + c;
}

/** Population standard deviation (ddof = 0), two-pass like numpy.std. NaN for empty input. */
export function populationStd(values: NumericArray): number {
  const n = values.length;
  if (n === 0) return NaN;
  const mean = compensatedSum(values) / n;
  let sum = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i] - mean;
    const v = d * d;
    const t = sum + v;
    c += sum >= v ? sum - t + v : v - t + sum;
    sum = t;
  }
  return Math.sqrt((sum + c) / n);
}
