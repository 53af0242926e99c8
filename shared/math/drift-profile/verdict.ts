// The shared tail of every feature comparison: category metrics, the chosen test, the verdict and
// the effect size beside the p-value.

import {
  chiSquareDrift,
  jensenShannonCategorical,
  proportionsZTest,
  psiCategorical,
  type CategoryCounts,
} from '../drift/index';
import type { DriftKind, DriftMetrics, FeatureDrift } from '../../types/drift';
import { chooseTest, isDrifted, isPValueTest, scoreOf, smallEffect } from './rules';
import type { CompareOptions } from './options';

export function emptyMetrics(): DriftMetrics {
  return {
    ksStatistic: null,
    ksPValue: null,
    wassersteinNormed: null,
    psi: null,
    jensenShannon: null,
    chiSquarePValue: null,
    cramersV: null,
    zTestPValue: null,
    cohensH: null,
  };
}

const fin = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** Chi-square (+ Cramér's V), z-test (+ Cohen's h, at most 2 categories), PSI and JS on categories. */
export function categoryMetrics(ref: CategoryCounts, cur: CategoryCounts, unique: number): Partial<DriftMetrics> {
  const chi = chiSquareDrift(ref, cur);
  const out: Partial<DriftMetrics> = {
    chiSquarePValue: fin(chi.pValue),
    cramersV: fin(chi.cramersV),
    psi: fin(psiCategorical(ref, cur)),
    jensenShannon: fin(jensenShannonCategorical(ref, cur)),
  };
  if (unique <= 2) {
    const z = proportionsZTest(ref, cur);
    out.zTestPValue = fin(z.pValue);
    out.cohensH = fin(z.cohensH);
  }
  return out;
}

type Base = Omit<
  FeatureDrift,
  | 'name'
  | 'columnType'
  | 'test'
  | 'score'
  | 'scoreKind'
  | 'threshold'
  | 'drifted'
  | 'overridden'
  | 'effectSize'
  | 'findings'
>;

/** Chooses the test, reads its score, decides, and adds the findings every kind shares. */
export function finish(
  base: Base,
  kind: DriftKind,
  referenceValues: number,
  unique: number,
  options: CompareOptions,
  findings: string[],
): Omit<FeatureDrift, 'name' | 'columnType'> {
  const choice = chooseTest(kind, referenceValues, unique, options.override, options.testThresholds);
  if (choice.finding) findings.push(choice.finding);
  const { score, effect } = scoreOf(choice.test, base.metrics);
  const drifted = base.tested && isDrifted(choice.test, score, choice.threshold);
  if (base.tested && score === null)
    findings.push(`${choice.test} could not be computed for this column (see the other metrics)`);
  if (drifted && isPValueTest(choice.test) && smallEffect(effect)) {
    findings.push(
      `p-value below ${choice.threshold} but the effect is small (${effect.name} ${effect.value?.toFixed(3)}): likely a trivial shift that many rows make "significant"`,
    );
  }
  const m = base.missing;
  if (m.reference !== null && m.current !== null && Math.abs(m.current - m.reference) >= 0.05) {
    findings.push(
      `missing values ${m.current > m.reference ? 'rose' : 'fell'} from ${(m.reference * 100).toFixed(1)}% to ${(m.current * 100).toFixed(1)}%`,
    );
  }
  return {
    ...base,
    test: choice.test,
    score,
    scoreKind: isPValueTest(choice.test) ? 'p_value' : 'distance',
    threshold: choice.threshold,
    drifted,
    overridden: choice.overridden,
    effectSize: effect,
    findings,
  };
}
