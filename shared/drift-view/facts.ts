// The metric rows of one feature's detail, as the screen and the HTML report both show them.
import { formatCount as count, formatNumber as num, formatShare as pct } from '../format/numbers';
import { EFFECT_LABEL, TEST_LABEL } from '../naming/drift-labels';
import type { FeatureDrift } from '../types/drift';

export function featureFacts(f: FeatureDrift): [string, string][] {
  const m = f.metrics;
  const facts: [string, string][] = [
    [
      'Deciding test',
      `${TEST_LABEL[f.test]} = ${num(f.score)} (threshold ${f.threshold}) → ${f.tested ? (f.drifted ? 'drifted' : 'stable') : 'not tested'}`,
    ],
    [
      'Effect size',
      f.effectSize.value === null ? '—' : `${EFFECT_LABEL[f.effectSize.name]} ${num(f.effectSize.value)}`,
    ],
    ['KS', m.ksPValue === null ? '—' : `D ${num(m.ksStatistic)}, p ${num(m.ksPValue)}`],
    ['Wasserstein (normed)', num(m.wassersteinNormed)],
    ['PSI · Jensen–Shannon', `${num(m.psi)} · ${num(m.jensenShannon)}`],
    ['Chi-square', m.chiSquarePValue === null ? '—' : `p ${num(m.chiSquarePValue)}, Cramér's V ${num(m.cramersV)}`],
    ['z-test', m.zTestPValue === null ? '—' : `p ${num(m.zTestPValue)}, Cohen's h ${num(m.cohensH)}`],
    [
      'Values (ref / cur)',
      `${count(f.values.reference)} / ${count(f.values.current)} of ${count(f.rows.reference)} / ${count(f.rows.current)} rows`,
    ],
    ['Missing (ref → cur)', `${pct(f.missing.reference)} → ${pct(f.missing.current)}`],
  ];
  if (f.unseenCategoryShare !== null) facts.push(['Unseen categories', pct(f.unseenCategoryShare)]);
  if (f.outOfRangeShare !== null) facts.push(['Outside reference range', pct(f.outOfRangeShare)]);
  if (f.approximation)
    facts.push([
      'Profile approximation',
      `|ΔD| ≤ ${num(f.approximation.ksStatistic)}, |ΔW| ≤ ${num(f.approximation.wassersteinNormed)}`,
    ]);
  return facts;
}
