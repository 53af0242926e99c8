import type { BundleSlo, FeatureRule } from '../../shared/types/bundles';
import { Table } from '../ui/index';
import { ms, num, pct } from './format';

/** The latency objectives the bundle will carry, each beside the benchmark value it came from. */
export function SloTable({ slos, hasBench }: { slos: BundleSlo[]; hasBench: boolean }) {
  return (
    <Table<BundleSlo>
      caption="Latency SLOs"
      rows={slos}
      rowKey={(s) => `${s.text} ${s.ep} ${s.batchSize} ${s.concurrency}`}
      empty={
        <p className="muted">
          {hasBench
            ? 'No SLOs: the benchmark has no successful point.'
            : 'No SLOs: choose a benchmark run, or export from the CLI with --slo "p99<=20ms".'}
        </p>
      }
      columns={[
        { key: 'slo', header: 'SLO', render: (s) => <code>{s.text}</code> },
        {
          key: 'where',
          header: 'Measured on',
          render: (s) => `${s.ep}, batch ${s.batchSize}, concurrency ${s.concurrency}`,
        },
        {
          key: 'measured',
          header: 'Measured',
          render: (s) => (s.measuredMs === null ? '—' : `${s.percentile} ${ms(s.measuredMs)}`),
          align: 'right',
          mono: true,
        },
        { key: 'threshold', header: 'Threshold', render: (s) => ms(s.thresholdMs), align: 'right', mono: true },
        { key: 'origin', header: 'From', render: (s) => (s.origin === 'measured' ? 'benchmark × headroom' : 'given') },
        {
          key: 'met',
          header: 'Met',
          render: (s) =>
            s.met === null ? (
              <span className="badge badge-muted">not measured</span>
            ) : s.met ? (
              <span className="badge badge-ok">met</span>
            ) : (
              <span className="badge badge-bad">missed</span>
            ),
        },
      ]}
    />
  );
}

/** Per-feature rules of the data contract: null-rate limits, ranges, categories, the drift test. */
export function FeatureRulesTable({ features }: { features: FeatureRule[] }) {
  return (
    <Table<FeatureRule>
      caption="Feature rules"
      rows={features}
      rowKey={(f) => f.name}
      empty={<p className="muted">The reference dataset has no profiled columns.</p>}
      columns={[
        { key: 'name', header: 'Feature', render: (f) => f.name },
        { key: 'type', header: 'Type', render: (f) => f.columnType },
        {
          key: 'input',
          header: 'Model input',
          render: (f) => (f.input ? `${f.input.name}[${f.input.index}]` : '—'),
          mono: true,
        },
        {
          key: 'nulls',
          header: 'Nulls ≤ (reference)',
          render: (f) => `${pct(f.maxNullRate, 2)} (${pct(f.referenceNullRate, 2)})`,
          align: 'right',
          mono: true,
        },
        {
          key: 'range',
          header: 'Range / categories',
          render: (f) =>
            f.kind === 'numerical' ? (
              `[${num(f.min)}, ${num(f.max)}]`
            ) : f.kind === 'categorical' ? (
              <span title={f.categories?.join(', ')}>
                {f.categories ? `${f.categories.length} categories` : 'many (truncated)'}
              </span>
            ) : (
              '—'
            ),
          mono: true,
        },
        {
          key: 'outside',
          header: 'Outside / unseen ≤',
          render: (f) =>
            f.maxOutOfRangeShare !== null
              ? pct(f.maxOutOfRangeShare)
              : f.maxUnseenShare !== null
                ? pct(f.maxUnseenShare)
                : '—',
          align: 'right',
          mono: true,
        },
        {
          key: 'test',
          header: 'Drift test',
          render: (f) =>
            f.drift ? (
              <span className="nowrap">{`${f.drift.test} ${f.drift.scoreKind === 'p_value' ? 'p <' : '>'} ${num(f.drift.threshold)}`}</span>
            ) : (
              '—'
            ),
        },
        {
          key: 'score',
          header: 'Score',
          render: (f) => {
            if (f.driftScore === null || !f.drift) return '—';
            const drifted =
              f.drift.scoreKind === 'p_value' ? f.driftScore < f.drift.threshold : f.driftScore > f.drift.threshold;
            return (
              <span
                className={drifted ? 'bundle-drifted' : undefined}
                title={drifted ? 'past the threshold in the shipped drift report' : undefined}
              >
                {num(f.driftScore)}
                {drifted ? ' ▲' : ''}
              </span>
            );
          },
          align: 'right',
          mono: true,
        },
      ]}
    />
  );
}

export function Warnings({ warnings }: { warnings: string[] }) {
  if (warnings.length === 0) return null;
  return (
    <div className="bundle-warnings" role="note" aria-label="Warnings">
      <strong>Before you export</strong>
      <ul>
        {warnings.map((w) => (
          <li key={w}>{w}</li>
        ))}
      </ul>
    </div>
  );
}
