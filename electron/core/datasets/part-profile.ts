// The reference (drift) profile of one column of a table — a part table in the child process that
// imported it, or a registered dataset's table — read with a handle of its own: numbers from the
// column's packed chunks (or its rows), categories by one GROUP BY. The same values drift reads
// (datasets/columns.ts): values that are not numbers count as missing, missing-value words are
// missing in a typed column and values in a categorical one.
import type Database from 'better-sqlite3';
import type { ColumnKind } from '../../../shared/types/datasets';
import type { CategoricalDriftProfile, NumericDriftProfile } from '../../../shared/types/drift';
import { buildCategoricalProfile, buildNumericProfile, sortFinite } from '../../../shared/math/drift-profile/index';
import { tableColumnValues, tableValueCounts } from '../workspace/queries/datasets';
import { CHUNKS_READABLE, readChunkedColumn } from './chunk-read';
import { isMissingWord, toNumber } from './values';

/** Which drift profile a column kind gets (drift/read.ts#driftKindOf): datetime columns get none. */
export function profileKind(kind: ColumnKind): 'numerical' | 'categorical' | null {
  if (kind === 'integer' || kind === 'float') return 'numerical';
  if (kind === 'boolean' || kind === 'categorical') return 'categorical';
  return null;
}

export interface TableColumn {
  table: string;
  rows: number;
  ordinal: number;
  kind: ColumnKind;
  /** The import key of the column's packed chunks, or null (read the rows). */
  chunkKey: string | null;
}

export function tableColumnProfile(
  db: Database.Database,
  c: TableColumn,
  gridSize: number,
): NumericDriftProfile | CategoricalDriftProfile | null {
  const kind = profileKind(c.kind);
  if (kind === 'numerical') {
    const counts = { missing: 0, nan: 0, posInf: 0, negInf: 0 };
    let values: Float64Array;
    if (c.chunkKey !== null && CHUNKS_READABLE) {
      const r = readChunkedColumn(db, c.chunkKey, c.ordinal, c.rows);
      values = r.values;
      Object.assign(counts, { missing: r.missing, nan: r.nan, posInf: r.posInf, negInf: r.negInf });
    } else {
      const raw = tableColumnValues(db, c.table, c.ordinal);
      values = new Float64Array(raw.length);
      let n = 0;
      for (const v of raw) {
        const x = v === null ? null : toNumber(v);
        if (x === null || x === undefined) counts.missing++;
        else if (Number.isFinite(x)) values[n++] = x;
        else if (Number.isNaN(x)) counts.nan++;
        else if (x > 0) counts.posInf++;
        else counts.negInf++;
      }
      values = values.subarray(0, n);
    }
    return buildNumericProfile(sortFinite(values), counts, gridSize);
  }
  if (kind === 'categorical') {
    const wordsMissing = c.kind !== 'categorical';
    const counts = new Map<string, number>();
    let missing = 0;
    for (const [value, count] of tableValueCounts(db, c.table, c.ordinal)) {
      if (value === null || (wordsMissing && typeof value === 'string' && isMissingWord(value))) missing += count;
      else counts.set(String(value), (counts.get(String(value)) ?? 0) + count);
    }
    return buildCategoricalProfile(counts, missing);
  }
  return null;
}
