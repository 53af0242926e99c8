import { storedJson } from './stored-json';
import type Database from 'better-sqlite3';
import type { LoadCheck, ModelFile, ModelSummary, ModelVersion, OnnxMetadata } from '../../../../shared/types/models';

// All SQL of the model registry lives here, with bound parameters only.

interface VersionRow {
  id: number;
  name: string;
  version: number;
  sha256: string;
  content_digest: string;
  added_at: string;
  source_path: string;
  metadata_json: string;
  load_json: string;
}

export interface StoredVersion extends ModelVersion {
  id: number;
  contentDigest: string;
}

export function modelQueries(db: Database.Database) {
  const selectVersion = `SELECT v.id, m.name, v.version, v.sha256, v.content_digest, v.added_at, v.source_path, v.metadata_json, v.load_json
     FROM model_versions v JOIN models m ON m.id = v.model_id`;
  const filesOf = db.prepare(
    'SELECT role, relative_path, sha256, size_bytes FROM model_files WHERE model_version_id = ? ORDER BY role DESC, relative_path',
  );

  const hydrate = (row: VersionRow | undefined): StoredVersion | null => {
    if (!row) return null;
    const files = (
      filesOf.all(row.id) as { role: ModelFile['role']; relative_path: string; sha256: string; size_bytes: number }[]
    ).map((f) => ({
      role: f.role,
      relativePath: f.relative_path,
      sha256: f.sha256,
      sizeBytes: f.size_bytes,
    }));
    return {
      id: row.id,
      name: row.name,
      version: row.version,
      sha256: row.sha256,
      contentDigest: row.content_digest,
      addedAt: row.added_at,
      sourcePath: row.source_path,
      files,
      metadata: storedJson(row.metadata_json) as OnnxMetadata,
      loadCheck: storedJson(row.load_json) as LoadCheck,
    };
  };

  return {
    /** Every version, under any name, holding exactly these bytes (oldest first). */
    withDigest(contentDigest: string): StoredVersion[] {
      return (
        db.prepare(`${selectVersion} WHERE v.content_digest = ? ORDER BY v.id`).all(contentDigest) as VersionRow[]
      ).map((r) => hydrate(r)!);
    },
    findByDigest(name: string, contentDigest: string): StoredVersion | null {
      return hydrate(
        db.prepare(`${selectVersion} WHERE m.name = ? AND v.content_digest = ?`).get(name, contentDigest) as
          VersionRow | undefined,
      );
    },
    get(name: string, version?: number): StoredVersion | null {
      const row =
        version === undefined
          ? db.prepare(`${selectVersion} WHERE m.name = ? ORDER BY v.version DESC LIMIT 1`).get(name)
          : db.prepare(`${selectVersion} WHERE m.name = ? AND v.version = ?`).get(name, version);
      return hydrate(row as VersionRow | undefined);
    },
    versionsOf(name: string): { version: number; sha256: string; addedAt: string }[] {
      return db
        .prepare(
          'SELECT v.version, v.sha256, v.added_at AS addedAt FROM model_versions v JOIN models m ON m.id = v.model_id WHERE m.name = ? ORDER BY v.version',
        )
        .all(name) as { version: number; sha256: string; addedAt: string }[];
    },
    /** Inserts the next version, or — when another add of the same bytes won the race — returns that one. */
    insertVersion(v: Omit<StoredVersion, 'id' | 'version'>): StoredVersion & { created: boolean } {
      return db
        .transaction(() => {
          const already = this.findByDigest(v.name, v.contentDigest);
          if (already) return { ...already, created: false };
          db.prepare('INSERT INTO models (name, created_at) VALUES (?, ?) ON CONFLICT(name) DO NOTHING').run(
            v.name,
            v.addedAt,
          );
          const model = db.prepare('SELECT id FROM models WHERE name = ?').get(v.name) as { id: number };
          const next = (
            db
              .prepare('SELECT coalesce(max(version), 0) + 1 AS n FROM model_versions WHERE model_id = ?')
              .get(model.id) as { n: number }
          ).n;
          const info = db
            .prepare(
              `INSERT INTO model_versions (model_id, version, sha256, content_digest, added_at, source_path, metadata_json, load_json)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
            )
            .run(
              model.id,
              next,
              v.sha256,
              v.contentDigest,
              v.addedAt,
              v.sourcePath,
              JSON.stringify(v.metadata),
              JSON.stringify(v.loadCheck),
            );
          const addFile = db.prepare(
            'INSERT INTO model_files (model_version_id, role, relative_path, sha256, size_bytes) VALUES (?, ?, ?, ?, ?)',
          );
          for (const f of v.files) addFile.run(info.lastInsertRowid, f.role, f.relativePath, f.sha256, f.sizeBytes);
          return { ...v, id: Number(info.lastInsertRowid), version: next, created: true };
        })
        .immediate();
    },
    list(): ModelSummary[] {
      const rows = db
        .prepare(
          `SELECT m.name, v.version AS latestVersion, (SELECT count(*) FROM model_versions x WHERE x.model_id = m.id) AS versions,
                  v.sha256, v.added_at AS addedAt, v.metadata_json, v.load_json
             FROM models m JOIN model_versions v ON v.model_id = m.id
            WHERE v.version = (SELECT max(version) FROM model_versions y WHERE y.model_id = m.id)
            ORDER BY m.name`,
        )
        .all() as {
        name: string;
        latestVersion: number;
        versions: number;
        sha256: string;
        addedAt: string;
        metadata_json: string;
        load_json: string;
      }[];
      return rows.map((r) => {
        const meta = storedJson(r.metadata_json) as OnnxMetadata;
        return {
          name: r.name,
          latestVersion: r.latestVersion,
          versions: r.versions,
          sha256: r.sha256,
          addedAt: r.addedAt,
          inputs: meta.inputs.length,
          outputs: meta.outputs.length,
          loadable: (storedJson(r.load_json) as LoadCheck).loadable,
        };
      });
    },
    counts(): { models: number; modelVersions: number } {
      return db
        .prepare(
          'SELECT (SELECT count(*) FROM models) AS models, (SELECT count(*) FROM model_versions) AS modelVersions',
        )
        .get() as {
        models: number;
        modelVersions: number;
      };
    },
  };
}

export type ModelQueries = ReturnType<typeof modelQueries>;
