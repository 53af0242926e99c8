import { PreflightError, type ErrorData } from './contract/errors';
import type { CoreEvent, JobInfo, JobProgress } from './contract/events';
import type { ArgsOf, CallMethodName, JobMethodName, ResultOf } from './contract/methods';

/** How a client reaches the core: in-process, over HTTP + SSE, or over Electron IPC. */
/** The part of AbortSignal this client uses: shared/ has neither DOM nor Node types, and both provide it. */
export interface CancelSignal {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

export interface Transport {
  call(method: string, args: unknown): Promise<{ ok: true; result: unknown } | { ok: false; error: ErrorData }>;
  subscribe(listener: (event: CoreEvent) => void): () => void;
}

export interface RunOptions {
  onProgress?: (progress: JobProgress) => void;
  signal?: CancelSignal;
  /** Called once the job id is known (e.g. to offer a Cancel button). */
  onStarted?: (jobId: string) => void;
}

/** A client typed by the contract; the renderer, the CLI and the tests use it and never know the host. */
export function createClient(transport: Transport) {
  async function call<M extends CallMethodName>(method: M, args: ArgsOf<M>): Promise<ResultOf<M>> {
    const outcome = await transport.call(method, args);
    if (!outcome.ok) throw PreflightError.fromData(outcome.error);
    return outcome.result as ResultOf<M>;
  }

  async function run<M extends JobMethodName>(
    method: M,
    args: ArgsOf<M>,
    options: RunOptions = {},
  ): Promise<ResultOf<M>> {
    // Subscribe before starting: a fast job can finish before the call returns its id.
    const early: CoreEvent[] = [];
    let jobId: string | null = null;
    let finish: ((event: CoreEvent) => void) | null = null;
    const unsubscribe = transport.subscribe((event) => {
      if (jobId === null) return void early.push(event);
      if (event.jobId !== jobId) return;
      if (event.type === 'job/progressed') options.onProgress?.(event.progress);
      else if (event.type === 'job/finished' || event.type === 'job/failed') finish?.(event);
    });
    try {
      const outcome = await transport.call(method, args);
      if (!outcome.ok) throw PreflightError.fromData(outcome.error);
      jobId = (outcome.result as { jobId: string }).jobId;
      options.onStarted?.(jobId);
      const done = new Promise<CoreEvent>((resolve) => (finish = resolve));
      const onAbort = () => void transport.call('jobs/cancel', { jobId });
      options.signal?.addEventListener('abort', onAbort, { once: true });
      if (options.signal?.aborted) onAbort();
      for (const event of early)
        if (event.jobId === jobId && (event.type === 'job/finished' || event.type === 'job/failed')) finish!(event);
      // Covers events missed while a stream (re)connected.
      const snapshot = await transport.call('jobs/get', { jobId });
      if (snapshot.ok) {
        const info = snapshot.result as JobInfo;
        if (info.state === 'succeeded') finish!({ type: 'job/finished', jobId, method, result: info.result });
        else if (info.state !== 'running' && info.error)
          finish!({ type: 'job/failed', jobId, method, error: info.error });
      }
      const event = await done;
      options.signal?.removeEventListener('abort', onAbort);
      if (event.type === 'job/failed') throw PreflightError.fromData(event.error);
      return (event as { result: unknown }).result as ResultOf<M>;
    } finally {
      unsubscribe();
    }
  }

  return { call, run, subscribe: transport.subscribe };
}

export type Client = ReturnType<typeof createClient>;
