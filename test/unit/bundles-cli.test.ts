// The bundle commands as ops and data scientists type them: keys, export, verify (bundles and
// OMS-signed folders), with the exit codes of the public interface (0 ok, 1 a check failed, 2 bad
// usage or an unreadable/unsafe file), and an export killed mid-write.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashFolder, signResources } from '../../electron/core/bundles/oms/index';
import { writeOnnxModel } from '../../electron/core/demo/onnx-writer';
import { runCli } from '../helpers/cli';
import { entryDataRanges } from '../helpers/zip';
import { CLI, requireBuild, ROOT, tempDir } from '../helpers/workspace';

const tmp = tempDir('preflight-bundle-cli-');
const W = ['--workspace', path.join(tmp.dir, 'ws')];
const keyDir = path.join(tmp.dir, 'keys');
const bundle = path.join(tmp.dir, 'demo.zip');

beforeAll(async () => {
  requireBuild();
  const demo = await runCli(['demo', '--no-benchmark', ...W]);
  expect(demo.code, demo.stderr).toBe(0);
}, 120_000);
afterAll(() => tmp.cleanup());

describe('preflight keys generate', () => {
  it('writes a 0600 private key and a public key, prints the fingerprint, and never overwrites', async () => {
    const r = await runCli(['keys', 'generate', '--out', keyDir, ...W], { json: false });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/fingerprint: [0-9a-f]{64}/);
    expect(fs.statSync(path.join(keyDir, 'preflight-signing.key.pem')).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(path.join(keyDir, 'preflight-signing.pub.pem'), 'utf8')).toMatch(/BEGIN PUBLIC KEY/);
    const again = await runCli(['keys', 'generate', '--out', keyDir, ...W]);
    expect(again.code).toBe(2);
    expect(again.json.error.message).toMatch(/already exists/);
  });
});

describe('preflight export --preview / --list', () => {
  it('previews what a bundle would hold without writing anything, and lists no bundle yet', async () => {
    const empty = await runCli(['export', '--list', ...W], { json: false });
    expect(empty.code, empty.stderr).toBe(0);
    expect(empty.stdout).toMatch(/no bundles exported yet/);
    const args = ['export', '--model', 'demo-credit-risk', '--reference', 'demo-training', '--preview'];
    const p = await runCli([...args, '--automation-rate', '0.9', ...W]);
    expect(p.code, p.stderr).toBe(0);
    expect(p.json.model).toMatchObject({ name: 'demo-credit-risk', version: 1 });
    expect(p.json.reference.dataset).toBe('demo-training');
    expect(p.json.features.length).toBeGreaterThan(0);
    expect(p.json.fallback.policy.measured.automationRate).toBeGreaterThanOrEqual(0.9);
    const text = await runCli([...args, '--automation-rate', '0.9', ...W], { json: false });
    expect(text.stdout).toMatch(/^would export demo-credit-risk@1 \(sha256 [0-9a-f]{16}…\)/);
    expect(text.stdout).toContain(`feature rules: ${p.json.features.length}`);
    expect(text.stdout).toMatch(/fallback: \S+ confidence ≥ [0-9.]+ decides 9\d(\.\d)?% of the reference rows/);
    expect(fs.readdirSync(tmp.dir).filter((f) => f.endsWith('.zip'))).toEqual([]);
    expect((await runCli(['export', '--list', ...W])).json).toEqual([]);
  });
});

describe('preflight export / verify', () => {
  it('exports a signed bundle that verifies with the public key and --replay (exit 0, one line per check)', async () => {
    const e = await runCli(
      [
        'export',
        '--model',
        'demo-credit-risk',
        '--reference',
        'demo-training',
        '--out',
        bundle,
        '--sign',
        path.join(keyDir, 'preflight-signing.key.pem'),
        '--automation-rate',
        '0.9',
        ...W,
      ],
      { json: false },
    );
    expect(e.code, e.stderr).toBe(0);
    expect(e.stdout).toMatch(/signed \(OMS, ECDSA P-256\)/);
    // Ops: another machine, an empty workspace, only the bundle and the public key.
    const ops = ['--workspace', path.join(tmp.dir, 'ops-ws')];
    const v = await runCli(
      ['verify', bundle, '--key', path.join(keyDir, 'preflight-signing.pub.pem'), '--replay', ...ops],
      { json: false },
    );
    expect(v.code, v.stdout + v.stderr).toBe(0);
    expect(v.stdout).toMatch(/^ok\s+replay\s+golden\/golden\.json/m);
    expect(v.stdout).toMatch(/verified and trusted/);
    for (const line of v.stdout.split('\n').filter((l) => /^(ok|FAIL|SKIP)\s/.test(l)))
      expect(line.split(/\s{2,}/).length).toBeGreaterThanOrEqual(4);
  }, 60_000);

  it('exit 1 when a check fails, naming the file; exit 2 for a file that is not a zip, a missing file or bad usage', async () => {
    const bytes = fs.readFileSync(bundle);
    const model = (await entryDataRanges(bundle)).find((r) => r.name === 'model/model.onnx')!;
    bytes[model.start + Math.floor(model.length / 2)] ^= 0xff;
    const tampered = path.join(tmp.dir, 'tampered.zip');
    fs.writeFileSync(tampered, bytes);
    const t = await runCli(['verify', tampered, '--key', path.join(keyDir, 'preflight-signing.pub.pem'), ...W]);
    expect(t.code).toBe(1);
    expect(t.json.ok).toBe(false);
    expect(t.json.checks.some((c: { ok: boolean; file: string }) => !c.ok && c.file === 'model/model.onnx')).toBe(true);

    fs.writeFileSync(path.join(tmp.dir, 'text.zip'), 'hello');
    const notZip = await runCli(['verify', path.join(tmp.dir, 'text.zip'), ...W]);
    expect(notZip.code).toBe(2);
    expect(notZip.json.error.message).toMatch(/not a zip/);
    expect((await runCli(['verify', path.join(tmp.dir, 'missing.zip'), ...W])).code).toBe(2);
    expect((await runCli(['verify', ...W])).code).toBe(2);
    const both = await runCli([
      'export',
      '--model',
      'demo-credit-risk',
      '--reference',
      'demo-training',
      '--out',
      path.join(tmp.dir, 'x.zip'),
      '--fallback',
      'probabilities>=0.8',
      '--automation-rate',
      '0.9',
      ...W,
    ]);
    expect(both.code).toBe(2);
    expect(fs.existsSync(path.join(tmp.dir, 'x.zip'))).toBe(false);
  }, 60_000);

  it('verifies an OMS-signed model folder (the model_signing layout), and names a changed file', async () => {
    const dir = path.join(tmp.dir, 'model-folder');
    fs.mkdirSync(path.join(dir, 'tok'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'model.onnx'), Buffer.from(tinyModel(8)));
    fs.writeFileSync(path.join(dir, 'tok', 'vocab.txt'), 'a\nb\n');
    const resources = await hashFolder(dir, []);
    const sig = signResources(resources, {
      modelName: 'model-folder',
      ignorePaths: [],
      privateKeyPem: fs.readFileSync(path.join(keyDir, 'preflight-signing.key.pem'), 'utf8'),
    });
    fs.writeFileSync(path.join(dir, 'model.sig'), sig);
    const pub = path.join(keyDir, 'preflight-signing.pub.pem');
    const good = await runCli(['verify', dir, '--signature', path.join(dir, 'model.sig'), '--key', pub, ...W]);
    expect(good.code, JSON.stringify(good.json)).toBe(0);
    expect(good.json).toMatchObject({ kind: 'oms-folder', ok: true, trusted: true });
    fs.appendFileSync(path.join(dir, 'tok', 'vocab.txt'), 'c\n');
    const bad = await runCli(['verify', dir, '--signature', path.join(dir, 'model.sig'), '--key', pub, ...W]);
    expect(bad.code).toBe(1);
    expect(bad.json.checks).toContainEqual(expect.objectContaining({ ok: false, file: 'tok/vocab.txt' }));
    expect((await runCli(['verify', dir, '--signature', path.join(dir, 'model.sig'), ...W])).code).toBe(2);
  }, 60_000);

  it('an export killed mid-write leaves no bundle at --out', async () => {
    const big = path.join(tmp.dir, 'big.onnx');
    fs.writeFileSync(big, Buffer.from(tinyModel(8_000_000)));
    const add = await runCli(['models', 'add', big, '--name', 'big', ...W]);
    expect(add.code, add.stderr).toBe(0);
    const dest = path.join(tmp.dir, 'killed.zip');
    const child = spawn(
      process.execPath,
      [CLI, 'export', '--model', 'big', '--reference', 'demo-training', '--out', dest, ...W],
      { cwd: ROOT, stdio: 'ignore' },
    );
    const partial = new RegExp(`^\\.killed\\.zip\\.${child.pid}\\.partial$`);
    const started = Date.now();
    while (!fs.readdirSync(tmp.dir).some((n) => partial.test(n)) && Date.now() - started < 60_000)
      await new Promise((r) => setTimeout(r, 2));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(fs.existsSync(dest)).toBe(false);
    // The next export to the same place sweeps the dead process's partial file and succeeds.
    const again = await runCli(['export', '--model', 'big', '--reference', 'demo-training', '--out', dest, ...W]);
    expect(again.code, again.stderr).toBe(0);
    expect(fs.readdirSync(tmp.dir).filter((n) => n.endsWith('.partial'))).toEqual([]);
  }, 120_000);
});

/** x[batch, 5] + b[5] → y, plus an unused initializer of `extra` floats to make the file large. */
function tinyModel(extra: number) {
  return writeOnnxModel({
    graphName: 'tiny',
    docString: '',
    metadata: {},
    initializers: [
      { name: 'b', dims: [5], values: [1, 2, 3, 4, 5] },
      { name: 'ballast', dims: [extra], values: new Array(extra).fill(0.5) },
    ],
    nodes: [{ op: 'Add', inputs: ['features', 'b'], outputs: ['y'] }],
    inputs: [{ name: 'features', dims: ['batch', 5] }],
    outputs: [{ name: 'y', dims: ['batch', 5] }],
  });
}

describe('preflight export --list after exports', () => {
  it('lists each exported bundle, newest first, with its model, reference and path', async () => {
    const r = await runCli(['export', '--list', ...W]);
    expect(r.code).toBe(0);
    expect(r.json.length).toBeGreaterThan(0);
    expect(r.json.map((b: any) => b.id)).toEqual([...r.json.map((b: any) => b.id)].sort((a, b) => b - a));
    expect(r.json.some((b: any) => b.path === bundle && b.signed)).toBe(true);
    const text = await runCli(['export', '--list', ...W], { json: false });
    expect(text.stdout).toMatch(/^ID\s+EXPORTED\s+MODEL/m);
    expect(text.stdout).toContain(bundle);
  });
});
