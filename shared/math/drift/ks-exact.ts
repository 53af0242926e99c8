// Exact null distribution of the two-sample KS statistic, ported from SciPy 1.10
// (`_stats_py.py::_compute_prob_outside_square`, `_attempt_exact_2kssamp`, and the pythran
// kernel `_stats_pythran.py::_compute_outer_prob_inside_method`). Lattice-path counting after
// Hodges (1958); the unequal-n recursion computes 1 - p directly (Viehmann 2021) so small
// p-values do not vanish in a 1 - (1 - p) subtraction.

export function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** numpy.round: round half to even (d * lcm is near an integer, but be exact about ties). */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * P(D_{n,n} >= h/n): 2 * (C(2n, n-h) - C(2n, n-2h) + ...) / C(2n, n), each term divided through
 * by C(2n, n) and nested Horner-style to avoid subtractive cancellation.
 */
export function computeProbOutsideSquare(n: number, h: number): number {
  let P = 0;
  let k = Math.floor(n / h);
  while (k >= 0) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    P = p1 * (1 - P);
    k -= 1;
  }
  return 2 * P;
}

/**
 * Proportion of lattice paths (0,0) -> (m,n) that do NOT stay strictly inside |x/m - y/n| < h/lcm.
 * Keeps one sliding column of the path-count matrix, normalised as probabilities as it goes.
 */
export function computeOuterProbInsideMethod(m: number, n: number, g: number, h: number): number {
  if (m < n) [m, n] = [n, m];
  const mg = Math.floor(m / g);
  const ng = Math.floor(n / g);
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const lenA = Math.min(2 * maxj + 2, n + 1);
  const A = new Float64Array(lenA).fill(1);
  A.fill(0, minj, maxj);
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    const width = maxj - minj;
    const shift = minj - lastminj;
    for (let jj = 0; jj < width; jj++) {
      const j = jj + minj;
      val = (A[jj + shift] * i + val * j) / (i + j);
      A[jj] = val;
    }
    curlen = width;
    if (lastlen > curlen) A.fill(1, width, Math.min(width + (lastlen - curlen), lenA));
  }
  return A[maxj - minj - 1];
}

export interface ExactAttempt {
  success: boolean;
  /** The statistic snapped to the lattice, h / lcm (scipy returns this as the statistic). */
  d: number;
  prob: number;
}

/** scipy `_attempt_exact_2kssamp(n1, n2, g, d, 'two-sided')`. */
export function attemptExact2Samp(n1: number, n2: number, g: number, d: number): ExactAttempt {
  const lcm = Math.floor(n1 / g) * n2;
  const h = roundHalfEven(d * lcm);
  d = h / lcm;
  if (h === 0) return { success: true, d, prob: 1 };
  const prob = n1 === n2 ? computeProbOutsideSquare(n1, h) : computeOuterProbInsideMethod(n1, n2, g, h);
  // A probability outside [0, 1] means round-off won: scipy then falls back to 'asymp'.
  if (!(prob >= 0 && prob <= 1)) return { success: false, d, prob };
  return { success: true, d, prob };
}
