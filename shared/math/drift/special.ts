// Special functions behind the drift p-values, in one place. Each is a port of the SciPy 1.10
// routine named beside it, so a p-value here can be checked against scipy directly.

export { erf, erfc, normalCdf, normalSf } from './erf'; // scipy.special.erf/erfc/ndtr, norm.sf
export { lgamma, gammainc, gammaincc, chi2Sf } from './gamma'; // gammaln, gammainc(c), chi2.sf
export { kolmogorovSf, kolmogorovProbs } from './kolmogorov'; // scipy.special.kolmogorov
export { smirnovSf, smirnovProbs } from './smirnov'; // scipy.special.smirnov
export { kstwoSf, kstwoCdf, kolmogn } from './kstwo'; // scipy.stats.kstwo.sf / .cdf
