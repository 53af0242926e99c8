import { storedJson } from './stored-json';
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type {
  ColumnInfo,
  ColumnKind,
  ColumnProfile,
  DatasetDetail,
  DatasetFormat,
  DatasetSummary,
  ImportDetails,
} from '../../../../shared/types/datasets';

// All SQL of the datasets domain. Dataset tables are named by us (ds_<id>, ds_staging_<hex>) and their
// columns c<ordinal>: names from files never reach SQL text; identifiers are checked before splicing.

/** A value as stored in a dataset table: INTEGER (exact ints within 2^53), TEXT (everything else, verbatim) or NULL (missing). */
export type StoredValue = number | string | null;

export interface StoredDataset extends DatasetSummary {
  tableName: string;
  import: ImportDetails;
}

interface DatasetRow {
  id: number;
  name: string;
  table_name: string;
  format: DatasetFormat;
  row_count: number;
  column_count: number;
  source_path: string;
  source_bytes: number;
  added_at: string;
  import_json: string;
}

/** A dataset's table (`ds_<id>`) or an import's staging table (`ds_staging_<pid><random>`). */
export const DATASET_TABLE = /^ds_(staging_[0-9a-f]{16}|[0-9]+)$/;
function table(name: string): string {
  if (!DATASET_TABLE.test(name)) throw new Error(`refusing to use ${JSON.stringify(name)} as a dataset table name`);
  return `"${name}"`;
}
function col(ordinal: number): string {
  if (!Number.isInteger(ordinal) || ordinal < 0) throw new Error(`bad column ordinal ${ordinal}`);
  return `c${ordinal}`;
}

/** Rows per multi-row INSERT: fewer statement executions, within SQLite's 32,766-variable limit. */
export function rowsPerInsert(columns: number): number {
  return Math.max(1, Math.min(64, Math.floor(32766 / Math.max(1, columns))));
}

/** INSERT statements for a staging table (also run by the insert thread on its own connection). */
export function insertSql(
  staging: string,
  columns: number,
): {
  single: string;
  multi: string;
  rowsPerStatement: number;
  refresh: string;
  chunk: string;
  rowsTable: string;
  fromChunk: string;
} {
  const one = `(${Array(columns).fill('?').join(',')})`;
  const many = rowsPerInsert(columns);
  const rows = `temp.pf_rows_${columns}`;
  return {
    // Run before preparing on a second connection: reloads a schema another connection changed.
    refresh: 'SELECT count(*) FROM sqlite_master',
    single: `INSERT INTO ${table(staging)} VALUES ${one}`,
    multi: `INSERT INTO ${table(staging)} VALUES ${Array(many).fill(one).join(',')}`,
    rowsPerStatement: many,
    chunk: CHUNK_INSERT,
    // With the native row writer (native/preflight_rows.c): a whole chunk's rows in one statement.
    rowsTable: `CREATE VIRTUAL TABLE IF NOT EXISTS ${rows} USING preflight_rows(${columns})`,
    fromChunk: `INSERT INTO ${table(staging)} SELECT * FROM ${rows} WHERE kinds = ? AND nums = ? AND starts = ? AND ends = ? AND text = ? AND tail = ?`,
  };
}

const CHUNK_INSERT =
  'INSERT INTO dataset_column_chunks (import_key, ordinal, chunk, rows, missing, nan, pos_inf, neg_inf, vals) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)';

/** One packed chunk of a column (migrations/0007): its finite values and counts of the rest. */
export interface ColumnChunkRow {
  rows: number;
  missing: number;
  nan: number;
  posInf: number;
  negInf: number;
  /** float64 little-endian. */
  vals: Buffer;
}

/** The chunks of one column in row order (a handle of its own: drift children read with it too). */
export function columnChunks(
  db: Database.Database,
  importKey: string,
  ordinal: number,
): IterableIterator<ColumnChunkRow> {
  return db
    .prepare(
      'SELECT rows, missing, nan, pos_inf AS posInf, neg_inf AS negInf, vals FROM dataset_column_chunks WHERE import_key = ? AND ordinal = ? ORDER BY chunk',
    )
    .iterate(importKey, ordinal) as IterableIterator<ColumnChunkRow>;
}

/**
 * A fresh staging table name. The importing process id is part of it, so a later import can tell a
 * dead import's leftovers from a live one's (a part imported in a child process carries its parent's id).
 */
export function stagingName(pid = process.pid): string {
  return `ds_staging_${(pid >>> 0).toString(16).padStart(8, '0')}${randomBytes(4).toString('hex')}`;
}

/** Value → count of one column of a (part) table, NULL under null (a handle of its own: part children use it). */
export function tableValueCounts(db: Database.Database, name: string, ordinal: number): [StoredValue, number][] {
  const c = col(ordinal);
  return db
    .prepare(`SELECT ${c}, count(*) FROM ${table(name)} GROUP BY ${c}`)
    .raw()
    .all() as [StoredValue, number][];
}

export function datasetQueries(db: Database.Database) {
  const hydrate = (r: DatasetRow | undefined): StoredDataset | null =>
    r
      ? {
          id: r.id,
          name: r.name,
          tableName: r.table_name,
          format: r.format,
          rows: r.row_count,
          columns: r.column_count,
          sourcePath: r.source_path,
          sourceBytes: r.source_bytes,
          addedAt: r.added_at,
          import: storedJson(r.import_json) as ImportDetails,
        }
      : null;
  const byId = (id: number) =>
    hydrate(db.prepare('SELECT * FROM datasets WHERE id = ?').get(id) as DatasetRow | undefined);
  const nameOf = (datasetId: number): string => {
    const d = byId(datasetId);
    if (!d) throw new Error(`no dataset with id ${datasetId}`);
    return d.tableName;
  };
  const tableOf = (datasetId: number): string => table(nameOf(datasetId));

  return {
    list(): DatasetSummary[] {
      return (db.prepare('SELECT * FROM datasets ORDER BY name').all() as DatasetRow[]).map((r) => {
        const { tableName: _t, import: _i, ...summary } = hydrate(r)!;
        return summary;
      });
    },
    byName(name: string): StoredDataset | null {
      return hydrate(db.prepare('SELECT * FROM datasets WHERE name = ?').get(name) as DatasetRow | undefined);
    },
    byId,
    columns(datasetId: number): ColumnInfo[] {
      const rows = db
        .prepare(
          'SELECT ordinal, name, kind, inferred_kind, notes_json, profile_json FROM dataset_columns WHERE dataset_id = ? ORDER BY ordinal',
        )
        .all(datasetId) as {
        ordinal: number;
        name: string;
        kind: ColumnKind;
        inferred_kind: ColumnKind;
        notes_json: string;
        profile_json: string;
      }[];
      return rows.map((r) => ({
        ordinal: r.ordinal,
        name: r.name,
        kind: r.kind,
        inferredKind: r.inferred_kind,
        notes: storedJson(r.notes_json) as string[],
        profile: storedJson(r.profile_json) as ColumnProfile,
      }));
    },
    counts(): { datasets: number } {
      return db.prepare('SELECT count(*) AS datasets FROM datasets').get() as { datasets: number };
    },

    // ── staging (import) ────────────────────────────────────────────────────────────────────────
    /** A fresh, unregistered table with `columns` untyped columns (values keep the type they are bound with). */
    createStaging(columns: number, name = stagingName()): string {
      const cols = Array.from({ length: Math.max(1, columns) }, (_, i) => col(i)).join(', ');
      db.exec(`CREATE TABLE ${table(name)} (${cols})`);
      return name;
    },
    addStagingColumn(staging: string, ordinal: number): void {
      db.exec(`ALTER TABLE ${table(staging)} ADD COLUMN ${col(ordinal)}`);
    },
    /** Prepared inserts of one row and of `rowsPerInsert(columns)` rows, values flattened row by row. */
    inserter(staging: string, columns: number) {
      const sql = insertSql(staging, columns);
      return { rowsPerStatement: sql.rowsPerStatement, single: db.prepare(sql.single), multi: db.prepare(sql.multi) };
    },
    /**
     * Runs `fn` in one transaction with synchronous=NORMAL: bulk rows of an unregistered staging table
     * need no fsync per commit (a crash only loses staging rows, which are discarded anyway).
     */
    /** Writes one packed chunk of a staging table's column (inside `bulk`, with the rows it covers). */
    insertColumnChunk(
      staging: string,
      p: {
        ordinal: number;
        chunk: number;
        rows: number;
        missing: number;
        nan: number;
        posInf: number;
        negInf: number;
        vals: Float64Array;
      },
    ): void {
      table(staging);
      db.prepare(CHUNK_INSERT).run(
        staging,
        p.ordinal,
        p.chunk,
        p.rows,
        p.missing,
        p.nan,
        p.posInf,
        p.negInf,
        Buffer.from(p.vals.buffer, p.vals.byteOffset, p.vals.byteLength),
      );
    },
    /** The import key of each column's chunks, by ordinal (null: the column is read from its rows). */
    chunkKeys(datasetId: number): (string | null)[] {
      return db
        .prepare('SELECT chunk_key FROM dataset_columns WHERE dataset_id = ? ORDER BY ordinal')
        .pluck()
        .all(datasetId) as (string | null)[];
    },
    /** `fn` in one durable transaction (nested: a savepoint). */
    atomically<T>(fn: () => T): T {
      return db.transaction(fn).immediate();
    },
    bulk<T>(fn: () => T): T {
      if (db.inTransaction) return fn();
      db.pragma('synchronous = NORMAL');
      try {
        return db.transaction(fn).immediate();
      } finally {
        db.pragma('synchronous = FULL');
      }
    },
    /**
     * Appends the rows of part tables to `staging` in the given order (rowids follow the parts' row
     * order) and moves their packed chunks to `staging`'s import key, each column's chunk numbers
     * continuing after the previous parts' (so a column's chunks read back in row order); the part
     * tables are dropped. One transaction: all parts or none.
     */
    appendParts(staging: string, parts: string[], columns: number): void {
      const cols = Array.from({ length: Math.max(1, columns) }, (_, i) => col(i)).join(', ');
      const next = db.prepare(
        'SELECT ordinal, max(chunk) + 1 AS n FROM dataset_column_chunks WHERE import_key = ? GROUP BY ordinal',
      );
      const move = db.prepare(
        'UPDATE dataset_column_chunks SET import_key = ?, chunk = chunk + ? WHERE import_key = ? AND ordinal = ?',
      );
      const ordinals = db.prepare('SELECT DISTINCT ordinal FROM dataset_column_chunks WHERE import_key = ?').pluck();
      this.bulk(() => {
        for (const part of parts) {
          const offset = new Map((next.all(staging) as { ordinal: number; n: number }[]).map((r) => [r.ordinal, r.n]));
          db.exec(`INSERT INTO ${table(staging)} (${cols}) SELECT ${cols} FROM ${table(part)} ORDER BY rowid`);
          for (const o of ordinals.all(part) as number[]) move.run(staging, offset.get(o) ?? 0, part, o);
          db.exec(`DROP TABLE ${table(part)}`);
        }
      });
    },
    /** Drops a staging table (a failed or killed import) and the column chunks it wrote. */
    dropTable(name: string): void {
      db.transaction(() => {
        db.exec(`DROP TABLE IF EXISTS ${table(name)}`);
        db.prepare('DELETE FROM dataset_column_chunks WHERE import_key = ?').run(name);
      }).immediate();
    },
    /** Staging tables left by a killed import (never registered), except the ones in use. */
    orphanStagingTables(inUse: ReadonlySet<string>): string[] {
      const names = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'ds\\_staging\\_%' ESCAPE '\\'")
        .pluck()
        .all() as string[];
      return names.filter((n) => DATASET_TABLE.test(n) && !inUse.has(n));
    },
    /** Registers a finished staging table as dataset `name` in one durable transaction; returns the new id. */
    register(
      staging: string,
      d: Omit<StoredDataset, 'id' | 'tableName'>,
      columns: Omit<ColumnInfo, 'ordinal'>[],
      /** Columns whose chunks are complete and kept (numeric kinds); the others' chunks are deleted. */
      chunked: boolean[] = [],
    ): number {
      return db
        .transaction(() => {
          const info = db
            .prepare(
              `INSERT INTO datasets (name, table_name, format, row_count, column_count, source_path, source_bytes, added_at, import_json)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            )
            .run(
              d.name,
              staging,
              d.format,
              d.rows,
              d.columns,
              d.sourcePath,
              d.sourceBytes,
              d.addedAt,
              JSON.stringify(d.import),
            );
          const id = Number(info.lastInsertRowid);
          const final = `ds_${id}`;
          db.exec(`ALTER TABLE ${table(staging)} RENAME TO ${table(final)}`);
          db.prepare('UPDATE datasets SET table_name = ? WHERE id = ?').run(final, id);
          const add = db.prepare(
            'INSERT INTO dataset_columns (dataset_id, ordinal, name, kind, inferred_kind, notes_json, profile_json, chunk_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
          );
          const drop = db.prepare('DELETE FROM dataset_column_chunks WHERE import_key = ? AND ordinal = ?');
          columns.forEach((c, ordinal) => {
            const keep = chunked[ordinal] === true;
            if (!keep) drop.run(staging, ordinal);
            add.run(
              id,
              ordinal,
              c.name,
              c.kind,
              c.inferredKind,
              JSON.stringify(c.notes),
              JSON.stringify(c.profile),
              keep ? staging : null,
            );
          });
          return id;
        })
        .immediate();
    },
    remove(datasetId: number): void {
      db.transaction(() => {
        const t = tableOf(datasetId);
        db.prepare(
          'DELETE FROM dataset_column_chunks WHERE import_key IN (SELECT chunk_key FROM dataset_columns WHERE dataset_id = ?)',
        ).run(datasetId);
        db.prepare('DELETE FROM dataset_columns WHERE dataset_id = ?').run(datasetId);
        db.prepare('DELETE FROM datasets WHERE id = ?').run(datasetId);
        db.exec(`DROP TABLE IF EXISTS ${t}`);
      }).immediate();
    },

    // ── reading columns (see datasets/columns.ts) ───────────────────────────────────────────────
    /** Every value of one column, in row order. */
    columnValues(datasetId: number, ordinal: number): StoredValue[] {
      return db
        .prepare(`SELECT ${col(ordinal)} FROM ${tableOf(datasetId)} ORDER BY rowid`)
        .pluck()
        .all() as StoredValue[];
    },
    /** Value → count for one column (NULL counted under null). */
    valueCounts(datasetId: number, ordinal: number): [StoredValue, number][] {
      return tableValueCounts(db, nameOf(datasetId), ordinal);
    },
    /** Every `step`-th row from the first (rowid 1, 1 + step, …), at most `limit`, as [rowid, ...values of `ordinals`]. */
    sampledRows(datasetId: number, ordinals: number[], step: number, limit: number): StoredValue[][] {
      const cols = ordinals.map(col).join(', ');
      return db
        .prepare(
          `SELECT rowid${cols ? `, ${cols}` : ''} FROM ${tableOf(datasetId)} WHERE (rowid - 1) % ? = 0 ORDER BY rowid LIMIT ?`,
        )
        .raw()
        .all(step, limit) as StoredValue[][];
    },
    /** Up to `limit` rows after `afterRowid`, as [rowid, ...values of `ordinals`]. */
    rowsPage(datasetId: number, ordinals: number[], afterRowid: number, limit: number): StoredValue[][] {
      const cols = ordinals.map(col).join(', ');
      return db
        .prepare(
          `SELECT rowid${cols ? `, ${cols}` : ''} FROM ${tableOf(datasetId)} WHERE rowid > ? ORDER BY rowid LIMIT ?`,
        )
        .raw()
        .all(afterRowid, limit) as StoredValue[][];
    },
  };
}

export type DatasetQueries = ReturnType<typeof datasetQueries>;
export type { DatasetDetail };
