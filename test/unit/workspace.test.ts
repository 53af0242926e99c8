import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../electron/core/workspace/migrate';
import { MIGRATIONS } from '../../electron/core/workspace/migrations/index';
import { openWorkspace } from '../../electron/core/workspace/open';
import { defaultWorkspaceDir, resolveWorkspaceDir, WORKSPACE_FILE } from '../../electron/core/workspace/location';
import { PreflightError } from '../../shared/contract/errors';
import { tempDir } from '../helpers/workspace';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
function fresh() {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

function expectWorkspaceError(fn: () => unknown, message: RegExp) {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(PreflightError);
    expect((err as PreflightError).code).toBe('WORKSPACE_ERROR');
    expect((err as PreflightError).message).toMatch(message);
    return;
  }
  throw new Error('expected a WORKSPACE_ERROR');
}

describe('workspace', () => {
  it('creates a WAL database with foreign keys and every migration applied', () => {
    const ws = openWorkspace(fresh());
    expect(ws.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(ws.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(ws.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    // 16 KiB pages: an import writes a quarter as many (bench/insert-floor.mjs).
    expect(ws.db.pragma('page_size', { simple: true })).toBe(16384);
    const applied = ws.db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
    expect(applied).toEqual(MIGRATIONS.map((m) => m.version));
    ws.close();
  });

  it('a workspace made with 4 KiB pages (before 16 KiB became the default) keeps them and opens as before', () => {
    const dir = fresh();
    const made = openWorkspace(dir);
    made.db.prepare("INSERT INTO models (name, created_at) VALUES ('kept', 'now')").run();
    made.close();
    const older = new Database(path.join(dir, WORKSPACE_FILE));
    older.pragma('journal_mode = DELETE');
    older.pragma('page_size = 4096');
    older.exec('VACUUM');
    older.close();
    const ws = openWorkspace(dir);
    expect(ws.db.pragma('page_size', { simple: true })).toBe(4096);
    expect(ws.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(ws.db.prepare('SELECT name FROM models').pluck().all()).toEqual(['kept']);
    ws.close();
  });

  it('reopening keeps the data and applies nothing twice', () => {
    const dir = fresh();
    const a = openWorkspace(dir);
    a.db.prepare("INSERT INTO models (name, created_at) VALUES ('kept', 'now')").run();
    a.close();
    const b = openWorkspace(dir);
    expect(b.db.prepare('SELECT name FROM models').pluck().all()).toEqual(['kept']);
    b.close();
  });

  it('refuses a workspace whose applied migration was edited', () => {
    const dir = fresh();
    openWorkspace(dir).close();
    const db = new Database(path.join(dir, WORKSPACE_FILE));
    db.prepare("UPDATE schema_migrations SET sha256 = 'edited' WHERE version = 1").run();
    db.close();
    expectWorkspaceError(() => openWorkspace(dir), /0001_registry differs .*checksum/);
  });

  it('refuses a workspace written by a newer version, and leaves it untouched', () => {
    const dir = fresh();
    openWorkspace(dir).close();
    const file = path.join(dir, WORKSPACE_FILE);
    const db = new Database(file);
    db.prepare("INSERT INTO schema_migrations VALUES (999, '0999_future', 'x', 'later')").run();
    db.close();
    const before = fs.readFileSync(file);
    expectWorkspaceError(() => openWorkspace(dir), /newer Preflight/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a garbage or truncated file without recreating it', () => {
    const dir = fresh();
    const file = path.join(dir, WORKSPACE_FILE);
    fs.writeFileSync(file, 'this is not sqlite at all, just some text that fills a page'.repeat(100));
    const before = fs.readFileSync(file);
    expectWorkspaceError(() => openWorkspace(dir), new RegExp(`${WORKSPACE_FILE}.*not a database`));
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it("refuses another application's SQLite database without changing a byte of it", () => {
    const dir = fresh();
    const file = path.join(dir, WORKSPACE_FILE);
    const db = new Database(file);
    db.exec('CREATE TABLE invoices (id INTEGER)');
    db.close();
    const before = fs.readFileSync(file);
    expectWorkspaceError(() => openWorkspace(dir), /not a Preflight workspace/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a workspace file truncated to zero bytes instead of recreating it', () => {
    const dir = fresh();
    fs.writeFileSync(path.join(dir, WORKSPACE_FILE), '');
    expectWorkspaceError(() => openWorkspace(dir), /is empty \(0 bytes\)/);
    expect(fs.statSync(path.join(dir, WORKSPACE_FILE)).size).toBe(0);
  });

  it('removes staging folders left by killed processes, and keeps those of live ones', () => {
    const dir = fresh();
    openWorkspace(dir).close();
    const dead = path.join(dir, 'tmp', 'model-999999999-abc');
    const live = path.join(dir, 'tmp', `model-${process.pid}-abc`);
    fs.mkdirSync(dead, { recursive: true });
    fs.mkdirSync(live, { recursive: true });
    openWorkspace(dir).close();
    expect(fs.existsSync(dead)).toBe(false);
    expect(fs.existsSync(live)).toBe(true);
  });

  it('a failing migration leaves nothing half-applied and the workspace at its earlier version', () => {
    const db = new Database(':memory:');
    migrate(db, ':memory:', MIGRATIONS);
    const latest = Math.max(...MIGRATIONS.map((m) => m.version)); // numbers may skip one another branch owns
    const broken = [
      ...MIGRATIONS,
      { version: latest + 1, name: 'broken', sql: 'CREATE TABLE ok_table (a); SELECT * FROM no_such_table;' },
    ];
    expect(() => migrate(db, ':memory:', broken)).toThrow(/no_such_table/);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'ok_table'").pluck().get()).toBe(0);
    expect(db.prepare('SELECT max(version) FROM schema_migrations').pluck().get()).toBe(latest);
  });

  it('resolves --workspace over PREFLIGHT_WORKSPACE over the OS user-data folder', () => {
    expect(resolveWorkspaceDir('/tmp/a', { PREFLIGHT_WORKSPACE: '/tmp/b' })).toBe('/tmp/a');
    expect(resolveWorkspaceDir(undefined, { PREFLIGHT_WORKSPACE: '/tmp/b' })).toBe('/tmp/b');
    expect(defaultWorkspaceDir({ XDG_CONFIG_HOME: '/home/u/.config' }, 'linux')).toBe('/home/u/.config/Preflight');
    expect(defaultWorkspaceDir({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32')).toMatch(/Roaming.Preflight$/);
    expect(defaultWorkspaceDir({}, 'darwin')).toMatch(/Library\/Application Support\/Preflight$/);
  });
});
