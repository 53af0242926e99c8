// Column reads for drift, on top of the datasets engineer's column API: numbers come back sorted
// (every metric here wants them ascending), categories as counts (SQLite's GROUP BY does the work).

import os from 'node:os';
import type { ColumnInfo, ColumnKind } from '../../../shared/types/datasets';
import type { CategoricalCurrent, NumericCurrent } from '../../../shared/math/drift-profile/index';
import type { DriftKind } from '../../../shared/types/drift';
import type { CoreContext } from '../context';
import { readCategoricalColumn, readNumericColumn } from '../datasets/columns';
import { sortFinite } from '../../../shared/math/drift-profile/sort';
import { readColumnsSorted, tableColumns, type ReadColumns } from './column-read';
import { fanOut } from './fan-out';
import type { ReadNumericPayload } from './read-child';

/** How a dataset column is compared; null = not compared (datetime columns feed time windows instead). */
export function driftKindOf(kind: ColumnKind | string): DriftKind | null {
  if (kind === 'integer' || kind === 'float') return 'numerical';
  if (kind === 'boolean' || kind === 'categorical') return 'categorical';
  return null;
}

/** Finite values ascending, with the missing / NaN / ±inf counts. Values that are not numbers count as missing. */
export function readNumericSorted(core: CoreContext, datasetId: number, column: ColumnInfo): NumericCurrent {
  const c = readNumericColumn(core, datasetId, column.ordinal);
  const sorted = sortFinite(c.values); // a fresh array owned by us: sort in place
  return { sorted, missing: c.missing + c.invalid, nan: c.nan, posInf: c.posInf, negInf: c.negInf };
}

export function readCategories(core: CoreContext, datasetId: number, column: ColumnInfo): CategoricalCurrent {
  return readCategoricalColumn(core, datasetId, column.ordinal);
}

/** Several numerical columns of one dataset, sorted (from their chunks, or their rows: column-read.ts). */
export function readNumericColumnsSorted(
  core: CoreContext,
  datasetId: number,
  columns: ColumnInfo[],
): NumericCurrent[] {
  const t = tableColumns(
    core,
    datasetId,
    columns.map((c) => c.ordinal),
  );
  return readColumnsSorted(core.workspace.db, t).columns;
}

/**
 * As readNumericColumnsSorted, in child processes (the column list split over up to 4 of them, half
 * the cores: the reference and the current side run at once), so big column sets are read and sorted
 * in parallel.
 */
export async function readNumericColumnsSortedAsync(
  core: CoreContext,
  datasetId: number,
  columns: ColumnInfo[],
  signal: AbortSignal,
): Promise<NumericCurrent[]> {
  const all = tableColumns(
    core,
    datasetId,
    columns.map((c) => c.ordinal),
  );
  const { results } = await fanOut<number, ReadColumns>(core, {
    items: columns.map((_, k) => k),
    values: all.rows * columns.length,
    maxChildren: Math.max(1, Math.min(4, Math.floor(os.availableParallelism() / 2))),
    task: 'drift/read-numeric',
    payload: (group): ReadNumericPayload => ({ file: core.workspace.file, ...pick(all, group) }),
    here: (items) => readColumnsSorted(core.workspace.db, pick(all, items)),
    results: (o) => o.columns,
    signal,
  });
  return results as NumericCurrent[];
}

function pick(t: ReturnType<typeof tableColumns>, items: number[]) {
  return { ...t, ordinals: items.map((k) => t.ordinals[k]), chunkKeys: items.map((k) => t.chunkKeys[k]) };
}
