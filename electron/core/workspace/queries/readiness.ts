import type Database from 'better-sqlite3';

// All SQL of readiness: the per-model settings and what people attested. States are never stored.

export interface Attestation {
  id: number;
  item: string;
  who: string;
  at: string;
  link: string | null;
  note: string | null;
}

export function readinessQueries(db: Database.Database) {
  return {
    settings(modelName: string): { targetEp: string; maxAgeDays: number } {
      const r = db
        .prepare('SELECT target_ep, max_age_days FROM readiness_settings WHERE model_name = ?')
        .get(modelName) as { target_ep: string; max_age_days: number } | undefined;
      return { targetEp: r?.target_ep ?? 'cpu', maxAgeDays: r?.max_age_days ?? 90 };
    },
    saveSettings(modelName: string, targetEp: string, maxAgeDays: number): void {
      db.prepare(
        'INSERT INTO readiness_settings (model_name, target_ep, max_age_days) VALUES (?, ?, ?) ON CONFLICT(model_name) DO UPDATE SET target_ep = excluded.target_ep, max_age_days = excluded.max_age_days',
      ).run(modelName, targetEp, maxAgeDays);
    },
    attest(
      modelName: string,
      version: number,
      item: string,
      who: string,
      at: string,
      link: string | null,
      note: string | null,
    ): number {
      return Number(
        db
          .prepare(
            'INSERT INTO readiness_attestations (model_name, model_version, item, who, at, link, note) VALUES (?, ?, ?, ?, ?, ?, ?)',
          )
          .run(modelName, version, item, who, at, link, note).lastInsertRowid,
      );
    },
    attestations(modelName: string, version: number): Attestation[] {
      return db
        .prepare(
          'SELECT id, item, who, at, link, note FROM readiness_attestations WHERE model_name = ? AND model_version = ? ORDER BY id DESC',
        )
        .all(modelName, version) as Attestation[];
    },
  };
}
