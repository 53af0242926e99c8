import type Database from 'better-sqlite3';
import type { WorkspaceSettings } from '../../../../shared/types/workspace';

// All SQL of workspace settings: one JSON value per key, defaults for what was never set.

const DEFAULTS: WorkspaceSettings = { theme: 'system' };

export function settingsQueries(db: Database.Database) {
  const get = (): WorkspaceSettings => {
    const rows = db.prepare('SELECT key, value_json FROM workspace_settings').all() as {
      key: string;
      value_json: string;
    }[];
    const stored: Record<string, unknown> = {};
    for (const r of rows) stored[r.key] = JSON.parse(r.value_json);
    return {
      theme: ['system', 'light', 'dark'].includes(stored.theme as string)
        ? (stored.theme as WorkspaceSettings['theme'])
        : DEFAULTS.theme,
    };
  };
  return {
    get,
    set(change: Partial<WorkspaceSettings>): WorkspaceSettings {
      const put = db.prepare(
        'INSERT INTO workspace_settings (key, value_json, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at',
      );
      const at = new Date().toISOString();
      db.transaction(() => {
        for (const [key, value] of Object.entries(change))
          if (value !== undefined) put.run(key, JSON.stringify(value), at);
      }).immediate();
      return get();
    },
  };
}
