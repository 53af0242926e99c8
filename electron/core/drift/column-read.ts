// Numerical columns for drift, from whichever storage a column has: its packed chunks (datasets
// imported since migration 0007: a few blob reads) or its rows (older datasets: one table scan for
// several columns, see fast-read.ts). Same values and counts either way (tested). Reading and sorting
// are timed apart, so `readMs` says what the storage costs. Runs in the core or in a child process.

import type Database from 'better-sqlite3';
import { sortFinite } from '../../../shared/math/drift-profile/sort';
import type { CoreContext } from '../context';
import { CHUNKS_READABLE, readChunkedColumn, type ChunkedColumn } from '../datasets/chunk-read';
import { numericColumnText } from '../workspace/queries/drift';
import { PreflightError } from '../../../shared/contract/errors';
import { readNumericText, type SortedNumeric } from './fast-read';

/** Where the numerical columns of one dataset are: enough for a child process to read them on its own. */
export interface TableColumns {
  table: string;
  maxRowid: number;
  rows: number;
  ordinals: number[];
  /** Per ordinal: the import key of its packed chunks, or null (read the rows). */
  chunkKeys: (string | null)[];
}

export function tableColumns(core: CoreContext, datasetId: number, ordinals: number[]): TableColumns {
  const d = core.queries.datasets.byId(datasetId);
  if (!d) throw new PreflightError('NOT_FOUND', `no dataset with id ${datasetId}`);
  const keys = CHUNKS_READABLE ? core.queries.datasets.chunkKeys(datasetId) : [];
  return {
    table: d.tableName,
    maxRowid: core.queries.drift.maxRowid(d.tableName),
    rows: d.rows,
    ordinals,
    chunkKeys: ordinals.map((o) => keys[o] ?? null),
  };
}

export interface ReadColumns {
  columns: SortedNumeric[];
  readMs: number;
  sortMs: number;
  /** Values read (rows × columns). */
  values: number;
}

/** Every column of `t`, finite values sorted, with the missing / NaN / ±inf counts. */
export function readColumnsSorted(db: Database.Database, t: TableColumns): ReadColumns {
  const t0 = performance.now();
  const raw = new Array<ChunkedColumn>(t.ordinals.length);
  const fromRows: number[] = [];
  t.ordinals.forEach((o, k) => {
    const key = t.chunkKeys[k];
    if (key) raw[k] = readChunkedColumn(db, key, o, t.rows);
    else fromRows.push(k);
  });
  if (fromRows.length) {
    const read = readNumericText(
      (ords, a, b) => numericColumnText(db, t.table, ords, a, b),
      fromRows.map((k) => t.ordinals[k]),
      t.maxRowid,
      t.rows,
    );
    fromRows.forEach((k, j) => (raw[k] = read[j]));
  }
  const t1 = performance.now();
  const columns = raw.map((c) => ({
    sorted: sortFinite(c.values), // a fresh array owned by us: sort in place
    missing: c.missing,
    nan: c.nan,
    posInf: c.posInf,
    negInf: c.negInf,
  }));
  return { columns, readMs: t1 - t0, sortMs: performance.now() - t1, values: t.rows * t.ordinals.length };
}
