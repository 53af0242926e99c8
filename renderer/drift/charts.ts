// ECharts options for drift reports: pure functions of the stored report.
import type { DriftHistogram, FeatureDrift, TimeWindows } from '../../shared/types/drift';
import { num } from './format';

const base = { legend: { top: 0 }, grid: { left: 56, right: 24, top: 36, bottom: 56 } };

/** Reference and current shares on the same bins, bars overlaid. */
export function overlayOption(h: DriftHistogram) {
  const labels =
    h.kind === 'numerical' ? h.edges.slice(0, -1).map((e, i) => `${num(e)} – ${num(h.edges[i + 1])}`) : h.categories;
  return {
    ...base,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => `${(v * 100).toFixed(2)}%` },
    xAxis: {
      type: 'category',
      data: labels,
      name: h.kind === 'numerical' ? 'value (same bins for both; tails folded into the end bins)' : 'category',
      nameLocation: 'middle',
      nameGap: 36,
      axisLabel: { formatter: (v: string) => (h.kind === 'numerical' ? v.split(' – ')[0] : v.length > 14 ? `${v.slice(0, 13)}…` : v), hideOverlap: true },
    },
    yAxis: { type: 'value', name: 'share of rows', axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
    series: [
      { type: 'bar', name: 'reference', data: h.reference, barGap: '-100%', itemStyle: { opacity: 0.55 } },
      { type: 'bar', name: 'current', data: h.current, itemStyle: { opacity: 0.55 } },
    ],
  };
}

/**
 * Feature × window heatmap. Colour = severity relative to the feature's own rule: for distances
 * score / threshold (1 = at the threshold), for p-value tests 1.5 when drifted and 0.3 when not.
 */
export function heatmapOption(w: TimeWindows, features: FeatureDrift[]) {
  const byName = new Map(features.map((f) => [f.name, f]));
  const data: [number, number, number | '-', string][] = [];
  w.cells.forEach((row, fi) => {
    const f = byName.get(w.features[fi]);
    row.forEach((c, wi) => {
      let sev: number | '-' = '-';
      if (c.score !== null && f) sev = f.scoreKind === 'distance' ? Math.min(c.score / f.threshold, 3) : c.drifted ? 1.5 : 0.3;
      data.push([wi, fi, sev, c.score === null ? 'no data' : `${num(c.score)}${c.drifted ? ' (drifted)' : ''}`]);
    });
  });
  return {
    tooltip: {
      formatter: (p: { data: [number, number, number, string] }) => `${w.features[p.data[1]]} · ${w.windows[p.data[0]].label}<br/>${p.data[3]} · ${w.windows[p.data[0]].rows} rows`,
    },
    grid: { left: 120, right: 24, top: 16, bottom: 80 },
    xAxis: { type: 'category', data: w.windows.map((x) => x.label), splitArea: { show: true }, axisLabel: { rotate: w.windows.length > 8 ? 40 : 0 } },
    yAxis: { type: 'category', data: w.features, splitArea: { show: true }, inverse: true },
    visualMap: {
      min: 0,
      max: 2,
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      text: ['drift', 'stable'],
      inRange: { color: ['#e6f4ea', '#fff4c2', '#f6a04d', '#cf222e'] },
    },
    series: [{ type: 'heatmap', data, label: { show: w.windows.length * w.features.length <= 240, formatter: (p: { data: [number, number, number, string] }) => (p.data[2] === ('-' as unknown) ? '' : p.data[3].replace(' (drifted)', '')), fontSize: 9 } }],
  };
}

/** Share of drifted features per window, with the dataset threshold. */
export function windowShareOption(w: TimeWindows, threshold: number) {
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${Math.round(v * 100)}%` },
    grid: { left: 56, right: 24, top: 24, bottom: 40 },
    xAxis: { type: 'category', data: w.windows.map((x) => x.label) },
    yAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
    series: [{ type: 'line', name: 'drifted features', data: w.windows.map((x) => x.driftShare), markLine: { symbol: 'none', data: [{ yAxis: threshold, name: 'dataset threshold' }] } }],
  };
}
