// Error function and normal tail, ported from Cephes `ndtr.c` as shipped in SciPy 1.10
// (scipy.special.ndtr / erf / erfc), so normal p-values match scipy.stats.norm.sf to ~1e-14.
// Math.* has no erf, and a short Abramowitz–Stegun formula is only good to ~1e-7 relative,
// which is not enough for p-values that users compare against scipy.

const MAXLOG = 7.09782712893383996843e2;
const SQRT1_2 = Math.SQRT1_2;

const P = [
  2.46196981473530512524e-10, 5.64189564831068821977e-1, 7.46321056442269912687, 4.86371970985681366614e1,
  1.96520832956077098242e2, 5.26445194995477358631e2, 9.3452852717195760754e2, 1.02755188689515710272e3,
  5.57535335369399327526e2,
];
const Q = [
  1.32281951154744992508e1, 8.67072140885989742329e1, 3.54937778887819891062e2, 9.75708501743205489753e2,
  1.82390916687909736289e3, 2.24633760818710981792e3, 1.65666309194161350182e3, 5.57535340817727675546e2,
];
const R = [
  5.64189583547755073984e-1, 1.27536670759978104416, 5.01905042251180477414, 6.16021097993053585195,
  7.4097426995044893916, 2.9788666537210024067,
];
const S = [
  2.2605286322011727659, 9.39603524938001434673, 1.20489539808096656605e1, 1.70814450747565897222e1,
  9.60896809063285878198, 3.3690764510008151605,
];
const T = [
  9.60497373987051638749, 9.00260197203842689217e1, 2.23200534594684319226e3, 7.00332514112805075473e3,
  5.55923013010394962768e4,
];
const U = [
  3.35617141647503099647e1, 5.21357949780152679795e2, 4.59432382970980127987e3, 2.26290000613890934246e4,
  4.92673942608635921086e4,
];

/** Cephes polevl: coefficients highest degree first. */
export function polevl(x: number, coef: readonly number[]): number {
  let ans = coef[0];
  for (let i = 1; i < coef.length; i++) ans = ans * x + coef[i];
  return ans;
}

/** Cephes p1evl: like polevl with an implied leading coefficient of 1. */
export function p1evl(x: number, coef: readonly number[]): number {
  let ans = x + coef[0];
  for (let i = 1; i < coef.length; i++) ans = ans * x + coef[i];
  return ans;
}

export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return -erf(-x);
  if (Math.abs(x) > 1) return 1 - erfc(x);
  const z = x * x;
  return (x * polevl(z, T)) / p1evl(z, U);
}

export function erfc(a: number): number {
  if (Number.isNaN(a)) return NaN;
  const x = Math.abs(a);
  if (x < 1) return 1 - erf(a);
  const z = -a * a;
  if (z < -MAXLOG) return a < 0 ? 2 : 0;
  const ez = Math.exp(z);
  let p: number;
  let q: number;
  if (x < 8) {
    p = polevl(x, P);
    q = p1evl(x, Q);
  } else {
    p = polevl(x, R);
    q = p1evl(x, S);
  }
  let y = (ez * p) / q;
  if (a < 0) y = 2 - y;
  if (y !== 0) return y;
  return a < 0 ? 2 : 0; // underflow
}

/** Standard normal CDF, Cephes ndtr. */
export function normalCdf(a: number): number {
  if (Number.isNaN(a)) return NaN;
  const x = a * SQRT1_2;
  const z = Math.abs(x);
  if (z < SQRT1_2) return 0.5 + 0.5 * erf(x);
  const y = 0.5 * erfc(z);
  return x > 0 ? 1 - y : y;
}

/** Standard normal survival function, exactly scipy.stats.norm.sf = ndtr(-x) (no 1 - cdf loss). */
export function normalSf(x: number): number {
  return normalCdf(-x);
}
