import { useEffect, useMemo, useState } from 'react';
import type { BenchPointResult, BenchRun } from '../../shared/types/bench';
import { client } from '../api/client';
import { useCall } from '../api/hooks';
import { Chart } from '../charts/index';
import { href, navigate } from '../router/index';
import { ErrorBox, formatBytes, formatDate, Loading, Page, Section, Table, type Column } from '../ui/index';
import {
  cdfOption,
  described,
  histogramOption,
  latencyVsBatchOption,
  percentilesLabel,
  percentilesOption,
  samplingNote,
  throughputVsConcurrencyOption,
  timelineLabel,
  timelineOption,
  type PointSeries,
} from '../../shared/bench-view/charts';
import { RemoveAction } from '../reports/RemoveAction';
import { ReportActions } from '../reports/ReportActions';
import { ComparisonTable } from './ComparisonTable';
import { PointError } from './ProviderReason';
import { AssumedInputs, RunInputs } from './RunInputs';
import { ModelFacts, SettingsFacts } from './RunFacts';
import { summarizePointError, summarizeProviderError } from '../../shared/bench/provider-summary';

const f = (v: number | null | undefined, digits = 3) =>
  v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toPrecision(digits);

const COLUMNS: Column<BenchPointResult>[] = [
  { key: 'label', header: 'Point', mono: true, render: (p) => <span className="bench-label">{p.label}</span> },
  { key: 'n', header: 'N', align: 'right', render: (p) => p.iterations || '—' },
  { key: 'cold', header: 'Session ms', align: 'right', mono: true, render: (p) => f(p.sessionCreateMs) },
  { key: 'first', header: 'First run ms', align: 'right', mono: true, render: (p) => f(p.firstRunMs) },
  ...(['mean', 'std', 'min', 'p50', 'p90', 'p95', 'p99', 'p999', 'max'] as const).map((k) => ({
    key: k,
    header: k === 'p999' ? 'p99.9' : k,
    align: 'right' as const,
    mono: true,
    render: (p: BenchPointResult) => f(p.latencyMs?.[k]),
  })),
  {
    key: 'ips',
    header: 'Inf/s',
    align: 'right',
    mono: true,
    render: (p) => (p.throughput ? p.throughput.inferencesPerSec.toFixed(0) : '—'),
  },
  {
    key: 'items',
    header: 'Items/s',
    align: 'right',
    mono: true,
    render: (p) => (p.throughput ? p.throughput.itemsPerSec.toFixed(0) : '—'),
  },
  {
    key: 'rss',
    header: 'Peak RSS',
    align: 'right',
    render: (p) => (p.peakRssBytes ? formatBytes(p.peakRssBytes) : '—'),
  },
];

/** `#/bench/<runId>`: every number of a stored run, its charts, environment and SLO verdict. */
export function RunView({ runId }: { runId: number }) {
  const run = useCall('bench/show', { runId });
  return (
    <Page
      title={`Benchmark run ${runId}`}
      subtitle={<a href={href('bench')}>← Benchmarks</a>}
      actions={
        run.data ? (
          <>
            <ReportActions method="reports/bench" args={{ runId }} what="benchmark run" />
            <RemoveAction
              method="bench/remove"
              args={{ runId }}
              label="Remove run…"
              onRemoved={() => navigate('bench')}
            />
          </>
        ) : undefined
      }
    >
      {run.error ? <ErrorBox title="The run could not be read" error={run.error} onRetry={run.reload} /> : null}
      {run.loading && !run.data && <Loading what="the run" />}
      {run.data && <RunBody run={run.data} />}
    </Page>
  );
}

function RunBody({ run }: { run: BenchRun }) {
  const { series, error: latencyError, loaded } = useLatencies(run);
  const [selected, setSelected] = useState(0);
  const ok = run.results.filter((r) => r.latencyMs);
  const chosenIndex = ok[selected]?.index ?? -1;
  const chosen = useMemo(() => series.filter((s) => s.point.index === chosenIndex), [series, chosenIndex]);
  const sampling = chosen[0] ? ` (${samplingNote(chosen[0])})` : '';
  const histLabel = `Latency histogram of ${ok[selected]?.label}${sampling}`;
  const timeLabel = chosen[0]
    ? timelineLabel(chosen[0])
    : `Latency of each iteration over time for ${ok[selected]?.label}`;
  const options = useMemo(
    () => ({
      cdf: cdfOption(series),
      hist: described(histogramOption(chosen), histLabel),
      bars: described(percentilesOption(run.results), percentilesLabel(run.results)),
      batch: latencyVsBatchOption(run.results),
      conc: throughputVsConcurrencyOption(run.results),
      time: described(timelineOption(chosen), timeLabel),
    }),
    [series, chosen, run.results, timeLabel, histLabel],
  );
  const env = run.environment;
  const assumed = [...new Set(run.results.flatMap((r) => (r.inputsAssumed ? [r.inputsAssumed] : [])))];
  return (
    <>
      <AssumedInputs texts={assumed} />
      <Section title="Summary" id="bench-summary">
        <dl className="facts">
          <ModelFacts run={run} />
          <dt>Started</dt>
          <dd>{formatDate(run.startedAt)}</dd>
          <dt>Providers</dt>
          <dd>
            {run.providers.map((p) => (
              <span
                key={p.name}
                className={`badge ${p.available ? 'badge-ok' : 'badge-muted'}`}
                title={p.available ? 'available' : (p.summary ?? summarizeProviderError(p.name, p.reason))}
              >
                {p.name}
                {p.available ? '' : ' unavailable'}
              </span>
            ))}
          </dd>
          <SettingsFacts run={run} />
          <dt>Environment</dt>
          <dd>
            {env.os} {env.arch}, {env.cpuModel} × {env.cores}, {formatBytes(env.memoryBytes)}, Node {env.nodeVersion},
            onnxruntime {env.ortVersion}
            {env.gpuAdapter ? `, GPU ${env.gpuAdapter}` : ''}
          </dd>
          {run.sloVerdict && (
            <>
              <dt>SLO</dt>
              <dd data-testid="bench-slo">
                {run.sloVerdict.passed ? (
                  <span className="badge badge-ok">met</span>
                ) : (
                  <span className="badge badge-bad">breached</span>
                )}{' '}
                {run.slo.map((s) => s.text).join(', ')}
                {run.sloVerdict.checks
                  .filter((c) => !c.passed)
                  .map((c) => ` · ${c.slo} on ${c.ep} b${c.batchSize} c${c.concurrency}: ${f(c.valueMs)} ms`)
                  .join('')}
              </dd>
            </>
          )}
        </dl>
        {run.warnings
          .filter((w) => !assumed.some((a) => w.endsWith(a)))
          .map((w) => (
            <p key={w} className="muted">
              {w}
            </p>
          ))}
      </Section>
      <Section title="Inputs" id="bench-inputs">
        <RunInputs points={run.results} />
      </Section>
      <Section title="Results (latency in ms)" id="bench-results">
        <Table caption="Results per point" columns={COLUMNS} rows={run.results} rowKey={(p) => String(p.index)} />
        <p className="muted">Percentiles: {run.results[0]?.percentileMethod}.</p>
        <PointNotes points={run.results} skip={new Set(assumed)} />
      </Section>
      {run.comparison && (
        <Section title="A/B comparison (B against A)" id="bench-ab">
          {/* The sample-size notes of A and B are the points' own, listed once under the results. */}
          <ComparisonTable comparison={run.comparison} showWarnings={false} />
        </Section>
      )}
      {ok.length > 0 && (
        <Section title="Charts" id="bench-charts">
          {latencyError ? <ErrorBox title="The raw latencies could not be read" error={latencyError} /> : null}
          {!loaded && <Loading what="raw latencies" />}
          {loaded && <span data-testid="bench-charts-ready" hidden />}
          {series.some((s) => s.stride > 1) && (
            <p className="muted">
              Charts of long runs use every k-th sample (an even stride over all of them); the table's numbers use all.
            </p>
          )}
          <div className="bench-charts">
            <figure>
              <figcaption>Latency distribution (CDF), every point</figcaption>
              <Chart option={options.cdf} ariaLabel="Cumulative latency distribution per point" height={280} />
            </figure>
            <figure>
              <figcaption>Percentiles per point (log scale)</figcaption>
              <Chart option={options.bars} ariaLabel={percentilesLabel(run.results)} height={280} />
            </figure>
            {sweeps(run, 'batchSize') && (
              <figure>
                <figcaption>Latency vs batch size</figcaption>
                <Chart option={options.batch} ariaLabel="p50 and p99 latency against batch size" height={260} />
              </figure>
            )}
            {sweeps(run, 'concurrency') && (
              <figure>
                <figcaption>Throughput vs concurrency (latency–throughput curve)</figcaption>
                <Chart
                  option={options.conc}
                  ariaLabel="p99 latency against throughput, one mark per concurrency level"
                  height={260}
                />
              </figure>
            )}
          </div>
          <label className="bench-point-pick">
            Point{' '}
            <select value={selected} onChange={(e) => setSelected(Number(e.target.value))}>
              {ok.map((p, i) => (
                <option key={p.index} value={i}>
                  {p.label}
                </option>
              ))}
            </select>
          </label>
          <div className="bench-charts">
            <figure>
              <figcaption>
                Histogram of {ok[selected]?.label}
                {sampling}
              </figcaption>
              <Chart option={options.hist} ariaLabel={histLabel} height={260} />
            </figure>
            <figure>
              <figcaption>
                Per-iteration latency of {ok[selected]?.label}
                {sampling}
              </figcaption>
              <Chart option={options.time} ariaLabel={timeLabel} height={260} />
            </figure>
          </div>
        </Section>
      )}
    </>
  );
}

/** A curve over batch size or concurrency only means something when the sweep varied it. */
function sweeps(run: BenchRun, key: 'batchSize' | 'concurrency'): boolean {
  return run.kind === 'sweep' && new Set(run.results.filter((r) => r.latencyMs).map((r) => r[key])).size > 1;
}

/** Errors per point (one line, the full message a click away) and each warning once, with the points it applies to. */
function PointNotes({ points, skip }: { points: BenchPointResult[]; skip: Set<string> }) {
  const errors = points.filter((p) => p.error);
  const warnings = new Map<string, string[]>();
  for (const p of points)
    for (const w of p.warnings) if (!skip.has(w)) warnings.set(w, [...(warnings.get(w) ?? []), p.label.split(':')[0]]);
  if (errors.length === 0 && warnings.size === 0) return null;
  return (
    <ul className="bench-notes">
      {errors.map((p) => (
        <li key={`e${p.index}`} className="bench-note-error">
          <span className="mono">{p.label}</span>: error:{' '}
          <PointError summary={p.errorSummary ?? summarizePointError(p.ep, p.error!)} error={p.error!} />
        </li>
      ))}
      {[...warnings].map(([w, labels]) => (
        <li key={w} className="muted">
          <span className="mono">
            {labels.length === points.length && points.length > 1 ? 'all points' : labels.join(', ')}
          </span>
          : {w}
        </li>
      ))}
    </ul>
  );
}

/** Enough for smooth curves; a long duration run can hold millions of iterations. */
const MAX_CHART_SAMPLES = 50_000;

/** Raw latencies of every successful point (stored compactly; decoded and thinned by the core). */
function useLatencies(run: BenchRun): {
  series: (PointSeries & { stride: number; total: number })[];
  error: unknown;
  loaded: boolean;
} {
  const [state, setState] = useState<{
    series: (PointSeries & { stride: number; total: number })[];
    error: unknown;
    loaded: boolean;
  }>({ series: [], error: null, loaded: false });
  useEffect(() => {
    let live = true;
    const ok = run.results.filter((r) => r.latencyMs);
    Promise.all(
      ok.map((point) =>
        client
          .call('bench/latencies', { runId: run.runId, point: point.index, maxSamples: MAX_CHART_SAMPLES })
          .then((r) => ({ point, latencies: r.latenciesMs, stride: r.stride, total: r.total })),
      ),
    ).then(
      (series) => live && setState({ series, error: null, loaded: true }),
      (error: unknown) => live && setState({ series: [], error, loaded: true }),
    );
    return () => {
      live = false;
    };
  }, [run]);
  return state;
}
