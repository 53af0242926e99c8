import { href } from '../router/index';
import { ErrorBox, FilePickerButton, ProgressBar } from '../ui/index';
import { isCancelled } from '../api/hooks';
import { modelRef } from './format';
import type { ModelAdder } from './useAddModel';

/**
 * "Add model…" opens the file chooser (several files at once = a model and its external data);
 * "Add model folder…" takes a whole folder, for weights kept in subfolders (`data/weights.bin`).
 */
export function AddModelButton({ adder, primary = true }: { adder: ModelAdder; primary?: boolean }) {
  const disabled = adder.job.state.running;
  const onFiles = (files: File[]) => void adder.add(files);
  return (
    <>
      <FilePickerButton
        label="Add model…"
        accept=".onnx,.bin,.data"
        ariaLabel="Model files (.onnx, plus external data files)"
        testId="add-model-input"
        primary={primary}
        disabled={disabled}
        onFiles={onFiles}
      />
      <FilePickerButton
        label="Add model folder…"
        accept=""
        directory
        ariaLabel="Model folder (.onnx files with their external data, subfolders included)"
        testId="add-model-folder-input"
        primary={false}
        disabled={disabled}
        onFiles={onFiles}
      />
    </>
  );
}

/** Progress, outcome or error of the last add — shown right where the files were given. */
export function AddModelStatus({ adder }: { adder: ModelAdder }) {
  const { state, cancel } = adder.job;
  if (state.running) {
    return (
      <ProgressBar
        label="Adding model"
        progress={state.progress}
        onCancel={state.jobId || state.phase ? cancel : undefined}
      />
    );
  }
  if (state.error) {
    const title = isCancelled(state.error) ? 'Adding the model was cancelled' : 'The model could not be added';
    return (
      <ErrorBox title={title} error={state.error} onDismiss={adder.dismiss}>
        {adder.unloadable && (
          <p>
            Nothing downstream can use a model that does not load (benchmarks, drift predictions, bundles).{' '}
            <button type="button" className="button-small" onClick={() => void adder.keepUnloadable()}>
              Register it anyway
            </button>
          </p>
        )}
      </ErrorBox>
    );
  }
  const last = adder.lastAdded;
  if (last && !last.created && last.sameBytesAs?.length && last.asked && last.asked.name !== last.name) {
    const ref = modelRef(last.name, last.version);
    return (
      <div className="notice" role="status" data-testid="model-same-bytes">
        These bytes are already registered as <a href={href('models', ref)}>{ref}</a>
        {last.sameBytesAs.length > 1 ? ` (and ${last.sameBytesAs.slice(1).join(', ')})` : ''}; nothing was added.{' '}
        <button type="button" className="button-small" onClick={() => void adder.addDuplicate()}>
          Register as {last.asked.name} too
        </button>
      </div>
    );
  }
  if (last && last.created && last.sameBytesAs?.some((r) => r !== modelRef(last.name, last.version))) {
    return (
      <div className="notice" role="status" data-testid="model-same-bytes">
        Registered {modelRef(last.name, last.version)}; the same bytes are also registered as{' '}
        {last.sameBytesAs.filter((r) => r !== modelRef(last.name, last.version)).join(', ')}.
      </div>
    );
  }
  if (adder.lastAdded && !adder.lastAdded.created) {
    const ref = modelRef(adder.lastAdded.name, adder.lastAdded.version);
    return (
      <div className="notice" role="status">
        This file is already registered as <a href={href('models', ref)}>{ref}</a>; no new version was added.
      </div>
    );
  }
  return null;
}
