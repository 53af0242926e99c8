// A large import allocates hundreds of MB of short-lived strings and numbers. V8's default young
// generation (16 MiB semi-spaces) is then collected thousands of times and promotes values that die
// soon after; 32 MiB semi-spaces took the 1M-row import of bench/ingest.mjs from 10.0 to 8.8 CPU-seconds.
// The limit grows the space only as far as a process needs it; Node reads the flag when it resizes.
import v8 from 'node:v8';

let tuned = false;

export function tuneYoungGeneration(): void {
  if (tuned) return;
  tuned = true;
  v8.setFlagsFromString('--max-semi-space-size=32');
}

/** The insert thread's resource limits (worker_threads): the same young generation. */
export const INSERT_THREAD_LIMITS = { maxYoungGenerationSizeMb: 96 };
