import type { JobProgress } from '../../shared/contract/events';
import { isCancelled, type useJob } from '../api/hooks';
import { ErrorBox, formatCount, ProgressBar } from '../ui/index';

/** The running numbers a bench job reports: which point, how many iterations, p50 and p99 so far. */
export function LiveStats({ progress }: { progress: JobProgress | null }) {
  const d = progress?.data as
    | { label?: string; point?: number; points?: number; iterations?: number; p50Ms?: number; p99Ms?: number }
    | undefined;
  if (!d || d.iterations === undefined) return null;
  return (
    <dl className="facts bench-live-stats" data-testid="bench-live" aria-live="polite">
      <dt>Point</dt>
      <dd>
        {d.label} ({(d.point ?? 0) + 1} of {d.points ?? 1})
      </dd>
      <dt>Iterations</dt>
      <dd className="mono">{formatCount(d.iterations)}</dd>
      <dt>Running p50</dt>
      <dd className="mono">{d.p50Ms?.toPrecision(3)} ms</dd>
      <dt>Running p99</dt>
      <dd className="mono">{d.p99Ms?.toPrecision(3)} ms</dd>
    </dl>
  );
}

/**
 * A bench job's state where it was started (New benchmark, A/B): progress with Cancel and the running
 * numbers, the failure, or "nothing was stored" after a cancel.
 */
export function BenchJobStatus({
  job,
  label,
  failedTitle,
}: {
  job: ReturnType<typeof useJob>;
  label: string;
  failedTitle: string;
}) {
  const { state } = job;
  return (
    <>
      {state.running && (
        <div className="bench-live">
          <ProgressBar label={label} progress={state.progress} onCancel={job.cancel} />
          <LiveStats progress={state.progress} />
        </div>
      )}
      {state.error && !isCancelled(state.error) ? (
        <ErrorBox title={failedTitle} error={state.error} onDismiss={job.clearError} />
      ) : null}
      {state.error && isCancelled(state.error) ? (
        <p className="muted" role="status">
          Cancelled: nothing was stored.
        </p>
      ) : null}
    </>
  );
}
