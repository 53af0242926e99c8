import { useEffect, useMemo, useState } from 'react';
import { PreflightError } from '../../shared/contract/errors';
import type { DriftReport } from '../../shared/types/drift';
import { formatTimings } from '../../shared/format/timings';
import { useCall } from '../api/hooks';
import { Chart } from '../charts/index';
import { href, navigate } from '../router/index';
import { RemoveAction } from '../reports/RemoveAction';
import { ReportActions } from '../reports/ReportActions';
import { ErrorBox, formatCount, formatDate, Loading, Page, Section } from '../ui/index';
import { windowShareOption } from './charts';
import { HeatmapGrid } from './HeatmapGrid';
import { FeatureDetail } from './FeatureDetail';
import { FeatureTable } from './FeatureTable';
import { pct } from './format';

export function ReportView({ id }: { id: number }) {
  const { data: report, error, loading, reload } = useCall('drift/show', { id });
  const back = <a href={href('drift')}>← Drift</a>;
  if (error) {
    // A report that does not exist is not "something went wrong": say which, and offer the way back.
    const missing = error instanceof PreflightError && error.code === 'NOT_FOUND';
    return (
      <Page title={`Drift report #${id}`} subtitle={back}>
        <ErrorBox
          title={missing ? `Drift report #${id} does not exist` : `Drift report #${id} could not be shown`}
          error={error}
          onRetry={missing ? undefined : reload}
        />
      </Page>
    );
  }
  if (loading || !report)
    return (
      <Page title={`Drift report #${id}`} subtitle={back}>
        <Loading what="drift report" />
      </Page>
    );
  return <Report report={report} />;
}

function Report({ report: r }: { report: DriftReport }) {
  return (
    <Page
      title={`Drift report #${r.id}`}
      actions={
        <>
          <ReportActions method="reports/drift" args={{ id: r.id }} what="drift report" />
          <RemoveAction
            method="drift/remove"
            args={{ id: r.id }}
            label="Remove report…"
            onRemoved={() => navigate('drift')}
          />
        </>
      }
      subtitle={
        <>
          <a href={href('drift')}>← Drift</a> · {r.reference.name} ({formatCount(r.reference.rows)} rows
          {r.mode === 'profile' ? ', stored profile' : ''}) → {r.current.name} ({formatCount(r.current.rows)} rows) ·{' '}
          <time dateTime={r.createdAt}>{formatDate(r.createdAt)}</time>
        </>
      }
    >
      <DriftReportSections report={r} />
    </Page>
  );
}

/**
 * The body of a drift report — summary, per-feature table and detail, time windows, predictions — for
 * any screen that holds a DriftReport (the drift report page, a bundle's Validate a batch).
 */
export function DriftReportSections({
  report: r,
  summaryTitle = 'Summary',
}: {
  report: DriftReport;
  summaryTitle?: string;
}) {
  const firstDrifted = r.features.find((f) => f.drifted) ?? r.features.find((f) => f.tested) ?? r.features[0];
  const [selected, setSelected] = useState<string | null>(firstDrifted?.name ?? null);
  useEffect(() => setSelected(firstDrifted?.name ?? null), [r.id]); // eslint-disable-line react-hooks/exhaustive-deps
  const feature = r.features.find((f) => f.name === selected) ?? null;
  const d = r.dataset;
  const share = useMemo(() => (r.windows ? windowShareOption(r.windows, d.threshold) : null), [r, d.threshold]);
  const s = r.schema;
  return (
    <>
      <Section title={summaryTitle} id="drift-summary">
        <div className="drift-summary" data-testid="drift-summary">
          {d.total === 0 ? (
            // Nothing compared is not "no drift": say so, and point at the reason (schema, findings).
            <div className="drift-verdict drift-verdict-bad">
              <strong>Dataset drift not assessed</strong>
              <span>no feature could be compared: see the schema differences and the features’ findings</span>
            </div>
          ) : (
            <div className={d.detected ? 'drift-verdict drift-verdict-bad' : 'drift-verdict drift-verdict-ok'}>
              <strong>{d.detected ? 'Dataset drift detected' : 'No dataset drift'}</strong>
              <span>
                {d.drifted} of {d.total} features drifted ({pct(d.share, 0)}; threshold {pct(d.threshold, 0)})
              </span>
            </div>
          )}
          <dl className="facts">
            <dt>Schema</dt>
            <dd>
              {s.missingInCurrent.length + s.newInCurrent.length + s.typeChanged.length === 0
                ? 'same columns and types'
                : [
                    s.missingInCurrent.length ? `missing in current: ${s.missingInCurrent.join(', ')}` : null,
                    s.newInCurrent.length ? `new in current: ${s.newInCurrent.join(', ')}` : null,
                    s.typeChanged.length
                      ? `type changed: ${s.typeChanged.map((t) => `${t.name} (${t.reference} → ${t.current})`).join(', ')}`
                      : null,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
            </dd>
            <dt>Timing</dt>
            <dd className="mono">{formatTimings(r.timings)}</dd>
          </dl>
          {r.findings.length > 0 && (
            <ul className="drift-findings">
              {r.findings.map((x) => (
                <li key={x}>{x}</li>
              ))}
            </ul>
          )}
        </div>
      </Section>
      <Section title={`Features (${r.features.length})`} id="drift-features">
        <FeatureTable features={r.features} selected={selected} onSelect={setSelected} caption="Drift per feature" />
      </Section>
      {feature && <FeatureDetail feature={feature} />}
      {r.windows && share && (
        <Section
          title={`Over time: ${r.windows.features.length} features × ${r.windows.windows.length} ${r.windows.unit}s of ${r.windows.column}`}
          id="drift-windows"
        >
          <HeatmapGrid windows={r.windows} features={r.features} />
          <Chart option={share} ariaLabel="Share of drifted features per time window" height={200} />
          <p className="muted">
            First drifted window:{' '}
            {Object.entries(r.windows.firstDrift)
              .map(([k, v]) => `${k} ${v ?? '—'}`)
              .join(' · ')}
            {r.windows.skippedRows ? ` · ${r.windows.skippedRows} rows without a readable time` : ''}
          </p>
        </Section>
      )}
      {r.predictions && (
        <Section title={`Predictions of ${r.predictions.model}`} id="drift-predictions">
          <p>
            {r.predictions.dataset.drifted} of {r.predictions.dataset.total} output signals drifted · mapping{' '}
            {r.predictions.mapping.how}:{' '}
            {r.predictions.mapping.inputs.map((m) => `${m.input} ← ${m.columns.join(', ')}`).join('; ')} · scored{' '}
            {formatCount(r.predictions.rows.reference)} / {formatCount(r.predictions.rows.current)} rows (skipped{' '}
            {r.predictions.skipped.reference} / {r.predictions.skipped.current} with missing inputs)
          </p>
          <PredictionOutputs outputs={r.predictions.outputs} />
        </Section>
      )}
    </>
  );
}

function PredictionOutputs({ outputs }: { outputs: DriftReport['features'] }) {
  const [selected, setSelected] = useState<string | null>(outputs[0]?.name ?? null);
  const f = outputs.find((o) => o.name === selected);
  return (
    <>
      <FeatureTable features={outputs} selected={selected} onSelect={setSelected} caption="Drift per model output" />
      {f && <FeatureDetail feature={f} />}
    </>
  );
}
