// drift/* through the core in-process: cancellation leaves no report, the model-input mapping can
// be read, edited and saved, profiles are listed, errors are clear.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/api';
import { inProcessTransport } from '../../electron/core/in-process';
import { createClient, type Client } from '../../shared/client';
import { FIXTURES, MODELS, requireBuild, tempDir } from '../helpers/workspace';

let ws: ReturnType<typeof tempDir>;
let core: Core;
let client: Client;

beforeAll(async () => {
  requireBuild();
  ws = tempDir('preflight-drift-core-');
  core = createCore({ workspaceDir: ws.dir });
  client = createClient(inProcessTransport(core));
  await client.run('datasets/add', { path: path.join(FIXTURES, 'drift', 'reference.csv'), name: 'ref' });
  await client.run('datasets/add', { path: path.join(FIXTURES, 'drift', 'current.csv'), name: 'cur' });
  await client.run('models/add', { path: path.join(MODELS, 'tiny_mlp.onnx') });
});
afterAll(async () => {
  await core?.close();
  ws?.cleanup();
});

describe('drift through the core', () => {
  it('a cancelled run ends CANCELLED and stores no report', async () => {
    const controller = new AbortController();
    const run = client.run(
      'drift/run',
      { reference: 'ref', current: 'cur', timeColumn: 'ts', model: 'tiny_mlp' },
      { signal: controller.signal, onStarted: () => controller.abort() },
    );
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(await client.call('drift/list', {})).toEqual([]);
  });

  it('proposes a mapping by column order, saves an edited one, and uses it', async () => {
    const proposed = await client.call('drift/mapping', { model: 'tiny_mlp', dataset: 'ref' });
    expect(proposed.mapping).toEqual({ inputs: [{ input: 'x', columns: ['x0', 'x1', 'x2', 'x3'] }], how: 'by-order' });
    expect(proposed.inputs.map((i) => i.name)).toEqual(['x']);
    await client.call('drift/set-mapping', {
      model: 'tiny_mlp',
      inputs: [{ input: 'x', columns: ['x1', 'x0', 'x3', 'x2'] }],
    });
    const saved = await client.call('drift/mapping', { model: 'tiny_mlp', dataset: 'ref' });
    expect(saved.mapping).toEqual({ inputs: [{ input: 'x', columns: ['x1', 'x0', 'x3', 'x2'] }], how: 'saved' });
    await expect(
      client.call('drift/set-mapping', { model: 'tiny_mlp', inputs: [{ input: 'nope', columns: ['x0'] }] }),
    ).rejects.toMatchObject({ code: 'BAD_ARGUMENTS' });
    const report = await client.run('drift/run', { reference: 'ref', current: 'cur', model: 'tiny_mlp' });
    expect(report.predictions!.mapping.how).toBe('saved');
    await expect(
      client.run('drift/run', {
        reference: 'ref',
        current: 'cur',
        model: 'tiny_mlp',
        mapping: [{ input: 'x', columns: ['x0', 'city', 'x1', 'x2'] }],
      }),
    ).rejects.toMatchObject({
      code: 'BAD_ARGUMENTS',
      message: expect.stringMatching(/column "city" is categorical/),
    });
  });

  it('builds, stores and lists a profile; profile mode then needs no reference read', async () => {
    const p = await client.run('drift/profile', { dataset: 'ref', gridSize: 1000 });
    expect(p).toMatchObject({ dataset: 'ref', rows: 2000, gridSize: 1000, columns: 11 });
    expect((await client.call('drift/profiles', {})).map((x) => x.dataset)).toEqual(['ref']);
    const r = await client.run('drift/run', { reference: 'ref', current: 'cur', mode: 'profile' });
    expect(r.reference.source).toBe('profile');
    // 2,000 values > a grid of 1,000: KS/Wasserstein come from the grid, with their error bounds.
    const x0 = r.features.find((f) => f.name === 'x0')!;
    expect(x0.approximation!.ksStatistic).toBeCloseTo(1 / 1000 + 1 / 2000, 12);
    expect(r.findings.join(' ')).toMatch(/reference profile of ref from/);
  });

  it('rejects a window without a time column and unknown report ids', async () => {
    await expect(client.run('drift/run', { reference: 'ref', current: 'cur', window: 'day' })).rejects.toMatchObject({
      code: 'BAD_ARGUMENTS',
    });
    await expect(
      client.run('drift/run', { reference: 'ref', current: 'cur', timeColumn: 'nope' }),
    ).rejects.toMatchObject({ code: 'BAD_ARGUMENTS' });
    await expect(client.call('drift/show', { id: 999 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
