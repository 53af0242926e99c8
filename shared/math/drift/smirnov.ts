// One-sided Kolmogorov–Smirnov (Smirnov) distribution P(D+_n >= x), following SciPy 1.10's Cephes
// `kolmogorov.c::_smirnov` (van Mulbregt 2018). kstwo.sf uses 2 * smirnov(n, x) in its upper
// tail, which is where drift p-values at large n land, so this must be accurate for tiny p.
//
// Cephes evaluates the Birnbaum–Tingey sum in double-double arithmetic. Here each term is
// evaluated in log space from exactly-split pieces (integer numerators, fractional part of n*x
// taken from an exact two-product), which keeps every term to ~1e-10 relative for n <= 1e6;
// the golden tests compare against scipy.special.smirnov / kstwo.sf across all branches.

const DBL_EPSILON = 2.220446049250313e-16;
const MINLOG = -7.451332191019412076235e2; // log(2^-1075), Cephes
const SMIRNOV_MAX_COMPUTE_N = 1_000_000;
const SM_UPPER_MAX_TERMS = 3;
const SM_UPPERSUM_MIN_N = 10;
const LN2 = Math.LN2;
const TWO512 = 2 ** 512;

export interface SmirnovProbs {
  sf: number;
  cdf: number;
}

/** Error term of a*b (Dekker/Veltkamp split): a*b = p + err exactly. */
function twoProdErr(a: number, b: number, p: number): number {
  const SPLIT = 134217729; // 2^27 + 1
  let t = SPLIT * a;
  const ahi = t - (t - a);
  const alo = a - ahi;
  t = SPLIT * b;
  const bhi = t - (t - b);
  const blo = b - bhi;
  return ahi * bhi - p + ahi * blo + alo * bhi + alo * blo;
}

/** floor(n*x) and its fractional part, exact (Cephes modNX). */
function modNX(n: number, x: number): { nxfl: number; alpha: number; nx: number } {
  const p = n * x;
  const e = twoProdErr(n, x, p);
  let nxfl = Math.floor(p);
  let alpha: number;
  if (nxfl === p) {
    const fe = Math.floor(e);
    nxfl += fe;
    alpha = e - fe;
  } else {
    alpha = p - nxfl + e; // p - floor(p) is exact
  }
  if (alpha >= 1) {
    nxfl += 1;
    alpha = 0;
  }
  return { nxfl, alpha, nx: p + e };
}

/** (a + b)^m where a + b is not representable: pow of the rounded sum, corrected (Cephes pow_D). */
function powSum(a: number, b: number, m: number): number {
  const hi = a + b;
  const lo = Math.abs(a) >= Math.abs(b) ? a - hi + b : b - hi + a;
  if (m === 0) return 1;
  if (hi === 0) return 0;
  const ans = Math.pow(hi, m);
  const r = lo / hi;
  let adj = m * r;
  if (Math.abs(adj) > 1e-8) {
    if (Math.abs(adj) < 1e-4) adj += m * r * (((m - 1) / 2) * r);
    else adj = Math.expm1(m * Math.log1p(r));
  }
  return ans + ans * adj;
}

function clip01(p: number): number {
  return p < 0 ? 0 : p > 1 ? 1 : p;
}

/** Survival and CDF of the one-sided KS statistic D+_n (scipy.special.smirnov / smirnovc). */
export function smirnovProbs(n: number, x: number): SmirnovProbs {
  if (!(n > 0 && Number.isInteger(n) && x >= 0 && x <= 1)) return { sf: NaN, cdf: NaN };
  if (n === 1) return { sf: 1 - x, cdf: x };
  if (x === 0) return { sf: 1, cdf: 0 };
  if (x === 1) return { sf: 0, cdf: 1 };

  const { nxfl, alpha } = modNX(n, x);
  let n1mxfl = n - nxfl - (alpha === 0 ? 0 : 1);
  let n1mxceil = n - nxfl;
  if (alpha === 0) {
    // x*n is an integer: the boundary term belongs to neither sum.
    n1mxfl -= 1;
    n1mxceil += 1;
  }
  // x <= 1/n: closed form x (1 + x)^(n-1).
  if (nxfl === 0 || (nxfl === 1 && alpha === 0)) {
    const cdf = x * powSum(1, x, n - 1);
    return { sf: 1 - cdf, cdf };
  }
  if (-2 * n * x * x < MINLOG) return { sf: 0, cdf: 1 };
  // x >= 1 - 1/n: closed form (1 - x)^n.
  if (nxfl >= n - 1) {
    const sf = powSum(1, -x, n);
    return { sf, cdf: 1 - sf };
  }
  if (n > SMIRNOV_MAX_COMPUTE_N) {
    // Cephes' approximation p ~ exp(-(6nx+1)^2 / 18n) for very large n.
    const logp = -Math.pow(6 * n * x + 1, 2) / 18 / n;
    if (logp < -LN2) {
      const sf = Math.exp(logp);
      return { sf, cdf: 1 - sf };
    }
    const cdf = -Math.expm1(logp);
    return { sf: 1 - cdf, cdf };
  }
  const nUpperTerms = n - n1mxceil + 1;
  const useUpper =
    (nUpperTerms <= 1 && x < 0.5) ||
    (n >= SM_UPPERSUM_MIN_N && nUpperTerms <= SM_UPPER_MAX_TERMS && x <= 0.5 / Math.sqrt(n));
  const prob = x * birnbaumTingeySum(n, x, nxfl, alpha, useUpper, useUpper ? nUpperTerms : n1mxfl + 1);
  return useUpper ? { sf: clip01(1 - prob), cdf: clip01(prob) } : { sf: clip01(prob), cdf: clip01(1 - prob) };
}

/**
 * Sum of A_v = C(n,v) (x + v/n)^(v-1) (1 - x - v/n)^(n-v) over the lower range v = 0, 1, ...
 * (gives the SF) or the upper range v = n, n-1, ... (gives the CDF, few terms, signed).
 */
function birnbaumTingeySum(n: number, x: number, nxfl: number, alpha: number, upper: boolean, nTerms: number): number {
  const step = upper ? -1 : 1;
  const start = upper ? n : 0;
  const vmid = Math.floor(n / 2);
  // First term in closed form: v = 0 -> (1-x)^n / x ; v = n -> (1+x)^(n-1).
  let sum = upper ? Math.exp((n - 1) * Math.log1p(x)) : Math.exp(n * Math.log1p(-x)) / x;
  let comp = 0;
  // Binomial C(n, j) kept as mantissa * 2^expt: it overflows doubles long before n = 1e6.
  let cman = n; // C(n, 1)
  let cexpt = 0;
  for (let j = 1; j < nTerms; j++) {
    const v = start + j * step;
    const num1 = v + nxfl + alpha; // n * (x + v/n)
    const num2 = n - v - nxfl - alpha; // n * (1 - x - v/n), negative in the upper range
    const logT1 = num1 < n / 2 ? Math.log(num1 / n) : Math.log1p(-num2 / n);
    const absNum2 = Math.abs(num2);
    const logT2 = absNum2 < n / 2 || num2 < 0 ? Math.log(absNum2 / n) : Math.log1p(-num1 / n);
    const sign = num2 < 0 && (n - v) % 2 === 1 ? -1 : 1;
    const logA = Math.log(cman) + cexpt * LN2 + (v - 1) * logT1 + (n - v) * logT2;
    const aj = sign * Math.exp(logA);
    if (aj !== 0 && Number.isFinite(aj)) {
      const t = sum + aj;
      comp += Math.abs(sum) >= Math.abs(aj) ? sum - t + aj : aj - t + sum;
      sum = t;
      // Safe to stop once the remaining terms cannot move the sum (Cephes' rule).
      if (4 * (nTerms - j) * Math.abs(aj) < DBL_EPSILON * (sum + comp) && j !== nTerms - 1) break;
    } else if (aj === 0 && j > vmid) break;
    cman = (cman * (n - j)) / (j + 1);
    if (cman > TWO512) {
      cman /= TWO512;
      cexpt += 512;
    } else if (cman < 1 / TWO512 && cexpt > 0) {
      cman *= TWO512;
      cexpt -= 512;
    }
  }
  return sum + comp;
}

/** P(D+_n >= x) = scipy.special.smirnov(n, x). */
export function smirnovSf(n: number, x: number): number {
  if (Number.isNaN(x)) return NaN;
  return smirnovProbs(n, x).sf;
}
