// Drift of one numerical feature: every metric, Evidently's default test (or an override), the
// verdict, and the separate signals (missing share, out-of-range share, infinities). The reference
// is a profile, plus its sorted values when they are at hand (exact mode); without them KS and
// Wasserstein come from the profile grid, within the bounds of profile-metrics.ts.

import {
  countWithOverflow,
  ks2sampSorted,
  wassersteinDistanceSorted,
  WASSERSTEIN_STD_FLOOR,
  psiFromCounts,
  jensenShannonDistance,
} from '../drift/index';
import type { NumericDriftProfile } from '../../types/drift';
import { numericOverlay } from './histogram';
import {
  countDistinctSorted,
  distinctCounts,
  lowerBound,
  profileCdf,
  profileQuantile,
  upperBound,
} from './numeric-profile';
import { ks2sampProfile, profileErrorBounds, wassersteinProfile } from './profile-metrics';
import { categoryMetrics, emptyMetrics, finish } from './verdict';
import type { CompareOptions, FeatureResult } from './options';
import { quantileSorted } from '../drift/index';

export interface NumericReference {
  profile: NumericDriftProfile;
  /** All finite reference values, ascending, when available (exact mode). */
  sorted: Float64Array | null;
}

export interface NumericCurrent {
  /** Finite values, ascending. */
  sorted: Float64Array;
  missing: number;
  nan: number;
  posInf: number;
  negInf: number;
}

export type { CompareOptions, FeatureResult };

const UNIQUE_CAP = 1000;

export function compareNumeric(
  ref: NumericReference,
  cur: NumericCurrent,
  options: CompareOptions = {},
): FeatureResult {
  const p = ref.profile;
  const refSorted = ref.sorted ?? (p.exact ? p.points : null);
  const c = cur.sorted;
  const curRows = c.length + cur.missing + cur.nan + cur.posInf + cur.negInf;
  const missing = {
    reference: p.rows ? (p.missing + p.nan) / p.rows : null,
    current: curRows ? (cur.missing + cur.nan) / curRows : null,
  };
  const findings: string[] = [];
  const curDistinct = distinctCounts(c, 32);
  const unique = unionUnique(p, refSorted, curDistinct, c);
  const inf = cur.posInf + cur.negInf;
  const below = p.count ? lowerBound(c, p.min) : 0;
  const above = p.count ? c.length - upperBound(c, p.max) : 0;
  const outOfRangeShare = p.count && c.length + inf ? (below + above + inf) / (c.length + inf) : null;
  const base = {
    kind: 'numerical' as const,
    missing,
    rows: { reference: p.rows, current: curRows },
    values: { reference: p.count, current: c.length },
    uniqueValues: unique,
    unseenCategoryShare: null,
    outOfRangeShare,
  };
  if (p.count === 0 || c.length === 0) {
    if (p.count === 0)
      findings.push(
        p.rows ? 'reference column has no values (all missing): not tested' : 'reference is empty: not tested',
      );
    if (c.length === 0)
      findings.push(
        curRows ? 'current column has no values (all missing): not tested' : 'current is empty: not tested',
      );
    return finish(
      { ...base, tested: false, metrics: emptyMetrics(), approximation: null, histogram: null },
      'numerical',
      p.count,
      unique,
      options,
      findings,
    );
  }
  const approximate = refSorted === null;
  const ks = approximate ? ks2sampProfile(p, c) : ks2sampSorted(refSorted, c);
  const w = approximate ? wassersteinProfile(p, c) : wassersteinDistanceSorted(refSorted, c);
  const wn = w / Math.max(p.std, WASSERSTEIN_STD_FLOOR);
  let metrics = {
    ...emptyMetrics(),
    ksStatistic: nn(ks.statistic),
    ksPValue: nn(ks.pValue),
    wassersteinNormed: nn(wn),
  };
  if (unique <= 5 && p.distinct && curDistinct) {
    // Low cardinality: Evidently treats the values as categories (chi-square / z-test / JS).
    metrics = { ...metrics, ...categoryMetrics(toMap(p.distinct), toMap(curDistinct), unique) };
  } else {
    const curBins = countWithOverflow(c, p.binEdges);
    metrics.psi = nn(psiOnBins(p.binCounts, curBins));
    metrics.jensenShannon = nn(jensenShannonDistance(p.binCounts, curBins));
  }
  if (p.std === 0) findings.push('reference is constant: Wasserstein is normalised by the 0.001 floor');
  if (inf > 0) findings.push(`${inf} current value(s) are ±infinity: counted as out of range, left out of the tests`);
  if (outOfRangeShare !== null && outOfRangeShare >= 0.01)
    findings.push(
      `${pct(outOfRangeShare)} of current values are outside the reference range [${fmt(p.min)}, ${fmt(p.max)}]`,
    );
  const histogram = options.histogram === false ? null : numericOverlay(curve(p, refSorted), c);
  return finish(
    { ...base, tested: true, metrics, approximation: approximate ? profileErrorBounds(p) : null, histogram },
    'numerical',
    p.count,
    unique,
    options,
    findings,
  );
}

function curve(p: NumericDriftProfile, sorted: Float64Array | null) {
  if (sorted) {
    const n = sorted.length;
    return {
      cdfLeft: (x: number) => lowerBound(sorted, x) / n,
      quantile: (u: number) => quantileSorted(sorted, u),
      min: p.min,
      max: p.max,
    };
  }
  return {
    cdfLeft: (x: number) => profileCdf(p, x).left,
    quantile: (u: number) => profileQuantile(p, u),
    min: p.min,
    max: p.max,
  };
}

/** Distinct values over both sides: exact when either side's distinct values are known, else a lower bound. */
function unionUnique(
  p: NumericDriftProfile,
  refSorted: Float64Array | null,
  curDistinct: [number, number][] | null,
  cur: Float64Array,
): number {
  if (p.distinct && curDistinct) {
    const set = new Set<number>();
    for (const [v] of p.distinct) set.add(v);
    for (const [v] of curDistinct) set.add(v);
    return set.size;
  }
  const refCount = p.distinct ? p.distinct.length : refSorted ? countDistinctSorted(refSorted, UNIQUE_CAP) : 33;
  const curCount = curDistinct ? curDistinct.length : countDistinctSorted(cur, UNIQUE_CAP);
  return Math.min(UNIQUE_CAP, Math.max(refCount, curCount));
}

/** psiNumeric's rule: bins empty on both sides (usually the overflow bins) are dropped before the zero fill. */
function psiOnBins(ref: ArrayLike<number>, cur: ArrayLike<number>): number {
  const r: number[] = [];
  const c: number[] = [];
  for (let i = 0; i < ref.length; i++) {
    if (ref[i] > 0 || cur[i] > 0) {
      r.push(ref[i]);
      c.push(cur[i]);
    }
  }
  return psiFromCounts(r, c);
}

function toMap(d: [number, number][]): Map<string, number> {
  return new Map(d.map(([v, n]) => [String(v), n]));
}

export function nn(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

export function pct(x: number): string {
  return `${(x * 100).toFixed(x < 0.1 ? 2 : 1)}%`;
}

function fmt(x: number): string {
  return Math.abs(x) >= 1e5 || (Math.abs(x) < 1e-3 && x !== 0) ? x.toExponential(3) : String(Number(x.toPrecision(6)));
}
