import { useMemo, useState } from 'react';
import type { ColumnInfo, DatasetDetail } from '../../shared/types/datasets';
import { useCall } from '../api/hooks';
import { href } from '../router/index';
import { ErrorBox, formatBytes, formatCount, formatDate, Loading, Page, plural, Section } from '../ui/index';
import { AddDatasetButton, AddDatasetStatus } from './AddDataset';
import type { Reimported } from './ChangeKind';
import { ColumnPanel } from './ColumnPanel';
import { ColumnTable } from './ColumnTable';
import { baseName, delimiterLabel, displayName, formatLabel } from './format';
import { RemoveDataset } from './RemoveDataset';
import type { DatasetAdder } from './useAddDataset';

/** One dataset: `#/datasets/NAME` — what was imported, how, and every column's profile. */
export function DatasetView({
  name,
  adder,
  reimported,
  onReimported,
}: {
  name: string;
  adder: DatasetAdder;
  reimported: Reimported | null;
  onReimported: (r: Reimported) => void;
}) {
  const shown = useCall('datasets/show', { ref: name });
  const [open, setOpen] = useState<ColumnInfo | null>(null);
  const dataset = shown.data;
  const back = (
    <a href={href('datasets')} className="ds-back-link">
      ← Datasets
    </a>
  );
  if (!dataset) {
    return (
      <Page title={name} subtitle={back}>
        {shown.error ? (
          <ErrorBox title={`${name} could not be shown`} error={shown.error} onRetry={shown.reload} />
        ) : (
          <Loading what={name} />
        )}
      </Page>
    );
  }
  return (
    <Page
      title={dataset.name}
      subtitle={back}
      actions={
        <>
          <a
            className="button"
            href={href('drift', 'new', dataset.name)}
            title="Open the Drift screen with this dataset as the reference; choose the current side there"
          >
            Compare with…
          </a>
          <AddDatasetButton adder={adder} primary={false} />
          <RemoveDataset dataset={dataset} />
        </>
      }
    >
      <AddDatasetStatus adder={adder} />
      {reimported?.name === dataset.name && <ReimportNote note={reimported} />}
      <Summary dataset={dataset} />
      <Columns columns={dataset.columnInfo} onOpen={setOpen} />
      {open && (
        <ColumnPanel dataset={dataset} column={open} onClose={() => setOpen(null)} onReimported={onReimported} />
      )}
    </Page>
  );
}

/** Says where this dataset came from after "Re-import with this kind", and that the original is untouched. */
function ReimportNote({ note }: { note: Reimported }) {
  return (
    <p className="ds-notice" role="status" data-testid="reimport-note">
      Re-imported as <strong>{note.name}</strong> with column <span className="mono">{displayName(note.column)}</span>{' '}
      as <strong>{note.kind}</strong>; the original dataset <a href={href('datasets', note.from)}>{note.from}</a> is
      unchanged.
    </p>
  );
}

/** The column table, with a filter once there are more columns than fit on a screen. */
function Columns({ columns, onOpen }: { columns: ColumnInfo[]; onOpen: (c: ColumnInfo) => void }) {
  const [filter, setFilter] = useState('');
  const needle = filter.trim().toLowerCase();
  const shown = useMemo(
    () => (needle ? columns.filter((c) => c.name.toLowerCase().includes(needle) || c.kind === needle) : columns),
    [columns, needle],
  );
  const search =
    columns.length > 15 ? (
      <input
        type="search"
        className="ds-filter"
        placeholder="Filter by name or kind"
        aria-label="Filter columns by name or kind"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
      />
    ) : undefined;
  const title = needle
    ? `Columns (${formatCount(shown.length)} of ${formatCount(columns.length)})`
    : `Columns (${formatCount(columns.length)})`;
  return (
    <Section title={title} id="ds-columns" actions={search}>
      {shown.length === 0 ? (
        <p className="muted">No column matches “{filter.trim()}”.</p>
      ) : (
        <ColumnTable columns={shown} onOpen={onOpen} />
      )}
      <p className="muted ds-hint">
        Open a column with Enter or a click for its full histogram or categories and its quantiles.
      </p>
    </Section>
  );
}

/** The import as a reviewer checks it: size, shape, how the text was read, and what the importer noticed. */
function Summary({ dataset: d }: { dataset: DatasetDetail }) {
  const notes = d.import.notes;
  return (
    <Section title="Summary" id="ds-summary">
      <dl className="facts" data-testid="dataset-summary">
        <dt>Rows</dt>
        <dd className="mono">{formatCount(d.rows)}</dd>
        <dt>Columns</dt>
        <dd className="mono">{formatCount(d.columns)}</dd>
        <dt>Format</dt>
        <dd>
          {formatLabel(d.format)}
          {d.import.encoding && <span className="muted"> · encoding {d.import.encoding}</span>}
          {d.import.delimiter !== undefined && (
            <span className="muted"> · delimiter {delimiterLabel(d.import.delimiter)}</span>
          )}
        </dd>
        <dt>Source</dt>
        <dd>
          <span className="mono" title={d.sourcePath}>
            {baseName(d.sourcePath)}
          </span>{' '}
          <span className="muted">({formatBytes(d.sourceBytes)})</span>
        </dd>
        <dt>Added</dt>
        <dd title={d.addedAt}>
          {formatDate(d.addedAt)}{' '}
          <span className="muted">
            · imported in{' '}
            {d.import.seconds < 1 ? `${Math.round(d.import.seconds * 1000)} ms` : `${d.import.seconds.toFixed(1)} s`}
          </span>
        </dd>
        <dt>Import notes</dt>
        <dd>
          {notes.length === 0 ? (
            <span className="muted">none</span>
          ) : (
            <ul className="ds-notes" aria-label={plural(notes.length, 'import note')}>
              {notes.map((n, i) => (
                <li key={i}>{n}</li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
    </Section>
  );
}
