// A long write in another process (an import) must not stop readers, and a busy workspace is never
// called damaged.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toErrorData } from '../../electron/core/errors';
import { openWorkspace } from '../../electron/core/workspace/open';
import { WORKSPACE_FILE } from '../../electron/core/workspace/location';
import { runCli } from '../helpers/cli';
import { FIXTURES, tempDir } from '../helpers/workspace';

const tmp = tempDir('preflight-busy-');
const dir = path.join(tmp.dir, 'ws');
let writer: Database.Database;

beforeAll(() => {
  openWorkspace(dir).close();
  // Another process's import, as SQLite sees it: a connection holding the write lock.
  writer = new Database(path.join(dir, WORKSPACE_FILE));
  writer.exec('BEGIN IMMEDIATE');
});
afterAll(() => {
  writer.exec('ROLLBACK');
  writer.close();
  tmp.cleanup();
});

describe('while another connection holds the write lock', () => {
  it('opening the workspace and a read-only command work at once', async () => {
    const started = Date.now();
    openWorkspace(dir).close();
    expect(Date.now() - started).toBeLessThan(2000);
    const list = await runCli(['datasets', 'list', '--workspace', dir]);
    expect(list.code).toBe(0);
    expect(list.json).toEqual([]);
    expect((await runCli(['models', 'list', '--workspace', dir])).code).toBe(0);
  });

  it('a write that cannot get the lock says "busy", never "damaged"', async () => {
    const res = await runCli(['datasets', 'add', path.join(FIXTURES, 'datasets', 'ids.csv'), '--workspace', dir]);
    expect(res.code).toBe(2);
    expect(res.json.error.code).toBe('WORKSPACE_ERROR');
    expect(res.json.error.message).toMatch(/busy/);
    expect(res.json.error.message).not.toMatch(/damaged or not a workspace|internal error/);
  }, 30_000);

  it('SQLITE_BUSY anywhere in the core is reported as busy', () => {
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    expect(toErrorData(busy)).toMatchObject({
      code: 'WORKSPACE_ERROR',
      message: expect.stringMatching(/busy.*not damaged/),
    });
  });
});
