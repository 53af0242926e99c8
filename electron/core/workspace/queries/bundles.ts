import type Database from 'better-sqlite3';
import type {
  BundleManifest,
  BundleRecordFacts,
  BundleSummary,
  ProducedFile,
  VerifyResult,
} from '../../../../shared/types/bundles';

// All SQL of bundles, verifications and produced files, bound parameters only.

interface BundleRow {
  id: number;
  created_at: string;
  model_name: string;
  model_version: number;
  model_sha256: string;
  reference: string;
  bench_run: number | null;
  drift_report: number | null;
  signed: number;
  key_fingerprint: string | null;
  sha256: string;
  bytes: number;
  path: string;
  file_id: string | null;
  export_seconds: number;
}

interface FileRow {
  id: string;
  name: string;
  kind: ProducedFile['kind'];
  media_type: string;
  path: string;
  bytes: number;
  sha256: string;
  created_at: string;
}

const bundle = (r: BundleRow): BundleSummary => ({
  id: r.id,
  createdAt: r.created_at,
  model: { name: r.model_name, version: r.model_version, sha256: r.model_sha256 },
  reference: r.reference,
  benchRun: r.bench_run,
  driftReport: r.drift_report,
  signed: r.signed === 1,
  keyFingerprint: r.key_fingerprint,
  sha256: r.sha256,
  bytes: r.bytes,
  path: r.path,
  fileId: r.file_id,
  exportSeconds: r.export_seconds,
});

const file = (r: FileRow): ProducedFile => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  mediaType: r.media_type,
  path: r.path,
  bytes: r.bytes,
  sha256: r.sha256,
  createdAt: r.created_at,
});

const BUNDLE_COLUMNS =
  'id, created_at, model_name, model_version, model_sha256, reference, bench_run, drift_report, signed, key_fingerprint, sha256, bytes, path, file_id, export_seconds';

export function bundleQueries(db: Database.Database) {
  const insertFile = db.prepare(
    'INSERT INTO produced_files (id, name, kind, media_type, path, bytes, sha256, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertBundle = db.prepare(
    `INSERT INTO bundles (created_at, model_name, model_version, model_sha256, reference, bench_run, drift_report, signed, key_fingerprint, sha256, bytes, path, file_id, export_seconds, manifest_json, facts_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertVerification = db.prepare(
    'INSERT INTO bundle_verifications (at, path, kind, bundle_sha256, model_sha256, ok, trusted, replayed, seconds, result_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  return {
    addFile(f: ProducedFile): void {
      insertFile.run(f.id, f.name, f.kind, f.mediaType, f.path, f.bytes, f.sha256, f.createdAt);
    },
    file(id: string): ProducedFile | null {
      const r = db.prepare('SELECT * FROM produced_files WHERE id = ?').get(id) as FileRow | undefined;
      return r ? file(r) : null;
    },
    /** Records an export; with a produced file, both rows in one transaction. */
    addBundle(
      b: Omit<BundleSummary, 'id'>,
      manifest: BundleManifest,
      facts: BundleRecordFacts,
      produced: ProducedFile | null,
    ): BundleSummary {
      const run = db.transaction(() => {
        if (produced)
          insertFile.run(
            produced.id,
            produced.name,
            produced.kind,
            produced.mediaType,
            produced.path,
            produced.bytes,
            produced.sha256,
            produced.createdAt,
          );
        const info = insertBundle.run(
          b.createdAt,
          b.model.name,
          b.model.version,
          b.model.sha256,
          b.reference,
          b.benchRun,
          b.driftReport,
          b.signed ? 1 : 0,
          b.keyFingerprint,
          b.sha256,
          b.bytes,
          b.path,
          b.fileId,
          b.exportSeconds,
          JSON.stringify(manifest),
          JSON.stringify(facts),
        );
        return Number(info.lastInsertRowid);
      });
      return { id: run.immediate(), ...b };
    },
    /** Exports of one model version, newest first, with the facts readiness reads. */
    ofVersion(name: string, version: number): (BundleSummary & { facts: BundleRecordFacts })[] {
      const rows = db
        .prepare(
          `SELECT ${BUNDLE_COLUMNS}, facts_json FROM bundles WHERE model_name = ? AND model_version = ? ORDER BY id DESC`,
        )
        .all(name, version) as (BundleRow & { facts_json: string })[];
      return rows.map((r) => ({ ...bundle(r), facts: JSON.parse(r.facts_json) as BundleRecordFacts }));
    },
    /** Verifications of bundles of a model (by its SHA-256), newest first. */
    verificationsOf(
      modelSha256: string,
    ): { at: string; ok: boolean; trusted: boolean; replayed: boolean; seconds: number; path: string }[] {
      return (
        db
          .prepare(
            'SELECT at, ok, trusted, replayed, seconds, path FROM bundle_verifications WHERE model_sha256 = ? ORDER BY id DESC',
          )
          .all(modelSha256) as {
          at: string;
          ok: number;
          trusted: number;
          replayed: number;
          seconds: number;
          path: string;
        }[]
      ).map((v) => ({
        at: v.at,
        ok: v.ok === 1,
        trusted: v.trusted === 1,
        replayed: v.replayed === 1,
        seconds: v.seconds,
        path: v.path,
      }));
    },
    list(): BundleSummary[] {
      return (db.prepare(`SELECT ${BUNDLE_COLUMNS} FROM bundles ORDER BY id DESC`).all() as BundleRow[]).map(bundle);
    },
    addVerification(v: VerifyResult, bundleSha256: string | null, modelSha256: string | null, replayed: boolean): void {
      insertVerification.run(
        new Date().toISOString(),
        v.path,
        v.kind,
        bundleSha256,
        modelSha256,
        v.ok ? 1 : 0,
        v.trusted ? 1 : 0,
        replayed ? 1 : 0,
        v.seconds,
        JSON.stringify(v),
      );
    },
  };
}
