// Seeded randomness for the bootstrap and for tests. Math.random cannot be seeded, and a confidence
// interval that changes every time the same two runs are compared looks broken to users.

/**
 * mulberry32 (Tommy Ettinger): 32-bit state, period 2³². A 2,000-iteration bootstrap uses some 10⁵
 * draws, far inside the period. Returns uniforms in [0, 1) with 32-bit resolution.
 * Any number is accepted as a seed; it is reduced to its low 32 bits (`seed >>> 0`).
 */
export function createRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Standard normal by Box–Muller, using one of the pair (stateless, so a call is always exactly two
 * uniforms — keeps streams reproducible however calls are interleaved). 1 − u is in (0, 1], so the
 * log never sees 0.
 */
export function rngNormal(rng: () => number): number {
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * Gamma(shape, 1) for shape ≥ 1 by Marsaglia & Tsang (2000), "A simple method for generating gamma
 * variables": squeeze-accepted in ~98% of tries at any shape, so cost does not grow with the shape
 * (the bootstrap draws shapes up to n ≈ 10⁵).
 */
export function rngGamma(rng: () => number, shape: number): number {
  if (!(shape >= 1)) throw new RangeError(`rngGamma: shape must be ≥ 1, got ${shape}`);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = rngNormal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - rng(); // (0, 1]
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** Beta(a, b) for a, b ≥ 1 as X/(X + Y) with X ~ Gamma(a), Y ~ Gamma(b). */
export function rngBeta(rng: () => number, a: number, b: number): number {
  const x = rngGamma(rng, a);
  const y = rngGamma(rng, b);
  return x / (x + y);
}
