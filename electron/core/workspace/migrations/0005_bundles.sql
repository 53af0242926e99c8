-- Deployment bundles: every export (what went in, by hash), every verification, and the files the
-- core produced for the user to save (bundles now, reports later). Forward-only.
CREATE TABLE produced_files (
  id          TEXT PRIMARY KEY,           -- random; the handle hosts use (download / save dialog)
  name        TEXT NOT NULL,              -- suggested file name
  kind        TEXT NOT NULL CHECK (kind IN ('bundle', 'report')),
  media_type  TEXT NOT NULL,
  path        TEXT NOT NULL,              -- inside <workspace>/produced/
  bytes       INTEGER NOT NULL,
  sha256      TEXT NOT NULL,
  created_at  TEXT NOT NULL
);

CREATE TABLE bundles (
  id              INTEGER PRIMARY KEY,
  created_at      TEXT NOT NULL,
  model_name      TEXT NOT NULL,
  model_version   INTEGER NOT NULL,
  model_sha256    TEXT NOT NULL,
  reference       TEXT NOT NULL,
  bench_run       INTEGER,
  drift_report    INTEGER,
  signed          INTEGER NOT NULL,
  key_fingerprint TEXT,
  sha256          TEXT NOT NULL,          -- of the .zip
  bytes           INTEGER NOT NULL,
  path            TEXT NOT NULL,
  file_id         TEXT REFERENCES produced_files(id),
  export_seconds  REAL NOT NULL,
  manifest_json   TEXT NOT NULL,          -- BundleManifest: every part by SHA-256
  facts_json      TEXT NOT NULL           -- BundleRecordFacts: what readiness reads (fallback, golden rows, rollback target, runbook)
);

CREATE INDEX bundles_model ON bundles(model_name, model_version);

CREATE TABLE bundle_verifications (
  id            INTEGER PRIMARY KEY,
  at            TEXT NOT NULL,
  path          TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('bundle', 'oms-folder')),
  bundle_sha256 TEXT,                     -- of the .zip (bundles only)
  model_sha256  TEXT,                     -- from the verified manifest, when readable
  ok            INTEGER NOT NULL,
  trusted       INTEGER NOT NULL,
  replayed      INTEGER NOT NULL,
  seconds       REAL NOT NULL,
  result_json   TEXT NOT NULL             -- VerifyResult
);

-- Readiness: the provider a model is meant to run on, how old evidence may be, and what a person
-- attests (retraining is outside Preflight's sight). States themselves are derived on every read.
CREATE TABLE readiness_settings (
  model_name    TEXT PRIMARY KEY,
  target_ep     TEXT NOT NULL DEFAULT 'cpu',
  max_age_days  INTEGER NOT NULL DEFAULT 90
);

CREATE TABLE readiness_attestations (
  id             INTEGER PRIMARY KEY,
  model_name     TEXT NOT NULL,
  model_version  INTEGER NOT NULL,
  item           TEXT NOT NULL,
  who            TEXT NOT NULL,
  at             TEXT NOT NULL,
  link           TEXT,
  note           TEXT
);
