// Evidently 0.7's default test per column (legacy/calculations/stattests/registry.py
// `_get_default_stattest`), its thresholds and drift decisions, and the per-feature overrides.
//   reference rows ≤ 1000: numerical > 5 unique → KS (p ≤ 0.05); 3–5 unique or categorical > 2 →
//   chi-square (p < 0.05); ≤ 2 unique → two-proportion z-test (p < 0.05).
//   reference rows > 1000: numerical > 5 unique → Wasserstein normed (≥ 0.1); otherwise
//   Jensen–Shannon (≥ 0.1).
// "reference rows" are the non-missing ones: Evidently drops NaN/±inf before choosing.

import type { DriftKind, DriftTest, FeatureDrift, FeatureOverride } from '../../types/drift';

export const DEFAULT_THRESHOLDS: Record<DriftTest, number> = {
  ks: 0.05,
  chisquare: 0.05,
  ztest: 0.05,
  wasserstein: 0.1,
  jensenshannon: 0.1,
  psi: 0.1,
};

export const DEFAULT_DATASET_DRIFT_SHARE = 0.5;
/** Evidently's switch from p-value tests to distances. */
export const SMALL_REFERENCE_ROWS = 1000;

export function isPValueTest(test: DriftTest): boolean {
  return test === 'ks' || test === 'chisquare' || test === 'ztest';
}

export function defaultTest(kind: DriftKind, referenceValues: number, uniqueValues: number): DriftTest {
  const small = referenceValues <= SMALL_REFERENCE_ROWS;
  if (kind === 'numerical' && uniqueValues > 5) return small ? 'ks' : 'wasserstein';
  if (!small) return 'jensenshannon';
  return uniqueValues > 2 ? 'chisquare' : 'ztest';
}

/** Evidently's comparisons: KS p ≤ t, chi-square/z p < t, distances ≥ t. NaN/null never drifts. */
export function isDrifted(test: DriftTest, score: number | null, threshold: number): boolean {
  if (score === null || Number.isNaN(score)) return false;
  if (test === 'ks') return score <= threshold;
  if (test === 'chisquare' || test === 'ztest') return score < threshold;
  return score >= threshold;
}

export interface TestChoice {
  test: DriftTest;
  threshold: number;
  overridden: boolean;
  finding: string | null;
}

/**
 * The test for one feature: the override when it applies to the column, else the default. KS and
 * Wasserstein need numbers; a categorical override to them falls back to the default, with a finding.
 */
export function chooseTest(
  kind: DriftKind,
  referenceValues: number,
  uniqueValues: number,
  override: FeatureOverride | undefined,
  testThresholds: Partial<Record<DriftTest, number>> = {},
): TestChoice {
  const fallback = defaultTest(kind, referenceValues, uniqueValues);
  let test = override?.test ?? fallback;
  let finding: string | null = null;
  if (kind === 'categorical' && (test === 'ks' || test === 'wasserstein')) {
    finding = `test ${test} needs numbers; this categorical column uses ${fallback}`;
    test = fallback;
  }
  const threshold = override?.threshold ?? testThresholds[test] ?? DEFAULT_THRESHOLDS[test];
  const overridden =
    (override?.test !== undefined && test === override.test && test !== fallback) ||
    override?.threshold !== undefined ||
    testThresholds[test] !== undefined;
  return { test, threshold, overridden, finding };
}

/** The deciding score and the effect size shown beside it. */
export function scoreOf(
  test: DriftTest,
  m: FeatureDrift['metrics'],
): { score: number | null; effect: FeatureDrift['effectSize'] } {
  switch (test) {
    case 'ks':
      return { score: m.ksPValue, effect: { name: 'ks_statistic', value: m.ksStatistic } };
    case 'chisquare':
      return { score: m.chiSquarePValue, effect: { name: 'cramers_v', value: m.cramersV } };
    case 'ztest':
      return { score: m.zTestPValue, effect: { name: 'cohens_h', value: m.cohensH } };
    case 'wasserstein':
      return { score: m.wassersteinNormed, effect: { name: 'wasserstein_normed', value: m.wassersteinNormed } };
    case 'jensenshannon':
      return { score: m.jensenShannon, effect: { name: 'jensen_shannon', value: m.jensenShannon } };
    case 'psi':
      return { score: m.psi, effect: { name: 'psi', value: m.psi } };
  }
}

/** Effect below which a "significant" p-value is called out as a trivial shift (large-n p-values). */
export function smallEffect(effect: FeatureDrift['effectSize']): boolean {
  const v = effect.value === null ? null : Math.abs(effect.value);
  if (v === null) return false;
  if (effect.name === 'ks_statistic' || effect.name === 'cramers_v') return v < 0.1;
  if (effect.name === 'cohens_h') return v < 0.2;
  return false;
}
