import { useRef, type ChangeEvent } from 'react';
import { href } from '../router/index';
import { ErrorBox, ProgressBar } from '../ui/index';
import { isCancelled } from '../api/hooks';
import { modelRef } from './format';
import type { ModelAdder } from './useAddModel';

/** "Add model" opens the file chooser; several files at once = a model and its external data. */
export function AddModelButton({ adder, primary = true }: { adder: ModelAdder; primary?: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(e.target.files ?? []);
    e.target.value = ''; // choosing the same file again must fire change again
    void adder.add(files);
  };
  return (
    <>
      <button type="button" className={primary ? 'button-primary' : undefined} onClick={() => input.current?.click()} disabled={adder.job.state.running}>
        Add model…
      </button>
      <input
        ref={input}
        type="file"
        accept=".onnx,.bin,.data"
        multiple
        className="visually-hidden"
        tabIndex={-1}
        aria-label="Model files (.onnx, plus external data files)"
        data-testid="add-model-input"
        onChange={onChange}
      />
    </>
  );
}

/** Progress, outcome or error of the last add — shown right where the files were given. */
export function AddModelStatus({ adder }: { adder: ModelAdder }) {
  const { state, cancel } = adder.job;
  if (state.running) {
    return <ProgressBar label="Adding model" progress={state.progress} onCancel={state.jobId || state.phase ? cancel : undefined} />;
  }
  if (state.error) {
    const title = isCancelled(state.error) ? 'Adding the model was cancelled' : 'The model could not be added';
    return <ErrorBox title={title} error={state.error} onDismiss={adder.dismiss} />;
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
