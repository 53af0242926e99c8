import type { ModelSummary } from '../../shared/types/models';
import { useCall } from '../api/hooks';
import { navigate } from '../router/index';
import {
  EmptyState,
  ErrorBox,
  FilterBox,
  byTime,
  formatDate,
  Loading,
  noMatch,
  Page,
  shortHash,
  Table,
  useFilter,
  type Column,
} from '../ui/index';
import { AddModelButton, AddModelStatus } from './AddModel';
import { DemoButton } from './DemoButton';
import { modelRef } from './format';
import type { ModelAdder } from './useAddModel';

const COLUMNS: Column<ModelSummary>[] = [
  {
    key: 'name',
    header: 'Name',
    render: (m) => <span className="model-name">{m.name}</span>,
    sortValue: (m) => m.name,
  },
  {
    key: 'latest',
    header: 'Latest',
    align: 'right',
    mono: true,
    render: (m) => `@${m.latestVersion}`,
    sortValue: (m) => m.latestVersion,
  },
  { key: 'versions', header: 'Versions', align: 'right', render: (m) => m.versions, sortValue: (m) => m.versions },
  { key: 'inputs', header: 'Inputs', align: 'right', render: (m) => m.inputs, sortValue: (m) => m.inputs },
  { key: 'outputs', header: 'Outputs', align: 'right', render: (m) => m.outputs, sortValue: (m) => m.outputs },
  {
    key: 'loadable',
    header: 'Loads in onnxruntime',
    sortValue: (m) => (m.loadable ? 1 : 0),
    render: (m) =>
      m.loadable ? (
        <span className="badge badge-ok">loadable</span>
      ) : (
        <span className="badge badge-bad">load failed</span>
      ),
  },
  { key: 'sha', header: 'SHA-256', mono: true, render: (m) => <span title={m.sha256}>{shortHash(m.sha256)}</span> },
  {
    key: 'added',
    header: 'Added',
    render: (m) => <span title={m.addedAt}>{formatDate(m.addedAt)}</span>,
    sortValue: (m) => byTime(m.addedAt),
  },
];

export function ModelList({ adder }: { adder: ModelAdder }) {
  const models = useCall('models/list', {});
  const empty = models.data?.length === 0;
  const filter = useFilter(models.data, (m) => `${m.name} @${m.latestVersion} ${m.sha256}`);
  return (
    <Page
      title="Models"
      subtitle="ONNX models in this workspace: what they take, what they return, and whether they load."
      // Only once the list is known: the empty screen has its own button, and swapping one for the other
      // under a user's (or a test's) hand would lose the file just chosen.
      actions={(models.data ? !empty : !!models.error) && <AddModelButton adder={adder} />}
    >
      {!empty && <AddModelStatus adder={adder} />}
      {models.error ? (
        <ErrorBox title="The model list could not be read" error={models.error} onRetry={models.reload} />
      ) : null}
      {models.loading && !models.data && <Loading what="models" />}
      {empty && <FirstRun adder={adder} />}
      {models.data && models.data.length > 0 && (
        <section className="section" aria-label="Registered models">
          <FilterBox filter={filter} what="models" />
          <Table
            caption="Registered models"
            columns={COLUMNS}
            rows={filter.rows}
            empty={<p className="muted">{noMatch('models', filter.query)}</p>}
            rowKey={(m) => m.name}
            onRowActivate={(m) => navigate('models', modelRef(m.name, m.latestVersion))}
          />
          <p className="muted table-hint">
            Open a model with Enter or a click. Drop an .onnx file anywhere on this page to add it.
          </p>
        </section>
      )}
    </Page>
  );
}

/** First run: say what this screen is for and the one thing to do. */
function FirstRun({ adder }: { adder: ModelAdder }) {
  return (
    <>
      <EmptyState
        title="Add an .onnx model to get started"
        icon={<BigModelIcon />}
        actions={<AddModelButton adder={adder} />}
      >
        <p>
          Drop an <code>.onnx</code> file on this page or choose <strong>Add model…</strong>. Preflight keeps an exact
          copy, reads its inputs, outputs, symbolic dimensions, opsets and operators, and checks that onnxruntime can
          load it.
        </p>
        <p>
          If the model keeps its weights in external data files (.bin, .data), select them together with the .onnx file,
          or choose <strong>Add model folder…</strong> (or drop the folder) when they sit in subfolders.
        </p>
        <p className="muted">
          Nothing leaves this machine. From a terminal: <code>preflight models add model.onnx</code>
        </p>
        <p>
          New here? <strong>Try the demo</strong>: a small credit-risk model, training and production data with drift
          that builds up week by week, a drift report and a CPU benchmark, generated on this machine in a few seconds (
          <code>preflight demo</code> does the same).
        </p>
        <DemoButton />
      </EmptyState>
      <AddModelStatus adder={adder} />
    </>
  );
}

function BigModelIcon() {
  return (
    <svg
      width="40"
      height="40"
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="0.8"
      strokeLinejoin="round"
    >
      <path d="M8 1.5 14 5v6l-6 3.5L2 11V5zM2 5l6 3.5L14 5M8 8.5V14.5" />
    </svg>
  );
}
