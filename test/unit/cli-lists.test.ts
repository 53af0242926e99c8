// Capabilities the app had and the CLI lacked: the readiness of every model version at once, and which
// execution providers can run a model on this machine (with onnxruntime's own words on request).
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { MODELS, requireBuild, tempDir } from '../helpers/workspace';

requireBuild();
const tmp = tempDir('preflight-cli-lists-');
afterAll(() => tmp.cleanup());
const W = ['--workspace', tmp.dir];

describe('preflight ready (no model): every model version, one line each', () => {
  it('says how to start on an empty workspace, then lists each version with what is missing (exit 0)', async () => {
    const empty = await runCli(['ready', ...W], { json: false });
    expect(empty.code).toBe(0);
    expect(empty.stdout).toMatch(/no models yet: preflight models add FILE\.onnx/);
    for (const m of ['tiny_mlp', 'small_cnn'])
      expect((await runCli(['models', 'add', path.join(MODELS, `${m}.onnx`), ...W])).code).toBe(0);
    const listed = await runCli(['ready', ...W]);
    expect(listed.code).toBe(0);
    expect(listed.json.map((r: any) => `${r.model.name}@${r.model.version}`).sort()).toEqual([
      'small_cnn@1',
      'tiny_mlp@1',
    ]);
    const shown = await runCli(['ready', 'tiny_mlp', ...W]);
    const missing = shown.json.items.filter((i: any) => i.state === 'missing').length;
    expect(missing).toBeGreaterThan(0);
    const text = await runCli(['ready', ...W], { json: false });
    expect(text.stdout).toMatch(new RegExp(`tiny_mlp@1\\s+NOT READY \\(${missing} missing\\)`));
  });
});

describe('preflight bench MODEL --providers', () => {
  it('probes every provider: CPU runs, the others say why not in one line, --verbose adds onnxruntime’s words', async () => {
    const r = await runCli(['bench', 'tiny_mlp', '--providers', ...W]);
    expect(r.code).toBe(0);
    const cpu = r.json.find((p: any) => p.name === 'cpu');
    expect(cpu).toMatchObject({ available: true, reason: null });
    const others = r.json.filter((p: any) => !p.available);
    for (const p of others) expect(p.reason).toEqual(expect.any(String));
    const text = await runCli(['bench', 'tiny_mlp', '--providers', ...W], { json: false });
    expect(text.stdout).toMatch(/^cpu\s+available$/m);
    for (const p of others) expect(text.stdout).toMatch(new RegExp(`^${p.name}\\s+unavailable: `, 'm'));
    expect(text.stdout).not.toMatch(/onnxruntime said/);
    const verbose = await runCli(['bench', 'tiny_mlp', '--providers', '--verbose', ...W], { json: false });
    for (const p of others) expect(verbose.stdout).toContain(`onnxruntime said: ${p.reason.split('\n')[0]}`);
  });

  it('needs one model (exit 2)', async () => {
    const r = await runCli(['bench', '--providers', ...W], { json: false });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bench --providers: give one model/);
  });
});
