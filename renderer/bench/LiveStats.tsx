import type { JobProgress } from '../../shared/contract/events';
import { formatCount } from '../ui/index';

/** The running numbers a bench job reports: which point, how many iterations, p50 and p99 so far. */
export function LiveStats({ progress }: { progress: JobProgress | null }) {
  const d = progress?.data as { label?: string; point?: number; points?: number; iterations?: number; p50Ms?: number; p99Ms?: number } | undefined;
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
