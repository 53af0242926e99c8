// A stored benchmark run, or the comparison of two points, as a hand-over HTML file: the model, the
// machine it ran on, every setting, every input fed, every number of the results table, the SLO
// verdict and the charts of the screen drawn as inline SVG.
import {
  cdfOption,
  latencyVsBatchOption,
  percentilesOption,
  throughputVsConcurrencyOption,
} from '../../../shared/bench-view/charts';
import type { RunComparison } from '../../../shared/math/latency/index';
import type { BenchComparisonResult, BenchInput, BenchPointResult, BenchRun } from '../../../shared/types/bench';
import type { CoreContext } from '../context';
import type { JobContext } from '../jobs/manager';
import { bytes, count, ms3 } from './format';
import { esc, figure, list, page, table, type ReportSection } from './html';
import { isoLocal, producedFacts } from './provenance';
import { chartRenderer, type Svg } from './svg';

const spinning = (v: boolean | null) => (v === null ? 'default' : v ? 'on' : 'off');

export async function benchReportHtml(core: CoreContext, runId: number, job: JobContext): Promise<string> {
  const run = await core.invoke('bench/show', { runId }, job);
  const svg = await chartRenderer();
  const ok = run.results.filter((p) => p.latencyMs);
  const series = await Promise.all(
    ok.map(async (point) => ({
      point,
      latencies: (await core.invoke('bench/latencies', { runId, point: point.index, maxSamples: 20_000 }, job))
        .latenciesMs,
    })),
  );
  const env = run.environment;
  const s = run.settings;
  const facts: [string, string][] = [
    [
      'Model',
      `${esc(run.model.name)}@${esc(run.model.version)} — sha256 <span class="mono">${esc(run.model.sha256)}</span>`,
    ],
    [
      'Datasets',
      s.data
        ? `${esc(s.data.dataset)}${await datasetRows(core, s.data.dataset, job)}`
        : 'none (synthetic inputs, seeded)',
    ],
    [
      'Run',
      `#${run.runId} (${esc(run.kind === 'ab' ? 'A/B' : 'sweep')}), ${esc(isoLocal(new Date(run.startedAt)))} → ${esc(isoLocal(new Date(run.finishedAt)))}`,
    ],
    [
      'Measured on',
      esc(
        `${env.os} ${env.arch}, ${env.cpuModel} × ${env.cores}, ${bytes(env.memoryBytes)}, Node ${env.nodeVersion}, onnxruntime ${env.ortVersion}${env.gpuAdapter ? `, GPU ${env.gpuAdapter}` : ''}`,
      ),
    ],
    ...producedFacts(core, env.ortVersion),
  ];
  const assumed = [...new Set(run.results.flatMap((r) => (r.inputsAssumed ? [r.inputsAssumed] : [])))];
  const summary = `${assumed.map((t) => `<div class="verdict warn">${esc(t)}</div>`).join('')}<dl class="facts">
<dt>Providers</dt><dd>${esc(run.providers.map((p) => `${p.name}${p.available ? '' : ` unavailable (${p.summary ?? p.reason ?? ''})`}`).join(' · '))}</dd>
<dt>Settings</dt><dd class="mono">${esc(settingsLine(run))}</dd>
<dt>Sweep</dt><dd class="mono">EPs ${esc(s.eps.join(', '))} · batch ${esc(s.batchSizes.join(', '))} · concurrency ${esc(s.concurrency.join(', '))}</dd>
${run.sloVerdict ? `<dt>SLO</dt><dd>${run.sloVerdict.passed ? '<strong style="color:#0d652d">met</strong>' : '<strong style="color:#a50e0e">breached</strong>'} ${esc(run.slo.map((x) => x.text).join(', '))}</dd>` : ''}
</dl>${
    run.sloVerdict
      ? table(
          ['SLO', 'Point', 'Value ms', 'Result'],
          run.sloVerdict.checks.map((c) => [
            esc(c.slo),
            esc(`${c.ep} b${c.batchSize} c${c.concurrency}`),
            `<span class="mono">${ms3(c.valueMs)}</span>`,
            c.passed ? 'met' : `<strong>breached</strong>${c.reason ? ` — ${esc(c.reason)}` : ''}`,
          ]),
          [2],
        )
      : ''
  }${list(run.warnings.filter((w) => !assumed.some((a) => w.endsWith(a))))}`;
  const sections: ReportSection[] = [
    { title: 'Summary', body: summary },
    { title: 'Inputs', body: inputsTable(run.results) },
    {
      title: 'Results (latency in ms)',
      body: `${resultsTable(run.results)}<p class="muted">Percentiles: ${esc(run.results[0]?.percentileMethod ?? '')}.</p>${pointNotes(run.results)}`,
    },
  ];
  if (run.comparison) sections.push({ title: 'A/B comparison (B against A)', body: comparisonBody(run.comparison) });
  if (ok.length) sections.push({ title: 'Charts', body: charts(run, series, svg) });
  return page(`Benchmark run ${run.runId}: ${run.model.name}@${run.model.version}`, facts, sections);
}

export async function benchCompareHtml(
  core: CoreContext,
  a: { runId: number; point?: number },
  b: { runId: number; point?: number },
  job: JobContext,
): Promise<string> {
  const result: BenchComparisonResult = await core.invoke('bench/compare', { a, b }, job);
  const [ra, rb] = await Promise.all([
    core.invoke('bench/show', { runId: a.runId }, job),
    core.invoke('bench/show', { runId: b.runId }, job),
  ]);
  const side = (x: BenchComparisonResult['a'], r: BenchRun) =>
    `run #${x.runId} point ${x.point} (${esc(x.label)}) — ${esc(x.model)}, sha256 <span class="mono">${esc(x.sha256)}</span>; measured on ${esc(`${r.environment.cpuModel} × ${r.environment.cores}, ${r.environment.os}, onnxruntime ${r.environment.ortVersion}`)}, ${esc(isoLocal(new Date(r.startedAt)))}`;
  const facts: [string, string][] = [
    ['A', side(result.a, ra)],
    ['B', side(result.b, rb)],
    ['Datasets', esc([ra, rb].map((r) => r.settings.data?.dataset ?? 'synthetic inputs').join(' / '))],
    ...producedFacts(core, ra.environment.ortVersion),
  ];
  const notComparable = result.comparable
    ? ''
    : `<div class="verdict warn">Not comparable — A and B did not measure the same work, so there is no significance verdict for this pair (the numbers below are for reading only):${list(result.reasons)}</div>`;
  const pa = ra.results.find((p) => p.index === result.a.point);
  const pb = rb.results.find((p) => p.index === result.b.point);
  const sections: ReportSection[] = [
    {
      title: 'Verdict',
      body: `${notComparable}${comparisonBody({ ...result.comparison, comparable: result.comparable })}`,
    },
    {
      title: 'The two points',
      body: resultsTable(
        [pa, pb]
          .filter((p): p is BenchPointResult => !!p)
          .map((p, i) => ({ ...p, label: `${i ? 'B' : 'A'}: ${p.label}` })),
      ),
    },
    {
      title: 'Inputs of A and B',
      body: `<h3>A</h3>${inputRows(result.a.inputs)}<h3>B</h3>${inputRows(result.b.inputs)}`,
    },
  ];
  const la = await core.invoke('bench/latencies', { runId: a.runId, point: result.a.point, maxSamples: 20_000 }, job);
  const lb = await core.invoke('bench/latencies', { runId: b.runId, point: result.b.point, maxSamples: 20_000 }, job);
  const svg = await chartRenderer();
  sections.push({
    title: 'Latency distributions',
    body: figure(
      'Latency distribution (CDF) of A and B',
      svg(
        forPrint(
          cdfOption([
            { point: { label: `A: ${result.a.label}` }, latencies: la.latenciesMs },
            { point: { label: `B: ${result.b.label}` }, latencies: lb.latenciesMs },
          ]),
        ),
        1000,
        320,
      ),
    ),
  });
  return page(
    `Benchmark comparison: run ${result.a.runId}:${result.a.point} vs ${result.b.runId}:${result.b.point}`,
    facts,
    sections,
  );
}

async function datasetRows(core: CoreContext, name: string, job: JobContext): Promise<string> {
  const d = await core.invoke('datasets/show', { ref: name }, job).catch(() => null);
  return d ? ` — ${count(d.rows)} rows, ${d.columns} columns` : ' (no longer in the workspace)';
}

function settingsLine(run: BenchRun): string {
  const s = run.settings;
  if (run.kind === 'ab')
    return `warm-up ${s.warmup}, ${s.iterations ?? '—'} iterations per arm (interleaved), batch ${s.batchSizes.join(',')}, seed ${s.seed}`;
  return `warm-up ${s.warmup}, ${s.durationSec ? `${s.durationSec} s` : `${s.iterations ?? '—'} iterations`}${s.stability ? `, until stable (±${s.stability.tolerance * 100}%)` : ''}, intra-op ${s.intraOpThreads ?? 'default'}, inter-op ${s.interOpThreads ?? 'default'}, spinning ${spinning(s.allowSpinning)}, optimisation ${s.graphOptimizationLevel}, seed ${s.seed}`;
}

function resultsTable(points: BenchPointResult[]): string {
  const keys = ['mean', 'std', 'min', 'p50', 'p90', 'p95', 'p99', 'p999', 'max'] as const;
  return table(
    [
      'Point',
      'N',
      'Session ms',
      'First run ms',
      ...keys.map((k) => (k === 'p999' ? 'p99.9' : k)),
      'Inf/s',
      'Items/s',
      'Peak RSS',
    ],
    points.map((p) => [
      `<span class="mono">${esc(p.label)}</span>`,
      String(p.iterations || '—'),
      ms3(p.sessionCreateMs),
      ms3(p.firstRunMs),
      ...keys.map((k) => `<span class="mono">${ms3(p.latencyMs?.[k])}</span>`),
      p.throughput ? p.throughput.inferencesPerSec.toFixed(0) : '—',
      p.throughput ? p.throughput.itemsPerSec.toFixed(0) : '—',
      p.peakRssBytes ? bytes(p.peakRssBytes) : '—',
    ]),
    Array.from({ length: 15 }, (_, i) => i + 1),
  );
}

function pointNotes(points: BenchPointResult[]): string {
  const notes = points.filter((p) => p.error).map((p) => `${p.label}: error: ${p.errorSummary ?? p.error}`);
  const warnings = new Map<string, string[]>();
  for (const p of points)
    for (const w of p.warnings)
      if (!p.inputsAssumed || w !== p.inputsAssumed)
        warnings.set(w, [...(warnings.get(w) ?? []), p.label.split(':')[0]]);
  for (const [w, labels] of warnings)
    notes.push(`${labels.length === points.length && points.length > 1 ? 'all points' : labels.join(', ')}: ${w}`);
  return list(notes);
}

function inputRows(inputs: BenchInput[]): string {
  return table(
    ['Input', 'Type', 'Shape fed', 'Model shape', 'Values', 'Assumed'],
    inputs.map((i) => [
      `<span class="mono">${esc(i.name)}</span>`,
      esc(i.dtype),
      `<span class="mono">${esc(i.shape.length ? i.shape.join('×') : 'scalar')}</span>`,
      `<span class="mono">${esc(i.declared)}</span>`,
      esc(i.source),
      esc(i.assumed.join('; ') || '—'),
    ]),
  );
}

function inputsTable(points: BenchPointResult[]): string {
  const groups = new Map<string, { labels: string[]; inputs: BenchInput[] }>();
  for (const p of points) {
    const key = JSON.stringify(p.inputs.map((i) => [i.name, i.dtype, i.shape, i.source]));
    const g = groups.get(key) ?? { labels: [], inputs: p.inputs };
    g.labels.push(p.label);
    groups.set(key, g);
  }
  if (groups.size <= 1) return inputRows(points[0]?.inputs ?? []);
  return [...groups.values()].map((g) => `<h3>${esc(g.labels.join(', '))}</h3>${inputRows(g.inputs)}`).join('');
}

function comparisonBody(c: RunComparison): string {
  const n = (v: number) => (Number.isFinite(v) ? v.toFixed(4) : '—');
  const comparable = c.comparable !== false;
  const p = c.mannWhitney.pValue;
  return `<p><strong>${esc(c.verdict)}</strong></p>${table(
    ['Percentile', 'A ms', 'B ms', 'B − A ms', 'Bootstrap CI', 'Significant'],
    c.percentiles.map((x) => [
      esc(x.label),
      n(x.a),
      n(x.b),
      (x.diff > 0 ? '+' : '') + n(x.diff),
      `[${n(x.low)}, ${n(x.high)}]`,
      !comparable ? 'n/a' : x.significant ? 'yes' : 'no',
    ]),
    [1, 2, 3, 4],
  )}<p class="muted">n = ${c.nA} (A), ${c.nB} (B); ${Math.round(c.confidence * 100)}% bootstrap intervals; Mann–Whitney U p ${!Number.isFinite(p) ? '= —' : p < 0.001 ? '&lt; 0.001' : `= ${p.toPrecision(2)}`}, P(B slower than A) = ${(1 - c.mannWhitney.effectSize).toFixed(2)}; percentiles ${esc(c.method)}.</p>${list(c.warnings)}`;
}

const axisBase = { legend: { top: 0, type: 'plain' }, grid: { left: 64, right: 24, top: 40, bottom: 52 } };

/** The screen's chart options (shared/bench-view), laid out for a printed page. */
const forPrint = <T extends object>(option: T) => ({ ...option, ...axisBase, animation: false });

function charts(run: BenchRun, series: { point: BenchPointResult; latencies: number[] }[], svg: Svg): string {
  const ok = run.results.filter((p) => p.latencyMs);
  const out = [
    figure('Latency distribution (CDF), every point', svg(forPrint(cdfOption(series)), 1000, 320)),
    figure('Percentiles per point (log scale)', svg(forPrint(percentilesOption(ok)), 1000, 320)),
  ];
  const varies = (key: 'batchSize' | 'concurrency') => run.kind === 'sweep' && new Set(ok.map((r) => r[key])).size > 1;
  if (varies('batchSize'))
    out.push(figure('Latency vs batch size', svg(forPrint(latencyVsBatchOption(ok)), 1000, 300)));
  if (varies('concurrency'))
    out.push(
      figure(
        'Throughput vs concurrency (latency–throughput curve)',
        svg(forPrint(throughputVsConcurrencyOption(ok)), 1000, 300),
      ),
    );
  return out.join('\n');
}
