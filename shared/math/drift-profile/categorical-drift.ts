// Drift of one categorical (or boolean / text) feature against its reference category counts:
// chi-square, z-test for two categories, PSI, JS, and the unseen-category share.

import type { CategoricalDriftProfile } from '../../types/drift';
import { categoricalOverlay } from './histogram';
import type { CompareOptions, FeatureResult } from './options';
import { pct } from './numeric-drift';
import { categoryMetrics, emptyMetrics, finish } from './verdict';

export interface CategoricalCurrent {
  /** category -> count, missing values excluded. */
  counts: ReadonlyMap<string, number>;
  missing: number;
}

export function compareCategorical(
  ref: CategoricalDriftProfile,
  cur: CategoricalCurrent,
  options: CompareOptions = {},
): FeatureResult {
  const refCounts = new Map(ref.categories);
  let curCount = 0;
  let unseen = 0;
  const union = new Set<string>();
  for (const [k] of ref.categories) union.add(k);
  for (const [k, n] of cur.counts) {
    if (n <= 0) continue;
    curCount += n;
    union.add(k);
    if (!refCounts.has(k)) unseen += n;
  }
  const curRows = curCount + cur.missing;
  const findings: string[] = [];
  const unique = union.size;
  const base = {
    kind: 'categorical' as const,
    missing: { reference: ref.rows ? ref.missing / ref.rows : null, current: curRows ? cur.missing / curRows : null },
    rows: { reference: ref.rows, current: curRows },
    values: { reference: ref.count, current: curCount },
    uniqueValues: Math.min(unique, 1000),
    unseenCategoryShare: curCount ? unseen / curCount : null,
    outOfRangeShare: null,
    approximation: null,
  };
  if (ref.count === 0 || curCount === 0) {
    if (ref.count === 0)
      findings.push(
        ref.rows ? 'reference column has no values (all missing): not tested' : 'reference is empty: not tested',
      );
    if (curCount === 0)
      findings.push(
        curRows ? 'current column has no values (all missing): not tested' : 'current is empty: not tested',
      );
    return finish(
      { ...base, tested: false, metrics: emptyMetrics(), histogram: null },
      'categorical',
      ref.count,
      unique,
      options,
      findings,
    );
  }
  const metrics = { ...emptyMetrics(), ...categoryMetrics(refCounts, cur.counts, unique) };
  if (unseen > 0) {
    const kinds = [...cur.counts.keys()].filter((k) => !refCounts.has(k) && (cur.counts.get(k) ?? 0) > 0).length;
    findings.push(
      `${pct(unseen / curCount)} of current values are in ${kinds} categor${kinds === 1 ? 'y' : 'ies'} the reference never had${ref.truncated ? ' (upper bound: the reference profile kept only its most frequent categories)' : ''}`,
    );
  }
  if (unique === 1) findings.push('a single category on both sides: nothing can drift');
  const histogram = options.histogram === false ? null : categoricalOverlay(refCounts, cur.counts);
  return finish({ ...base, tested: true, metrics, histogram }, 'categorical', ref.count, unique, options, findings);
}
