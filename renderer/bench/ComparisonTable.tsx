import type { PercentileComparison, RunComparison } from '../../shared/math/latency/index';
import type { ReactNode } from 'react';
import { Table, type Column } from '../ui/index';

const n = (v: number) => (Number.isFinite(v) ? v.toFixed(4) : '—');

const COLUMNS: Column<PercentileComparison>[] = [
  { key: 'p', header: 'Percentile', render: (c) => c.label },
  { key: 'a', header: 'A ms', align: 'right', mono: true, render: (c) => n(c.a) },
  { key: 'b', header: 'B ms', align: 'right', mono: true, render: (c) => n(c.b) },
  { key: 'd', header: 'B − A ms', align: 'right', mono: true, render: (c) => (c.diff > 0 ? '+' : '') + n(c.diff) },
  { key: 'ci', header: 'Bootstrap CI', align: 'right', mono: true, render: (c) => `[${n(c.low)}, ${n(c.high)}]` },
  { key: 's', header: 'Significant', render: (c) => (c.significant ? <span className="badge badge-warn">yes</span> : <span className="badge badge-muted">no</span>) },
];

/**
 * Deltas per percentile with bootstrap CIs, the rank test, and the verdict in plain words. `warning`
 * sits right under the verdict: what the verdict does not say (e.g. that A and B are different models).
 */
export function ComparisonTable({ comparison: c, warning }: { comparison: RunComparison; warning?: ReactNode }) {
  return (
    <>
      <p className="bench-verdict" data-testid="bench-verdict">
        <strong>{c.verdict}</strong>
      </p>
      {warning ? (
        <p className="bench-verdict-warning" role="note" data-testid="bench-verdict-warning">
          {warning}
        </p>
      ) : null}
      <Table caption="Percentile differences" columns={COLUMNS} rows={c.percentiles} rowKey={(p) => p.key} />
      <p className="muted">
        n = {c.nA} (A), {c.nB} (B); {Math.round(c.confidence * 100)}% bootstrap intervals; Mann–Whitney U p {formatP(c.mannWhitney.pValue)}, P(B slower than A) = {(1 - c.mannWhitney.effectSize).toFixed(2)}; percentiles {c.method}.
      </p>
      {c.warnings.map((w) => (
        <p key={w} className="muted">
          {w}
        </p>
      ))}
    </>
  );
}

/** p-values below 0.001 read as such: "p = 0.00" would claim a certainty the test does not give. */
export function formatP(p: number): string {
  if (!Number.isFinite(p)) return '= —';
  return p < 0.001 ? '< 0.001' : `= ${p.toPrecision(2)}`;
}
