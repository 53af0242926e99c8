// `preflight models remove NAME@V`, `bench remove RUN`, `drift remove ID` through the real CLI (build
// first: node scripts/build.mjs): what each takes with it, what an exported bundle keeps (unless
// --force), and that stored model bytes go only when no other version shares them.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { requireBuild, tempDir } from '../helpers/workspace';

let ws: { dir: string; cleanup: () => void };
const cli = (args: string[]) => runCli([...args, '--workspace', ws.dir]);
const MODEL = 'demo-credit-risk@1';
let digestDir = '';

beforeAll(async () => {
  requireBuild();
  ws = tempDir('preflight-remove-');
  expect((await cli(['demo'])).code).toBe(0);
  const exported = await cli([
    'export',
    '--model',
    MODEL,
    '--reference',
    'demo-training',
    '--out',
    path.join(ws.dir, 'bundle.zip'),
  ]);
  expect(exported.code, exported.stderr).toBe(0);
  const blobs = path.join(ws.dir, 'blobs', 'sha256');
  const [digest] = fs.readdirSync(blobs);
  digestDir = path.join(blobs, digest);
}, 120_000);
afterAll(() => ws?.cleanup());

describe('removing what an exported bundle was made from', () => {
  it('keeps a drift report a bundle cites (exit 2) and removes it with --force', async () => {
    const refused = await cli(['drift', 'remove', '1']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/drift report 1 is kept: exported bundle #1 .*bundle\.zip.*--force/);
    expect((await cli(['drift', 'show', '1'])).code).toBe(0);
    const forced = await cli(['drift', 'remove', '1', '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.json).toMatchObject({ target: 'drift report 1', removed: true, bundles: [{ id: 1 }] });
    expect((await cli(['drift', 'show', '1'])).code).toBe(2);
    expect((await cli(['drift', 'list'])).json).toEqual([]);
  });

  it('keeps a benchmark run a bundle cites (exit 2) and removes it, raw latencies too, with --force', async () => {
    expect((await cli(['bench', 'remove', '1'])).code).toBe(2);
    expect((await cli(['bench', 'show', '1'])).code).toBe(0);
    const forced = await cli(['bench', 'remove', '1', '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect((await cli(['bench', 'show', '1'])).code).toBe(2);
    const db = new Database(path.join(ws.dir, 'workspace.sqlite'), { readonly: true });
    expect(db.prepare('SELECT count(*) FROM bench_points WHERE run_id = 1').pluck().get()).toBe(0);
    db.close();
    expect((await cli(['bench', '--list'])).json).toEqual([]);
  });

  it('refuses a run or report that does not exist, and a model without its version (exit 2)', async () => {
    expect((await cli(['bench', 'remove', '99'])).stderr).toMatch(/no benchmark run 99/);
    expect((await cli(['drift', 'remove', '99'])).code).toBe(2);
    const noVersion = await cli(['models', 'remove', 'demo-credit-risk']);
    expect(noVersion.code).toBe(2);
    expect(noVersion.stderr).toMatch(/say which version.*demo-credit-risk@1/);
    expect((await cli(['models', 'remove', 'demo-credit-risk@7'])).code).toBe(2);
  });
});

describe('preflight models remove NAME@V', () => {
  it('says what would go with it (--dry-run) and keeps a version a bundle was exported from (exit 2)', async () => {
    const drift = await cli([
      'drift',
      '--reference',
      'demo-training',
      '--current',
      'demo-production',
      '--model',
      MODEL,
    ]);
    expect(drift.code, drift.stderr).toBe(0);
    const dry = await cli(['models', 'remove', MODEL, '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.json).toMatchObject({
      target: MODEL,
      removed: false,
      along: { benchRuns: [], driftReports: [drift.json.id] },
      bundles: [{ id: 1 }],
      blob: { removed: true, sharedWith: [] },
    });
    const refused = await cli(['models', 'remove', MODEL]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/demo-credit-risk@1 is kept: exported bundle #1/);
    expect((await cli(['models', 'show', MODEL])).code).toBe(0);
    expect((await cli(['drift', 'show', String(drift.json.id)])).code).toBe(0);
  });

  it('with --force removes the version and its drift reports, but keeps bytes another version shares', async () => {
    const twin = await cli(['models', 'add', path.join(digestDir, 'model.onnx'), '--name', 'twin', '--duplicate']);
    expect(twin.code, twin.stderr).toBe(0);
    const r = await cli(['models', 'remove', MODEL, '--force']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json).toMatchObject({ removed: true, blob: { removed: false, sharedWith: ['twin@1'] } });
    expect((await cli(['models', 'show', 'demo-credit-risk'])).code).toBe(2);
    expect((await cli(['drift', 'list'])).json).toEqual([]);
    expect(fs.existsSync(path.join(digestDir, 'model.onnx'))).toBe(true);
    // The bundle's record and its file stay: they are what was handed over.
    expect(fs.existsSync(path.join(ws.dir, 'bundle.zip'))).toBe(true);
    const twinShown = await cli(['models', 'show', 'twin@1']);
    expect(twinShown.code).toBe(0);
    expect(twinShown.json.sha256).toBe(twin.json.sha256);
  });

  it('removes the stored bytes with the last version that holds them', async () => {
    const r = await cli(['models', 'remove', 'twin@1']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json).toMatchObject({ removed: true, bundles: [], blob: { removed: true, sharedWith: [] } });
    expect(fs.existsSync(digestDir)).toBe(false);
    expect((await cli(['models', 'list'])).json).toEqual([]);
    const db = new Database(path.join(ws.dir, 'workspace.sqlite'), { readonly: true });
    expect(db.prepare('SELECT count(*) FROM model_files').pluck().get()).toBe(0);
    // The exported bundle's record stays: it is the history of what was handed over.
    expect(db.prepare('SELECT count(*) FROM bundles').pluck().get()).toBe(1);
    db.close();
  });
});
