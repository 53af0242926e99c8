-- Numerical columns are also stored, at import, as packed chunks: the finite values of a run of rows as
-- little-endian float64 in row order, with counts of the values that are not finite. Drift reads a
-- column in a few large reads instead of a row-wise scan. The dataset's row table (ds_<id>) stays the
-- source of truth: the chunks are written by the import that writes the rows and registered with them,
-- and a column without chunks (any dataset imported before this migration) is read from its rows.
CREATE TABLE dataset_column_chunks (
  import_key TEXT NOT NULL,                -- the import's staging table name (kept after the rename)
  ordinal    INTEGER NOT NULL,             -- column c<ordinal>
  chunk      INTEGER NOT NULL,             -- 0, 1, … in row order
  rows       INTEGER NOT NULL,             -- rows the chunk covers
  missing    INTEGER NOT NULL,             -- NULL and missing-value words
  nan        INTEGER NOT NULL,
  pos_inf    INTEGER NOT NULL,
  neg_inf    INTEGER NOT NULL,
  vals       BLOB NOT NULL                 -- the finite values, float64 little-endian
);
CREATE UNIQUE INDEX dataset_column_chunks_key ON dataset_column_chunks (import_key, ordinal, chunk);

-- The import_key of the column's chunks; NULL: no chunks, read the rows.
ALTER TABLE dataset_columns ADD COLUMN chunk_key TEXT;
