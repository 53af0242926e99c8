// The production-ready checklist through the CLI gate: derived from the workspace on every read,
// walked on the demo from missing to proven, attested (never proven) for retraining, and carried
// into the bundle as readiness.json and the runbook's first section.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeOnnxModel } from '../../electron/core/demo/onnx-writer';
import type { Readiness } from '../../shared/types/readiness';
import { runCli } from '../helpers/cli';
import { readZipEntries } from '../helpers/zip';
import { requireBuild, tempDir } from '../helpers/workspace';

const tmp = tempDir('preflight-ready-');
const W = ['--workspace', path.join(tmp.dir, 'ws')];
const state = (r: Readiness, id: string) => r.items.find((i) => i.id === id)!.state;

async function entry(zip: string, name: string): Promise<string> {
  const data = (await readZipEntries(zip)).get(name);
  if (!data) throw new Error(`${name} not in ${zip}`);
  return data.toString('utf8');
}

beforeAll(async () => {
  requireBuild();
  expect((await runCli(['demo', '--no-benchmark', ...W])).code).toBe(0);
}, 120_000);
afterAll(() => tmp.cleanup());

describe('preflight ready', () => {
  it('on a fresh demo: loads and drift are proven, what needs a bundle, a benchmark or a person is missing — exit 1', async () => {
    const r = await runCli(['ready', 'demo-credit-risk', ...W]);
    expect(r.code).toBe(1);
    const res = r.json as Readiness;
    expect(res.ready).toBe(false);
    expect(state(res, 'loads-pinned')).toBe('proven');
    expect(state(res, 'input-drift')).toBe('proven');
    expect(state(res, 'output-drift')).toBe('proven');
    for (const id of ['latency-target', 'contracts', 'reproducible', 'fallback', 'runbook', 'rollback', 'retraining'])
      expect(state(res, id), id).toBe('missing');
    // Every missing item says what would prove it.
    for (const i of res.items.filter((x) => x.state === 'missing'))
      expect(i.action?.command, i.id).toMatch(/^preflight /);
  });

  it('walks to proven: a benchmark with a met SLO, a bundle, a replay; retraining is attested, never proven', async () => {
    const bench = await runCli([
      'bench',
      'demo-credit-risk@1',
      '--ep',
      'cpu',
      '--batch',
      '1',
      '--iterations',
      '300',
      '--slo',
      'p99<=1000ms',
      ...W,
    ]);
    expect(bench.code, bench.stderr).toBe(0);
    const bundle = path.join(tmp.dir, 'demo.zip');
    const e = await runCli([
      'export',
      '--model',
      'demo-credit-risk@1',
      '--reference',
      'demo-training',
      '--out',
      bundle,
      '--automation-rate',
      '0.9',
      ...W,
    ]);
    expect(e.code, e.stderr).toBe(0);
    const mid = (await runCli(['ready', 'demo-credit-risk', ...W])).json as Readiness;
    for (const id of ['latency-target', 'contracts', 'fallback', 'runbook']) expect(state(mid, id), id).toBe('proven');
    expect(state(mid, 'reproducible')).toBe('missing');
    expect(mid.items.find((i) => i.id === 'reproducible')!.action!.command).toContain('--replay');
    expect((await runCli(['verify', bundle, '--replay', ...W])).code).toBe(0);
    const a = await runCli([
      'ready',
      'demo-credit-risk@1',
      '--attest',
      'retraining',
      '--by',
      'Ana',
      '--link',
      'https://ci.example/retrain',
      ...W,
    ]);
    const after = a.json as Readiness;
    expect(state(after, 'reproducible')).toBe('proven');
    expect(state(after, 'retraining')).toBe('attested');
    expect(after.items.find((i) => i.id === 'retraining')!.detail).toMatch(/Ana.*not a proof/);
    // One version, nothing to roll back to: still not ready, and the gate says so.
    expect(state(after, 'rollback')).toBe('missing');
    expect(a.code).toBe(1);
  }, 120_000);

  it('latency on a CPU run does not prove a GPU target', async () => {
    const set = await runCli(['ready', 'demo-credit-risk', '--target-ep', 'cuda', ...W]);
    expect(state(set.json, 'latency-target')).toBe('missing');
    expect(set.json.items.find((i: { id: string }) => i.id === 'latency-target').detail).toMatch(
      /measured only on cpu; the target is cuda/,
    );
    await runCli(['ready', 'demo-credit-risk', '--target-ep', 'cpu', ...W]);
  });

  it('a new version starts over, and can roll back to the previous one once its bundle is verified and named', async () => {
    const v2 = path.join(tmp.dir, 'v2.onnx');
    fs.writeFileSync(
      v2,
      Buffer.from(
        writeOnnxModel({
          graphName: 'v2',
          docString: '',
          metadata: {},
          initializers: [
            { name: 'W', dims: [5, 2], values: [0.1, -0.1, 0.2, -0.2, 0.3, -0.3, 0.01, -0.01, 0.05, -0.05] },
          ],
          nodes: [
            { op: 'MatMul', inputs: ['features', 'W'], outputs: ['logits'] },
            { op: 'Softmax', inputs: ['logits'], outputs: ['probabilities'], intAttributes: { axis: 1 } },
          ],
          inputs: [{ name: 'features', dims: ['batch', 5] }],
          outputs: [{ name: 'probabilities', dims: ['batch', 2] }],
        }),
      ),
    );
    expect((await runCli(['models', 'add', v2, '--name', 'demo-credit-risk', ...W])).code).toBe(0);
    const fresh = (await runCli(['ready', 'demo-credit-risk@2', ...W])).json as Readiness;
    expect(state(fresh, 'contracts')).toBe('missing'); // v1's bundle proves nothing about v2
    expect(state(fresh, 'retraining')).toBe('missing');
    const bundle = path.join(tmp.dir, 'v2.zip');
    expect(
      (await runCli(['export', '--model', 'demo-credit-risk@2', '--reference', 'demo-training', '--out', bundle, ...W]))
        .code,
    ).toBe(0);
    const r = (await runCli(['ready', 'demo-credit-risk@2', ...W])).json as Readiness;
    const rollback = r.items.find((i) => i.id === 'rollback')!;
    expect(rollback.state).toBe('proven');
    expect(rollback.detail).toMatch(
      /roll back to demo-credit-risk@1 \(sha256 [0-9a-f]{16}…\): its bundle exported in [\d.]+ s and verified in [\d.]+ s/,
    );
    // The bundle carries the checklist, and its runbook opens with it.
    const readiness = JSON.parse(await entry(bundle, 'readiness.json'));
    expect(readiness.model.version).toBe(2);
    expect(readiness.items.find((i: { id: string }) => i.id === 'rollback').state).toBe('proven');
    expect(readiness.items.find((i: { id: string }) => i.id === 'contracts').detail).toMatch(/this bundle/);
    const runbook = await entry(bundle, 'runbook.md');
    expect(runbook.indexOf('## Production readiness at export')).toBeGreaterThan(0);
    expect(runbook.indexOf('## Production readiness at export')).toBeLessThan(runbook.indexOf('## 0. Service facts'));
  }, 120_000);

  it('bad usage exits 2', async () => {
    expect((await runCli(['ready', 'one', 'two', ...W])).code).toBe(2);
    expect((await runCli(['ready', 'nope', ...W])).code).toBe(2);
    expect((await runCli(['ready', 'demo-credit-risk', '--attest', 'latency', '--by', 'x', ...W])).code).toBe(2);
  });
});
