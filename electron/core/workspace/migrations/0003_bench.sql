-- Latency benchmark runs. A run is written in one transaction when it completes: a cancelled or
-- crashed run leaves no row behind.
CREATE TABLE bench_runs (
  id               INTEGER PRIMARY KEY,
  model_version_id INTEGER NOT NULL REFERENCES model_versions(id),
  kind             TEXT NOT NULL CHECK (kind IN ('sweep', 'ab')),
  started_at       TEXT NOT NULL,
  finished_at      TEXT NOT NULL,
  settings_json    TEXT NOT NULL,          -- BenchSettings
  providers_json   TEXT NOT NULL,          -- BenchProvider[]
  environment_json TEXT NOT NULL,          -- BenchEnvironment
  slo_json         TEXT NOT NULL,          -- SloSpec[]
  slo_verdict_json TEXT,                   -- SloVerdict, NULL when no SLO was given
  warnings_json    TEXT NOT NULL,
  comparison_json  TEXT                    -- A/B runs: RunComparison of B against A
);

CREATE INDEX bench_runs_model ON bench_runs(model_version_id);

-- One row per sweep point (or A/B arm); raw latencies are varint-coded (shared/math/latency/codec).
CREATE TABLE bench_points (
  run_id      INTEGER NOT NULL REFERENCES bench_runs(id),
  idx         INTEGER NOT NULL,
  result_json TEXT NOT NULL,               -- BenchPointResult
  latencies   BLOB,                        -- NULL for a point that failed
  PRIMARY KEY (run_id, idx)
);
