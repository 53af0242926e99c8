import type { JobContext } from '../jobs/manager';

/** A JobContext whose progress fills [from, to] of the parent's bar, messages prefixed. */
export function subJob(job: JobContext, from: number, to: number, prefix = ''): JobContext {
  return {
    signal: job.signal,
    throwIfCancelled: job.throwIfCancelled,
    progress: (fraction, message, data) =>
      job.progress(fraction === null ? null : from + (to - from) * fraction, prefix + message, data),
  };
}

/** Lets progress events, cancellation and other requests through between chunks of synchronous work. */
export function yieldToLoop(job?: JobContext): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve)).then(() => job?.throwIfCancelled());
}
