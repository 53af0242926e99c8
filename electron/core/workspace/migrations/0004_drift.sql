-- Drift: stored reports, reference profiles (per dataset) and saved model input mappings.
-- Forward-only: later changes go in new numbered files.
CREATE TABLE drift_reports (
  id             INTEGER PRIMARY KEY,
  created_at     TEXT NOT NULL,
  reference_name TEXT NOT NULL,
  current_name   TEXT NOT NULL,
  model          TEXT,
  drifted        INTEGER NOT NULL,
  total          INTEGER NOT NULL,
  share          REAL NOT NULL,
  threshold      REAL NOT NULL,
  detected       INTEGER NOT NULL,
  report_json    TEXT NOT NULL            -- DriftReport (without id)
);

-- One profile per dataset (the latest replaces the previous); dataset_id is not a foreign key so a
-- profile can outlive its training data (that is its point).
CREATE TABLE drift_profiles (
  id            INTEGER PRIMARY KEY,
  dataset_name  TEXT NOT NULL UNIQUE,
  dataset_id    INTEGER,
  row_count     INTEGER NOT NULL,
  column_count  INTEGER NOT NULL,
  grid_size     INTEGER NOT NULL,
  created_at    TEXT NOT NULL,
  profile_json  TEXT NOT NULL             -- DatasetDriftProfile, grids as base64 float64
);

CREATE TABLE drift_mappings (
  model_name    TEXT PRIMARY KEY,
  mapping_json  TEXT NOT NULL,            -- { input, columns[] }[]
  updated_at    TEXT NOT NULL
);
