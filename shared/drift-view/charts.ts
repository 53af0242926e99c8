// ECharts options for a drift report, pure functions of the stored report: the app draws them on a
// canvas, the HTML report renders the same options to inline SVG on the machine.
import { formatNumber as num } from '../format/numbers';
import type { DriftHistogram, FeatureDrift, TimeWindows } from '../types/drift';
import { cellSeverity, describeCell, HEAT_PIECES } from './severity';

const base = { legend: { top: 0 }, grid: { left: 56, right: 24, top: 36, bottom: 56 } };
const percent = (v: number) => `${Math.round(v * 100)}%`;

/** Reference and current shares on the same bins, bars overlaid. */
export function overlayOption(h: DriftHistogram) {
  const labels =
    h.kind === 'numerical' ? h.edges.slice(0, -1).map((e, i) => `${num(e)} – ${num(h.edges[i + 1])}`) : h.categories;
  return {
    ...base,
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v: number) => `${(v * 100).toFixed(2)}%`,
    },
    xAxis: {
      type: 'category',
      data: labels,
      name: h.kind === 'numerical' ? 'value (same bins for both; tails folded into the end bins)' : 'category',
      nameLocation: 'middle',
      nameGap: 36,
      axisLabel: {
        formatter: (v: string) =>
          h.kind === 'numerical' ? v.split(' – ')[0] : v.length > 14 ? `${v.slice(0, 13)}…` : v,
        hideOverlap: true,
      },
    },
    yAxis: { type: 'value', name: 'share of rows', axisLabel: { formatter: percent } },
    series: [
      { type: 'bar', name: 'reference', data: h.reference, barGap: '-100%', itemStyle: { opacity: 0.55 } },
      { type: 'bar', name: 'current', data: h.current, itemStyle: { opacity: 0.55 } },
    ],
  };
}

/** Feature × window heatmap coloured by each cell's severity against its own test (see severity.ts). */
export function heatmapOption(w: TimeWindows, features: FeatureDrift[]) {
  const byName = new Map(features.map((f) => [f.name, f]));
  const data: [number, number, number | '-', string][] = [];
  w.cells.forEach((row, fi) => {
    const f = byName.get(w.features[fi]);
    row.forEach((c, wi) => {
      const sev = f ? cellSeverity(f, c) : null;
      data.push([wi, fi, sev ?? '-', describeCell(f, c)]);
    });
  });
  return {
    tooltip: {
      formatter: (p: { data: [number, number, number, string] }) =>
        `${w.features[p.data[1]]} · ${w.windows[p.data[0]].label}<br/>${p.data[3]}`,
    },
    grid: { left: 120, right: 24, top: 16, bottom: 96 },
    xAxis: {
      type: 'category',
      data: w.windows.map((x) => x.label),
      axisLabel: { rotate: w.windows.length > 8 ? 40 : 0 },
    },
    yAxis: { type: 'category', data: w.features, inverse: true },
    visualMap: {
      type: 'piecewise',
      dimension: 2,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      pieces: HEAT_PIECES.map(({ gte, lt, lte, label, color }) => ({ gte, lt, lte, label, color })),
    },
    series: [{ type: 'heatmap', data }],
  };
}

/** Share of drifted features per window, with the dataset threshold. */
export function windowShareOption(w: TimeWindows, threshold: number) {
  return {
    tooltip: { trigger: 'axis', valueFormatter: percent },
    grid: { left: 64, right: 24, top: 32, bottom: 40 },
    xAxis: { type: 'category', data: w.windows.map((x) => x.label) },
    yAxis: {
      type: 'value',
      min: 0,
      max: 1,
      name: 'features drifted (share)',
      nameLocation: 'end',
      axisLabel: { formatter: percent },
    },
    series: [
      {
        type: 'line',
        name: 'drifted features',
        data: w.windows.map((x) => x.driftShare),
        markLine: { symbol: 'none', data: [{ yAxis: threshold, name: 'dataset threshold' }] },
      },
    ],
  };
}
