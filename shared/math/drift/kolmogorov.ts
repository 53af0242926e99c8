// Kolmogorov's limiting distribution K(x) = lim P(sqrt(n) D_n <= x), ported from SciPy 1.10's
// Cephes `kolmogorov.c` (scipy.special.kolmogorov / kolmogc). ks_2samp does not need it (it uses
// the finite-n `kstwo`), but it is the classic quick approximation and is handy for profiles.

const KOLMOG_CUTOVER = 0.82;
const MIN_EXPABLE = -708 - 38;

export interface KolmogorovProbs {
  sf: number;
  cdf: number;
  pdf: number;
}

function clip01(p: number): number {
  return p < 0 ? 0 : p > 1 ? 1 : p;
}

/** SF, CDF and PDF of the Kolmogorov distribution, computed together as Cephes does. */
export function kolmogorovProbs(x: number): KolmogorovProbs {
  if (Number.isNaN(x)) return { sf: NaN, cdf: NaN, pdf: NaN };
  // Below ~0.0406 the first series term underflows: the CDF is 0 to double precision.
  if (x <= 0 || x <= Math.PI / Math.sqrt(-MIN_EXPABLE * 8)) return { sf: 1, cdf: 0, pdf: 0 };
  let P = 1;
  let D = 0;
  let sf: number;
  let cdf: number;
  if (x <= KOLMOG_CUTOVER) {
    // Jacobi-theta form, good for small x: P = w u (1 + u^8 + u^24 + u^48 + ...).
    const w = Math.sqrt(2 * Math.PI) / x;
    const logu8 = (-Math.PI * Math.PI) / (x * x);
    const u = Math.exp(logu8 / 8);
    if (u === 0) {
      P = Math.exp(logu8 / 8 + Math.log(w));
    } else {
      const u8 = Math.exp(logu8);
      const u8cub = Math.pow(u8, 3);
      P = 1 + u8cub * P;
      D = 5 * 5 + u8cub * D;
      P = 1 + u8 * u8 * P;
      D = 3 * 3 + u8 * u8 * D;
      P = 1 + u8 * P;
      D = 1 * 1 + u8 * D;
      D = ((Math.PI * Math.PI) / 4 / (x * x)) * D - P;
      D *= (w * u) / x;
      P = w * u * P;
    }
    cdf = P;
    sf = 1 - P;
  } else {
    // Alternating series 2 sum (-1)^(k-1) exp(-2 k^2 x^2), good for large x (no 1 - cdf loss).
    const v = Math.exp(-2 * x * x);
    const vsq = v * v;
    const v3 = Math.pow(v, 3);
    let vpwr = v3 * v3 * v;
    P = 1 - vpwr * P;
    D = 3 * 3 - vpwr * D;
    vpwr = v3 * vsq;
    P = 1 - vpwr * P;
    D = 2 * 2 - vpwr * D;
    vpwr = v3;
    P = 1 - vpwr * P;
    D = 1 * 1 - vpwr * D;
    P = 2 * v * P;
    D = 8 * v * x * D;
    sf = P;
    cdf = 1 - sf;
  }
  return { sf: clip01(sf), cdf: clip01(cdf), pdf: Math.max(0, D) };
}

/** P(sqrt(n) D_n > x) in the n -> infinity limit = scipy.special.kolmogorov(x). */
export function kolmogorovSf(x: number): number {
  return kolmogorovProbs(x).sf;
}
