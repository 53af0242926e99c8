import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { attached, datasetFileNames } from '../../electron/core/workspace/queries/dataset-files';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures');
export const MODELS = path.join(FIXTURES, 'models');
export const CLI = path.join(ROOT, 'bin', 'preflight.mjs');

/** A fresh temporary workspace folder; removed by the returned cleanup. */
export function tempDir(prefix = 'preflight-test-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Fails with what to do when the bundles tests depend on are missing. */
export function requireBuild(): void {
  if (
    !fs.existsSync(path.join(ROOT, 'dist', 'node', 'cli.mjs')) ||
    !fs.existsSync(path.join(ROOT, 'dist', 'node', 'child.mjs'))
  ) {
    throw new Error('dist/node is missing: run `npm run build` (npm test does it in pretest)');
  }
}

/**
 * Dataset `id`'s rows table as SQL for `db` (a connection to the workspace file): attached from its
 * dataset file (queries/dataset-files.ts), or in the workspace for a dataset imported before those.
 */
export function datasetTable(db: Database.Database, id: number): string {
  const name = db.prepare('SELECT table_name FROM datasets WHERE id = ?').pluck().get(id) as string;
  return `${attached(db, name)}"${name}"`;
}

/** The packed-chunk table holding dataset `id`'s chunks, as SQL for `db` (with `datasetTable`'s rule). */
export function datasetChunks(db: Database.Database, id: number): string {
  const name = db.prepare('SELECT table_name FROM datasets WHERE id = ?').pluck().get(id) as string;
  return `${attached(db, name)}dataset_column_chunks`;
}

/** Dataset tables nobody registered (a killed or failed import's): in the workspace, or dataset files. */
export function unregisteredTables(db: Database.Database): string[] {
  const inWorkspace = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'ds\\_%' ESCAPE '\\' ORDER BY name")
    .pluck()
    .all() as string[];
  const registered = new Set(db.prepare('SELECT table_name FROM datasets').pluck().all() as string[]);
  return [...inWorkspace, ...datasetFileNames(db)].filter((t) => !registered.has(t)).sort();
}

/** Packed column chunks no registered column refers to: in the workspace and in unregistered dataset files. */
export function strayChunkCount(db: Database.Database): number {
  let n = db
    .prepare(
      'SELECT count(*) FROM dataset_column_chunks WHERE import_key NOT IN (SELECT chunk_key FROM dataset_columns WHERE chunk_key IS NOT NULL)',
    )
    .pluck()
    .get() as number;
  for (const t of unregisteredTables(db)) {
    const schema = attached(db, t);
    if (schema) n += db.prepare(`SELECT count(*) FROM ${schema}dataset_column_chunks`).pluck().get() as number;
  }
  return n;
}

/** Every stored row of dataset `id` in the workspace in `dir`, in row order, as SQLite gives them back. */
export function storedRows(dir: string, id: number): unknown[][] {
  const db = new Database(path.join(dir, 'workspace.sqlite'), { readonly: true });
  try {
    return db
      .prepare(`SELECT * FROM ${datasetTable(db, id)} ORDER BY rowid`)
      .raw()
      .all() as unknown[][];
  } finally {
    db.close();
  }
}
