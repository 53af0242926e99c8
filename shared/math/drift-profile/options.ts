// Options and the per-feature result shared by the numeric and categorical comparisons and the verdict
// (a leaf module, so they depend on it and not on each other).
import type { DriftTest, FeatureDrift, FeatureOverride } from '../../types/drift';

export interface CompareOptions {
  override?: FeatureOverride;
  testThresholds?: Partial<Record<DriftTest, number>>;
  /** Build the overlaid chart (off for time windows). */
  histogram?: boolean;
}

export type FeatureResult = Omit<FeatureDrift, 'name' | 'columnType'>;
