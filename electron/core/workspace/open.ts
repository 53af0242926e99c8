import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { PreflightError } from '../../../shared/contract/errors';
import { MIGRATIONS } from './migrations/index';
import { migrate } from './migrate';
import { WORKSPACE_FILE } from './location';
import { isAlive } from '../jobs/pid';

export interface Workspace {
  dir: string;
  file: string;
  blobsDir: string;
  tmpDir: string;
  db: Database.Database;
  schemaVersion: number;
  close(): void;
}

// 'PFLT' — marks the file as a Preflight workspace so another app's SQLite file is not migrated.
const APPLICATION_ID = 0x50464c54;
/** Page size of a new workspace file (bytes). */
const PAGE_SIZE = 16_384;

/**
 * Opens (or, when absent, creates) the workspace in `dir`. An existing file that is not a Preflight
 * workspace, is damaged, or is newer than this build is refused with a clear error — never recreated.
 */
export function openWorkspace(dir: string): Workspace {
  const file = path.join(dir, WORKSPACE_FILE);
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new PreflightError('WORKSPACE_ERROR', `cannot create workspace folder ${dir}: ${(err as Error).message}`, {
      dir,
    });
  }
  const existed = fs.existsSync(file);
  // An existing but empty file is a truncated workspace, not a new one: never recreate it silently.
  if (existed && fs.statSync(file).size === 0) {
    throw new PreflightError(
      'WORKSPACE_ERROR',
      `${file} is empty (0 bytes): the workspace was truncated or is not one; restore it from a backup or choose another folder with --workspace (the file was left untouched)`,
      { file },
    );
  }
  let db: Database.Database;
  try {
    db = new Database(file, { fileMustExist: false });
  } catch (err) {
    throw new PreflightError('WORKSPACE_ERROR', `cannot open workspace ${file}: ${(err as Error).message}`, { file });
  }
  try {
    db.pragma('busy_timeout = 5000');
    // Identify the file before changing anything in it (WAL mode rewrites the header).
    const appId = db.pragma('application_id', { simple: true }) as number;
    const tables = (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number })
      .n;
    if (existed && appId !== APPLICATION_ID && tables > 0) {
      throw new PreflightError(
        'WORKSPACE_ERROR',
        `${file} is an SQLite database but not a Preflight workspace; refusing to change it`,
        { file },
      );
    }
    // A new workspace gets 16 KiB pages (set before WAL mode, which fixes the size): an import writes
    // each page to the WAL and again at the checkpoint, one system call each, and a quarter as many
    // pages cut its SQLite CPU by a quarter (bench/insert-floor.mjs). Existing workspaces keep theirs.
    if (tables === 0 && !existed) db.pragma(`page_size = ${PAGE_SIZE}`);
    // Already WAL (every workspace after its first open): asking again could wait on a writer.
    if (String(db.pragma('journal_mode', { simple: true })).toLowerCase() !== 'wal') db.pragma('journal_mode = WAL');
    // Registry rows must survive power loss; the cost is small at this write rate.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    if (appId !== APPLICATION_ID) db.pragma(`application_id = ${APPLICATION_ID}`);
    const schemaVersion = migrate(db, file, MIGRATIONS);
    const blobsDir = path.join(dir, 'blobs', 'sha256');
    const tmpDir = path.join(dir, 'tmp');
    fs.mkdirSync(blobsDir, { recursive: true });
    fs.mkdirSync(tmpDir, { recursive: true });
    sweepLeftovers(tmpDir);
    return { dir, file, blobsDir, tmpDir, db, schemaVersion, close: () => db.close() };
  } catch (err) {
    db.close();
    if (err instanceof PreflightError) throw err;
    if (isBusy(err)) throw busyWorkspace(file);
    // better-sqlite3 reports garbage as "file is not a database" on the first statement.
    throw new PreflightError(
      'WORKSPACE_ERROR',
      `cannot use workspace ${file}: ${(err as Error).message} (the file is damaged or not a workspace; it was left untouched)`,
      { file },
    );
  }
}

/** SQLITE_BUSY / SQLITE_LOCKED: another connection holds the lock; nothing is wrong with the file. */
export function isBusy(err: unknown): boolean {
  const code = (err as { code?: string })?.code ?? '';
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
}

export function busyWorkspace(file: string): PreflightError {
  return new PreflightError(
    'WORKSPACE_ERROR',
    `workspace ${file} is busy: another Preflight process is writing to it (an import, a benchmark…) and did not let go within 5 s. The workspace is not damaged; try again when that process finishes`,
    { file, busy: true },
  );
}

/**
 * Staging folders carry the pid of the process that made them (`model-<pid>-…`, `uploads-<pid>`):
 * those of processes that no longer exist were left by a kill or a crash and are removed.
 */
function sweepLeftovers(tmpDir: string): void {
  for (const name of fs.readdirSync(tmpDir)) {
    const pid = Number(/^(?:model|uploads|demo)-(\d+)(?:-|$)/.exec(name)?.[1]);
    if (!pid || pid === process.pid || isAlive(pid)) continue;
    fs.rmSync(path.join(tmpDir, name), { recursive: true, force: true });
  }
}
