import { useState, type FormEvent } from 'react';
import type { JobProgress } from '../../shared/contract/events';
import { isCancelled } from '../api/hooks';
import { ErrorBox, FilePickerButton, formatBytes, formatCount, ProgressBar } from '../ui/index';
import { href } from '../router/index';
import { DATASET_ACCEPT } from './format';
import type { DatasetAdder } from './useAddDataset';

/** "Add dataset…" opens the file chooser; each chosen file becomes one dataset. */
export function AddDatasetButton({ adder, primary = true }: { adder: DatasetAdder; primary?: boolean }) {
  return (
    <FilePickerButton
      label="Add dataset…"
      accept={DATASET_ACCEPT}
      ariaLabel="Dataset files (.csv, .tsv, .txt, .parquet, .jsonl)"
      testId="add-dataset-input"
      primary={primary}
      disabled={adder.job.state.running}
      onFiles={(files) => void adder.add(files)}
    />
  );
}

/** Progress, or the error, of the last import — shown right where the file was given. */
export function AddDatasetStatus({ adder }: { adder: DatasetAdder }) {
  const { state, cancel } = adder.job;
  if (state.running) {
    return (
      <ProgressBar
        label="Importing dataset"
        progress={describe(state.progress, adder.size)}
        onCancel={state.jobId || state.phase ? cancel : undefined}
      />
    );
  }
  if (state.error) {
    const title = isCancelled(state.error)
      ? 'The import was cancelled'
      : adder.existing
        ? 'This file is already there'
        : 'The dataset could not be imported';
    return (
      <ErrorBox title={title} error={state.error} onDismiss={adder.dismiss}>
        {adder.existing && (
          <p>
            <a href={href('datasets', adder.existing)}>Open {adder.existing}</a>, or import a second copy under another
            name:
          </p>
        )}
        {adder.clash && <RenameForm adder={adder} taken={adder.clash.name} />}
      </ErrorBox>
    );
  }
  return null;
}

/** The core reports bytes read and rows so far; say both, against the file's size when known. */
function describe(progress: JobProgress | null, size: number | null): JobProgress | null {
  const data = progress?.data as { bytes?: number; rows?: number } | undefined;
  if (!progress || typeof data?.bytes !== 'number') return progress;
  const bytes = size ? `${formatBytes(data.bytes)} of ${formatBytes(size)}` : formatBytes(data.bytes);
  const rows = typeof data.rows === 'number' ? ` · ${formatCount(data.rows)} rows` : '';
  return { ...progress, message: `${bytes}${rows}` };
}

/** The name is taken: import the same file under another name without choosing it again. */
function RenameForm({ adder, taken }: { adder: DatasetAdder; taken: string }) {
  const [name, setName] = useState(`${taken}-2`);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim()) void adder.addAs(name.trim());
  };
  return (
    <form className="dataset-rename" onSubmit={submit}>
      <label htmlFor="dataset-rename-input">Import it as</label>
      <input id="dataset-rename-input" value={name} onChange={(e) => setName(e.target.value)} spellCheck={false} />
      <button type="submit" className="button-small">
        Import
      </button>
    </form>
  );
}
