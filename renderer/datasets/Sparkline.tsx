import type { ColumnInfo } from '../../shared/types/datasets';
import { formatCount } from '../ui/index';
import { formatStat } from './format';

const W = 96;
const H = 22;

/**
 * A column's shape in a table cell, as plain SVG (a hundred ECharts instances would make a wide
 * dataset slow): the histogram of a numeric or datetime column, the top categories' bars otherwise.
 */
export function Sparkline({ column }: { column: ColumnInfo }) {
  const p = column.profile;
  if (p.numeric && p.numeric.histogram.counts.length > 0) {
    const { counts, edges } = p.numeric.histogram;
    const label = `histogram from ${formatStat(column, edges[0])} to ${formatStat(column, edges[edges.length - 1])}`;
    return <Bars values={counts} label={label} className="ds-spark-hist" />;
  }
  if (p.top.length > 0) {
    const top = p.top.slice(0, 8);
    const label = `top values: ${top
      .slice(0, 3)
      .map((t) => `${t.value} (${formatCount(t.count)})`)
      .join(', ')}${p.top.length > 3 ? '…' : ''}`;
    return <Bars values={top.map((t) => t.count)} label={label} className="ds-spark-top" gap={2} />;
  }
  return <span className="muted">—</span>;
}

function Bars({
  values,
  label,
  className,
  gap = 0.5,
}: {
  values: number[];
  label: string;
  className: string;
  gap?: number;
}) {
  const max = Math.max(...values, 1);
  const slots = Math.max(values.length, className === 'ds-spark-top' ? 8 : values.length);
  const width = W / slots;
  return (
    <svg
      className={`ds-spark ${className}`}
      width={W}
      height={H}
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={label}
    >
      <title>{label}</title>
      <line x1="0" x2={W} y1={H - 0.5} y2={H - 0.5} className="ds-spark-base" />
      {values.map((v, i) => {
        // A non-empty bin is always visible, however small next to the tallest.
        const h = v === 0 ? 0 : Math.max(1.5, (v / max) * (H - 2));
        return <rect key={i} x={i * width + gap / 2} y={H - h} width={Math.max(0.5, width - gap)} height={h} />;
      })}
    </svg>
  );
}
