import { useCallback, useEffect, useRef, useState } from 'react';
import type { ArgsOf, CallMethodName, JobMethodName, JobProgress, ResultOf } from '../../shared/contract/index';
import { PreflightError } from '../../shared/contract/errors';
import { client } from './client';

export interface CallState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/**
 * Calls a (non-job) method and re-calls it when its arguments change. `skip: true` makes no call
 * (e.g. nothing selected yet) rather than sending arguments the core would refuse.
 */
export function useCall<M extends CallMethodName>(
  method: M,
  args: ArgsOf<M>,
  options: { skip?: boolean } = {},
): CallState<ResultOf<M>> {
  const skip = options.skip === true;
  const key = skip ? `${method} (skipped)` : `${method} ${JSON.stringify(args)}`;
  const [state, setState] = useState<{ key: string; data?: ResultOf<M>; error?: unknown; loading: boolean }>({
    key,
    loading: true,
  });
  const [generation, setGeneration] = useState(0);
  const argsRef = useRef(args);
  argsRef.current = args;

  useEffect(() => {
    if (skip) return setState({ key, loading: false });
    let live = true;
    setState((s) => ({ key, data: s.key === key ? s.data : undefined, loading: true }));
    client.call(method, argsRef.current).then(
      (data) => live && setState({ key, data, loading: false }),
      (error: unknown) => live && setState({ key, error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [key, method, generation, skip]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const current = state.key === key;
  return {
    data: current ? state.data : undefined,
    error: current ? state.error : undefined,
    loading: !current || state.loading,
    reload,
  };
}

export interface JobState {
  running: boolean;
  /** What is happening before the job exists (e.g. uploading files). */
  phase: string | null;
  progress: JobProgress | null;
  error: unknown;
  jobId: string | null;
}

const IDLE: JobState = { running: false, phase: null, progress: null, error: null, jobId: null };

/**
 * Runs job methods with progress and cancellation. `start` resolves to the result, or to undefined
 * when the job failed or was cancelled (the error is in `state.error`, shown where the job was started).
 */
export function useJob() {
  const [state, setState] = useState<JobState>(IDLE);
  const jobIdRef = useRef<string | null>(null);
  const phaseAbort = useRef<AbortController | null>(null);

  /** `describeError` may reword a failure for display (e.g. replace server paths by the user's file names). */
  const start = useCallback(
    async <M extends JobMethodName>(
      method: M,
      args: ArgsOf<M>,
      describeError: (e: unknown) => unknown = (e) => e,
    ): Promise<ResultOf<M> | undefined> => {
      setState((s) => ({ ...s, running: true, progress: { fraction: null, message: 'starting…' }, error: null }));
      try {
        return await client.run(method, args, {
          onStarted: (jobId) => {
            jobIdRef.current = jobId;
            setState((s) => ({ ...s, jobId }));
          },
          onProgress: (progress) => setState((s) => ({ ...s, progress })),
        });
      } catch (error) {
        // Described now, not inside the state updater (which React may run later): callers can learn
        // from the error before start() resolves.
        const described = describeError(error);
        setState((s) => ({ ...s, error: described }));
        return undefined;
      } finally {
        jobIdRef.current = null;
        setState((s) => ({ ...s, running: false, phase: null, progress: null, jobId: null }));
      }
    },
    [],
  );

  const cancel = useCallback(async () => {
    phaseAbort.current?.abort();
    const jobId = jobIdRef.current;
    if (jobId) await client.call('jobs/cancel', { jobId }).catch(() => {});
  }, []);

  /**
   * For work done before the job starts (uploads): shows progress and an error in the same place.
   * Returns a signal that Cancel aborts.
   */
  const setPhase = useCallback((phase: string | null, fraction: number | null = null): AbortSignal => {
    if (phase === null) phaseAbort.current = null;
    else if (!phaseAbort.current) phaseAbort.current = new AbortController();
    setState((s) => ({ ...s, running: phase !== null, phase, progress: phase ? { fraction, message: phase } : null }));
    return phaseAbort.current?.signal ?? new AbortController().signal;
  }, []);
  const fail = useCallback((error: unknown) => {
    phaseAbort.current = null;
    setState({ ...IDLE, error });
  }, []);
  const clearError = useCallback(() => setState((s) => ({ ...s, error: null })), []);

  return { state, start, cancel, setPhase, fail, clearError };
}

export function isCancelled(error: unknown): boolean {
  return error instanceof PreflightError && error.code === 'CANCELLED';
}
