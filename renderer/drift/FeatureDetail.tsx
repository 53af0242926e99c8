import { Fragment, useMemo } from 'react';
import type { FeatureDrift } from '../../shared/types/drift';
import { Chart } from '../charts/index';
import { formatCount, Section } from '../ui/index';
import { overlayOption } from './charts';
import { EFFECT_LABEL, num, pct, TEST_LABEL } from './format';

/** One feature: reference and current on the same bins, every metric, and its findings. */
export function FeatureDetail({ feature: f }: { feature: FeatureDrift }) {
  const option = useMemo(() => (f.histogram ? overlayOption(f.histogram) : null), [f]);
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
      `${formatCount(f.values.reference)} / ${formatCount(f.values.current)} of ${formatCount(f.rows.reference)} / ${formatCount(f.rows.current)} rows`,
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
  return (
    <Section title={`${f.name}: reference vs current`} id="drift-feature-detail">
      <div className="grid-2 drift-detail">
        <div data-testid="feature-histogram">
          {option ? (
            <Chart
              option={option}
              ariaLabel={`Distribution of ${f.name}, reference and current on the same bins`}
              height={300}
            />
          ) : (
            <p className="muted">No values to draw.</p>
          )}
        </div>
        <div>
          <dl className="facts">
            {facts.map(([k, v]) => (
              <Fragment key={k}>
                <dt>{k}</dt>
                <dd className="mono">{v}</dd>
              </Fragment>
            ))}
          </dl>
          {f.findings.length > 0 && (
            <ul className="drift-findings">
              {f.findings.map((x) => (
                <li key={x}>{x}</li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </Section>
  );
}
