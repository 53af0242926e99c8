import type Database from 'better-sqlite3';

// SQL of the hand-back folder's records (produced_files): which reports are there, and forgetting one.
// Bundles are produced files too but are records of an export: they are never listed here.

export function producedQueries(db: Database.Database) {
  return {
    /** Produced reports, newest first. */
    reports(): { id: string; path: string; createdAt: string }[] {
      return db
        .prepare(
          "SELECT id, path, created_at AS createdAt FROM produced_files WHERE kind = 'report' ORDER BY created_at DESC, rowid DESC",
        )
        .all() as { id: string; path: string; createdAt: string }[];
    },
    removeReport(id: string): void {
      db.prepare("DELETE FROM produced_files WHERE id = ? AND kind = 'report'").run(id);
    },
  };
}
