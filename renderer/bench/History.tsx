import { useEffect, useState } from 'react';
import type { BenchRunSummary } from '../../shared/types/bench';
import { useCall } from '../api/hooks';
import { navigate } from '../router/index';
import {
  byTime,
  ErrorBox,
  FilterBox,
  formatDate,
  Loading,
  noMatch,
  Section,
  Table,
  useFilter,
  type Column,
} from '../ui/index';

/** Stored runs, newest first; tick two to compare them. */
export function History({ generation }: { generation: number }) {
  const runs = useCall('bench/list', {});
  const { reload } = runs;
  // A finished run bumps the generation: re-read the list.
  useEffect(() => {
    if (generation > 0) reload();
  }, [generation, reload]);
  const [picked, setPicked] = useState<number[]>([]);
  const filter = useFilter(
    runs.data,
    (r) =>
      `#${r.runId} ${r.runId} ${r.model.name}@${r.model.version} ${r.kind === 'ab' ? 'A/B' : 'sweep'} ${r.eps.join(' ')} ${(r.inputs ?? []).join(' ')}`,
  );
  const toggle = (id: number) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id].slice(-2)));
  const columns: Column<BenchRunSummary>[] = [
    {
      key: 'pick',
      header: <span className="visually-hidden">Compare</span>,
      render: (r) => (
        <input
          type="checkbox"
          aria-label={`Compare run ${r.runId}`}
          checked={picked.includes(r.runId)}
          onClick={(e) => e.stopPropagation()}
          onChange={() => toggle(r.runId)}
        />
      ),
      width: '28px',
    },
    { key: 'run', header: 'Run', align: 'right', mono: true, render: (r) => r.runId, sortValue: (r) => r.runId },
    {
      key: 'model',
      header: 'Model',
      render: (r) => `${r.model.name}@${r.model.version}`,
      sortValue: (r) => `${r.model.name}@${r.model.version}`,
    },
    { key: 'kind', header: 'Kind', render: (r) => (r.kind === 'ab' ? 'A/B' : 'sweep'), sortValue: (r) => r.kind },
    { key: 'eps', header: 'EPs', mono: true, render: (r) => r.eps.join(', ') },
    { key: 'points', header: 'Points', align: 'right', render: (r) => r.points, sortValue: (r) => r.points },
    {
      key: 'inputs',
      header: 'Inputs',
      render: (r) => (
        <span className="mono bench-history-inputs">
          {(r.inputs ?? []).join('; ') || '—'}
          {r.inputsAssumed && <span className="badge badge-warn">assumed</span>}
        </span>
      ),
    },
    {
      key: 'p50',
      header: 'Best p50',
      align: 'right',
      mono: true,
      render: (r) => (r.bestP50Ms === null ? '—' : `${r.bestP50Ms.toPrecision(3)} ms`),
      sortValue: (r) => r.bestP50Ms,
    },
    {
      key: 'slo',
      header: 'SLO',
      render: (r) =>
        r.sloPassed === null ? (
          <span className="muted">—</span>
        ) : r.sloPassed ? (
          <span className="badge badge-ok">met</span>
        ) : (
          <span className="badge badge-bad">breached</span>
        ),
    },
    {
      key: 'at',
      header: 'Started',
      render: (r) => <span title={r.startedAt}>{formatDate(r.startedAt)}</span>,
      sortValue: (r) => byTime(r.startedAt),
    },
  ];
  return (
    <Section
      title="Run history"
      id="bench-history"
      actions={
        <button
          type="button"
          className="button-small"
          disabled={picked.length !== 2}
          onClick={() => navigate('bench', 'compare', String(picked[0]), String(picked[1]))}
        >
          Compare selected
        </button>
      }
    >
      {runs.error ? <ErrorBox title="Runs could not be read" error={runs.error} onRetry={runs.reload} /> : null}
      {runs.loading && !runs.data && <Loading what="runs" />}
      {runs.data && (
        <>
          {runs.data.length > 0 && <FilterBox filter={filter} what="runs" />}
          <Table
            caption="Benchmark runs"
            columns={columns}
            rows={filter.rows}
            rowKey={(r) => String(r.runId)}
            onRowActivate={(r) => navigate('bench', String(r.runId))}
            empty={<p className="muted">{runs.data.length ? noMatch('runs', filter.query) : 'No runs yet.'}</p>}
          />
        </>
      )}
    </Section>
  );
}
