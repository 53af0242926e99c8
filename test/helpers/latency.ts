import { createRng, rngNormal } from '../../shared/math/latency';

/** Latency-like data from the seeded RNG: lognormal around `medianMs`, plus an optional shift. */
export function lognormalRun(seed: number, n: number, medianMs: number, sigma: number, shiftMs = 0): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length: n }, () => medianMs * Math.exp(sigma * rngNormal(rng)) + shiftMs);
}
