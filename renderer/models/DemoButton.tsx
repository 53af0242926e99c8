import type { ResultOf } from '../../shared/contract/index';
import { isCancelled, useJob } from '../api/hooks';
import { navigate } from '../router/index';
import { ErrorBox, ProgressBar } from '../ui/index';

/**
 * First run: one click builds a demo — a model, training and production data with drift that builds
 * up week by week, a drift report and a short CPU benchmark — all generated on this machine.
 * Opens the demo's drift report when done, unless `onCreated` says where to go instead.
 */
export function DemoButton({ onCreated }: { onCreated?: (result: ResultOf<'demo/create'>) => void } = {}) {
  const job = useJob();
  const start = async () => {
    const result = await job.start('demo/create', { benchmark: true });
    if (!result) return;
    if (onCreated) onCreated(result);
    else navigate('drift', String(result.driftReportId));
  };
  return (
    <div className="demo-offer">
      {!job.state.running && (
        <button type="button" className="button" onClick={start}>
          Try the demo
        </button>
      )}
      {job.state.running && (
        <ProgressBar progress={job.state.progress} label="Building the demo" onCancel={job.cancel} />
      )}
      {job.state.error && !isCancelled(job.state.error) ? (
        <ErrorBox title="The demo could not be built" error={job.state.error} onDismiss={job.clearError} />
      ) : null}
    </div>
  );
}
