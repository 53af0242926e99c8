// ECharts options for benchmark results. Pure functions of the stored numbers: the same run always
// draws the same charts. Latencies are in milliseconds throughout.
import { ecdfPoints, histogram, sortedCopy } from '../../shared/math/latency/index';
import type { BenchPointResult } from '../../shared/types/bench';

export interface PointSeries {
  point: BenchPointResult;
  latencies: number[];
}

const ms = (v: number) => `${v.toPrecision(3)} ms`;
const valueAxis = (name: string) => ({ type: 'value', name, nameLocation: 'middle', nameGap: 36, scale: true });
const base = { tooltip: { trigger: 'axis' }, legend: { top: 0, type: 'scroll' }, grid: { left: 56, right: 24, top: 36, bottom: 48, containLabel: false } };

/** Empirical CDF per point on one axis: where the curves separate shows which EP/setting is faster, and at which percentile. */
export function cdfOption(series: PointSeries[]) {
  return {
    ...base,
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${(v * 100).toFixed(1)}%` },
    // Log latency axis: the body (µs–ms) and a tail 100× slower both stay readable.
    xAxis: { ...valueAxis('latency (ms, log)'), type: 'log', scale: false },
    yAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
    series: series.map(({ point, latencies }) => {
      const e = ecdfPoints(sortedCopy(latencies), 400);
      return { type: 'line', name: point.label, showSymbol: false, step: 'end', data: Array.from(e.x, (x, i) => [x, e.y[i]]) };
    }),
  };
}

/** Latency histogram of one point, on a shared range when several are drawn together. */
export function histogramOption(series: PointSeries[], bins = 40) {
  const all = series.flatMap((s) => s.latencies);
  if (all.length === 0) return { ...base, series: [] };
  const sorted = sortedCopy(all);
  // Clip the tail at p99 so rare stalls do not squash the body into one bar (the CDF shows the tail).
  const hi = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))];
  const range: [number, number] = [sorted[0], hi > sorted[0] ? hi : sorted[0] + 1e-3];
  const hists = series.map((s) => histogram(s.latencies.map((v) => Math.min(v, range[1])), bins, range));
  const edges = hists[0].edges;
  return {
    ...base,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', name: 'latency (ms, bin start; tail beyond p99 counted in the last bin)', nameLocation: 'middle', nameGap: 30, data: Array.from(edges.slice(0, -1), (e) => e.toPrecision(3)) },
    yAxis: { type: 'value', name: 'iterations' },
    series: hists.map((h, i) => ({ type: 'bar', name: series[i].point.label, data: Array.from(h.counts), barGap: '-100%', itemStyle: { opacity: series.length > 1 ? 0.6 : 1 } })),
  };
}

const PCTS = ['p50', 'p90', 'p95', 'p99', 'p999'] as const;
const PCT_LABEL: Record<(typeof PCTS)[number], string> = { p50: 'p50', p90: 'p90', p95: 'p95', p99: 'p99', p999: 'p99.9' };

/** Percentile bars for every point of the run. */
export function percentileBarsOption(points: BenchPointResult[]) {
  const ok = points.filter((p) => p.latencyMs);
  return {
    ...base,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: ms },
    xAxis: { type: 'category', data: ok.map((p) => p.label), axisLabel: { interval: 0, width: 110, overflow: 'truncate' } },
    // Linear from 0: bars on a log axis grow from 1 ms, which misreads; the exact values are in the tooltip and the table.
    yAxis: { ...valueAxis('latency (ms)'), scale: false },
    series: PCTS.map((k) => ({ type: 'bar', name: PCT_LABEL[k], data: ok.map((p) => p.latencyMs![k]) })),
  };
}

/** p50/p99 against batch size, one line per EP × concurrency. */
export function latencyVsBatchOption(points: BenchPointResult[]) {
  const groups = groupBy(points.filter((p) => p.latencyMs), (p) => `${p.ep} c${p.concurrency}`);
  return {
    ...base,
    tooltip: { trigger: 'axis', valueFormatter: ms },
    xAxis: { type: 'value', name: 'batch size', nameLocation: 'middle', nameGap: 30, minInterval: 1 },
    yAxis: valueAxis('latency (ms)'),
    series: [...groups].flatMap(([name, ps]) =>
      (['p50', 'p99'] as const).map((k) => ({ type: 'line', name: `${name} ${k}`, lineStyle: k === 'p99' ? { type: 'dashed' } : undefined, data: ps.map((p) => [p.batchSize, p.latencyMs![k]]).sort((a, b) => a[0] - b[0]) })),
    ),
  };
}

/** Latency–throughput curve: each point is one concurrency level (labelled), per EP × batch size. */
export function throughputVsConcurrencyOption(points: BenchPointResult[]) {
  const groups = groupBy(points.filter((p) => p.latencyMs && p.throughput), (p) => `${p.ep} b${p.batchSize}`);
  return {
    ...base,
    tooltip: { trigger: 'item', formatter: (x: { seriesName: string; data: [number, number, number] }) => `${x.seriesName} · concurrency ${x.data[2]}<br/>${x.data[0].toFixed(0)} items/s at p99 ${ms(x.data[1])}` },
    xAxis: { type: 'value', name: 'throughput (items/s)', nameLocation: 'middle', nameGap: 30, scale: true },
    yAxis: valueAxis('p99 latency (ms)'),
    series: [...groups].map(([name, ps]) => ({
      type: 'line',
      name,
      symbolSize: 8,
      label: { show: true, formatter: (x: { data: number[] }) => `c${x.data[2]}`, position: 'top' },
      data: ps.sort((a, b) => a.concurrency - b.concurrency).map((p) => [p.throughput!.itemsPerSec, p.latencyMs!.p99, p.concurrency]),
    })),
  };
}

/** Per-iteration latency in measurement order: warm-up effects, drift and periodic stalls show here. */
export function timelineOption(series: PointSeries[], maxPoints = 4000) {
  return {
    ...base,
    tooltip: { trigger: 'axis', valueFormatter: ms },
    dataZoom: [{ type: 'inside' }, { type: 'slider', height: 16, bottom: 4 }],
    grid: { ...base.grid, bottom: 64 },
    xAxis: { type: 'value', name: 'iteration', nameLocation: 'middle', nameGap: 26 },
    yAxis: valueAxis('latency (ms)'),
    series: series.map(({ point, latencies }) => {
      // Thin long series for drawing only (max of each stride keeps the spikes visible).
      const stride = Math.max(1, Math.ceil(latencies.length / maxPoints));
      const data: [number, number][] = [];
      for (let i = 0; i < latencies.length; i += stride) data.push([i, Math.max(...latencies.slice(i, i + stride))]);
      return { type: 'line', name: point.label, showSymbol: false, sampling: undefined, lineStyle: { width: 1 }, data };
    }),
  };
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) m.set(key(it), [...(m.get(key(it)) ?? []), it]);
  return m;
}
