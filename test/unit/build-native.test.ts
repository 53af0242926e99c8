// scripts/build-native.mjs on a fresh machine: with a C compiler both native pieces are built and load
// (the row writer into SQLite, the CSV scanner into Node); without one the build still succeeds, says
// why, and leaves nothing stale behind — imports then use JavaScript.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/workspace';

const tmp = tempDir('preflight-build-native-');
afterAll(() => tmp.cleanup());
const compiler = spawnSync(process.env.CC || 'cc', ['--version']).status === 0;
if (!compiler)
  console.log('skipped (building): no C compiler (`cc`) on this machine; the build leaves imports to JavaScript');
const libExt = process.platform === 'darwin' ? 'dylib' : 'so';

function build(dir: string, env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build-native.mjs'), dir], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
}

describe('native build', () => {
  it.skipIf(!compiler || process.platform === 'win32')(
    'builds the row writer and the CSV scanner, and both load',
    () => {
      const dir = path.join(tmp.dir, 'built');
      const r = build(dir);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/native row writer: .*preflight_rows\./);
      expect(r.stdout).toMatch(/native CSV scanner: .*preflight_csv\.node/);
      const db = new Database(':memory:');
      try {
        db.loadExtension(path.join(dir, `preflight_rows.${libExt}`));
        expect(db.prepare('SELECT preflight_rows_sketch(0)').pluck().get()).toBeNull(); // nothing sketched yet
      } finally {
        db.close();
      }
      const scanner = createRequire(import.meta.url)(path.join(dir, 'preflight_csv.node'));
      expect([typeof scanner.load, typeof scanner.scan]).toEqual(['function', 'function']);
    },
  );

  it('without a compiler the build succeeds, says why, and removes what an earlier build left', () => {
    const dir = path.join(tmp.dir, 'none');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `preflight_rows.${libExt}`), 'stale');
    fs.writeFileSync(path.join(dir, 'preflight_csv.node'), 'stale');
    const r = build(dir, { CC: path.join(tmp.dir, 'no-such-compiler') });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(
      /native row writer not built — imports will bind rows from JavaScript .*no-such-compiler not found/,
    );
    if (process.platform !== 'win32')
      expect(r.stderr).toMatch(
        /native CSV scanner not built — CSV imports will split records in JavaScript .*not found/,
      );
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
