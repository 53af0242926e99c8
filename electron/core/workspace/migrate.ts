import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { PreflightError } from '../../../shared/contract/errors';
import type { Migration } from './migrations/index';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

type Applied = { version: number; name: string; sha256: string };

/**
 * Applies pending migrations (all or none, each in its own savepoint). Refuses a workspace that was migrated by a
 * newer build (unknown versions) or whose applied migrations no longer match this build's files.
 * An up-to-date workspace is checked with plain reads: opening it never takes the write lock, so
 * read-only commands and the UI keep working while another process imports.
 */
export function migrate(db: Database.Database, file: string, migrations: Migration[]): number {
  const hasTable =
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get() !== undefined;
  if (hasTable) {
    const applied = db
      .prepare('SELECT version, name, sha256 FROM schema_migrations ORDER BY version')
      .all() as Applied[];
    verify(applied, file, migrations);
    if (applied.length === migrations.length) return migrations.length;
  }
  // One writer at a time: two processes opening a new workspace together must not both migrate it.
  // The applied list is read again inside the same IMMEDIATE transaction that applies what is missing.
  db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, sha256 TEXT NOT NULL, applied_at TEXT NOT NULL)`);
    const applied = db
      .prepare('SELECT version, name, sha256 FROM schema_migrations ORDER BY version')
      .all() as Applied[];
    verify(applied, file, migrations);
    const done = new Set(applied.map((r) => r.version));
    const record = db.prepare('INSERT INTO schema_migrations (version, name, sha256, applied_at) VALUES (?, ?, ?, ?)');
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      // A savepoint per migration (nested: better-sqlite3 makes it a SAVEPOINT whatever the mode): a
      // failing one rolls back alone and the error names it.
      db.transaction(() => {
        db.exec(m.sql);
        record.run(m.version, m.name, sha256(m.sql), new Date().toISOString());
      }).immediate();
    }
  }).immediate();
  return migrations.length;
}

/** Throws for a migration this build does not know (a newer Preflight) or one whose file changed. */
function verify(applied: Applied[], file: string, migrations: Migration[]): void {
  const known = new Map(migrations.map((m) => [m.version, m]));
  for (const row of applied) {
    const mine = known.get(row.version);
    if (!mine) {
      throw new PreflightError(
        'WORKSPACE_ERROR',
        `${file} was written by a newer Preflight (it has migration ${row.name}, this version knows up to ${migrations.length}); upgrade Preflight or choose another workspace with --workspace`,
        { file, migration: row.name },
      );
    }
    if (sha256(mine.sql) !== row.sha256) {
      throw new PreflightError(
        'WORKSPACE_ERROR',
        `${file}: migration ${row.name} differs from the one applied to this workspace (checksum mismatch); refusing to open it`,
        { file, migration: row.name },
      );
    }
  }
}
