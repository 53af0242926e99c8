// Child-process side of a folder import (parts-import.ts): a block of Parquet parts read into a staging table
// of its own — the same reader and sink as any import, rows inserted on this process's own
// connection (busy_timeout: the parts' writers wait for each other) — then the block's reference
// (drift) profile read back from that table. Only small results go back to the parent: the sink's
// accumulator state and the profiles; the rows stay in the block's table, which the parent appends to
// the dataset (or drops).
import Database from 'better-sqlite3';
import type { ColumnKind } from '../../../shared/types/datasets';
import type { ColumnDriftProfile } from '../../../shared/types/drift';
import type { ChildTaskContext } from '../jobs/child-task';
import { datasetQueries } from '../workspace/queries/datasets';
import { DirectTarget } from './insert-pipe';
import { tableColumnProfiles } from './part-profile';
import { readParquetParts } from './readers/parquet';
import { DatasetSink } from './sink';
import type { SinkState } from './sink-state';
import { tuneYoungGeneration } from './heap';

export interface ImportPartPayload {
  /** The workspace database file. */
  db: string;
  /** Consecutive parts, read one after another into the one table. */
  files: string[];
  /** The block's table name, chosen by the parent (so it is never taken for a leftover while the parent lives). */
  staging: string;
  types: Record<string, ColumnKind>;
  /** Rows of the parts before these. */
  firstRow: number;
  gridSize: number;
}

export interface ImportPartResult {
  state: SinkState;
  /** The block's reference profile per column, made for the kind the block alone has. */
  profiles: (ColumnDriftProfile & { kind: ColumnKind })[];
}

export async function importPartInChild(p: ImportPartPayload, ctx: ChildTaskContext): Promise<ImportPartResult> {
  tuneYoungGeneration();
  const db = new Database(p.db, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 60000');
    const q = datasetQueries(db);
    const sink = new DatasetSink(q, p.types, 0, () => {}, p.staging);
    await readParquetParts(
      p.files,
      sink,
      {
        signal: ctx.signal,
        // Inserted on this thread: the parallelism is the processes (an insert thread each would put
        // twice as many threads as cores to work, for the same measured time).
        chunkTarget: async () => new DirectTarget(q),
        onBytes: (bytes) => ctx.progress(null, 'reading', { bytes, rows: sink.rows }),
      },
      p.firstRow,
    );
    const columns = sink.columns();
    const built = tableColumnProfiles(
      db,
      p.staging,
      sink.rows,
      columns.map((c, ordinal) => ({
        ordinal,
        kind: c.kind,
        chunkKey: (c.kind === 'integer' || c.kind === 'float') && sink.chunked(ordinal) ? p.staging : null,
      })),
      p.gridSize,
    );
    const profiles = columns.map((c, ordinal) => ({
      name: c.name,
      columnType: c.kind,
      kind: c.kind,
      profile: built[ordinal],
    }));
    return { state: sink.partState(), profiles };
  } finally {
    db.close();
  }
}
