-- Datasets: one table per dataset (ds_<id>, columns c0..cN, created by the importer) plus this registry.
-- Column names from files live only here, as data: they are never spliced into SQL.
CREATE TABLE datasets (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL UNIQUE,
  table_name   TEXT NOT NULL UNIQUE,
  format       TEXT NOT NULL,
  row_count    INTEGER NOT NULL,
  column_count INTEGER NOT NULL,
  source_path  TEXT NOT NULL,
  source_bytes INTEGER NOT NULL,
  added_at     TEXT NOT NULL,
  import_json  TEXT NOT NULL              -- ImportDetails
);

CREATE TABLE dataset_columns (
  dataset_id    INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  ordinal       INTEGER NOT NULL,          -- stored as column c<ordinal> of the dataset's table
  name          TEXT NOT NULL,             -- verbatim from the file
  kind          TEXT NOT NULL CHECK (kind IN ('integer', 'float', 'boolean', 'datetime', 'categorical')),
  inferred_kind TEXT NOT NULL CHECK (inferred_kind IN ('integer', 'float', 'boolean', 'datetime', 'categorical')),
  notes_json    TEXT NOT NULL,
  profile_json  TEXT NOT NULL,             -- ColumnProfile
  PRIMARY KEY (dataset_id, ordinal)
);
