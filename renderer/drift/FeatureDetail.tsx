import { Fragment, useMemo } from 'react';
import { featureFacts } from '../../shared/drift-view/facts';
import type { FeatureDrift } from '../../shared/types/drift';
import { Chart } from '../charts/index';
import { Section } from '../ui/index';
import { overlayOption } from './charts';

/** One feature: reference and current on the same bins, every metric, and its findings. */
export function FeatureDetail({ feature: f }: { feature: FeatureDrift }) {
  const option = useMemo(() => (f.histogram ? overlayOption(f.histogram) : null), [f]);
  const facts = featureFacts(f);
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
