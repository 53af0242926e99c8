import type { PercentileComparison, RunComparison } from '../../shared/math/latency/index';
import type { ReactNode } from 'react';
import { Table, type Column } from '../ui/index';

const n = (v: number) => (Number.isFinite(v) ? v.toFixed(4) : '—');

const columns = (comparable: boolean): Column<PercentileComparison>[] => [
  { key: 'p', header: 'Percentile', render: (c) => c.label },
  { key: 'a', header: 'A ms', align: 'right', mono: true, render: (c) => n(c.a) },
  { key: 'b', header: 'B ms', align: 'right', mono: true, render: (c) => n(c.b) },
  { key: 'd', header: 'B − A ms', align: 'right', mono: true, render: (c) => (c.diff > 0 ? '+' : '') + n(c.diff) },
  { key: 'ci', header: 'Bootstrap CI', align: 'right', mono: true, render: (c) => `[${n(c.low)}, ${n(c.high)}]` },
  {
    key: 's',
    header: 'Significant',
    render: (c) =>
      !comparable ? (
        <span className="badge badge-muted" title="not comparable: no significance verdict">
          n/a
        </span>
      ) : c.significant ? (
        <span className="badge badge-warn">yes</span>
      ) : (
        <span className="badge badge-muted">no</span>
      ),
  },
];

/**
 * Deltas per percentile with bootstrap CIs, the rank test, and the verdict in plain words. `warning`
 * sits right under the verdict: what the verdict does not say (e.g. that A and B are different models).
 */
/** Said first wherever two sides that measured different work are shown together. */
export function NotComparable({ reasons }: { reasons: string[] }) {
  return (
    <div className="bench-not-comparable" role="alert" data-testid="bench-not-comparable">
      <strong>Not comparable</strong> — A and B did not measure the same work, so there is no significance verdict for
      this pair (the numbers below are for reading only):
      <ul>
        {reasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
    </div>
  );
}

export function ComparisonTable({
  comparison: c,
  warning,
  showWarnings = true,
  banner = true,
}: {
  comparison: RunComparison;
  warning?: ReactNode;
  showWarnings?: boolean;
  banner?: boolean;
}) {
  const comparable = c.comparable !== false;
  return (
    <>
      {!comparable && banner && <NotComparable reasons={c.reasons ?? []} />}
      <p className="bench-verdict" data-testid="bench-verdict">
        <strong>{c.verdict}</strong>
      </p>
      {warning ? (
        <p className="bench-verdict-warning" role="note" data-testid="bench-verdict-warning">
          {warning}
        </p>
      ) : null}
      <Table
        caption="Percentile differences"
        columns={columns(comparable)}
        rows={c.percentiles}
        rowKey={(p) => p.key}
      />
      <p className="muted">
        n = {c.nA} (A), {c.nB} (B); {Math.round(c.confidence * 100)}% bootstrap intervals; Mann–Whitney U p{' '}
        {formatP(c.mannWhitney.pValue)}, P(B slower than A) = {(1 - c.mannWhitney.effectSize).toFixed(2)}; percentiles{' '}
        {c.method}.
      </p>
      {(showWarnings ? c.warnings : []).map((w) => (
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
