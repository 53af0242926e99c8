// A damaged workspace is named as such ("workspace damaged: run `preflight doctor`"), not reported as a
// JSON error; writes stop; `preflight doctor` says what is damaged and what is intact.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createClient } from '../../shared/client';
import { createCore } from '../../electron/core/api';
import { inProcessTransport } from '../../electron/core/in-process';
import { WORKSPACE_FILE } from '../../electron/core/workspace/location';
import { datasetFilePath } from '../../electron/core/workspace/queries/dataset-files';
import Database from 'better-sqlite3';
import { runCli } from '../helpers/cli';
import { FIXTURES, tempDir } from '../helpers/workspace';

const DATA = path.join(FIXTURES, 'datasets');

async function workspaceWithData(dir: string): Promise<void> {
  const core = createCore({ workspaceDir: dir });
  const client = createClient(inProcessTransport(core));
  await client.run('datasets/add', { path: path.join(DATA, 'ids.csv'), name: 'ids' });
  await client.run('datasets/add', { path: path.join(DATA, 'quoted-newlines.csv'), name: 'quoted' });
  await core.close(); // the last connection checkpoints the WAL into the file
}

/** `workspaceWithData`, and the workspace file and the table of its dataset `ids` (in its own file). */
async function withIds(dir: string): Promise<{ workspace: string; table: string }> {
  await workspaceWithData(dir);
  const workspace = path.join(dir, WORKSPACE_FILE);
  const db = new Database(workspace, { readonly: true });
  try {
    return {
      workspace,
      table: db.prepare("SELECT table_name FROM datasets WHERE name = 'ids'").pluck().get() as string,
    };
  } finally {
    db.close();
  }
}

/** Exit codes of `datasets remove <name>`, then of `doctor`. */
async function removeThenDoctor(dir: string, name: string): Promise<[number, number]> {
  const removed = await runCli(['datasets', 'remove', name, '--workspace', dir]);
  const doc = await runCli(['doctor', '--workspace', dir]);
  return [removed.code, doc.code];
}

describe('a flipped byte inside a stored record', () => {
  it('reads say "workspace damaged: run `preflight doctor`", writes are refused, doctor names the table', async () => {
    const tmp = tempDir('preflight-doctor-');
    try {
      const dir = path.join(tmp.dir, 'ws');
      await workspaceWithData(dir);
      const file = path.join(dir, WORKSPACE_FILE);
      const bytes = fs.readFileSync(file);
      const at = bytes.indexOf('"delimiter":"comma"');
      expect(at).toBeGreaterThan(0);
      bytes[at + 11] = 0x3b; // ':' → ';' inside the JSON: same length, SQLite cannot tell
      fs.writeFileSync(file, bytes);

      const broken = await runCli(['datasets', 'list', '--workspace', dir]);
      expect(broken.code).toBe(2);
      expect(broken.json.error.code).toBe('WORKSPACE_ERROR');
      expect(broken.json.error.message).toMatch(/^workspace damaged: .*run `preflight doctor`/);
      expect(broken.json.error.message).not.toMatch(/internal error/);

      const add = await runCli([
        'datasets',
        'add',
        path.join(DATA, 'ragged.csv'),
        '--name',
        'more',
        '--workspace',
        dir,
      ]);
      expect(add.code).toBe(2);
      expect(add.json.error.message).toMatch(/workspace damaged.*refused/);

      const doc = await runCli(['doctor', '--workspace', dir]);
      expect(doc.code).toBe(1);
      expect(doc.json.ok).toBe(false);
      expect(doc.json.integrity).toEqual(['ok']);
      expect(doc.json.tables).toContainEqual({ table: 'datasets', rows: 2, damaged: 1 });
      expect(doc.json.tables).toContainEqual(expect.objectContaining({ table: 'dataset_columns', damaged: 0 }));
    } finally {
      tmp.cleanup();
    }
  }, 60_000);
});

describe('page-level corruption', () => {
  /** The page of `table`'s root in `file` (a b-tree page holding its rows). */
  const rootPage = (file: string, table: string, schema = 'main'): number => {
    const db = new Database(file, { readonly: true });
    try {
      return db.prepare(`SELECT rootpage FROM ${schema}.sqlite_master WHERE name = ?`).pluck().get(table) as number;
    } finally {
      db.close();
    }
  };

  it.each([
    ['the workspace file (the registry)', 'registry'],
    ["a dataset's own file (its rows)", 'rows'],
    ["a dataset's own file (its header: no database any more)", 'header'],
  ])(
    'flipped bytes inside %s: doctor reports the integrity failure (exit 1)',
    async (_, which) => {
      const tmp = tempDir('preflight-doctor-');
      try {
        const dir = path.join(tmp.dir, 'ws');
        const { workspace, table } = await withIds(dir);
        const file = which === 'registry' ? workspace : datasetFilePath(workspace, table);
        const page = rootPage(file, which === 'registry' ? 'dataset_columns' : table);
        const bytes = fs.readFileSync(file);
        const pageSize = bytes.readUInt16BE(16) === 1 ? 65536 : bytes.readUInt16BE(16);
        // Flip 200 bytes from the page header on: the b-tree page no longer parses (for 'header', the
        // file's first 16 bytes: "SQLite format 3" is gone).
        const start = which === 'header' ? 0 : (page - 1) * pageSize + 8;
        for (let i = start; i < start + (which === 'header' ? 16 : 200); i++) bytes[i] ^= 0xff;
        fs.writeFileSync(file, bytes);
        if (which === 'header') {
          // Reading the dataset names its file, and leaves the workspace unmarked.
          const read = await runCli(['drift', '--reference', 'ids', '--current', 'ids', '--workspace', dir]);
          expect(read.json.error.message).toMatch(
            /^the file of one dataset \(datasets\/ds_staging_\w+\.sqlite\) cannot be read: file is not a database; run `preflight doctor`/,
          );
          expect(fs.existsSync(path.join(dir, 'DAMAGED.json'))).toBe(false);
        }
        const doc = await runCli(['doctor', '--workspace', dir]);
        expect(doc.code).not.toBe(0);
        const text = JSON.stringify(doc.json);
        expect(text).toMatch(/damaged|DAMAGED|malformed/i);
        expect(text).not.toMatch(/internal error/);
        if (which !== 'registry') {
          expect(doc.json.findings).toContainEqual(
            expect.objectContaining({
              area: 'integrity',
              severity: 'damaged',
              message: expect.stringContaining(`dataset ids (datasets/${table}.sqlite): SQLite integrity check:`),
            }),
          );
          // One dataset's file: the workspace itself is not marked damaged, so the dataset can go.
          expect(await removeThenDoctor(dir, 'ids')).toEqual([0, 0]);
        }
      } finally {
        tmp.cleanup();
      }
    },
    60_000,
  );

  it('a dataset whose file is gone: doctor names it (exit 1); the other datasets read as before', async () => {
    const tmp = tempDir('preflight-doctor-');
    try {
      const dir = path.join(tmp.dir, 'ws');
      const { workspace, table } = await withIds(dir);
      fs.rmSync(datasetFilePath(workspace, table));
      const doc = await runCli(['doctor', '--workspace', dir]);
      expect(doc.code).not.toBe(0);
      expect(doc.json.findings).toContainEqual({
        area: 'integrity',
        severity: 'damaged',
        message: `dataset ids: its rows file datasets/${table}.sqlite is missing (restore it from a backup of the workspace folder, or remove the dataset: preflight datasets remove ids)`,
      });
      const other = await runCli(['datasets', 'show', 'quoted', '--workspace', dir]);
      expect([other.code, other.json.rows]).toEqual([0, 3]);
      expect(await removeThenDoctor(dir, 'ids')).toEqual([0, 0]);
    } finally {
      tmp.cleanup();
    }
  }, 60_000);

  it('a healthy workspace: exit 0, --clean removes left-overs only', async () => {
    const tmp = tempDir('preflight-doctor-');
    try {
      const dir = path.join(tmp.dir, 'ws');
      await workspaceWithData(dir);
      fs.mkdirSync(path.join(dir, 'blobs', 'sha256', 'f'.repeat(64)), { recursive: true });
      const first = await runCli(['doctor', '--workspace', dir]);
      expect(first.code).toBe(0);
      expect(first.json.findings).toEqual([expect.objectContaining({ area: 'blobs', severity: 'leftover' })]);
      const cleaned = await runCli(['doctor', '--clean', '--workspace', dir]);
      expect(cleaned.json.cleaned).toEqual([`orphaned model files ${'f'.repeat(64)}`]);
      expect((await runCli(['datasets', 'list', '--workspace', dir])).json).toHaveLength(2);
    } finally {
      tmp.cleanup();
    }
  }, 60_000);
});
