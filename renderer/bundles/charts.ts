// ECharts options for the confidence-gated fallback: pure functions of the preview's policy.
import type { FallbackPolicy } from '../../shared/types/bundles';

const percentAxis = {
  type: 'value',
  min: 0,
  max: 1,
  axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` },
};

/** Rows per confidence bin; bins wholly below the threshold (they fall back) faded. */
export function confidenceHistogramOption(policy: FallbackPolicy, threshold: number) {
  const { edges, counts } = policy.histogram;
  const labels = counts.map((_, i) => `${edges[i].toFixed(2)}–${edges[i + 1].toFixed(2)}`);
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 56, right: 16, top: 24, bottom: 48 },
    xAxis: {
      type: 'category',
      data: labels,
      name: 'top confidence',
      nameLocation: 'middle',
      nameGap: 30,
      axisLabel: { formatter: (v: string) => v.split('–')[0], hideOverlap: true },
    },
    yAxis: { type: 'value', name: 'reference rows' },
    series: [
      {
        type: 'bar',
        name: 'rows',
        barCategoryGap: '8%',
        data: counts.map((c, i) => ({
          value: c,
          itemStyle: edges[i + 1] <= threshold ? { opacity: 0.35 } : undefined,
        })),
        markLine: {
          symbol: 'none',
          label: { formatter: `threshold ${threshold.toFixed(3)}` },
          data: [{ xAxis: binOf(edges, threshold) }],
        },
      },
    ],
  };
}

/** Automation rate (and accuracy above the threshold, with a label column) over thresholds. */
export function gateCurveOption(policy: FallbackPolicy, threshold: number) {
  const withAccuracy = policy.curve.some((p) => p.accuracyAbove !== null);
  return {
    legend: { top: 0 },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: number | null) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`),
    },
    grid: { left: 56, right: 16, top: 32, bottom: 48 },
    xAxis: { type: 'value', min: 0, max: 1, name: 'confidence threshold', nameLocation: 'middle', nameGap: 30 },
    yAxis: percentAxis,
    series: [
      {
        type: 'line',
        name: 'automation rate',
        showSymbol: false,
        data: policy.curve.map((p) => [p.threshold, p.automationRate]),
        markLine: { symbol: 'none', label: { formatter: 'chosen' }, data: [{ xAxis: threshold }] },
      },
      ...(withAccuracy
        ? [
            {
              type: 'line',
              name: 'accuracy above threshold',
              showSymbol: false,
              connectNulls: false,
              data: policy.curve.map((p) => [p.threshold, p.accuracyAbove]),
            },
          ]
        : []),
    ],
  };
}

/** Index of the histogram bin holding `value` (category axes place mark lines by index). */
function binOf(edges: number[], value: number): number {
  for (let i = 0; i < edges.length - 1; i++) if (value < edges[i + 1]) return i;
  return edges.length - 2;
}

/** Automation rate at `threshold`, read off the curve (linear between its points) for instant feedback. */
export function automationAt(policy: FallbackPolicy, threshold: number): number | null {
  const c = policy.curve;
  if (c.length === 0) return null;
  if (threshold <= c[0].threshold) return c[0].automationRate;
  for (let i = 1; i < c.length; i++) {
    if (threshold <= c[i].threshold) {
      const t = (threshold - c[i - 1].threshold) / (c[i].threshold - c[i - 1].threshold || 1);
      return c[i - 1].automationRate + t * (c[i].automationRate - c[i - 1].automationRate);
    }
  }
  return c[c.length - 1].automationRate;
}
