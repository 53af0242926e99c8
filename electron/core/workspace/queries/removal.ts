import type Database from 'better-sqlite3';
import type { ExportedBundleRef } from '../../../../shared/types/removal';

// All SQL of removing things (model versions, benchmark runs, drift reports), with bound parameters only.
// Each removal is one transaction; the caller removes blob folders only after it committed.

export function removalQueries(db: Database.Database) {
  const bundleRefs = (where: string, ...params: unknown[]) =>
    db
      .prepare(`SELECT id, created_at AS createdAt, path FROM bundles WHERE ${where} ORDER BY id`)
      .all(...params) as ExportedBundleRef[];
  const ids = (sql: string, ...params: unknown[]) =>
    db
      .prepare(sql)
      .pluck()
      .all(...params) as number[];
  const removeRuns = (runIds: number[]) => {
    const points = db.prepare('DELETE FROM bench_points WHERE run_id = ?');
    const run = db.prepare('DELETE FROM bench_runs WHERE id = ?');
    for (const id of runIds) {
      points.run(id);
      run.run(id);
    }
  };
  const removeReports = (reportIds: number[]) => {
    const del = db.prepare('DELETE FROM drift_reports WHERE id = ?');
    for (const id of reportIds) del.run(id);
  };

  return {
    /** What refers to one model version (by its row id and NAME@V). */
    versionRefs(versionId: number, name: string, version: number) {
      return {
        benchRuns: ids('SELECT id FROM bench_runs WHERE model_version_id = ? ORDER BY id', versionId),
        driftReports: ids('SELECT id FROM drift_reports WHERE model = ? ORDER BY id', `${name}@${version}`),
        attestations:
          (db
            .prepare('SELECT count(*) FROM readiness_attestations WHERE model_name = ? AND model_version = ?')
            .pluck()
            .get(name, version) as number) ?? 0,
        bundles: bundleRefs('model_name = ? AND model_version = ?', name, version),
      };
    },
    /** Other versions (any name) stored under the same content digest: the blob stays while one exists. */
    sharingDigest(versionId: number, digest: string): string[] {
      return db
        .prepare(
          `SELECT m.name || '@' || v.version FROM model_versions v JOIN models m ON m.id = v.model_id WHERE v.content_digest = ? AND v.id <> ? ORDER BY m.name, v.version`,
        )
        .pluck()
        .all(digest, versionId) as string[];
    },
    bundlesOfRun: (runId: number) => bundleRefs('bench_run = ?', runId),
    bundlesOfReport: (reportId: number) => bundleRefs('drift_report = ?', reportId),

    /** The version, its runs, its drift reports and attestations; the model row too when no version is left. */
    removeVersion(versionId: number, name: string, version: number, runIds: number[], reportIds: number[]): void {
      db.transaction(() => {
        removeRuns(runIds);
        removeReports(reportIds);
        db.prepare('DELETE FROM readiness_attestations WHERE model_name = ? AND model_version = ?').run(name, version);
        db.prepare('DELETE FROM model_files WHERE model_version_id = ?').run(versionId);
        const modelId = db.prepare('SELECT model_id FROM model_versions WHERE id = ?').pluck().get(versionId) as number;
        db.prepare('DELETE FROM model_versions WHERE id = ?').run(versionId);
        const left = db
          .prepare('SELECT count(*) FROM model_versions WHERE model_id = ?')
          .pluck()
          .get(modelId) as number;
        if (left === 0) {
          db.prepare('DELETE FROM models WHERE id = ?').run(modelId);
          db.prepare('DELETE FROM drift_mappings WHERE model_name = ?').run(name);
          db.prepare('DELETE FROM readiness_settings WHERE model_name = ?').run(name);
        }
      }).immediate();
    },
    removeRun(runId: number): void {
      db.transaction(() => removeRuns([runId])).immediate();
    },
    removeReport(reportId: number): void {
      db.transaction(() => removeReports([reportId])).immediate();
    },
  };
}
