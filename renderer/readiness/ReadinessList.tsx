import { useId, useState } from 'react';
import { READINESS_ITEMS, type ReadinessSummary } from '../../shared/types/readiness';
import { useCall } from '../api/hooks';
import { DemoButton } from '../models/DemoButton';
import { href, navigate } from '../router/index';
import { EmptyState, ErrorBox, Loading, Page, Table, type Column } from '../ui/index';
import { countStates, ITEM_SHORT, overall, StateBadge } from './format';

const refOf = (r: ReadinessSummary) => `${r.model.name}@${r.model.version}`;

const COLUMNS: Column<ReadinessSummary>[] = [
  {
    key: 'model',
    header: 'Model version',
    render: (r) => (
      <a href={href('readiness', refOf(r))} className="model-name" onClick={(e) => e.stopPropagation()}>
        {refOf(r)}
      </a>
    ),
  },
  {
    key: 'overall',
    header: 'Overall',
    render: (r) => {
      const counts = countStates(Object.values(r.states));
      const [verdict, rest] = overall(r.ready, counts).split(/: | (?=\()/);
      return (
        <span className="ready-overall-cell" data-testid="overall" title={overall(r.ready, counts)}>
          <span className={`badge ${r.ready ? 'badge-ok' : 'badge-bad'}`}>{verdict}</span>
          {rest && <span className="ready-counts">{rest}</span>}
        </span>
      );
    },
  },
  ...READINESS_ITEMS.map((id): Column<ReadinessSummary> => ({
    key: id,
    header: ITEM_SHORT[id],
    render: (r) => (
      <span data-item={id}>
        <StateBadge state={r.states[id]} item={ITEM_SHORT[id]} />
      </span>
    ),
  })),
];

/** The home: what is proven for every model version, and what is not yet. */
export function ReadinessList() {
  const list = useCall('ready/list', {});
  const [filter, setFilter] = useState('');
  const filterId = useId();
  const empty = list.data?.length === 0;
  const needle = filter.trim().toLowerCase();
  const rows = (list.data ?? []).filter(
    (r) =>
      !needle ||
      refOf(r).toLowerCase().includes(needle) ||
      (needle === 'ready' ? r.ready : needle === 'not ready' ? !r.ready : false),
  );
  return (
    <Page
      title="Readiness"
      subtitle="The production-ready checklist of every model version: what is proven, by which evidence, and what is still missing."
    >
      {list.error ? (
        <ErrorBox title="The checklist could not be read" error={list.error} onRetry={list.reload} />
      ) : null}
      {list.loading && !list.data && <Loading what="the checklist" />}
      {empty && <FirstRun onCreated={list.reload} />}
      {list.data && list.data.length > 0 && (
        <section className="section" aria-label="Model versions">
          <div className="ready-filter">
            <label htmlFor={filterId}>Filter</label>
            <input
              id={filterId}
              type="search"
              value={filter}
              placeholder="model name, or “not ready”"
              onChange={(e) => setFilter(e.target.value)}
            />
            <span className="muted">
              {rows.length} of {list.data.length} version{list.data.length === 1 ? '' : 's'}
            </span>
          </div>
          <div className="ready-list">
            <Table
              caption="Readiness of every model version"
              columns={COLUMNS}
              rows={rows}
              rowKey={refOf}
              onRowActivate={(r) => navigate('readiness', refOf(r))}
              empty={<p className="muted">No model version matches “{filter}”.</p>}
            />
          </div>
          <p className="muted table-hint">
            Open a version with Enter or a click for each item’s evidence and the one action that would prove it. In CI:{' '}
            <code>preflight ready NAME@VERSION</code> exits 1 while an item is missing or stale.
          </p>
        </section>
      )}
    </Page>
  );
}

/** An empty workspace: what this screen is for, and the demo (as the Models screen offers it). */
function FirstRun({ onCreated }: { onCreated: () => void }) {
  return (
    <EmptyState title="Nothing to check yet">
      <p>
        Readiness is the pre-flight checklist of each model version: it loads and is pinned, latency measured on the
        target hardware, input and output drift checked, contracts, reproducible predictions, a fallback, rollback, a
        runbook and automated retraining — each proven by evidence in this workspace.
      </p>
      <p>
        Start by adding a model on the <a href={href('models')}>Models</a> screen (
        <code>preflight models add model.onnx</code>), or <strong>try the demo</strong>: a small credit-risk model with
        training and production data, a drift report and a CPU benchmark, generated on this machine.
      </p>
      <DemoButton onCreated={onCreated} />
    </EmptyState>
  );
}
