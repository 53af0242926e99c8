-- Workspace settings people choose in the app (the theme: system, light or dark), one row per key.
-- Values are JSON so a later setting needs no new table.
CREATE TABLE workspace_settings (
  key         TEXT PRIMARY KEY,
  value_json  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
