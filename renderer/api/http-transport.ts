import type { Transport } from '../../shared/client';
import { isErrorData, PreflightError, type ErrorData } from '../../shared/contract/errors';
import type { CoreEvent, JobInfo } from '../../shared/contract/events';

// Web mode (`preflight serve`): calls are POST /api/call/<method>, job events arrive over one
// server-sent-events stream, files are uploaded raw. Auth is the HttpOnly cookie the server set
// when the launch URL was opened, so nothing here ever sees the token.

export type Outcome = { ok: true; result: unknown } | { ok: false; error: ErrorData };
export type ConnectionState = 'connecting' | 'open' | 'lost';

export interface HttpTransport extends Transport {
  /** `name` may be a relative path (`model/data/weights.bin`): the server keeps the folders inside the batch. */
  upload(
    file: File,
    batch: string,
    name: string,
    onProgress?: (loaded: number, total: number) => void,
    signal?: AbortSignal,
  ): Promise<{ path: string; size: number }>;
  onConnection(listener: (state: ConnectionState) => void): () => void;
}

/** How long a call waits for the event stream before going ahead anyway (client.run also polls jobs/get). */
const STREAM_WAIT_MS = 3000;

export function createHttpTransport(base = ''): HttpTransport {
  const listeners = new Set<(event: CoreEvent) => void>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  let state: ConnectionState = 'connecting';
  let markOpen: () => void = () => {};
  // Calls wait until the stream is registered on the server, so a job's events cannot be emitted
  // before we listen (the server adds the stream before the browser sees it open).
  const opened = new Promise<void>((resolve) => (markOpen = resolve));
  const setState = (next: ConnectionState) => {
    state = next;
    connectionListeners.forEach((l) => l(next));
  };

  // Jobs started through this transport and not yet over: if the stream drops and reconnects, events
  // sent in between are lost, so their outcome is fetched (jobs/get) and replayed to the listeners.
  const running = new Set<string>();
  const emit = (event: CoreEvent) => {
    if (event.type === 'job/finished' || event.type === 'job/failed') running.delete(event.jobId);
    listeners.forEach((l) => l(event));
  };
  async function resync() {
    for (const jobId of [...running]) {
      const outcome = await call('jobs/get', { jobId });
      if (!outcome.ok || !running.has(jobId)) continue;
      const info = outcome.result as JobInfo;
      if (info.state === 'succeeded') emit({ type: 'job/finished', jobId, method: info.method, result: info.result });
      else if (info.state !== 'running' && info.error)
        emit({ type: 'job/failed', jobId, method: info.method, error: info.error });
      else if (info.progress) emit({ type: 'job/progressed', jobId, method: info.method, progress: info.progress });
    }
  }

  const source = new EventSource(`${base}/api/events`);
  source.onopen = () => {
    markOpen();
    setState('open');
    void resync();
  };
  source.onerror = () => setState(source.readyState === EventSource.CLOSED ? 'lost' : 'connecting');
  source.onmessage = (message) => {
    let event: CoreEvent;
    try {
      event = JSON.parse(message.data) as CoreEvent;
    } catch {
      return;
    }
    emit(event);
  };

  async function call(method: string, args: unknown): Promise<Outcome> {
    await Promise.race([opened, new Promise((r) => setTimeout(r, STREAM_WAIT_MS))]);
    let res: Response;
    try {
      res = await fetch(`${base}/api/call/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(args ?? {}),
        credentials: 'same-origin',
      });
    } catch (err) {
      return unreachable(err);
    }
    const outcome = await readOutcome(res);
    const jobId = outcome.ok ? (outcome.result as { jobId?: unknown } | null)?.jobId : undefined;
    if (typeof jobId === 'string' && method !== 'jobs/get' && method !== 'jobs/cancel') running.add(jobId);
    return outcome;
  }

  function upload(
    file: File,
    batch: string,
    name: string,
    onProgress?: (loaded: number, total: number) => void,
    signal?: AbortSignal,
  ) {
    // XMLHttpRequest rather than fetch: it is the only browser API that reports upload progress.
    return new Promise<{ path: string; size: number }>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `${base}/api/upload?batch=${encodeURIComponent(batch)}&name=${encodeURIComponent(name)}`);
      xhr.upload.onprogress = (e) => onProgress?.(e.loaded, e.lengthComputable ? e.total : file.size);
      xhr.onerror = () => reject(PreflightError.fromData(unreachable(null).error));
      // An aborted upload is cut off mid-body; the server removes the partial file.
      const cancelled = () => reject(new PreflightError('CANCELLED', `upload of ${name} cancelled`));
      xhr.onabort = cancelled;
      if (signal?.aborted) return cancelled();
      signal?.addEventListener('abort', () => xhr.abort(), { once: true });
      xhr.onload = () => {
        const outcome = parseOutcome(xhr.status, xhr.responseText);
        if (outcome.ok) resolve(outcome.result as { path: string; size: number });
        else reject(PreflightError.fromData(outcome.error));
      };
      xhr.send(file);
    });
  }

  return {
    call,
    upload,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      listener(state);
      return () => connectionListeners.delete(listener);
    },
  };
}

async function readOutcome(res: Response): Promise<Outcome> {
  return parseOutcome(res.status, await res.text());
}

/** API errors are JSON; the security layer answers plain text (401, 403, 400), which is mapped to codes. */
function parseOutcome(status: number, text: string): Outcome {
  try {
    const body = JSON.parse(text) as Outcome;
    if (body && typeof body === 'object' && 'ok' in body) {
      if (body.ok || isErrorData(body.error)) return body;
    }
  } catch {
    /* plain-text answer: handled below */
  }
  const message = text.trim() || `HTTP ${status}`;
  if (status === 401) return { ok: false, error: { code: 'UNAUTHORIZED', message: `${message}` } };
  if (status === 403) return { ok: false, error: { code: 'FORBIDDEN', message } };
  if (status === 400) return { ok: false, error: { code: 'BAD_ARGUMENTS', message } };
  return { ok: false, error: { code: 'INTERNAL', message: `server answered ${status}: ${message}` } };
}

function unreachable(err: unknown): { ok: false; error: ErrorData } {
  const detail = err instanceof Error ? ` (${err.message})` : '';
  return {
    ok: false,
    error: {
      code: 'INTERNAL',
      message: `cannot reach the Preflight server${detail}: is \`preflight serve\` still running?`,
    },
  };
}
