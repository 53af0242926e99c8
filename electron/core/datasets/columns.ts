/**
 * Reading datasets column by column — the API drift (and anything else that needs values) uses.
 *
 *   datasetColumns(core, 'train')            → ColumnInfo[]   names verbatim, kinds, profiles
 *   readNumericColumn(core, id, ordinal)     → finite values + missing / NaN / ±inf counts
 *   readCategoricalColumn(core, id, ordinal) → value → count, plus missing
 *   readColumnValues(core, id, ordinal)      → raw stored values in row order (time windows)
 *   iterateRows(core, id, ordinals, batch)   → row batches in file order (model inputs)
 *
 * Columns are addressed by `ordinal` (0-based position in the file), never by name in SQL. Stored
 * values are INTEGER (exact integers within ±2^53), REAL (floats whose text String(x) reproduces,
 * typed doubles), TEXT (verbatim: other floats like "1.50", ids, "007", dates, "true"/"false",
 * "NaN", "inf") or NULL (missing). Everything here is synchronous and reads the
 * whole column; a column of 3M rows is ~24 MB as a Float64Array.
 */
import { PreflightError } from '../../../shared/contract/errors';
import type { ColumnInfo } from '../../../shared/types/datasets';
import type { CoreContext } from '../context';
import type { StoredValue } from '../workspace/queries/datasets';
import { CHUNKS_READABLE, readChunkedColumn } from './chunk-read';
import { resolveDataset } from './resolve';
import { datetimeMillis, isMissingWord, toNumber } from './values';

export type { StoredValue };

export interface NumericColumn {
  /** Finite values in row order (datetime: epoch ms UTC; boolean: 1/0). */
  values: Float64Array;
  missing: number;
  nan: number;
  posInf: number;
  negInf: number;
  /** Values that are not numbers at all (only in a categorical column read as numbers). */
  invalid: number;
}

export interface CategoricalColumn {
  /** Non-missing value (as text, verbatim) → rows. */
  counts: Map<string, number>;
  missing: number;
}

/** Columns of a dataset given by name or id, in file order. */
export function datasetColumns(core: CoreContext, datasetRef: string | number): ColumnInfo[] {
  const id = typeof datasetRef === 'number' ? datasetId(core, datasetRef) : resolveDataset(core, datasetRef).id;
  return core.queries.datasets.columns(id);
}

/** The id of a dataset given by name (NOT_FOUND when absent). */
export function datasetIdOf(core: CoreContext, name: string): number {
  return resolveDataset(core, name).id;
}

export function readNumericColumn(core: CoreContext, datasetIdArg: number, ordinal: number): NumericColumn {
  const info = column(core, datasetIdArg, ordinal);
  // Numeric columns imported with packed chunks are read from them (the same values, see chunks.ts).
  const key = CHUNKS_READABLE ? core.queries.datasets.chunkKeys(datasetIdArg)[ordinal] : null;
  if (key && (info.kind === 'integer' || info.kind === 'float')) {
    const rows = core.queries.datasets.byId(datasetIdArg)!.rows;
    return { ...readChunkedColumn(core.workspace.db, key, ordinal, rows), invalid: 0 };
  }
  const raw = core.queries.datasets.columnValues(datasetIdArg, ordinal);
  const values = new Float64Array(raw.length);
  let n = 0;
  const out: NumericColumn = { values, missing: 0, nan: 0, posInf: 0, negInf: 0, invalid: 0 };
  const asNumber =
    info.kind === 'datetime'
      ? (v: number | string) => (typeof v === 'number' ? v : datetimeMillis(v))
      : info.kind === 'boolean'
        ? (v: number | string) => booleanNumber(v)
        : toNumber;
  for (const v of raw) {
    if (v === null || (typeof v === 'string' && isMissingWord(v))) {
      out.missing++;
      continue;
    }
    const x = asNumber(v);
    if (x === undefined || x === null) out.invalid++;
    else if (Number.isFinite(x)) values[n++] = x;
    else if (Number.isNaN(x)) out.nan++;
    else if (x > 0) out.posInf++;
    else out.negInf++;
  }
  out.values = values.subarray(0, n);
  return out;
}

export function readCategoricalColumn(core: CoreContext, datasetIdArg: number, ordinal: number): CategoricalColumn {
  const info = column(core, datasetIdArg, ordinal);
  // In a typed column (boolean here), "NA"-style words are missing values; in a categorical one, values.
  return countCategories(core.queries.datasets.valueCounts(datasetIdArg, ordinal), info.kind !== 'categorical');
}

/** Stored value → count (a GROUP BY) as categories: NULL, and missing-value words when `wordsMissing`, are missing. */
export function countCategories(groups: [StoredValue, number][], wordsMissing: boolean): CategoricalColumn {
  const counts = new Map<string, number>();
  let missing = 0;
  for (const [value, count] of groups) {
    if (value === null || (wordsMissing && typeof value === 'string' && isMissingWord(value))) missing += count;
    else {
      const key = String(value);
      counts.set(key, (counts.get(key) ?? 0) + count);
    }
  }
  return { counts, missing };
}

/** Raw stored values of one column in row order (null = missing). */
export function readColumnValues(core: CoreContext, datasetIdArg: number, ordinal: number): StoredValue[] {
  column(core, datasetIdArg, ordinal);
  return core.queries.datasets.columnValues(datasetIdArg, ordinal);
}

/**
 * Rows in file order, `batchSize` at a time, each row holding the values of `ordinals` in that order.
 * Pages by rowid, so no statement stays open between batches (the caller may await in between).
 */
export function* iterateRows(
  core: CoreContext,
  datasetIdArg: number,
  ordinals: number[],
  batchSize = 10_000,
): Generator<StoredValue[][]> {
  for (const o of ordinals) column(core, datasetIdArg, o);
  let after = 0;
  for (;;) {
    const page = core.queries.datasets.rowsPage(datasetIdArg, ordinals, after, batchSize);
    if (page.length === 0) return;
    after = page[page.length - 1][0] as number;
    yield page.map((r) => r.slice(1));
    if (page.length < batchSize) return;
  }
}

/**
 * Every `step`-th row (file order, from the first), at most `limit`: the row's index in the dataset
 * and the values of `ordinals`. A spread sample without reading whole columns.
 */
export function readSampledRows(
  core: CoreContext,
  datasetIdArg: number,
  ordinals: number[],
  step: number,
  limit: number,
): { index: number[]; rows: StoredValue[][] } {
  for (const o of ordinals) column(core, datasetIdArg, o);
  const page = core.queries.datasets.sampledRows(datasetIdArg, ordinals, Math.max(1, Math.floor(step)), limit);
  return { index: page.map((r) => (r[0] as number) - 1), rows: page.map((r) => r.slice(1)) };
}

function booleanNumber(v: number | string): number | undefined {
  if (typeof v === 'number') return v === 0 || v === 1 ? v : undefined;
  const t = v.toLowerCase();
  return t === 'true' ? 1 : t === 'false' ? 0 : undefined;
}

function datasetId(core: CoreContext, id: number): number {
  if (!core.queries.datasets.byId(id)) throw new PreflightError('NOT_FOUND', `no dataset with id ${id}`, { id });
  return id;
}

function column(core: CoreContext, id: number, ordinal: number): ColumnInfo {
  const cols = core.queries.datasets.columns(datasetId(core, id));
  const info = cols[ordinal];
  if (!info)
    throw new PreflightError('NOT_FOUND', `dataset ${id} has no column #${ordinal} (it has ${cols.length})`, {
      id,
      ordinal,
    });
  return info;
}
