// How `preflight bench` prints a run, an A/B run and a comparison (text only; the command parses).
import { formatMs, msDecimals, PERCENTILE_METHOD } from '../../../shared/math/latency/index';
import { errorNotes, summarizePointError, summarizeProviderError } from '../../../shared/bench/provider-summary';
import type { RunComparison } from '../../../shared/math/latency/index';
import type { BenchComparisonResult, BenchInput, BenchRun } from '../../../shared/types/bench';
import { table } from './models';

export function describeRun(run: BenchRun, verbose = false): string {
  const ok = run.results.filter((r) => r.latencyMs);
  const d = msDecimals(...ok.flatMap((r) => [r.latencyMs!.p50, r.latencyMs!.min]));
  const ms = (x: number) => formatMs(x, d);
  const env = run.environment;
  const assumed = [...new Set(run.results.flatMap((r) => (r.inputsAssumed ? [r.inputsAssumed] : [])))];
  const lines = [
    `run ${run.runId}  ${run.model.name}@${run.model.version}  sha256:${run.model.sha256}`,
    // Before any number: a result measured on assumed shapes is for those shapes only.
    ...assumed.map((a) => `!! ${a}`),
    `providers: ${run.providers.map((p) => (p.available ? p.name : `${p.name} (unavailable: ${p.summary ?? summarizeProviderError(p.name, p.reason)})`)).join(', ')}`,
    ...(verbose
      ? run.providers.filter((p) => !p.available).map((p) => `  ${p.name}, onnxruntime said: ${p.reason}`)
      : []),
    ...(run.providers.some(
      (p) =>
        (p.name === 'cuda' || p.name === 'tensorrt') &&
        !p.available &&
        /Failed to load shared library/.test(p.reason ?? ''),
    )
      ? ['note: the CUDA/TensorRT provider libraries are not installed; see README → "GPU (CUDA) on Linux"']
      : []),
    inputsTable(run),
    table(
      ['POINT', 'N', 'COLD MS', 'FIRST MS', 'MEAN', 'STD', 'P50', 'P90', 'P99', 'P99.9', 'MAX', 'INF/S', 'ITEMS/S'],
      run.results.map((r) =>
        r.latencyMs
          ? [
              r.label,
              String(r.iterations),
              r.sessionCreateMs?.toFixed(1) ?? '-',
              r.firstRunMs?.toFixed(2) ?? '-',
              ms(r.latencyMs.mean),
              ms(r.latencyMs.std),
              ms(r.latencyMs.p50),
              ms(r.latencyMs.p90),
              ms(r.latencyMs.p99),
              ms(r.latencyMs.p999),
              ms(r.latencyMs.max),
              r.throughput?.inferencesPerSec.toFixed(0) ?? '-',
              r.throughput?.itemsPerSec.toFixed(0) ?? '-',
            ]
          : [r.label, '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-'],
      ),
    ),
    `latencies in ms; percentiles ${PERCENTILE_METHOD}`,
    ...run.results.flatMap((r) =>
      r.error
        ? [
            `${r.label}: ERROR ${r.errorSummary ?? summarizePointError(r.ep, r.error)}`,
            ...errorNotes(r.error).map((n) => `  check: ${n}`),
            ...(verbose ? [`  onnxruntime said: ${r.error}`] : []),
          ]
        : [],
    ),
    ...(!verbose && run.results.some((r) => r.error)
      ? ['(--verbose shows onnxruntime’s own message for each error)']
      : []),
    ...groupedWarnings(run.results, new Set(assumed)),
    `environment: ${env.os} ${env.arch}, ${env.cpuModel} × ${env.cores}, ${(env.memoryBytes / 2 ** 30).toFixed(1)} GiB, node ${env.nodeVersion}, onnxruntime ${env.ortVersion}${env.gpuAdapter ? `, GPU ${env.gpuAdapter}` : ''}`,
  ];
  if (run.sloVerdict)
    lines.push(`SLO ${run.sloVerdict.passed ? 'passed' : 'BREACHED'}: ${run.slo.map((s) => s.text).join(', ')}`);
  return lines.join('\n');
}

/** Each input with dtype, shape and value source; points that fed the same inputs share one block. */
function inputsTable(run: BenchRun): string {
  const groups = new Map<string, { labels: string[]; inputs: BenchInput[] }>();
  for (const r of run.results) {
    const key = JSON.stringify(r.inputs.map((i) => [i.name, i.dtype, i.shape, i.source]));
    const g = groups.get(key) ?? { labels: [], inputs: r.inputs };
    g.labels.push(r.label);
    groups.set(key, g);
  }
  const many = groups.size > 1;
  return table(
    [...(many ? ['POINTS'] : []), 'INPUT', 'DTYPE', 'SHAPE', 'MODEL SHAPE', 'VALUES'],
    [...groups.values()].flatMap((g) =>
      g.inputs.map((i) => [
        ...(many ? [g.labels.join(', ')] : []),
        i.name,
        i.dtype,
        shapeText(i.shape),
        i.declared,
        `${i.source}${i.assumed.some((a) => a.includes(': dimension')) ? ' (SHAPE ASSUMED)' : i.assumed.length ? ' (VALUE ASSUMED)' : ''}`,
      ]),
    ),
  );
}

const shapeText = (shape: number[]) => (shape.length ? shape.join('x') : 'scalar');

/** Each warning once, with the points it applies to (the same sample-size note for A and B is one line). */
function groupedWarnings(results: BenchRun['results'], skip: Set<string>): string[] {
  const by = new Map<string, string[]>();
  for (const r of results)
    for (const w of r.warnings) if (!skip.has(w)) by.set(w, [...(by.get(w) ?? []), r.label.split(':')[0]]);
  return [...by].map(
    ([w, labels]) =>
      `${labels.length === results.length && results.length > 1 ? 'all points' : labels.join(', ')}: warning: ${w}`,
  );
}

export function describeAbComparison(c: RunComparison): string {
  if (c.comparable === false)
    return `NOT COMPARABLE (B against A): ${(c.reasons ?? []).join('; ')} — no significance verdict`;
  return `verdict (B against A): ${c.verdict}`;
}

export function describeComparison(r: BenchComparisonResult): string {
  const c = r.comparison;
  const side = (name: 'A' | 'B', s: BenchComparisonResult['a'], n: number) => [
    `${name}: run ${s.runId} point ${s.point} (${s.label}, ${s.model}), n=${n}; inputs ${s.inputs.map((i) => `${i.name} ${i.dtype}[${i.shape.join(',')}] ${i.source}`).join(', ') || '-'}`,
    ...(s.inputsAssumed ? [`!! ${name}: ${s.inputsAssumed}`] : []),
  ];
  return [
    ...(r.comparable
      ? []
      : [
          `NOT COMPARABLE: ${r.reasons.join('; ')}. The numbers below are shown for reading; there is no significance verdict for this pair.`,
        ]),
    ...side('A', r.a, c.nA),
    ...side('B', r.b, c.nB),
    table(
      ['PCTL', 'A MS', 'B MS', 'B−A', `${Math.round(c.confidence * 100)}% CI`, 'SIGNIFICANT'],
      c.percentiles.map((p) => [
        p.label,
        p.a.toFixed(4),
        p.b.toFixed(4),
        p.diff.toFixed(4),
        `[${p.low.toFixed(4)}, ${p.high.toFixed(4)}]`,
        r.comparable ? (p.significant ? 'yes' : 'no') : 'n/a',
      ]),
    ),
    `Mann–Whitney U p ${c.mannWhitney.pValue < 0.001 ? '< 0.001' : `= ${c.mannWhitney.pValue.toPrecision(2)}`}, P(B slower than A) = ${(1 - c.mannWhitney.effectSize).toFixed(2)}`,
    `verdict: ${c.verdict}`,
    ...c.warnings.map((w) => `warning: ${w}`),
  ].join('\n');
}
