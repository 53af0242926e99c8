import type { DatasetSummary } from '../../shared/types/datasets';
import { useCall } from '../api/hooks';
import { href, navigate } from '../router/index';
import {
  EmptyState,
  ErrorBox,
  FilterBox,
  byTime,
  formatBytes,
  formatCount,
  formatDate,
  Loading,
  noMatch,
  Page,
  Table,
  useFilter,
  type Column,
} from '../ui/index';
import { AddDatasetButton, AddDatasetStatus } from './AddDataset';
import { baseName, formatLabel } from './format';
import type { DatasetAdder } from './useAddDataset';

const COLUMNS: Column<DatasetSummary>[] = [
  { key: 'name', header: 'Name', render: (d) => <span className="ds-name">{d.name}</span>, sortValue: (d) => d.name },
  { key: 'format', header: 'Format', render: (d) => formatLabel(d.format), sortValue: (d) => formatLabel(d.format) },
  {
    key: 'rows',
    header: 'Rows',
    align: 'right',
    mono: true,
    render: (d) => formatCount(d.rows),
    sortValue: (d) => d.rows,
  },
  {
    key: 'columns',
    header: 'Columns',
    align: 'right',
    mono: true,
    render: (d) => formatCount(d.columns),
    sortValue: (d) => d.columns,
  },
  {
    key: 'source',
    header: 'Source file',
    sortValue: (d) => baseName(d.sourcePath),
    wrap: true,
    render: (d) => <span title={d.sourcePath}>{baseName(d.sourcePath)}</span>,
  },
  {
    key: 'size',
    header: 'Size',
    align: 'right',
    mono: true,
    render: (d) => formatBytes(d.sourceBytes),
    sortValue: (d) => d.sourceBytes,
  },
  {
    key: 'added',
    header: 'Added',
    render: (d) => <span title={d.addedAt}>{formatDate(d.addedAt)}</span>,
    sortValue: (d) => byTime(d.addedAt),
  },
];

export function DatasetList({ adder }: { adder: DatasetAdder }) {
  const datasets = useCall('datasets/list', {});
  const empty = datasets.data?.length === 0;
  const filter = useFilter(datasets.data, (d) => `${d.name} ${d.format} ${d.sourcePath.split(/[\\/]/).pop() ?? ''}`);
  return (
    <Page
      title="Datasets"
      subtitle="Training and production data in this workspace: every column's kind, missing values and distribution."
      // Only once the list is known: the empty screen has its own button, and swapping one for the other
      // under a user's (or a test's) hand would lose the file just chosen.
      actions={(datasets.data ? !empty : !!datasets.error) && <AddDatasetButton adder={adder} />}
    >
      <AddDatasetStatus adder={adder} />
      {datasets.error ? (
        <ErrorBox title="The dataset list could not be read" error={datasets.error} onRetry={datasets.reload} />
      ) : null}
      {datasets.loading && !datasets.data && <Loading what="datasets" />}
      {empty && <FirstRun adder={adder} />}
      {datasets.data && datasets.data.length > 0 && (
        <section className="section" aria-label="Datasets in this workspace">
          <FilterBox filter={filter} what="datasets" />
          <Table
            caption="Datasets in this workspace"
            columns={COLUMNS}
            rows={filter.rows}
            empty={<p className="muted">{noMatch('datasets', filter.query)}</p>}
            rowKey={(d) => d.name}
            onRowActivate={(d) => navigate('datasets', d.name)}
          />
          <p className="muted ds-hint">
            Open a dataset with Enter or a click. Drop a .csv, .tsv, .parquet or .jsonl file anywhere on this page to
            import it.
          </p>
        </section>
      )}
    </Page>
  );
}

/** First run: what a dataset is here, which files work, and where the demo's data comes from. */
function FirstRun({ adder }: { adder: DatasetAdder }) {
  return (
    <EmptyState
      title="Import a data file to profile it"
      icon={<BigTableIcon />}
      actions={<AddDatasetButton adder={adder} />}
    >
      <p>
        Drop a file on this page or choose <strong>Add dataset…</strong>. Preflight reads <strong>CSV</strong> and{' '}
        <strong>TSV</strong> (any delimiter, UTF-8 or Latin-1), <strong>Parquet</strong> and <strong>JSON Lines</strong>
        , keeps a copy of every row in the workspace, infers each column's kind (integer, float, boolean, datetime or
        categorical — ids like <code>007</code> stay text) and profiles it: missing values, NaN and infinities, distinct
        values, quantiles and a histogram.
      </p>
      <p>Datasets are what the Drift screen compares and what benchmarks and bundles feed to a model.</p>
      <p className="muted">
        Nothing leaves this machine. From a terminal: <code>preflight datasets add data.csv</code>
      </p>
      <p>
        New here? <strong>Try the demo</strong> on the <a href={href('models')}>Models</a> screen: it creates two
        datasets (training and production data for a small credit-risk model) along with the model, a drift report and a
        benchmark.
      </p>
    </EmptyState>
  );
}

function BigTableIcon() {
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
      <rect x="2" y="2.5" width="12" height="11" rx="1" />
      <path d="M2 6h12M2 9.5h12M6.5 2.5v11" />
    </svg>
  );
}
