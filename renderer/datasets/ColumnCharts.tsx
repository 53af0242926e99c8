import { useMemo } from 'react';
import type { ColumnInfo } from '../../shared/types/datasets';
import { Chart, type EChartsCoreOption } from '../charts/index';
import { formatCount } from '../ui/index';
import { formatStat } from './format';

/** The column panel's charts: the 30-bin histogram for numbers and dates, the top categories otherwise (booleans too). */
export function ColumnCharts({ column }: { column: ColumnInfo }) {
  const p = column.profile;
  const histogram = useMemo(() => (p.numeric ? histogramOption(column) : null), [column, p.numeric]);
  const top = useMemo(() => (p.top.length ? topOption(column) : null), [column, p.top.length]);
  return (
    <>
      {histogram && <Chart option={histogram} ariaLabel={`Histogram of ${column.name}`} height={220} />}
      {top && !histogram && (
        <>
          <Chart
            option={top}
            ariaLabel={`Most frequent values of ${column.name}`}
            height={Math.max(120, 26 * Math.min(p.top.length, 20) + 40)}
          />
          {!p.topExact && <p className="muted ds-small">Counts estimated from a sample.</p>}
        </>
      )}
    </>
  );
}

function histogramOption(column: ColumnInfo): EChartsCoreOption {
  const { edges, counts } = column.profile.numeric!.histogram;
  const labels = counts.map((_, i) => `${formatStat(column, edges[i])} – ${formatStat(column, edges[i + 1])}`);
  return {
    grid: { left: 56, right: 16, top: 16, bottom: 40 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: {
      type: 'category',
      data: labels,
      // A bin's lower edge; dates without their time, which the tooltip still gives.
      axisLabel: {
        interval: 9,
        formatter: (v: string) => (column.kind === 'datetime' ? v.slice(0, 10) : v.split(' – ')[0]),
        hideOverlap: true,
      },
      axisTick: { alignWithLabel: true },
    },
    yAxis: { type: 'value', name: 'rows', minInterval: 1 },
    series: [{ type: 'bar', data: counts, barCategoryGap: '8%', name: 'rows' }],
  };
}

function topOption(column: ColumnInfo): EChartsCoreOption {
  const top = column.profile.top.slice(0, 20).reverse();
  const present = column.profile.count - column.profile.missing;
  return {
    grid: { left: 8, right: 64, top: 8, bottom: 24, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: top.map((t) => truncate(t.value)), axisLabel: { fontFamily: 'monospace' } },
    series: [
      {
        type: 'bar',
        name: 'rows',
        data: top.map((t) => t.count),
        label: {
          show: true,
          position: 'right',
          formatter: (x: { value: number }) =>
            `${formatCount(x.value)} (${present ? Math.round((100 * x.value) / present) : 0}%)`,
        },
      },
    ],
  };
}

function truncate(v: string): string {
  return v.length > 32 ? `${v.slice(0, 31)}…` : v;
}
