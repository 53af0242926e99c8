// Reads for `preflight doctor`: SQLite's integrity check and every stored JSON record, table by table.
import type Database from 'better-sqlite3';

/** Tables whose rows carry JSON, with those columns (a row that does not parse is damaged). */
const JSON_COLUMNS: Record<string, string[]> = {
  model_versions: ['metadata_json', 'load_json'],
  datasets: ['import_json'],
  dataset_columns: ['notes_json', 'profile_json'],
  bench_runs: [
    'settings_json',
    'providers_json',
    'environment_json',
    'slo_json',
    'slo_verdict_json',
    'warnings_json',
    'comparison_json',
  ],
  bench_points: ['result_json'],
  drift_reports: ['report_json'],
  drift_profiles: ['profile_json'],
  drift_mappings: ['mapping_json'],
};

export function doctorQueries(db: Database.Database) {
  return {
    /** SQLite's integrity_check, up to `max` problems; ["ok"] when the file is sound. */
    integrity(max = 50): string[] {
      return db
        .prepare(`PRAGMA integrity_check(${Math.floor(max)})`)
        .pluck()
        .all() as string[];
    },
    jsonTables(): string[] {
      const existing = new Set(
        db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[],
      );
      return Object.keys(JSON_COLUMNS).filter((t) => existing.has(t));
    },
    /** Every row of `table`: how many, and the rowids whose JSON does not parse (a read error throws). */
    scanJson(table: string): { rows: number; damaged: number[] } {
      const cols = JSON_COLUMNS[table];
      const damaged: number[] = [];
      let rows = 0;
      const stmt = db.prepare(`SELECT rowid AS rid, ${cols.map((c) => `"${c}"`).join(', ')} FROM "${table}"`).raw();
      for (const row of stmt.iterate() as Iterable<unknown[]>) {
        rows++;
        for (let i = 1; i < row.length; i++) {
          const v = row[i];
          if (v === null) continue;
          try {
            JSON.parse(String(v));
          } catch {
            damaged.push(Number(row[0]));
            break;
          }
        }
      }
      return { rows, damaged };
    },
    /** Which table or index a b-tree root page belongs to (integrity_check names trees by page). */
    treeName(rootPage: number): string | null {
      const row = db.prepare('SELECT type, name FROM sqlite_master WHERE rootpage = ?').get(rootPage) as
        { type: string; name: string } | undefined;
      return row ? `${row.type} ${row.name}` : null;
    },
    contentDigests(): string[] {
      return db.prepare('SELECT DISTINCT content_digest FROM model_versions').pluck().all() as string[];
    },
  };
}
