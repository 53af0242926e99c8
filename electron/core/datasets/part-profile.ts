// The reference (drift) profiles of a table's columns — a part table in the child process that
// imported it, or a registered dataset's table — read with a handle of its own and with drift's own
// readers: numbers sorted from the columns' packed chunks (or their rows, every such column in one
// scan: drift/column-read.ts), categories by one GROUP BY counted as drift counts them
// (datasets/columns.ts#countCategories).
import type Database from 'better-sqlite3';
import type { ColumnKind } from '../../../shared/types/datasets';
import type { CategoricalDriftProfile, NumericDriftProfile } from '../../../shared/types/drift';
import { buildCategoricalProfile, buildNumericProfile } from '../../../shared/math/drift-profile/index';
import { SortedColumns } from '../drift/column-read';
import { driftKindOf } from '../drift/read';
import { maxRowid } from '../workspace/queries/drift';
import { tableValueCounts } from '../workspace/queries/datasets';
import { CHUNKS_READABLE } from './chunk-read';
import { countCategories } from './columns';

export interface ProfiledColumn {
  ordinal: number;
  kind: ColumnKind;
  /** The import key of the column's packed chunks, or null (read the rows). */
  chunkKey: string | null;
}

/** One profile per column of `columns` (null for datetime columns, which drift does not compare). */
export function tableColumnProfiles(
  db: Database.Database,
  table: string,
  rows: number,
  columns: ProfiledColumn[],
  gridSize: number,
): (NumericDriftProfile | CategoricalDriftProfile | null)[] {
  const numeric = columns.filter((c) => driftKindOf(c.kind) === 'numerical');
  const sorted = new SortedColumns(db, {
    table,
    maxRowid: numeric.length ? maxRowid(db, table) : 0,
    rows,
    ordinals: numeric.map((c) => c.ordinal),
    chunkKeys: numeric.map((c) => (CHUNKS_READABLE ? c.chunkKey : null)),
  });
  return columns.map((c) => {
    const kind = driftKindOf(c.kind);
    if (kind === 'numerical') {
      const n = sorted.get(numeric.indexOf(c));
      return buildNumericProfile(n.sorted, n, gridSize);
    }
    if (kind === 'categorical') {
      const { counts, missing } = countCategories(tableValueCounts(db, table, c.ordinal), c.kind !== 'categorical');
      return buildCategoricalProfile(counts, missing);
    }
    return null;
  });
}
