// Column reads for drift, on top of the datasets engineer's column API: numbers come back sorted
// (every metric here wants them ascending), categories as counts (SQLite's GROUP BY does the work).

import type { ColumnInfo, ColumnKind } from '../../../shared/types/datasets';
import type { CategoricalCurrent, NumericCurrent } from '../../../shared/math/drift-profile/index';
import type { DriftKind } from '../../../shared/types/drift';
import type { CoreContext } from '../context';
import { readCategoricalColumn, readNumericColumn } from '../datasets/columns';

/** How a dataset column is compared; null = not compared (datetime columns feed time windows instead). */
export function driftKindOf(kind: ColumnKind | string): DriftKind | null {
  if (kind === 'integer' || kind === 'float') return 'numerical';
  if (kind === 'boolean' || kind === 'categorical') return 'categorical';
  return null;
}

/** Finite values ascending, with the missing / NaN / ±inf counts. Values that are not numbers count as missing. */
export function readNumericSorted(core: CoreContext, datasetId: number, column: ColumnInfo): NumericCurrent {
  const c = readNumericColumn(core, datasetId, column.ordinal);
  const sorted = c.values; // a fresh array owned by us: sort in place
  sorted.sort();
  return { sorted, missing: c.missing + c.invalid, nan: c.nan, posInf: c.posInf, negInf: c.negInf };
}

export function readCategories(core: CoreContext, datasetId: number, column: ColumnInfo): CategoricalCurrent {
  return readCategoricalColumn(core, datasetId, column.ordinal);
}
