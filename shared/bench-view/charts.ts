// ECharts options for benchmark results, for the app's screen and the HTML report alike. Pure functions
// of the stored numbers: the same run always draws the same charts. Latencies are in milliseconds.
import { formatCount } from '../format/numbers';
import { ecdfPoints, histogram, sortedCopy } from '../math/latency/index';
import type { BenchPointResult } from '../types/bench';

export interface PointSeries {
  point: BenchPointResult;
  /** In measurement order; when `stride` > 1 only every stride-th iteration (0, k, 2k, …). */
  latencies: number[];
  stride?: number;
  /** Iterations measured in all (latencies.length when nothing was left out). */
  total?: number;
}

/** "every 3rd of 120,000 iterations", or "all 2,000 iterations": what a chart of a series shows. */
export function samplingNote(s: PointSeries): string {
  const stride = s.stride ?? 1;
  const total = s.total ?? s.latencies.length;
  return stride > 1
    ? `every ${ordinal(stride)} of ${formatCount(total)} iterations`
    : `all ${formatCount(total)} iterations`;
}

function ordinal(n: number): string {
  const suffix =
    n % 100 >= 11 && n % 100 <= 13 ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return `${formatCount(n)}${suffix}`;
}

const ms = (v: number) => `${v.toPrecision(3)} ms`;
const valueAxis = (name: string) => ({ type: 'value', name, nameLocation: 'middle', nameGap: 36, scale: true });
const base = {
  tooltip: { trigger: 'axis' },
  legend: { top: 0, type: 'scroll' },
  grid: { left: 56, right: 24, top: 36, bottom: 48, containLabel: false },
};

/**
 * The option with `label` as its accessible description. ECharts' aria component writes its own
 * generic description ("This is a chart…") over the container's aria-label unless given this one.
 */
export function described<T extends object>(
  option: T,
  label: string,
): T & { aria: { enabled: true; label: { description: string } } } {
  return { ...option, aria: { enabled: true, label: { description: label } } };
}

/** Empirical CDF per point on one axis: where the curves separate shows which EP/setting is faster, and at which percentile. */
export function cdfOption(series: { point: { label: string }; latencies: number[] }[]) {
  return {
    ...base,
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${(v * 100).toFixed(1)}%` },
    // Log latency axis: the body (µs–ms) and a tail 100× slower both stay readable.
    xAxis: { ...valueAxis('latency (ms, log)'), type: 'log', scale: false },
    yAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
    series: series.map(({ point, latencies }) => {
      const e = ecdfPoints(sortedCopy(latencies), 400);
      return {
        type: 'line',
        name: point.label,
        showSymbol: false,
        step: 'end',
        data: Array.from(e.x, (x, i) => [x, e.y[i]]),
      };
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
  const hists = series.map((s) =>
    histogram(
      s.latencies.map((v) => Math.min(v, range[1])),
      bins,
      range,
    ),
  );
  const edges = hists[0].edges;
  return {
    ...base,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: {
      type: 'category',
      name: 'latency (ms, bin start; tail beyond p99 counted in the last bin)',
      nameLocation: 'middle',
      nameGap: 30,
      data: Array.from(edges.slice(0, -1), (e) => e.toPrecision(3)),
    },
    // Counts of what was drawn: of a sample, the axis says so (the caption says which sample).
    yAxis: { type: 'value', name: series.some((s) => (s.stride ?? 1) > 1) ? 'sampled iterations' : 'iterations' },
    series: hists.map((h, i) => ({
      type: 'bar',
      name: series[i].point.label,
      data: Array.from(h.counts),
      barGap: '-100%',
      itemStyle: { opacity: series.length > 1 ? 0.6 : 1 },
    })),
  };
}

const PCTS = ['p50', 'p90', 'p95', 'p99', 'p999'] as const;
const PCT_LABEL: Record<(typeof PCTS)[number], string> = {
  p50: 'p50',
  p90: 'p90',
  p95: 'p95',
  p99: 'p99',
  p999: 'p99.9',
};

/**
 * Percentiles of every point as marks on a log latency axis: a p50 of 0.01 ms and a p99.9 of 8 ms
 * both stay readable. Marks, not bars: a bar on a log axis grows from an arbitrary floor and misreads;
 * on a linear axis the tail squashes the body to nothing. Exact values: tooltip, ariaLabel, table.
 */
export function percentilesOption(points: BenchPointResult[]) {
  const ok = points.filter((p) => p.latencyMs);
  return {
    ...base,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: ms },
    xAxis: {
      type: 'category',
      data: ok.map((p) => p.label),
      axisLabel: { interval: 0, width: 110, overflow: 'truncate' },
    },
    yAxis: { ...valueAxis('latency (ms, log)'), type: 'log', scale: false, nameGap: 44 },
    series: PCTS.map((k, i) => ({
      type: 'scatter',
      name: PCT_LABEL[k],
      symbol: PCT_SYMBOL[i],
      symbolSize: 11,
      // Side by side within a point (p50 left … p99.9 right): close percentiles stay apart.
      symbolOffset: [(i - 2) * 12, 0],
      // A log axis has no place for 0 (a timer that read 0 ms): leave the mark out rather than fake it.
      data: ok.map((p) => (p.latencyMs![k] > 0 ? p.latencyMs![k] : null)),
    })),
  };
}

const PCT_SYMBOL = ['circle', 'rect', 'triangle', 'diamond', 'pin'];

/** The percentile chart's numbers in words, for screen readers (and tests). */
export function percentilesLabel(points: BenchPointResult[]): string {
  const ok = points.filter((p) => p.latencyMs);
  return `Latency percentiles per point, ms on a log scale: ${ok.map((p) => `${p.label}: ${PCTS.map((k) => `${PCT_LABEL[k]} ${p.latencyMs![k].toPrecision(3)}`).join(', ')}`).join('; ')}`;
}

/** p50/p99 against batch size, one line per EP × concurrency. */
export function latencyVsBatchOption(points: BenchPointResult[]) {
  const groups = groupBy(
    points.filter((p) => p.latencyMs),
    (p) => `${p.ep} c${p.concurrency}`,
  );
  return {
    ...base,
    tooltip: { trigger: 'axis', valueFormatter: ms },
    xAxis: { type: 'value', name: 'batch size', nameLocation: 'middle', nameGap: 30, minInterval: 1 },
    yAxis: valueAxis('latency (ms)'),
    series: [...groups].flatMap(([name, ps]) =>
      (['p50', 'p99'] as const).map((k) => ({
        type: 'line',
        name: `${name} ${k}`,
        lineStyle: k === 'p99' ? { type: 'dashed' } : undefined,
        data: ps.map((p) => [p.batchSize, p.latencyMs![k]]).sort((a, b) => a[0] - b[0]),
      })),
    ),
  };
}

/** Latency–throughput curve: each point is one concurrency level (labelled), per EP × batch size. */
export function throughputVsConcurrencyOption(points: BenchPointResult[]) {
  const groups = groupBy(
    points.filter((p) => p.latencyMs && p.throughput),
    (p) => `${p.ep} b${p.batchSize}`,
  );
  return {
    ...base,
    tooltip: {
      trigger: 'item',
      formatter: (x: { seriesName: string; data: [number, number, number] }) =>
        `${x.seriesName} · concurrency ${x.data[2]}<br/>${x.data[0].toFixed(0)} items/s at p99 ${ms(x.data[1])}`,
    },
    xAxis: { type: 'value', name: 'throughput (items/s)', nameLocation: 'middle', nameGap: 30, scale: true },
    yAxis: valueAxis('p99 latency (ms)'),
    series: [...groups].map(([name, ps]) => ({
      type: 'line',
      name,
      symbolSize: 8,
      label: { show: true, formatter: (x: { data: number[] }) => `c${x.data[2]}`, position: 'top' },
      data: ps
        .sort((a, b) => a.concurrency - b.concurrency)
        .map((p) => [p.throughput!.itemsPerSec, p.latencyMs!.p99, p.concurrency]),
    })),
  };
}

/** How many samples each drawn point of the timeline summarises (its slowest). */
export function timelineGroup(samples: number, maxPoints = TIMELINE_POINTS): number {
  return Math.max(1, Math.ceil(samples / maxPoints));
}

const TIMELINE_POINTS = 4000;

/**
 * Per-iteration latency in measurement order: warm-up effects, drift and periodic stalls show here.
 * x is the real iteration number (1-based): sample i of a series thinned to every k-th is iteration i·k + 1.
 */
export function timelineOption(series: PointSeries[], maxPoints = TIMELINE_POINTS) {
  return {
    ...base,
    tooltip: { trigger: 'axis', valueFormatter: ms },
    dataZoom: [{ type: 'inside' }, { type: 'slider', height: 16, bottom: 4 }],
    grid: { ...base.grid, bottom: 64 },
    xAxis: {
      type: 'value',
      name: 'iteration',
      nameLocation: 'middle',
      nameGap: 26,
      min: 1,
      max: Math.max(1, ...series.map((s) => s.total ?? s.latencies.length)),
    },
    yAxis: valueAxis('latency (ms)'),
    series: series.map(({ point, latencies, stride = 1 }) => {
      // Thin long series for drawing only (max of each group keeps the spikes visible).
      const group = timelineGroup(latencies.length, maxPoints);
      const data: [number, number][] = [];
      for (let i = 0; i < latencies.length; i += group)
        data.push([i * stride + 1, Math.max(...latencies.slice(i, i + group))]);
      return { type: 'line', name: point.label, showSymbol: false, sampling: undefined, lineStyle: { width: 1 }, data };
    }),
  };
}

/** What the timeline shows, in words: the iteration range, the sampling and the drawn grouping. */
export function timelineLabel(s: PointSeries, maxPoints = TIMELINE_POINTS): string {
  const stride = s.stride ?? 1;
  const group = timelineGroup(s.latencies.length, maxPoints);
  const last = s.latencies.length ? (s.latencies.length - 1) * stride + 1 : 0;
  return `Latency of each iteration over time for ${s.point.label}: iterations 1 to ${formatCount(last)}, ${samplingNote(s)}${group > 1 ? `; each drawn point is the slowest of ${formatCount(group * stride)} iterations` : ''}`;
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) m.set(key(it), [...(m.get(key(it)) ?? []), it]);
  return m;
}
