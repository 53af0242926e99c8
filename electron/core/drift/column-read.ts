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

/**
 * The columns of `t` one at a time, finite values sorted, with the missing / NaN / ±inf counts: a
 * chunked column is read when asked for (so a caller that compares column by column holds two columns,
 * not all of them); columns stored only as rows are read together, in one scan, on the first ask.
 */
export class SortedColumns {
  readMs = 0;
  sortMs = 0;
  values = 0;
  private fromRows: Map<number, ChunkedColumn> | null = null;
  constructor(
    private db: Database.Database,
    private t: TableColumns,
  ) {}

  /**
   * Column k of `t.ordinals` (each k once). `reuse`: the array behind a column the caller no longer
   * needs (`sorted.buffer`), filled again instead of a fresh one.
   */
  get(k: number, reuse?: ArrayBufferLike): SortedNumeric {
    const t0 = performance.now();
    const key = this.t.chunkKeys[k];
    let c: ChunkedColumn;
    if (key) {
      const into = reuse ? new Float64Array(reuse) : undefined;
      c = readChunkedColumn(this.db, key, this.t.ordinals[k], this.t.rows, into);
    } else {
      this.fromRows ??= this.readRows();
      c = this.fromRows.get(k)!;
      this.fromRows.delete(k);
    }
    const t1 = performance.now();
    const sorted = sortFinite(c.values); // a fresh array owned by us: sort in place
    this.readMs += t1 - t0;
    this.sortMs += performance.now() - t1;
    this.values += this.t.rows;
    return { sorted, missing: c.missing, nan: c.nan, posInf: c.posInf, negInf: c.negInf };
  }

  private readRows(): Map<number, ChunkedColumn> {
    const ks = this.t.ordinals.map((_, k) => k).filter((k) => !this.t.chunkKeys[k]);
    const read = readNumericText(
      (ords, a, b) => numericColumnText(this.db, this.t.table, ords, a, b),
      ks.map((k) => this.t.ordinals[k]),
      this.t.maxRowid,
      this.t.rows,
    );
    return new Map(ks.map((k, j) => [k, read[j]]));
  }
}

/** Every column of `t`, finite values sorted, with the missing / NaN / ±inf counts. */
export function readColumnsSorted(db: Database.Database, t: TableColumns): ReadColumns {
  const s = new SortedColumns(db, t);
  const columns = t.ordinals.map((_, k) => s.get(k));
  return { columns, readMs: s.readMs, sortMs: s.sortMs, values: s.values };
}
