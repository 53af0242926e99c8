import { useEffect, useMemo, useState } from 'react';
import type { BenchComparisonResult, BenchRun } from '../../shared/types/bench';
import { client } from '../api/client';
import { useCall } from '../api/hooks';
import { Chart } from '../charts/index';
import { href } from '../router/index';
import { ReportActions } from '../reports/ReportActions';
import { ErrorBox, Loading, Page, Section, shortHash } from '../ui/index';
import { cdfOption } from '../../shared/bench-view/charts';
import { ComparisonTable, NotComparable } from './ComparisonTable';
import { differentModels, usePointModel, type PointModel } from './pointModel';
import { AssumedInputs } from './RunInputs';

/** `#/bench/compare/<runA>/<runB>`: pick a point on each side, see deltas with CIs and the verdict. */
export function CompareView({ runA, runB }: { runA: number; runB: number }) {
  const a = useCall('bench/show', { runId: runA });
  const b = useCall('bench/show', { runId: runB });
  const [pa, setPa] = useState(0);
  const [pb, setPb] = useState(0);
  const [result, setResult] = useState<{ data?: BenchComparisonResult; error?: unknown; lat?: [number[], number[]] }>(
    {},
  );
  const modelA = usePointModel(a.data, pa);
  const modelB = usePointModel(b.data, pb);
  const different = modelA && modelB && differentModels(modelA, modelB);

  useEffect(() => {
    let live = true;
    setResult({});
    Promise.all([
      client.call('bench/compare', { a: { runId: runA, point: pa }, b: { runId: runB, point: pb } }),
      client.call('bench/latencies', { runId: runA, point: pa, maxSamples: 50_000 }),
      client.call('bench/latencies', { runId: runB, point: pb, maxSamples: 50_000 }),
    ]).then(
      ([data, la, lb]) => live && setResult({ data, lat: [la.latenciesMs, lb.latenciesMs] }),
      (error: unknown) => live && setResult({ error }),
    );
    return () => {
      live = false;
    };
  }, [runA, runB, pa, pb]);

  const cdf = useMemo(() => {
    if (!result.data || !result.lat) return null;
    const pointA = a.data?.results[pa];
    const pointB = b.data?.results[pb];
    if (!pointA || !pointB) return null;
    return cdfOption([
      { point: { ...pointA, label: `A: run ${runA} ${pointA.label}` }, latencies: result.lat[0] },
      { point: { ...pointB, label: `B: run ${runB} ${pointB.label}` }, latencies: result.lat[1] },
    ]);
  }, [result, a.data, b.data, pa, pb, runA, runB]);

  const picker = (label: string, run: typeof a, value: number, set: (n: number) => void) => (
    <label>
      {label}{' '}
      <select value={value} onChange={(e) => set(Number(e.target.value))} disabled={!run.data}>
        {run.data?.results.map((p) => (
          <option key={p.index} value={p.index} disabled={!p.latencyMs}>
            {p.label}
            {p.latencyMs ? '' : ' (failed)'}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <Page
      title={`Compare runs ${runA} and ${runB}`}
      subtitle={<a href={href('bench')}>← Benchmarks</a>}
      actions={
        result.data ? (
          <ReportActions
            method="reports/bench-compare"
            args={{ a: { runId: runA, point: pa }, b: { runId: runB, point: pb } }}
            what="comparison"
          />
        ) : undefined
      }
    >
      {result.data && !result.data.comparable && <NotComparable reasons={result.data.reasons} />}
      {result.data && (
        <AssumedInputs
          texts={[result.data.a, result.data.b].flatMap((s, i) =>
            s.inputsAssumed ? [`${i === 0 ? 'A' : 'B'}: ${s.inputsAssumed}`] : [],
          )}
        />
      )}
      <Section title="Points" id="bench-compare-points">
        <div className="bench-fields">
          {picker(`A (run ${runA})`, a, pa, setPa)}
          {picker(`B (run ${runB})`, b, pb, setPb)}
        </div>
        <dl className="facts bench-sides">
          <Side side="A" runId={runA} run={a.data} point={pa} model={modelA} />
          <Side side="B" runId={runB} run={b.data} point={pb} model={modelB} />
        </dl>
      </Section>
      <Section title="Comparison" id="bench-compare">
        {result.error ? <ErrorBox title="These points cannot be compared" error={result.error} /> : null}
        {!result.data && !result.error && <Loading what="the comparison (bootstrap)" />}
        {result.data && (
          <ComparisonTable
            comparison={result.data.comparison}
            banner={false}
            warning={
              different
                ? `A and B are different models (${modelA.ref} and ${modelB.ref}): the difference includes the model, not only the settings.`
                : undefined
            }
          />
        )}
        {cdf && <Chart option={cdf} ariaLabel="Cumulative latency distributions of A and B" height={300} />}
      </Section>
    </Page>
  );
}

/** What one side measured: the model by name@version and hash, and the point's EP, batch and concurrency. */
function Side({
  side,
  runId,
  run,
  point,
  model,
}: {
  side: 'A' | 'B';
  runId: number;
  run: BenchRun | undefined;
  point: number;
  model: PointModel | null;
}) {
  const p = run?.results[point];
  return (
    <>
      <dt>{side}</dt>
      <dd data-testid={`bench-compare-side-${side.toLowerCase()}`}>
        {!run || !model || !p ? (
          '…'
        ) : (
          <>
            run {runId} · <a href={href('models', model.ref)}>{model.ref}</a>{' '}
            <span className="mono muted" title={model.sha256 ?? undefined}>
              {model.sha256 ? `sha256:${shortHash(model.sha256)}` : 'sha256 unknown'}
            </span>{' '}
            · {p.ep}, batch {p.batchSize}, concurrency {p.concurrency}
          </>
        )}
      </dd>
      <dt>{side} inputs</dt>
      <dd className="mono bench-side-inputs" data-testid={`bench-compare-inputs-${side.toLowerCase()}`}>
        {p ? p.inputs.map((i) => `${i.name} ${i.dtype}[${i.shape.join(',')}] ${i.source}`).join('; ') || '—' : '…'}
      </dd>
    </>
  );
}
