import { storedJson } from './stored-json';
import type Database from 'better-sqlite3';
import { normalizePoint } from '../../../../shared/bench/comparability';
import type { RunComparison } from '../../../../shared/math/latency/index';
import type {
  BenchEnvironment,
  BenchPointResult,
  BenchProvider,
  BenchRun,
  BenchRunSummary,
  BenchSettings,
  SloSpec,
  SloVerdict,
} from '../../../../shared/types/bench';

// All SQL of benchmark runs lives here, with bound parameters only.

interface RunRow {
  id: number;
  kind: 'sweep' | 'ab';
  name: string;
  version: number;
  sha256: string;
  started_at: string;
  finished_at: string;
  settings_json: string;
  providers_json: string;
  environment_json: string;
  slo_json: string;
  slo_verdict_json: string | null;
  warnings_json: string;
  comparison_json: string | null;
}

export interface NewBenchRun extends Omit<BenchRun, 'runId' | 'model'> {
  modelVersionId: number;
  /** Encoded raw latencies per point (same order as results), null for a failed point. */
  latencies: (Uint8Array | null)[];
}

const selectRun = `SELECT r.*, m.name, v.version, v.sha256 FROM bench_runs r
  JOIN model_versions v ON v.id = r.model_version_id JOIN models m ON m.id = v.model_id`;

export function benchQueries(db: Database.Database) {
  const pointsOf = db.prepare('SELECT result_json FROM bench_points WHERE run_id = ? ORDER BY idx');

  const hydrate = (row: RunRow): BenchRun => ({
    runId: row.id,
    kind: row.kind,
    model: { name: row.name, version: row.version, sha256: row.sha256 },
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    settings: storedJson(row.settings_json) as BenchSettings,
    providers: storedJson(row.providers_json) as BenchProvider[],
    environment: storedJson(row.environment_json) as BenchEnvironment,
    // Points stored before inputs listed their sources are read in today's form.
    results: (pointsOf.all(row.id) as { result_json: string }[]).map((p) =>
      normalizePoint(storedJson(p.result_json) as BenchPointResult),
    ),
    slo: storedJson(row.slo_json) as SloSpec[],
    sloVerdict: row.slo_verdict_json ? (storedJson(row.slo_verdict_json) as SloVerdict) : null,
    warnings: storedJson(row.warnings_json) as string[],
    comparison: row.comparison_json ? (storedJson(row.comparison_json) as RunComparison) : null,
  });

  return {
    /** Writes the run and all its points in one transaction: all or nothing. */
    insertRun(run: NewBenchRun): number {
      return db
        .transaction(() => {
          const info = db
            .prepare(
              `INSERT INTO bench_runs (model_version_id, kind, started_at, finished_at, settings_json, providers_json, environment_json, slo_json, slo_verdict_json, warnings_json, comparison_json)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            )
            .run(
              run.modelVersionId,
              run.kind,
              run.startedAt,
              run.finishedAt,
              JSON.stringify(run.settings),
              JSON.stringify(run.providers),
              JSON.stringify(run.environment),
              JSON.stringify(run.slo),
              run.sloVerdict ? JSON.stringify(run.sloVerdict) : null,
              JSON.stringify(run.warnings),
              run.comparison ? JSON.stringify(run.comparison) : null,
            );
          const runId = Number(info.lastInsertRowid);
          const addPoint = db.prepare(
            'INSERT INTO bench_points (run_id, idx, result_json, latencies) VALUES (?, ?, ?, ?)',
          );
          run.results.forEach((r, i) =>
            addPoint.run(runId, i, JSON.stringify(r), run.latencies[i] ? Buffer.from(run.latencies[i]!) : null),
          );
          return runId;
        })
        .immediate();
    },
    get(runId: number): BenchRun | null {
      const row = db.prepare(`${selectRun} WHERE r.id = ?`).get(runId) as RunRow | undefined;
      return row ? hydrate(row) : null;
    },
    /** Encoded latencies of one point; undefined when the point does not exist, null when it failed. */
    latencies(runId: number, point: number): Uint8Array | null | undefined {
      const row = db.prepare('SELECT latencies FROM bench_points WHERE run_id = ? AND idx = ?').get(runId, point) as
        { latencies: Buffer | null } | undefined;
      if (!row) return undefined;
      return row.latencies ? new Uint8Array(row.latencies) : null;
    },
    list(modelName?: string): BenchRunSummary[] {
      const rows = (
        modelName === undefined
          ? db.prepare(`${selectRun} ORDER BY r.id DESC`).all()
          : db.prepare(`${selectRun} WHERE m.name = ? ORDER BY r.id DESC`).all(modelName)
      ) as RunRow[];
      return rows.map((row) => {
        const run = hydrate(row);
        const p50s = run.results.flatMap((r) => (r.latencyMs ? [r.latencyMs.p50] : []));
        return {
          runId: run.runId,
          kind: run.kind,
          model: run.model,
          startedAt: run.startedAt,
          points: run.results.length,
          eps: [...new Set(run.results.map((r) => r.ep))],
          bestP50Ms: p50s.length ? Math.min(...p50s) : null,
          sloPassed: run.sloVerdict ? run.sloVerdict.passed : null,
          inputs: [
            ...new Set(
              run.results.flatMap((r) => r.inputs.map((i) => `${i.name} ${i.dtype}[${i.shape.join(',')}] ${i.source}`)),
            ),
          ],
          inputsAssumed: run.results.some((r) => r.inputsAssumed),
        };
      });
    },
  };
}

export type BenchQueries = ReturnType<typeof benchQueries>;
