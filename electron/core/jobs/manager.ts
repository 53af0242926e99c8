import { randomUUID } from 'node:crypto';
import { PreflightError, type ErrorData } from '../../../shared/contract/errors';
import type { CoreEvent, JobInfo, JobProgress } from '../../../shared/contract/events';
import { toErrorData } from '../errors';

export interface JobContext {
  signal: AbortSignal;
  progress(fraction: number | null, message: string, data?: Record<string, unknown>): void;
  /** Throws CANCELLED when the job was cancelled; call between units of work. */
  throwIfCancelled(): void;
}

export type JobHandler = (ctx: JobContext) => Promise<unknown>;

const KEEP_FINISHED = 200;

interface JobRecord extends JobInfo {
  controller: AbortController;
  done: Promise<void>;
}

/**
 * Long work as jobs: an id at once, progress events (throttled), cancellation through an
 * AbortSignal, then exactly one of job/finished or job/failed.
 */
export class JobManager {
  private jobs = new Map<string, JobRecord>();
  constructor(private emit: (event: CoreEvent) => void) {}

  start(method: string, handler: JobHandler): string {
    this.forgetOldest();
    const jobId = randomUUID();
    const controller = new AbortController();
    const record: JobRecord = {
      jobId,
      method,
      state: 'running',
      startedAt: new Date().toISOString(),
      finishedAt: null,
      progress: null,
      controller,
      done: Promise.resolve(),
    };
    this.jobs.set(jobId, record);
    let lastEmit = 0;
    const ctx: JobContext = {
      signal: controller.signal,
      progress: (fraction, message, data) => {
        const progress: JobProgress = { fraction, message, ...(data ? { data } : {}) };
        record.progress = progress;
        const now = Date.now();
        // At most ~20 events a second: enough for a live view, cheap for SSE and IPC.
        if (now - lastEmit < 50 && fraction !== 1) return;
        lastEmit = now;
        this.emit({ type: 'job/progressed', jobId, method, progress });
      },
      throwIfCancelled: () => {
        if (controller.signal.aborted) throw new PreflightError('CANCELLED', `${method} was cancelled`);
      },
    };
    this.emit({ type: 'job/started', jobId, method });
    record.done = (async () => {
      try {
        const result = await handler(ctx);
        if (controller.signal.aborted) throw new PreflightError('CANCELLED', `${method} was cancelled`);
        record.state = 'succeeded';
        record.result = result;
        record.finishedAt = new Date().toISOString();
        this.emit({ type: 'job/finished', jobId, method, result });
      } catch (err) {
        const error: ErrorData = controller.signal.aborted
          ? { code: 'CANCELLED', message: `${method} was cancelled` }
          : toErrorData(err);
        record.state = error.code === 'CANCELLED' ? 'cancelled' : 'failed';
        record.error = error;
        record.finishedAt = new Date().toISOString();
        this.emit({ type: 'job/failed', jobId, method, error });
      }
    })();
    return jobId;
  }

  get(jobId: string): JobInfo {
    const record = this.jobs.get(jobId);
    if (!record) throw new PreflightError('NOT_FOUND', `no job ${jobId}`);
    return publicInfo(record);
  }

  list(): JobInfo[] {
    return [...this.jobs.values()].map(publicInfo);
  }

  cancel(jobId: string): JobInfo {
    const record = this.jobs.get(jobId);
    if (!record) throw new PreflightError('NOT_FOUND', `no job ${jobId}`);
    if (record.state === 'running') record.controller.abort();
    return publicInfo(record);
  }

  /**
   * A long-running `serve` must not keep every result it ever produced: beyond KEEP_FINISHED, the
   * oldest finished jobs are forgotten (their results are in the workspace; running jobs always stay).
   */
  private forgetOldest(): void {
    const finished = [...this.jobs.values()].filter((j) => j.state !== 'running');
    for (const job of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.jobs.delete(job.jobId);
  }

  /** Cancels everything and waits for handlers to unwind (used on shutdown). */
  async closeAll(): Promise<void> {
    for (const r of this.jobs.values()) if (r.state === 'running') r.controller.abort();
    await Promise.all([...this.jobs.values()].map((r) => r.done));
  }
}

function publicInfo(r: JobRecord): JobInfo {
  const { controller: _c, done: _d, ...info } = r;
  return { ...info };
}
