// Column reads for drift, on top of the datasets engineer's column API: numbers come back sorted
// (every metric here wants them ascending), categories as counts (SQLite's GROUP BY does the work).

import os from 'node:os';
import { PreflightError } from '../../../shared/contract/errors';
import type { ColumnInfo, ColumnKind } from '../../../shared/types/datasets';
import type { CategoricalCurrent, NumericCurrent } from '../../../shared/math/drift-profile/index';
import type { DriftKind } from '../../../shared/types/drift';
import type { CoreContext } from '../context';
import { readCategoricalColumn, readNumericColumn } from '../datasets/columns';
import { sortFinite } from '../../../shared/math/drift-profile/sort';
import { readSortedNumeric } from './fast-read';
import type { ReadNumericPayload } from './read-child';
import { runInChild } from '../jobs/run-in-child';

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

/**
 * Several numerical columns of one dataset, sorted, in one pass per 2M rows (see fast-read.ts).
 * Same counts as readNumericSorted column by column.
 */
export function readNumericColumnsSorted(
  core: CoreContext,
  datasetId: number,
  columns: ColumnInfo[],
): NumericCurrent[] {
  const stored = core.queries.datasets.byId(datasetId);
  if (!stored) throw new PreflightError('NOT_FOUND', `no dataset with id ${datasetId}`);
  const q = core.queries.drift;
  const max = q.maxRowid(stored.tableName);
  return readSortedNumeric(
    (ords, a, b) => q.numericColumnText(stored.tableName, ords, a, b),
    columns.map((c) => c.ordinal),
    max,
    stored.rows,
  );
}

/** Children per dataset side: the two sides run at once, so half the cores each (at most 4). */
function childrenPerSide(columns: number): number {
  return Math.max(1, Math.min(4, columns, Math.floor(os.availableParallelism() / 2)));
}

/**
 * As readNumericColumnsSorted, in child processes (the column list split over up to 4 of them), so
 * the reference and the current side — and big column sets — are read and sorted in parallel.
 * Falls back to reading here when no child can be started.
 */
export async function readNumericColumnsSortedAsync(
  core: CoreContext,
  datasetId: number,
  columns: ColumnInfo[],
  signal: AbortSignal,
): Promise<NumericCurrent[]> {
  const stored = core.queries.datasets.byId(datasetId);
  if (!stored) throw new PreflightError('NOT_FOUND', `no dataset with id ${datasetId}`);
  // Small reads are faster here than a process start.
  // PREFLIGHT_DRIFT_IN_PROCESS=1 reads here (profiling, or hosts that cannot start children).
  if (stored.rows * columns.length < 2_000_000 || process.env.PREFLIGHT_DRIFT_IN_PROCESS === '1')
    return readNumericColumnsSorted(core, datasetId, columns);
  const maxRowid = core.queries.drift.maxRowid(stored.tableName);
  const k = childrenPerSide(columns.length);
  const groups = Array.from({ length: k }, (_, g) => columns.filter((_, i) => i % k === g));
  try {
    const parts = await Promise.all(
      groups.map((group) => {
        const payload: ReadNumericPayload = {
          file: core.workspace.file,
          table: stored.tableName,
          ordinals: group.map((c) => c.ordinal),
          maxRowid,
          rows: stored.rows,
        };
        return runInChild<NumericCurrent[]>(core.launcher, 'drift/read-numeric', payload, { signal });
      }),
    );
    return columns.map((_, i) => parts[i % k][Math.floor(i / k)]);
  } catch (err) {
    if (err instanceof PreflightError && err.code === 'CANCELLED') throw err;
    return readNumericColumnsSorted(core, datasetId, columns);
  }
}
