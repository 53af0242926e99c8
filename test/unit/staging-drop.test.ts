// Dropping a staging table in the workspace (an import by a build before dataset files) while another
// connection holds the workspace's write lock (a part child still committing, a second import) waits
// for the lock like any write: the drop takes the write lock first, so SQLite's busy timeout applies;
// a staging table in a dataset file of its own is removed with its file, no workspace lock needed. A deferred transaction that read first (DROP
// TABLE IF EXISTS of a table not there yet) and then wrote would fail at once with SQLITE_BUSY,
// whatever the timeout — which turned a part's input error into "the workspace is busy" (CI, stop 19).
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { datasetQueries, stagingName } from '../../electron/core/workspace/queries/datasets';
import { openWorkspace } from '../../electron/core/workspace/open';
import { datasetFileNames, datasetFilePath } from '../../electron/core/workspace/queries/dataset-files';
import { FIXTURES, tempDir } from '../helpers/workspace';
import { createClient } from '../../shared/client';
import { createCore } from '../../electron/core/api';
import { inProcessTransport } from '../../electron/core/in-process';

const tmp = tempDir('preflight-staging-drop-');
afterAll(() => tmp.cleanup());

/** Another connection takes the write lock, writes, and holds it `ms` before committing. */
function holdWriteLock(file: string, ms: number): Promise<{ locked: Promise<void>; done: Promise<void> }> {
  const worker = new Worker(
    `const Database = require(${JSON.stringify(require.resolve('better-sqlite3'))});
     const { parentPort, workerData } = require('node:worker_threads');
     const db = new Database(workerData.file);
     db.exec('BEGIN IMMEDIATE');
     db.exec('CREATE TABLE held (x)');
     parentPort.postMessage('locked');
     Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.ms);
     db.exec('COMMIT');
     db.close();`,
    { eval: true, workerData: { file, ms } },
  );
  const done = new Promise<void>((resolve, reject) => {
    worker.once('exit', () => resolve());
    worker.once('error', reject);
  });
  const locked = new Promise<void>((resolve) => worker.once('message', () => resolve()));
  return Promise.resolve({ locked, done });
}

describe('dropping a staging table', () => {
  it('waits for another writer instead of failing as busy, whether or not the table exists', async () => {
    const ws = openWorkspace(path.join(tmp.dir, 'ws'));
    try {
      const q = datasetQueries(ws.db);
      const present = q.createStaging(2); // in a dataset file of its own
      const absent = stagingName(); // not there: looked for in the workspace too
      for (const name of [absent, present]) {
        const { locked, done } = await holdWriteLock(ws.file, 400);
        await locked;
        const t0 = Date.now();
        expect(() => q.dropTable(name)).not.toThrow();
        // A table in the workspace waits for the other writer; a dataset file is removed at once.
        if (name === absent) expect(Date.now() - t0).toBeGreaterThanOrEqual(200);
        else expect(fs.existsSync(datasetFilePath(ws.file, name))).toBe(false);
        await done;
        ws.db.exec('DROP TABLE held');
      }
      const names = ws.db
        .prepare("SELECT name FROM sqlite_master WHERE name LIKE 'ds\\_staging\\_%' ESCAPE '\\'")
        .pluck()
        .all();
      expect(names).toEqual([]);
      expect(datasetFileNames(ws.db)).toEqual([]);
    } finally {
      ws.close();
    }
  }, 30_000);
});

describe('a leftover dataset file that cannot be removed now', () => {
  it('(a file Windows keeps while another process has it open) leaves the workspace usable and doctor says so', async () => {
    const dir = path.join(tmp.dir, 'held');
    openWorkspace(dir).close();
    // A dead import's name, as a folder: rmSync refuses to remove it, as Windows refuses a file held open.
    const name = stagingName(0x7ffffffe);
    const held = datasetFilePath(path.join(dir, 'workspace.sqlite'), name);
    fs.mkdirSync(held, { recursive: true });
    const core = createCore({ workspaceDir: dir });
    try {
      const client = createClient(inProcessTransport(core));
      expect(await client.call('datasets/list', {})).toEqual([]); // the core opened the workspace, sweep and all
      // An import sweeps leftovers first: the one it cannot remove does not stop it.
      const d = await client.run('datasets/add', { path: path.join(FIXTURES, 'datasets', 'ids.csv'), name: 'ids' });
      expect(d.rows).toBeGreaterThan(0);
      const report = await client.call('workspace/doctor', { clean: true });
      expect(report.cleaned).toEqual([]);
      expect(report.findings).toContainEqual(
        expect.objectContaining({
          area: 'staging',
          severity: 'leftover',
          message: expect.stringContaining(`staging table ${name} could not be removed now`),
        }),
      );
      expect(fs.existsSync(held)).toBe(true);
    } finally {
      await core.close();
    }
  });
});
