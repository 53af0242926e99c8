-- Model registry and audit trail. Forward-only: later changes go in new numbered files.
CREATE TABLE models (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  created_at  TEXT NOT NULL
);

CREATE TABLE model_versions (
  id            INTEGER PRIMARY KEY,
  model_id      INTEGER NOT NULL REFERENCES models(id),
  version       INTEGER NOT NULL,
  sha256        TEXT NOT NULL,            -- of the .onnx bytes
  content_digest TEXT NOT NULL,           -- of every file (model + external data): the storage key
  added_at      TEXT NOT NULL,
  source_path   TEXT NOT NULL,
  metadata_json TEXT NOT NULL,            -- OnnxMetadata
  load_json     TEXT NOT NULL,            -- LoadCheck
  UNIQUE (model_id, version),
  UNIQUE (model_id, content_digest)
);

-- Exact bytes kept in blobs/sha256/<hash>; external data files keep their relative path.
CREATE TABLE model_files (
  model_version_id INTEGER NOT NULL REFERENCES model_versions(id),
  role             TEXT NOT NULL CHECK (role IN ('model', 'external-data')),
  relative_path    TEXT NOT NULL,
  sha256           TEXT NOT NULL,
  size_bytes       INTEGER NOT NULL,
  PRIMARY KEY (model_version_id, relative_path)
);

CREATE TABLE audit (
  id       INTEGER PRIMARY KEY,
  at       TEXT NOT NULL,
  method   TEXT NOT NULL,
  outcome  TEXT NOT NULL,                 -- ok | error code
  detail   TEXT
);
