import { useMemo } from 'react';
import { Chart } from '../charts/index';

/** Operator histogram: how many nodes of each op type, most frequent on top (subgraphs included). */
export function OperatorChart({ operators }: { operators: Record<string, number> }) {
  const entries = useMemo(
    () => Object.entries(operators).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
    [operators],
  );
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 40, top: 4, bottom: 4, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', minInterval: 1, splitNumber: 4 },
      yAxis: { type: 'category', inverse: true, data: entries.map(([op]) => op), axisTick: { show: false } },
      series: [
        {
          type: 'bar',
          name: 'nodes',
          data: entries.map(([, n]) => n),
          barMaxWidth: 16,
          label: { show: true, position: 'right' },
        },
      ],
    }),
    [entries],
  );
  if (entries.length === 0) return <p className="muted">The graph has no nodes.</p>;
  const summary = entries.map(([op, n]) => `${op} ${n}`).join(', ');
  return (
    <Chart option={option} ariaLabel={`Operator counts: ${summary}`} height={Math.max(80, entries.length * 24 + 16)} />
  );
}
