// Reads for `preflight doctor`: SQLite's integrity check and every stored JSON record, table by table.
import type Database from 'better-sqlite3';
import { attached } from './dataset-files';

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
    /**
     * SQLite's integrity_check of each registered dataset's own file (dataset-files.ts), up to `max`
     * problems each; `problems` is null when the file is missing (a dataset imported before such files
     * has its table in the workspace, checked above, and is not listed).
     */
    datasetFiles(max = 20): { dataset: string; table: string; problems: string[] | null }[] {
      const all = db.prepare('SELECT name, table_name AS "table" FROM datasets ORDER BY name').all() as {
        name: string;
        table: string;
      }[];
      const inWorkspace = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").pluck();
      const out: { dataset: string; table: string; problems: string[] | null }[] = [];
      for (const d of all) {
        if (inWorkspace.get(d.table) !== undefined) continue;
        let problems: string[] | null;
        try {
          const schema = attached(db, d.table);
          problems = schema
            ? (db
                .prepare(`PRAGMA ${schema}integrity_check(${Math.floor(max)})`)
                .pluck()
                .all() as string[])
            : null;
        } catch (err) {
          problems = [(err as Error).message]; // not even a database any more ("file is not a database")
        }
        out.push({ dataset: d.name, table: d.table, problems });
      }
      return out;
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
