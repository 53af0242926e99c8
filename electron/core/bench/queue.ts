import type { JobContext } from '../jobs/manager';

// One benchmark at a time in this process, so runs never compete for the CPU. A second run waits
// (its progress says so) and can be cancelled while it waits.
let tail: Promise<unknown> = Promise.resolve();
let running = 0;

export async function oneAtATime<T>(job: JobContext, fn: () => Promise<T>): Promise<T> {
  const before = tail;
  let release!: () => void;
  tail = new Promise<void>((r) => (release = r));
  try {
    if (running > 0) job.progress(null, 'waiting for the running benchmark to finish (one benchmark at a time)');
    running++;
    await Promise.race([
      before,
      new Promise((_, reject) =>
        job.signal.addEventListener('abort', () => reject(new Error('cancelled')), { once: true }),
      ),
    ]).catch(() => job.throwIfCancelled());
    job.throwIfCancelled();
    return await fn();
  } finally {
    running--;
    // Keep the chain ordered even when this run was cancelled while waiting.
    void before.then(release, release);
  }
}
