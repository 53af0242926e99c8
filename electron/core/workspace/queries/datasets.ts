import { storedJson } from './stored-json';
import {
  attached,
  createDatasetFile,
  datasetFileNames,
  hasDatasetFile,
  removeDatasetFile,
  syncDatasetFile,
} from './dataset-files';
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

// All SQL of the datasets domain. Dataset tables are named by us (ds_staging_<hex>, kept as the
// dataset's; ds_<id> before dataset files) and their columns c<ordinal>: names from files never reach
// SQL text; identifiers are checked before splicing. A dataset's rows and packed chunks live in a file
// of its own (dataset-files.ts), attached when first read; a dataset imported before such files has its
// table and chunks in the workspace itself, and is read from there by the same statements.

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
/** Dataset table `name` where it is: in its own file (attached on first use) or in the workspace. */
function rowsOf(db: Database.Database, name: string): string {
  const t = table(name);
  return `${attached(db, name)}${t}`;
}
/** The packed-chunk table holding import `key`'s chunks: its dataset file's, or the workspace's. */
function chunksOf(db: Database.Database, key: string): string {
  table(key);
  return `${attached(db, key)}dataset_column_chunks`;
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
const CHUNK_COLUMNS = 'import_key, ordinal, chunk, rows, missing, nan, pos_inf, neg_inf, vals';

/** A dataset file's packed-chunk table: the workspace's (migrations/0007), in the file's schema. */
const FILE_CHUNKS_DDL = [
  'CREATE TABLE {schema}dataset_column_chunks (import_key TEXT NOT NULL, ordinal INTEGER NOT NULL, chunk INTEGER NOT NULL, rows INTEGER NOT NULL, missing INTEGER NOT NULL, nan INTEGER NOT NULL, pos_inf INTEGER NOT NULL, neg_inf INTEGER NOT NULL, vals BLOB NOT NULL)',
  'CREATE UNIQUE INDEX {schema}dataset_column_chunks_key ON dataset_column_chunks (import_key, ordinal, chunk)',
];

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
      `SELECT rows, missing, nan, pos_inf AS posInf, neg_inf AS negInf, vals FROM ${chunksOf(db, importKey)} WHERE import_key = ? AND ordinal = ? ORDER BY chunk`,
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
    .prepare(`SELECT ${c}, count(*) FROM ${rowsOf(db, name)} GROUP BY ${c}`)
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
  const tableOf = (datasetId: number): string => rowsOf(db, nameOf(datasetId));

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
    /**
     * A fresh, unregistered table with `columns` untyped columns (values keep the type they are bound
     * with), in a dataset file of its own, with the file's packed-chunk table.
     */
    createStaging(columns: number, name = stagingName()): string {
      const cols = Array.from({ length: Math.max(1, columns) }, (_, i) => col(i)).join(', ');
      table(name);
      createDatasetFile(db, name, cols, FILE_CHUNKS_DDL);
      return name;
    },
    addStagingColumn(staging: string, ordinal: number): void {
      db.exec(`ALTER TABLE ${rowsOf(db, staging)} ADD COLUMN ${col(ordinal)}`);
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
      db.prepare(`INSERT INTO ${chunksOf(db, staging)} (${CHUNK_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
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
     * order) and copies their packed chunks to `staging`'s import key, each column's chunk numbers
     * continuing after the previous parts' (so a column's chunks read back in row order); each part is
     * removed once copied (a failure leaves the staging table unregistered: the import fails whole).
     */
    appendParts(staging: string, parts: string[], columns: number): void {
      const cols = Array.from({ length: Math.max(1, columns) }, (_, i) => col(i)).join(', ');
      for (const part of parts) {
        const [to, from] = [rowsOf(db, staging), rowsOf(db, part)];
        const [toChunks, fromChunks] = [chunksOf(db, staging), chunksOf(db, part)];
        this.bulk(() => {
          const offset = new Map(
            (
              db
                .prepare(`SELECT ordinal, max(chunk) + 1 AS n FROM ${toChunks} WHERE import_key = ? GROUP BY ordinal`)
                .all(staging) as { ordinal: number; n: number }[]
            ).map((r) => [r.ordinal, r.n]),
          );
          db.exec(`INSERT INTO ${to} (${cols}) SELECT ${cols} FROM ${from} ORDER BY rowid`);
          const copy = db.prepare(
            `INSERT INTO ${toChunks} (${CHUNK_COLUMNS}) SELECT ?, ordinal, chunk + ?, rows, missing, nan, pos_inf, neg_inf, vals FROM ${fromChunks} WHERE import_key = ? AND ordinal = ?`,
          );
          const ordinals = db.prepare(`SELECT DISTINCT ordinal FROM ${fromChunks} WHERE import_key = ?`).pluck();
          for (const o of ordinals.all(part) as number[]) copy.run(staging, offset.get(o) ?? 0, part, o);
        });
        this.dropTable(part);
      }
    },
    /** Drops a staging table (a failed or killed import) and the column chunks it wrote: its file, or in the workspace. */
    dropTable(name: string): void {
      table(name);
      if (removeDatasetFile(db, name)) return;
      db.transaction(() => {
        db.exec(`DROP TABLE IF EXISTS ${table(name)}`);
        db.prepare('DELETE FROM dataset_column_chunks WHERE import_key = ?').run(name);
      }).immediate();
    },
    /** Staging tables (or dataset files) left by a killed import (never registered), except the ones in use. */
    orphanStagingTables(inUse: ReadonlySet<string>): string[] {
      const inWorkspace = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'ds\\_staging\\_%' ESCAPE '\\'")
        .pluck()
        .all() as string[];
      const registered = new Set(db.prepare('SELECT table_name FROM datasets').pluck().all() as string[]);
      return [...inWorkspace, ...datasetFileNames(db)].filter(
        (n) => DATASET_TABLE.test(n) && n.startsWith('ds_staging_') && !inUse.has(n) && !registered.has(n),
      );
    },
    /** Registers a finished staging table as dataset `name` in one durable transaction; returns the new id. */
    register(
      staging: string,
      d: Omit<StoredDataset, 'id' | 'tableName'>,
      columns: Omit<ColumnInfo, 'ordinal'>[],
      /** Columns whose chunks are complete and kept (numeric kinds); the others' chunks are deleted. */
      chunked: boolean[] = [],
    ): number {
      // The chunks of columns that keep none go first; a dataset file is then made durable (it is
      // written with no journal and no sync) before the workspace refers to it.
      const inFile = attached(db, staging) !== '';
      const drop = db.prepare(`DELETE FROM ${chunksOf(db, staging)} WHERE import_key = ? AND ordinal = ?`);
      columns.forEach((_, ordinal) => {
        if (chunked[ordinal] !== true) drop.run(staging, ordinal);
      });
      if (inFile) syncDatasetFile(db, staging);
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
          if (!inFile) {
            // A staging table made in the workspace itself (as every one was before dataset files): named by its id.
            const final = `ds_${id}`;
            db.exec(`ALTER TABLE ${table(staging)} RENAME TO ${table(final)}`);
            db.prepare('UPDATE datasets SET table_name = ? WHERE id = ?').run(final, id);
          }
          const add = db.prepare(
            'INSERT INTO dataset_columns (dataset_id, ordinal, name, kind, inferred_kind, notes_json, profile_json, chunk_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
          );
          columns.forEach((c, ordinal) => {
            const keep = chunked[ordinal] === true;
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
    /** Unregisters a dataset, then removes its file (one another process still holds open is left to `orphanStagingTables`). */
    remove(datasetId: number): void {
      const name = nameOf(datasetId);
      const inFile = hasDatasetFile(db, name); // not attached: a damaged file must still go
      db.transaction(() => {
        if (!inFile)
          db.prepare(
            'DELETE FROM dataset_column_chunks WHERE import_key IN (SELECT chunk_key FROM dataset_columns WHERE dataset_id = ?)',
          ).run(datasetId);
        db.prepare('DELETE FROM dataset_columns WHERE dataset_id = ?').run(datasetId);
        db.prepare('DELETE FROM datasets WHERE id = ?').run(datasetId);
        if (!inFile) db.exec(`DROP TABLE IF EXISTS ${table(name)}`);
      }).immediate();
      if (inFile) {
        try {
          removeDatasetFile(db, name);
        } catch {
          /* another process has it open (Windows): a leftover, removed by the next cleanup */
        }
      }
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
