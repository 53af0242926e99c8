// A workspace whose datasets were imported before migration 0007 has no packed chunks: it opens, is
// migrated, and drift reads those datasets from their rows — with the same numbers as drift over the
// same data imported with chunks. A workspace from before dataset files keeps each dataset's table and
// chunks in the workspace itself: read, drifted and removed there.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../shared/client';
import { createRng } from '../../shared/math/latency/rng';
import { createCore } from '../../electron/core/api';
import { inProcessTransport } from '../../electron/core/in-process';
import { migrate } from '../../electron/core/workspace/migrate';
import { datasetFilePath } from '../../electron/core/workspace/queries/dataset-files';
import { MIGRATIONS } from '../../electron/core/workspace/migrations/index';
import { tempDir } from '../helpers/workspace';

const tmp = tempDir('preflight-old-ws-');
afterAll(() => tmp.cleanup());
// The same two files for both layouts.
beforeAll(() => {
  writeCsv(path.join(tmp.dir, 'ref.csv'), 20_000, 1, 0);
  writeCsv(path.join(tmp.dir, 'cur.csv'), 20_000, 2, 0.2);
});

function writeCsv(file: string, rows: number, seed: number, shift: number): void {
  const r = createRng(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  const lines = ['a,b,n,cat'];
  for (let k = 0; k < rows; k++) {
    const a = r() < 0.01 ? '' : (normal() + shift).toFixed(4);
    const b = r() < 0.005 ? 'NaN' : String(Math.exp(normal()));
    lines.push(`${a},${b},${Math.floor(r() * 50 + shift * 10)},${['x', 'y', 'z'][Math.floor(r() * 3)]}`);
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

async function driftIn(dir: string, importFirst: boolean) {
  const core = createCore({ workspaceDir: dir });
  const client = createClient(inProcessTransport(core));
  try {
    if (importFirst) {
      await client.run('datasets/add', { path: path.join(tmp.dir, 'ref.csv'), name: 'ref' });
      await client.run('datasets/add', { path: path.join(tmp.dir, 'cur.csv'), name: 'cur' });
    }
    const report = await client.run('drift/run', { reference: 'ref', current: 'cur' });
    return report.features.map((f) => ({ name: f.name, test: f.test, drifted: f.drifted, metrics: f.metrics }));
  } finally {
    await core.close();
  }
}

describe('a workspace from before packed chunks', () => {
  it('is migrated and its datasets are read from their rows, with the same drift as chunked imports', async () => {
    const fresh = path.join(tmp.dir, 'fresh');
    const withChunks = await driftIn(fresh, true);

    // The same datasets in a workspace at migration 0006: registry rows and row tables only.
    const old = path.join(tmp.dir, 'old');
    fs.mkdirSync(old);
    const file = path.join(old, 'workspace.sqlite');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    const probe = new Database(path.join(fresh, 'workspace.sqlite'), { readonly: true });
    db.pragma(`application_id = ${Number(probe.pragma('application_id', { simple: true }))}`); // a Preflight workspace
    probe.close();
    migrate(db, file, MIGRATIONS.slice(0, 6));
    db.exec(`ATTACH '${path.join(fresh, 'workspace.sqlite')}' AS f`);
    db.exec('INSERT INTO datasets SELECT * FROM f.datasets');
    db.exec(
      'INSERT INTO dataset_columns SELECT dataset_id, ordinal, name, kind, inferred_kind, notes_json, profile_json FROM f.dataset_columns',
    );
    db.exec('DETACH f');
    // Each table from its dataset file into the workspace, as every dataset was before dataset files.
    for (const t of db.prepare('SELECT table_name FROM datasets').pluck().all() as string[]) {
      db.prepare('ATTACH ? AS d').run(datasetFilePath(path.join(fresh, 'workspace.sqlite'), t));
      db.exec(`CREATE TABLE "${t}" AS SELECT * FROM d."${t}" ORDER BY rowid`);
      db.exec('DETACH d');
    }
    db.close();

    const fromRows = await driftIn(old, false);
    const check = new Database(file, { readonly: true });
    try {
      expect(check.prepare('SELECT max(version) FROM schema_migrations').pluck().get()).toBe(MIGRATIONS.length);
      expect(check.prepare('SELECT count(*) FROM dataset_columns WHERE chunk_key IS NOT NULL').pluck().get()).toBe(0);
      expect(check.prepare('SELECT count(*) FROM dataset_column_chunks').pluck().get()).toBe(0);
    } finally {
      check.close();
    }
    expect(fromRows).toEqual(withChunks);
    expect(withChunks.filter((f) => f.drifted).map((f) => f.name)).toEqual(['a', 'n']);
  }, 120_000);
});

describe('a workspace from before dataset files', () => {
  it('reads each dataset from its table and chunks in the workspace, drifts as before, and removes it there', async () => {
    const dir = path.join(tmp.dir, 'before-files');
    const inFiles = await driftIn(dir, true);

    // As the build before dataset files left them: each table renamed ds_<id> in the workspace, its
    // packed chunks in the workspace's own table (still keyed by the staging name), no dataset files.
    const file = path.join(dir, 'workspace.sqlite');
    const db = new Database(file);
    for (const d of db.prepare('SELECT id, table_name AS t FROM datasets').all() as { id: number; t: string }[]) {
      const own = datasetFilePath(file, d.t);
      db.prepare('ATTACH ? AS f').run(own);
      db.exec(`CREATE TABLE "ds_${d.id}" AS SELECT * FROM f."${d.t}" ORDER BY rowid`);
      db.exec('INSERT INTO main.dataset_column_chunks SELECT * FROM f.dataset_column_chunks');
      db.exec('DETACH f');
      db.prepare('UPDATE datasets SET table_name = ? WHERE id = ?').run(`ds_${d.id}`, d.id);
      fs.rmSync(own);
    }
    const chunks = db.prepare('SELECT count(*) FROM dataset_column_chunks').pluck().get() as number;
    db.close();
    expect(chunks).toBeGreaterThan(0);

    expect(await driftIn(dir, false)).toEqual(inFiles);
    const core = createCore({ workspaceDir: dir });
    try {
      await createClient(inProcessTransport(core)).call('datasets/remove', { ref: 'ref' });
    } finally {
      await core.close();
    }
    const after = new Database(file, { readonly: true });
    try {
      expect(
        after.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'ds\\_%' ESCAPE '\\'").pluck().all(),
      ).toEqual(['ds_2']);
      // Only the remaining dataset's chunks are left.
      expect(after.prepare('SELECT count(DISTINCT import_key) FROM dataset_column_chunks').pluck().get()).toBe(1);
    } finally {
      after.close();
    }
  }, 120_000);
});
