// Distribution of the two-sided one-sample KS statistic D_n (scipy.stats.kstwo), ported from
// SciPy 1.10 `scipy/stats/_ksstats.py::_kolmogn`. ks_2samp's asymptotic p-value is
// kstwo.sf(d, round(m*n/(m+n))), so this is the function large-sample drift p-values rest on.
// Algorithm choice follows Simard & L'Ecuyer (2011) with scipy's exact cut-offs.

import { kolmognDurbinCdf, kolmognPomeranzCdf } from './kstwo-durbin';
import { smirnovSf } from './smirnov';

const LOG_2PI = Math.log(2 * Math.PI);
const SQRT2PI = Math.sqrt(2 * Math.PI);
const MIN_LOG = -708;
const PI2 = Math.PI ** 2;
const PI4 = Math.PI ** 4;
const PI6 = Math.PI ** 6;
const SQRT3 = Math.sqrt(3);
// Stirling coefficients B_2j / (2j (2j-1)), j = 8..1 (highest first, for Horner).
const STIRLING = [
  -2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3, 8.4175084175084175084e-4,
  -5.952380952380952381e-4, 7.9365079365079365079e-4, -2.7777777777777777778e-3, 8.3333333333333333333e-2,
];

function clip01(p: number): number {
  return p < 0 ? 0 : p > 1 ? 1 : p;
}

/** log(n! / n^n) by Stirling, with n log n removed up front to avoid cancellation. */
function logNFactorialDivNPowN(n: number): number {
  const rn = 1 / n;
  let poly = STIRLING[0];
  for (let i = 1; i < STIRLING.length; i++) poly = poly * (rn / n) + STIRLING[i];
  return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * poly;
}

/** Pelz–Good asymptotic for Pr(D_n <= x), suited to small x at large n. */
function kolmognPelzGoodCdf(n: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const z = Math.sqrt(n) * x;
  const z2 = z ** 2;
  const z3 = z ** 3;
  const z4 = z ** 4;
  const z6 = z ** 6;
  const qlog = -PI2 / 8 / z2;
  if (qlog < MIN_LOG) return 0;
  let q = Math.exp(qlog);
  const k1a = -z2;
  const k1b = PI2 / 4;
  const k2a = 6 * z6 + 2 * z4;
  const k2b = ((2 * z4 - 5 * z2) * PI2) / 4;
  const k2c = (PI4 * (1 - 2 * z2)) / 16;
  const k3d = (PI6 * (5 - 30 * z2)) / 64;
  const k3c = (PI4 * (-60 * z2 + 212 * z4)) / 16;
  const k3b = (PI2 * (135 * z4 - 96 * z6)) / 4;
  const k3a = -30 * z6 - 90 * z ** 8;
  const K = [0, 0, 0, 0];
  // Horner over odd integers m = 2k - 1 of sum c_i q^(m^2).
  const maxk = Math.ceil((16 * z) / Math.PI);
  for (let k = maxk; k > 0; k--) {
    const m = 2 * k - 1;
    const m2 = m ** 2;
    const m4 = m ** 4;
    const m6 = m ** 6;
    const qpower = Math.pow(q, 8 * k);
    K[0] = K[0] * qpower + 1;
    K[1] = K[1] * qpower + (k1a + k1b * m2);
    K[2] = K[2] * qpower + (k2a + k2b * m2 + k2c * m4);
    K[3] = K[3] * qpower + (k3a + k3b * m2 + k3c * m4 + k3d * m6);
  }
  const denom = [z, 6 * z4, 72 * z ** 7, 6480 * z ** 10];
  for (let i = 0; i < 4; i++) K[i] = (K[i] * q * SQRT2PI) / denom[i];
  // Remaining sums over all integers k, added to K2 and K3.
  q = Math.exp(-PI2 / 2 / z2);
  const sqrt3z = SQRT3 * z;
  let k2extra = 0;
  let k3extra = 0;
  for (let k = maxk; k > 0; k--) {
    const k2 = k * k;
    const qp = Math.pow(q, k2);
    const kpi = Math.PI * k;
    k2extra += k2 * qp;
    k3extra += (sqrt3z + kpi) * (sqrt3z - kpi) * k2 * qp;
  }
  K[2] += k2extra * ((PI2 * SQRT2PI) / (-36 * z3));
  K[3] += k3extra * ((PI2 * SQRT2PI) / (216 * z6));
  let sum = 0;
  for (let i = 0; i < 4; i++) sum += K[i] / Math.pow(n, i / 2);
  return sum;
}

/** CDF or SF of D_n at x (scipy `_kolmogn`). n must be a positive integer. */
export function kolmogn(n: number, x: number, cdf: boolean): number {
  if (Number.isNaN(n) || Number.isNaN(x)) return NaN;
  if (!Number.isInteger(n) || n <= 0) return NaN;
  const pick = (c: number, s: number) => clip01(cdf ? c : s);
  if (x >= 1) return pick(1, 0);
  if (x <= 0) return pick(0, 1);
  const t = n * x;
  if (t <= 1) {
    // Ruben–Gambino closed form for 1/2n <= x <= 1/n.
    if (t <= 0.5) return pick(0, 1);
    let prob: number;
    if (n <= 140) {
      prob = 1;
      for (let i = 1; i <= n; i++) prob *= i * (1 / n) * (2 * t - 1);
    } else {
      prob = Math.exp(logNFactorialDivNPowN(n) + n * Math.log(2 * t - 1));
    }
    return pick(prob, 1 - prob);
  }
  if (t >= n - 1) {
    const prob = 2 * Math.pow(1 - x, n);
    return pick(1 - prob, prob);
  }
  if (x >= 0.5) {
    const prob = 2 * smirnovSf(n, x);
    return pick(1 - prob, prob);
  }
  const nxsquared = t * x;
  if (n <= 140) {
    if (nxsquared <= 0.754693) {
      const prob = kolmognDurbinCdf(n, x);
      return pick(prob, 1 - prob);
    }
    if (nxsquared <= 4) {
      const prob = kolmognPomeranzCdf(n, x);
      return pick(prob, 1 - prob);
    }
    const prob = 2 * smirnovSf(n, x);
    return pick(1 - prob, prob);
  }
  // The SF has its own cut-offs: far in the tail 2 * smirnov is accurate where 1 - cdf is not.
  if (!cdf) {
    if (nxsquared >= 370) return 0;
    if (nxsquared >= 2.2) return clip01(2 * smirnovSf(n, x));
  }
  let cdfprob: number;
  if (nxsquared >= 18) cdfprob = 1;
  else if (n <= 100000 && n * Math.pow(x, 1.5) <= 1.4) cdfprob = kolmognDurbinCdf(n, x);
  else cdfprob = kolmognPelzGoodCdf(n, x);
  return pick(cdfprob, 1 - cdfprob);
}

/**
 * scipy.stats.kstwo.sf(x, n): P(D_n > x). Outside the support (x <= 1/(2n)) it is 1, at x >= 1
 * it is 0, matching rv_continuous.sf's support handling.
 */
export function kstwoSf(x: number, n: number): number {
  if (Number.isNaN(x) || !(n >= 1) || !Number.isInteger(n)) return NaN;
  if (x <= 0.5 / n) return 1;
  if (x >= 1) return 0;
  return kolmogn(n, x, false);
}

/** scipy.stats.kstwo.cdf(x, n). */
export function kstwoCdf(x: number, n: number): number {
  if (Number.isNaN(x) || !(n >= 1) || !Number.isInteger(n)) return NaN;
  if (x <= 0.5 / n) return 0;
  if (x >= 1) return 1;
  return kolmogn(n, x, true);
}
