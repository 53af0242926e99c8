// Reference profiles and drift reports built on shared/math/drift: pure and isomorphic, so the core,
// bundles (issue 5) and the renderer compute the same numbers. See README.md for the profile
// format and how far profile-based metrics may be from exact ones.

export {
  buildNumericProfile,
  quantileEdgesSorted,
  distinctCounts,
  countDistinctSorted,
  profileCdf,
  profileQuantile,
  upperBound,
  lowerBound,
  DEFAULT_GRID_SIZE,
  PSI_BINS,
} from './numeric-profile';
export { buildCategoricalProfile, PROFILE_CATEGORY_CAP } from './categorical-profile';
export {
  ksStatisticProfile,
  wassersteinProfile,
  ks2sampProfile,
  ksPValue,
  profileErrorBounds,
  type ProfileBounds,
} from './profile-metrics';
export {
  DEFAULT_THRESHOLDS,
  DEFAULT_DATASET_DRIFT_SHARE,
  SMALL_REFERENCE_ROWS,
  defaultTest,
  chooseTest,
  isDrifted,
  isPValueTest,
} from './rules';
export {
  compareNumeric,
  type NumericReference,
  type NumericCurrent,
  type CompareOptions,
  type FeatureResult,
} from './numeric-drift';
export { compareCategorical, type CategoricalCurrent } from './categorical-drift';
export { numericOverlay, categoricalOverlay } from './histogram';
export { datasetDrift, schemaDiff, type SchemaColumn } from './dataset';
export { encodeProfile, decodeProfile } from './codec';
export { parseTime, windowStart, windowLabel, assignWindows, type WindowAssignment } from './windows';
export { sortFinite } from './sort';
export { mergeNumericProfiles, mergeCategoricalProfiles, mergeDatasetProfiles } from './merge';
