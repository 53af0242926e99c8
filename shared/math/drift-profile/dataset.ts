// Dataset-level verdict and schema differences.

import type { DatasetDrift, FeatureDrift, SchemaDiff } from '../../types/drift';
import { DEFAULT_DATASET_DRIFT_SHARE } from './rules';

/** Evidently: dataset drift when the share of drifted features reaches the threshold (default 0.5). Untested features do not count. */
export function datasetDrift(
  features: Pick<FeatureDrift, 'tested' | 'drifted'>[],
  threshold = DEFAULT_DATASET_DRIFT_SHARE,
): DatasetDrift {
  const tested = features.filter((f) => f.tested);
  const drifted = tested.filter((f) => f.drifted).length;
  const total = tested.length;
  const share = total ? drifted / total : 0;
  return { drifted, total, share, threshold, detected: total > 0 && share >= threshold };
}

export interface SchemaColumn {
  name: string;
  type: string;
}

/** Columns only on one side, and columns whose inferred type differs. Names compare verbatim. */
export function schemaDiff(reference: SchemaColumn[], current: SchemaColumn[]): SchemaDiff {
  const cur = new Map(current.map((c) => [c.name, c.type]));
  const ref = new Map(reference.map((c) => [c.name, c.type]));
  return {
    missingInCurrent: reference.filter((c) => !cur.has(c.name)).map((c) => c.name),
    newInCurrent: current.filter((c) => !ref.has(c.name)).map((c) => c.name),
    typeChanged: reference
      .filter((c) => cur.has(c.name) && cur.get(c.name) !== c.type)
      .map((c) => ({ name: c.name, reference: c.type, current: cur.get(c.name)! })),
  };
}
