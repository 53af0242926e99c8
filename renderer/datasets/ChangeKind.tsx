import { useState, type FormEvent } from 'react';
import { PreflightError } from '../../shared/contract/errors';
import { COLUMN_KINDS, type ColumnInfo, type ColumnKind, type DatasetDetail } from '../../shared/types/datasets';
import { client, host } from '../api/client';
import { isCancelled, useJob } from '../api/hooks';
import { ErrorBox, ProgressBar } from '../ui/index';
import { baseName, displayName } from './format';

/** What a successful re-import did, for the note on the new dataset's page. */
export interface Reimported {
  name: string;
  from: string;
  column: string;
  kind: ColumnKind;
}

/**
 * "Change kind…": re-imports the dataset's source file with this column read as another kind. A
 * dataset is immutable once imported, so the result is a NEW dataset (`NAME-2`, or the next free
 * name) and the original stays as it was — nothing the user already compared against changes under them.
 */
export function ChangeKind({
  dataset,
  column,
  onReimported,
}: {
  dataset: DatasetDetail;
  column: ColumnInfo;
  onReimported: (r: Reimported) => void;
}) {
  const job = useJob();
  const [kind, setKind] = useState<ColumnKind | ''>('');
  const { state } = job;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!kind || state.running) return;
    job.clearError();
    let name: string;
    try {
      name = await nextFreeName(dataset.name);
    } catch (err) {
      return job.fail(err);
    }
    // Keep the kinds the user already chose for other columns: the new dataset differs in this one only.
    const types: Record<string, ColumnKind> = { ...existingOverrides(dataset), [column.name]: kind };
    const result = await job.start('datasets/add', { path: dataset.sourcePath, name, types }, (err) =>
      reword(err, dataset.sourcePath),
    );
    if (result) onReimported({ name: result.name, from: dataset.name, column: column.name, kind });
  };

  const error = state.error;
  const fileGone =
    error instanceof PreflightError && error.code === 'INVALID_INPUT' && /no such file/.test(error.message);
  return (
    <section className="ds-change-kind" aria-label="Change kind">
      <form onSubmit={(e) => void submit(e)} className="ds-change-kind-form">
        <label htmlFor="ds-change-kind-select">Change kind…</label>
        <select
          id="ds-change-kind-select"
          value={kind}
          onChange={(e) => setKind(e.target.value as ColumnKind | '')}
          disabled={state.running}
        >
          <option value="">choose a kind</option>
          {COLUMN_KINDS.filter((k) => k !== column.kind).map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
        <button type="submit" className="button-small" disabled={!kind || state.running}>
          Re-import with this kind
        </button>
      </form>
      <p className="muted ds-small">
        Imports {baseName(dataset.sourcePath)} again as a new dataset with {displayName(column.name)} read as the chosen
        kind; {dataset.name} stays unchanged.
      </p>
      {state.running && (
        <ProgressBar label="Re-importing" progress={state.progress} onCancel={state.jobId ? job.cancel : undefined} />
      )}
      {error ? (
        <ErrorBox
          title={isCancelled(error) ? 'The re-import was cancelled' : 'The dataset could not be re-imported'}
          error={error}
          onDismiss={job.clearError}
        >
          {fileGone && (
            <p className="error-hint">
              The file {dataset.name} was imported from is gone (in web mode, uploads last only while the server runs).
              Add the file again with Add dataset…, then change the kind on the new dataset.
            </p>
          )}
        </ErrorBox>
      ) : null}
    </section>
  );
}

/** Columns whose kind was set at import rather than inferred. */
function existingOverrides(dataset: DatasetDetail): Record<string, ColumnKind> {
  return Object.fromEntries(dataset.columnInfo.filter((c) => c.kind !== c.inferredKind).map((c) => [c.name, c.kind]));
}

/**
 * `NAME-2`, `NAME-3`, … — the first name no dataset has yet (names are unique, at most 128 characters).
 * Re-importing `codes-2` gives `codes-3`, not `codes-2-2`, when `codes` exists: the family stays flat.
 */
async function nextFreeName(name: string): Promise<string> {
  const taken = new Set((await client.call('datasets/list', {})).map((d) => d.name));
  const family = /^(.+)-\d+$/.exec(name)?.[1];
  const base = (family && taken.has(family) ? family : name).slice(0, 120);
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** In web mode the source is an upload under a server folder the user never saw: name it as they know it. */
function reword(err: unknown, path: string): unknown {
  if (host !== 'web' || !(err instanceof PreflightError) || !err.message.includes(path)) return err;
  return new PreflightError(err.code, err.message.split(path).join(baseName(path)), err.details);
}
