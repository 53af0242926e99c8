// Drift statistics: pure, isomorphic TypeScript (no node:* and no packages), so the same code
// runs in the renderer, the Node server and workers. Reference behaviour: SciPy 1.10 and
// Evidently 0.7 `legacy/calculations/stattests`; see each file for where and why we differ.

export {
  splitFinite,
  sortedFinite,
  populationStd,
  compensatedSum,
  type FiniteSplit,
  type NumericArray,
} from './finite';
export * from './special';
export { ks2samp, ks2sampSorted, ksStatisticSorted, KS_MAX_EXACT_N, type KsResult } from './ks2samp';
export { computeProbOutsideSquare, computeOuterProbInsideMethod, attemptExact2Samp } from './ks-exact';
export {
  wassersteinDistance,
  wassersteinDistanceSorted,
  wassersteinNormed,
  wassersteinNormedSorted,
  WASSERSTEIN_STD_FLOOR,
} from './wasserstein';
export { jensenShannonDistance, jensenShannonCategorical } from './jensen-shannon';
export { chiSquareGoodnessOfFit, chiSquareDrift, type ChiSquareResult, type ChiSquareDriftResult } from './chisquare';
export { proportionsZTest, twoProportionZTest, type ZTestResult } from './ztest';
export { psi, psiFromCounts, psiCategorical, psiNumeric, fillEmptyShares, PSI_EMPTY_SHARE } from './psi';
export {
  quantileEdges,
  quantileEdgesOfSorted,
  quantileSorted,
  histogramOnBins,
  countWithOverflow,
  type Histogram,
} from './binning';
export { cramersV, cohensH } from './effect-size';
export { alignCategoryCounts, countCategories, type CategoryCounts, type AlignedCounts } from './categories';
