import { attached } from './dataset-files';
import { storedJson } from './stored-json';
import type Database from 'better-sqlite3';
import { DATASET_TABLE } from './datasets';
import type {
  DatasetDrift,
  DriftProfileSummary,
  DriftReport,
  DriftReportSummary,
  InputMapping,
} from '../../../../shared/types/drift';

// All SQL of the drift domain, bound parameters only.

interface ReportRow {
  id: number;
  created_at: string;
  reference_name: string;
  current_name: string;
  model: string | null;
  drifted: number;
  total: number;
  share: number;
  threshold: number;
  detected: number;
}

interface ProfileRow {
  id: number;
  dataset_name: string;
  row_count: number;
  column_count: number;
  grid_size: number;
  created_at: string;
  bytes: number;
}

const summary = (r: ReportRow): DriftReportSummary => ({
  id: r.id,
  createdAt: r.created_at,
  reference: r.reference_name,
  current: r.current_name,
  model: r.model,
  dataset: {
    drifted: r.drifted,
    total: r.total,
    share: r.share,
    threshold: r.threshold,
    detected: r.detected === 1,
  } satisfies DatasetDrift,
});

const profileSummary = (r: ProfileRow): DriftProfileSummary => ({
  id: r.id,
  dataset: r.dataset_name,
  rows: r.row_count,
  columns: r.column_count,
  gridSize: r.grid_size,
  createdAt: r.created_at,
  bytes: r.bytes,
});

// Dataset tables are named by the datasets domain (ds_staging_<hex> or ds_<id>, columns c<ordinal>),
// each in its own file (attached on first read, dataset-files.ts) or in the workspace; checked again
// here before splicing, as there.

/**
 * Numerical columns of a dataset table as one comma-joined text per column, for rows in
 * (afterRowid, uptoRowid], NULL as an empty field. One table scan for several columns, and SQLite
 * builds the strings in C: about 3× faster than a row-by-row read for drift's "all values, any order".
 */
export function numericColumnText(
  db: Database.Database,
  table: string,
  ordinals: number[],
  afterRowid: number,
  uptoRowid: number,
): { count: number; texts: string[] } {
  if (!DATASET_TABLE.test(table)) throw new Error(`refusing to read ${JSON.stringify(table)} as a dataset table`);
  if (!ordinals.length || ordinals.some((o) => !Number.isInteger(o) || o < 0)) throw new Error('bad column ordinals');
  const cols = ordinals.map((o) => `group_concat(ifnull(c${o}, ''), ',')`).join(', ');
  const row = db
    .prepare(`SELECT count(*), ${cols} FROM ${attached(db, table)}"${table}" WHERE rowid > ? AND rowid <= ?`)
    .raw()
    .get(afterRowid, uptoRowid) as [number, ...(string | null)[]];
  return { count: row[0], texts: row.slice(1).map((s) => (s as string | null) ?? '') };
}

/** Largest rowid of a dataset table (rows are appended in file order, so rowids run 1..n). */
export function maxRowid(db: Database.Database, table: string): number {
  if (!DATASET_TABLE.test(table)) throw new Error(`refusing to read ${JSON.stringify(table)} as a dataset table`);
  return (
    (db
      .prepare(`SELECT ifnull(max(rowid), 0) FROM ${attached(db, table)}"${table}"`)
      .pluck()
      .get() as number) ?? 0
  );
}

export function driftQueries(db: Database.Database) {
  const profileCols = 'id, dataset_name, row_count, column_count, grid_size, created_at, length(profile_json) AS bytes';
  return {
    numericColumnText: (table: string, ordinals: number[], after: number, upto: number) =>
      numericColumnText(db, table, ordinals, after, upto),
    maxRowid: (table: string) => maxRowid(db, table),
    insertReport(report: Omit<DriftReport, 'id'>): number {
      const d = report.dataset;
      const info = db
        .prepare(
          `INSERT INTO drift_reports (created_at, reference_name, current_name, model, drifted, total, share, threshold, detected, report_json)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          report.createdAt,
          report.reference.name,
          report.current.name,
          report.predictions?.model ?? null,
          d.drifted,
          d.total,
          d.share,
          d.threshold,
          d.detected ? 1 : 0,
          JSON.stringify(report),
        );
      return Number(info.lastInsertRowid);
    },
    listReports(): DriftReportSummary[] {
      const rows = db
        .prepare(
          'SELECT id, created_at, reference_name, current_name, model, drifted, total, share, threshold, detected FROM drift_reports ORDER BY id DESC',
        )
        .all() as ReportRow[];
      return rows.map(summary);
    },
    report(id: number): DriftReport | null {
      const row = db.prepare('SELECT report_json FROM drift_reports WHERE id = ?').pluck().get(id) as
        string | undefined;
      return row === undefined ? null : { ...(storedJson(row) as Omit<DriftReport, 'id'>), id };
    },
    saveProfile(p: {
      datasetName: string;
      datasetId: number | null;
      rows: number;
      columns: number;
      gridSize: number;
      createdAt: string;
      json: string;
    }): DriftProfileSummary {
      db.prepare(
        `INSERT INTO drift_profiles (dataset_name, dataset_id, row_count, column_count, grid_size, created_at, profile_json)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (dataset_name) DO UPDATE SET dataset_id = excluded.dataset_id, row_count = excluded.row_count,
           column_count = excluded.column_count, grid_size = excluded.grid_size, created_at = excluded.created_at, profile_json = excluded.profile_json`,
      ).run(p.datasetName, p.datasetId, p.rows, p.columns, p.gridSize, p.createdAt, p.json);
      return profileSummary(
        db.prepare(`SELECT ${profileCols} FROM drift_profiles WHERE dataset_name = ?`).get(p.datasetName) as ProfileRow,
      );
    },
    listProfiles(): DriftProfileSummary[] {
      return (db.prepare(`SELECT ${profileCols} FROM drift_profiles ORDER BY dataset_name`).all() as ProfileRow[]).map(
        profileSummary,
      );
    },
    /** Forgets the profile built from dataset `datasetId` (a run that imported that dataset failed). */
    removeProfileOf(datasetId: number): void {
      db.prepare('DELETE FROM drift_profiles WHERE dataset_id = ?').run(datasetId);
    },
    /** The stored profile text and the dataset id it was built from. */
    profile(datasetName: string): { json: string; datasetId: number | null; createdAt: string } | null {
      const row = db
        .prepare('SELECT profile_json, dataset_id, created_at FROM drift_profiles WHERE dataset_name = ?')
        .get(datasetName) as { profile_json: string; dataset_id: number | null; created_at: string } | undefined;
      return row ? { json: row.profile_json, datasetId: row.dataset_id, createdAt: row.created_at } : null;
    },
    mapping(modelName: string): InputMapping['inputs'] | null {
      const row = db.prepare('SELECT mapping_json FROM drift_mappings WHERE model_name = ?').pluck().get(modelName) as
        string | undefined;
      return row === undefined ? null : (storedJson(row) as InputMapping['inputs']);
    },
    saveMapping(modelName: string, inputs: InputMapping['inputs'], at: string): void {
      db.prepare(
        `INSERT INTO drift_mappings (model_name, mapping_json, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (model_name) DO UPDATE SET mapping_json = excluded.mapping_json, updated_at = excluded.updated_at`,
      ).run(modelName, JSON.stringify(inputs), at);
    },
  };
}
