import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { PreflightError } from '../../../../shared/contract/errors';

// Where a dataset's rows live. Each import writes its rows and packed column chunks into a file of its
// own, `datasets/<name>.sqlite` beside the workspace file (name: the import's staging name, kept as the
// dataset's table name): the import is the file's only writer, with no journal and no sync until it
// ends (one fsync before the dataset is registered), and its pages are written once — in the
// workspace's WAL every page was written twice (to the WAL, then at the checkpoint). A connection
// attaches a file under its table's name when it first reads it (`attached`), so the same SQL reads a
// dataset from its file or, for a dataset imported before files (its table in the workspace), from
// there. Names are checked by the callers (queries/datasets.ts) before they get here.

/** The folder of dataset files, beside the workspace file. */
export const DATASET_DIR = 'datasets';

/** A dataset file's path: `datasets/<name>.sqlite` in the folder of `workspaceFile`. */
export function datasetFilePath(workspaceFile: string, name: string): string {
  return path.join(path.dirname(workspaceFile), DATASET_DIR, `${name}.sqlite`);
}

/** The workspace file a connection was opened on, or null (an in-memory database has no folder). */
function workspaceFileOf(db: Database.Database): string | null {
  return db.memory || db.name === '' ? null : db.name;
}

/** Files attached to each connection, least recently read first. */
const ATTACHED = new WeakMap<Database.Database, string[]>();
/** SQLite attaches at most 10 databases to a connection: a few are kept for the next reads. */
const KEEP_ATTACHED = 8;

/**
 * `"<name>".` when dataset table `name` lives in its own file (attached now if it was not), '' when it
 * is a table of the workspace itself (imported before dataset files existed).
 */
export function attached(db: Database.Database, name: string): string {
  const list = ATTACHED.get(db) ?? [];
  const at = list.indexOf(name);
  if (at >= 0) {
    if (at !== list.length - 1) list.push(...list.splice(at, 1));
    return `"${name}".`;
  }
  const ws = workspaceFileOf(db);
  const file = ws && datasetFilePath(ws, name);
  if (!file || !fs.existsSync(file)) return '';
  attach(db, name, file);
  return `"${name}".`;
}

function attach(db: Database.Database, name: string, file: string): void {
  if (db.inTransaction) throw new Error(`dataset file ${name} must be attached before a transaction starts`);
  const list = ATTACHED.get(db) ?? [];
  ATTACHED.set(db, list);
  // The least recently read ones go first; one still being read cannot go, and stays.
  for (let i = 0; list.length >= KEEP_ATTACHED && i < list.length;) {
    try {
      db.exec(`DETACH DATABASE "${list[i]}"`);
      list.splice(i, 1);
    } catch {
      i++;
    }
  }
  try {
    db.prepare('ATTACH DATABASE ? AS ' + `"${name}"`).run(file);
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    if (!code.startsWith('SQLITE_CORRUPT') && code !== 'SQLITE_NOTADB') throw err;
    // One dataset's file, not the workspace: said so, and the workspace is not marked damaged (the
    // dataset can still be removed).
    throw new PreflightError(
      'WORKSPACE_ERROR',
      `the file of one dataset (${DATASET_DIR}/${name}.sqlite) cannot be read: ${(err as Error).message}; run \`preflight doctor\` to see which dataset, and remove it or restore the file`,
      { datasetFile: name },
    );
  }
  list.push(name);
}

/** Detaches file `name` from this connection if it is attached (before the file is removed). */
function detach(db: Database.Database, name: string): void {
  const list = ATTACHED.get(db);
  const at = list?.indexOf(name) ?? -1;
  if (at < 0) return;
  db.exec(`DETACH DATABASE "${name}"`);
  list!.splice(at, 1);
}

/**
 * A new dataset file holding table `name` with `columns` (SQL column list) and the packed-chunk table
 * (the workspace's own `dataset_column_chunks`, same columns), attached to this connection.
 */
export function createDatasetFile(db: Database.Database, name: string, columns: string, chunksDdl: string[]): void {
  const ws = workspaceFileOf(db);
  if (!ws) throw new Error('dataset files need a workspace on disk');
  const file = datasetFilePath(ws, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Made empty here (an empty file is an empty database): a connection opened with fileMustExist
  // attaches without the right to create one. Names are fresh: never a registered dataset's file.
  fs.writeFileSync(file, '');
  fs.rmSync(`${file}-journal`, { force: true });
  attach(db, name, file);
  // Written by one import, then only read: large pages (as the workspace), no journal and no sync
  // until it is done (syncDatasetFile; an import that fails removes the file).
  db.pragma(`"${name}".page_size = 16384`);
  db.pragma(`"${name}".journal_mode = OFF`);
  db.pragma(`"${name}".synchronous = OFF`);
  db.exec(`CREATE TABLE "${name}"."${name}" (${columns})`);
  for (const ddl of chunksDdl) db.exec(ddl.replace('{schema}', `"${name}".`));
}

/** Dataset file `name` on disk (fsync), so registering the dataset never refers to rows a power cut lost. */
export function syncDatasetFile(db: Database.Database, name: string): void {
  const ws = workspaceFileOf(db);
  if (!ws) return;
  const fd = fs.openSync(datasetFilePath(ws, name), 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Whether dataset table `name` has a file of its own (without attaching it: it may not open). */
export function hasDatasetFile(db: Database.Database, name: string): boolean {
  const ws = workspaceFileOf(db);
  return ws !== null && fs.existsSync(datasetFilePath(ws, name));
}

/** Removes dataset file `name` (detached from this connection first); false when it has none. */
export function removeDatasetFile(db: Database.Database, name: string): boolean {
  const ws = workspaceFileOf(db);
  const file = ws && datasetFilePath(ws, name);
  if (!file || !fs.existsSync(file)) return false;
  detach(db, name);
  for (const f of [file, `${file}-journal`]) fs.rmSync(f, { force: true });
  return true;
}

/** The names of the dataset files in this workspace's folder. */
export function datasetFileNames(db: Database.Database): string[] {
  const ws = workspaceFileOf(db);
  const dir = ws && path.join(path.dirname(ws), DATASET_DIR);
  if (!dir || !fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sqlite'))
    .map((f) => f.slice(0, -'.sqlite'.length));
}
