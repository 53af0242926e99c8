import { useEffect, useState } from 'react';
import type { ArgsOf } from '../../shared/contract/methods';
import type { JobProgress } from '../../shared/contract/events';
import type { BundlePreview } from '../../shared/types/bundles';
import { client } from '../api/client';
import { isCancelled } from '../api/hooks';

export interface PreviewState {
  data: BundlePreview | undefined;
  /** The arguments `data` was computed for (the form may already have moved on). */
  dataKey: string | null;
  error: unknown;
  running: boolean;
  progress: JobProgress | null;
}

/**
 * Runs bundles/preview for the current plan, a moment after the last change (a slider being dragged
 * sends one preview, not fifty), and cancels the job of a plan that is no longer current. The last
 * good preview stays on screen while the next one runs.
 */
export function usePreview(args: ArgsOf<'bundles/preview'> | null, delayMs = 350): PreviewState {
  const key = args ? JSON.stringify(args) : null;
  const [state, setState] = useState<PreviewState>({
    data: undefined,
    dataKey: null,
    error: null,
    running: false,
    progress: null,
  });
  useEffect(() => {
    if (!key) return;
    const abort = new AbortController();
    const timer = setTimeout(() => {
      setState((s) => ({
        ...s,
        running: true,
        error: null,
        progress: { fraction: null, message: 'scoring the reference rows…' },
      }));
      client
        .run('bundles/preview', JSON.parse(key) as ArgsOf<'bundles/preview'>, {
          signal: abort.signal,
          onProgress: (progress) => !abort.signal.aborted && setState((s) => ({ ...s, progress })),
        })
        .then(
          (data) =>
            !abort.signal.aborted && setState({ data, dataKey: key, error: null, running: false, progress: null }),
          (error: unknown) =>
            !abort.signal.aborted &&
            setState((s) => ({ ...s, error: isCancelled(error) ? null : error, running: false, progress: null })),
        );
    }, delayMs);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [key, delayMs]);
  return key ? state : { data: undefined, dataKey: null, error: null, running: false, progress: null };
}
