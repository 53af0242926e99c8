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
    yAxis: { type: 'value', name: 'share of rows', axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
    series: [
      { type: 'bar', name: 'reference', data: h.reference, barGap: '-100%', itemStyle: { opacity: 0.55 } },
      { type: 'bar', name: 'current', data: h.current, itemStyle: { opacity: 0.55 } },
    ],
  };
}

/**
 * Feature × window heatmap. Colour = severity relative to the feature's own rule: for distances
 * score / threshold (1 = at the threshold, capped at 2), for p-value tests 1.75 when drifted, 0.25 when not.
 */
export function heatmapOption(w: TimeWindows, features: FeatureDrift[]) {
  const byName = new Map(features.map((f) => [f.name, f]));
  const data: [number, number, number | '-', string][] = [];
  w.cells.forEach((row, fi) => {
    const f = byName.get(w.features[fi]);
    row.forEach((c, wi) => {
      let sev: number | '-' = '-';
      if (c.score !== null && f)
        sev = f.scoreKind === 'distance' ? Math.min(c.score / f.threshold, 2) : c.drifted ? 1.75 : 0.25;
      data.push([wi, fi, sev, c.score === null ? 'no data' : `${num(c.score)}${c.drifted ? ' (drifted)' : ''}`]);
    });
  });
  return {
    tooltip: {
      formatter: (p: { data: [number, number, number, string] }) =>
        `${w.features[p.data[1]]} · ${w.windows[p.data[0]].label}<br/>${p.data[3]} · ${w.windows[p.data[0]].rows} rows`,
    },
    grid: { left: 120, right: 24, top: 16, bottom: 96 },
    xAxis: {
      type: 'category',
      data: w.windows.map((x) => x.label),
      axisLabel: { rotate: w.windows.length > 8 ? 40 : 0 },
    },
    yAxis: { type: 'category', data: w.features, inverse: true },
    // Pieces around the feature's own threshold: the colour turns orange exactly where the rule says "drift".
    visualMap: {
      type: 'piecewise',
      dimension: 2,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      pieces: [
        { gte: 0, lt: 0.5, label: 'stable (< ½ threshold)', color: '#dff3e4' },
        { gte: 0.5, lt: 1, label: 'stable (near threshold)', color: '#fff1b8' },
        { gte: 1, lt: 1.5, label: 'drifted', color: '#f59e4c' },
        { gte: 1.5, lte: 2, label: 'drifted (≥ 1.5× threshold)', color: '#cf222e' },
      ],
    },
    series: [
      {
        type: 'heatmap',
        data,
        label: {
          show: w.windows.length * w.features.length <= 240,
          formatter: (p: { data: [number, number, number, string] }) =>
            p.data[2] === ('-' as unknown) ? '' : p.data[3].replace(' (drifted)', ''),
          fontSize: 9,
        },
      },
    ],
  };
}

/** Share of drifted features per window, with the dataset threshold. */
export function windowShareOption(w: TimeWindows, threshold: number) {
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${Math.round(v * 100)}%` },
    grid: { left: 56, right: 24, top: 24, bottom: 40 },
    xAxis: { type: 'category', data: w.windows.map((x) => x.label) },
    yAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
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
