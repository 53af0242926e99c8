import type Database from 'better-sqlite3';

export function auditQueries(db: Database.Database) {
  const insert = db.prepare('INSERT INTO audit (at, method, outcome, detail) VALUES (?, ?, ?, ?)');
  return {
    record(method: string, outcome: string, detail?: string): void {
      insert.run(new Date().toISOString(), method, outcome, detail ?? null);
    },
  };
}
