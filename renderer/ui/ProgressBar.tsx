import type { JobProgress } from '../../shared/contract/events';

interface ProgressBarProps {
  progress: JobProgress | null;
  label: string;
  /** Shows a Cancel button (jobs/cancel) while the job runs. */
  onCancel?: () => void;
}

/** A job's progress: determinate when the core knows the fraction, an animated stripe when it does not. */
export function ProgressBar({ progress, label, onCancel }: ProgressBarProps) {
  const fraction = progress?.fraction ?? null;
  const pct = fraction === null ? null : Math.round(Math.max(0, Math.min(1, fraction)) * 100);
  return (
    <div className="progress" role="status" aria-live="polite">
      <div className="progress-text">
        <span className="progress-label">{label}</span>
        <span className="progress-message">{progress?.message ?? ''}</span>
        {pct !== null && <span className="progress-pct mono">{pct}%</span>}
      </div>
      <div className="progress-row">
        <div
          className={pct === null ? 'progress-track progress-indeterminate' : 'progress-track'}
          role="progressbar"
          aria-label={label}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={pct ?? undefined}
        >
          <div className="progress-fill" style={{ width: pct === null ? undefined : `${pct}%` }} />
        </div>
        {onCancel && (
          <button type="button" className="button-small" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </div>
  );
}
