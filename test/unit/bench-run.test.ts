import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/api';
import { inProcessTransport } from '../../electron/core/in-process';
import { createClient, type Client } from '../../shared/client';
import { summarizeLatencies } from '../../shared/math/latency/index';
import { MODELS, requireBuild, tempDir } from '../helpers/workspace';

// Real benchmarks through the core (children from dist/node/child.mjs), kept to a few hundred
// iterations of tiny fixtures so CI's two cores finish quickly.
let ws: ReturnType<typeof tempDir>;
let core: Core;
let client: Client;
const model = (name: string) => path.join(MODELS, `${name}.onnx`);

beforeAll(() => {
  requireBuild();
  ws = tempDir();
  core = createCore({ workspaceDir: ws.dir });
  client = createClient(inProcessTransport(core));
});
afterAll(async () => {
  await core?.close();
  ws?.cleanup();
});

describe('bench/start', () => {
  it('benchmarks CPU, reports an EP without an adapter as unavailable with its reason, and never falls back', async () => {
    const progress: unknown[] = [];
    const run = await client.run(
      'bench/start',
      { model: model('tiny_mlp'), eps: ['cpu', 'webgpu'], batchSizes: [1, 8], iterations: 300, warmup: 10 },
      { onProgress: (p) => progress.push(p) },
    );
    expect(run.providers.find((p) => p.name === 'cpu')).toEqual({
      name: 'cpu',
      available: true,
      reason: null,
      summary: null,
    });
    const cpu = run.results.filter((r) => r.ep === 'cpu');
    expect(cpu.map((r) => [r.batchSize, r.iterations, r.error])).toEqual([
      [1, 300, null],
      [8, 300, null],
    ]);
    for (const r of cpu) {
      expect(r.latencyMs!.min).toBeGreaterThan(0);
      expect(r.latencyMs!.p50).toBeLessThanOrEqual(r.latencyMs!.p99);
      expect(r.throughput!.itemsPerSec).toBeCloseTo(r.throughput!.inferencesPerSec * r.batchSize, 6);
      expect(r.sessionCreateMs).toBeGreaterThan(0);
      expect(r.firstRunMs).toBeGreaterThan(0);
      expect(r.peakRssBytes).toBeGreaterThan(10_000_000);
      expect(r.percentileMethod).toMatch(/nearest-rank/);
      expect(r.warnings.join('\n')).toMatch(/p99\.9 from 300 samples is the maximum/);
      expect(r.sessionOptions).toMatchObject({ executionProviders: ['cpu'] });
    }
    expect(cpu[1].inputs).toEqual([
      {
        name: 'x',
        dtype: 'float32',
        shape: [8, 4],
        source: 'random uniform [-1, 1), seed 1',
        declared: '[N,4]',
        assumed: [],
      },
    ]);
    expect(cpu[1].inputShapes).toEqual({ x: 'float32[8,4]' });
    expect(cpu[1].inputsAssumed).toBeNull();
    const webgpu = run.providers.find((p) => p.name === 'webgpu')!;
    const gpuPoints = run.results.filter((r) => r.ep === 'webgpu');
    expect(gpuPoints).toHaveLength(2);
    if (!webgpu.available) {
      expect(webgpu.reason).toBeTruthy();
      for (const r of gpuPoints)
        expect(r).toMatchObject({ latencyMs: null, error: expect.stringContaining(webgpu.reason!.slice(0, 40)) });
    }
    expect(run.environment).toMatchObject({
      platform: process.platform,
      cores: expect.any(Number),
      ortVersion: expect.stringMatching(/^1\./),
    });
    expect(progress.some((p) => typeof (p as { data?: { iterations?: number } }).data?.iterations === 'number')).toBe(
      true,
    );
  });

  it('the stored percentiles equal those recomputed from the stored raw latencies', async () => {
    const [latest] = await client.call('bench/list', {});
    const run = await client.call('bench/show', { runId: latest.runId });
    for (const point of run.results.filter((r) => r.latencyMs)) {
      const raw = await client.call('bench/latencies', { runId: run.runId, point: point.index });
      expect(raw.latenciesMs).toHaveLength(point.iterations);
      const { n: _n, ...again } = summarizeLatencies(raw.latenciesMs);
      expect(again).toEqual(point.latencyMs);
    }
  });

  it('stability mode stops when the last three windows agree; duration mode runs for the time asked', async () => {
    const stable = await client.run('bench/start', {
      model: 'tiny_mlp',
      stability: { windowIterations: 100, tolerance: 1, maxIterations: 5000 },
      warmup: 10,
    });
    const point = stable.results[0];
    expect(point.windowP50s.length).toBeGreaterThanOrEqual(3);
    expect(point.iterations).toBe(point.windowP50s.length * 100);
    expect(point.warnings.join()).not.toMatch(/unstable/);
    const timed = await client.run('bench/start', { model: 'tiny_mlp', durationSec: 0.3, warmup: 0 });
    expect(timed.results[0].iterations).toBeGreaterThan(100);
    expect(timed.settings).toMatchObject({ durationSec: 0.3, iterations: null });
  });

  it('runs one benchmark at a time: a second waits for the first', async () => {
    const [a, b] = await Promise.all([
      client.run('bench/start', { model: 'tiny_mlp', iterations: 200, warmup: 0 }),
      client.run('bench/start', { model: 'tiny_mlp', iterations: 200, warmup: 0 }),
    ]);
    const [first, second] = a.runId < b.runId ? [a, b] : [b, a];
    expect(second.startedAt >= first.finishedAt).toBe(true);
  });

  it('thins raw latencies for charts on request, keeping their order', async () => {
    const [latest] = await client.call('bench/list', {});
    const all = await client.call('bench/latencies', { runId: latest.runId });
    const thin = await client.call('bench/latencies', { runId: latest.runId, maxSamples: 100 });
    expect(thin).toMatchObject({ total: 200, stride: 2 });
    expect(thin.latenciesMs).toEqual(all.latenciesMs.filter((_, i) => i % 2 === 0));
  });

  it('runs N concurrent workers, each with its own session', async () => {
    const run = await client.run('bench/start', {
      model: model('tiny_mlp'),
      concurrency: [2],
      iterations: 200,
      warmup: 5,
    });
    expect(run.results[0]).toMatchObject({ concurrency: 2, iterations: 200, error: null });
  });

  it('feeds every dtype, scalars and float16, and times only tensor outputs with a warning', async () => {
    for (const name of ['multi_dtype', 'scalar_int64', 'float16']) {
      const run = await client.run('bench/start', { model: model(name), iterations: 50, warmup: 2 });
      expect(run.results[0].error, name).toBeNull();
    }
    const sk = await client.run('bench/start', {
      model: model('sklearn_like'),
      batchSizes: [4],
      iterations: 50,
      warmup: 2,
    });
    expect(sk.results[0].error).toBeNull();
    expect(sk.results[0].warnings.join()).toMatch(
      /non-tensor outputs output_probability .* timed on output_label only/,
    );
  });

  it('a batch size the model cannot take fails that point with a reason, the others still run', async () => {
    const run = await client.run('bench/start', {
      model: model('small_cnn'),
      batchSizes: [1, 4],
      iterations: 20,
      warmup: 1,
    });
    expect(run.results[0].error).toBeNull();
    expect(run.results[1].error).toMatch(/batch size 4 cannot be fed/);
  });

  it('feeds rows of an imported dataset, cycling batches, and says which columns fed which input', async () => {
    const csv = path.join(ws.dir, 'rows.csv');
    fs.writeFileSync(
      csv,
      ['id,a,b,c,d,label', ...Array.from({ length: 40 }, (_, i) => `${i},${i / 10},0.5,${-i},1e-3,x`)].join('\n'),
    );
    await client.run('datasets/add', { path: csv, name: 'rows' });
    const run = await client.run('bench/start', {
      model: 'tiny_mlp',
      batchSizes: [8, 64],
      iterations: 50,
      warmup: 1,
      data: { dataset: 'rows', columns: ['a', 'b', 'c', 'd'] },
    });
    expect(run.settings.data).toEqual({ dataset: 'rows', columns: ['a', 'b', 'c', 'd'], inputs: null });
    expect(run.results[0].inputs[0]).toMatchObject({
      name: 'x',
      shape: [8, 4],
      source: 'dataset rows, columns a, b, c, d (5 batches cycled)',
    });
    expect(run.results[0]).toMatchObject({
      error: null,
      inputSource: 'dataset rows: 5 batches of 8 rows cycled; x ← a, b, c, d',
    });
    expect(run.results[1].error).toMatch(/has 40 rows, fewer than the batch size 64/);
    await expect(
      client.run('bench/start', { model: 'tiny_mlp', data: { dataset: 'rows', columns: ['a', 'nope'] } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(client.run('bench/start', { model: 'tiny_mlp', data: { dataset: 'missing' } })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const wrongWidth = await client.run('bench/start', {
      model: 'tiny_mlp',
      iterations: 10,
      data: { dataset: 'rows', columns: ['label', 'a', 'b'] },
    });
    expect(wrongWidth.results[0].error).toMatch(/take 4 values per row but only 3 usable columns/);
  });

  it('mixes value sources per input: one input from a dataset column, one constant, the rest seeded random', async () => {
    // multi_dtype: a float[B,3], ids int64[B], mask bool[B], h float16[B,3]; dataset "rows" from the test above.
    const run = await client.run('bench/start', {
      model: model('multi_dtype'),
      batchSizes: [4],
      iterations: 20,
      warmup: 1,
      values: { mask: 1 },
      data: { dataset: 'rows', columns: ['id'], inputs: ['ids'] },
    });
    expect(run.results[0].error).toBeNull();
    expect(run.results[0].inputs.map((i) => [i.name, i.shape, i.source])).toEqual([
      ['a', [4, 3], 'random uniform [-1, 1), seed 1'],
      ['ids', [4], 'dataset rows, column id (10 batches cycled)'],
      ['mask', [4], 'constant 1'],
      ['h', [4, 3], 'random uniform [-1, 1), seed 4'],
    ]);
    await expect(
      client.run('bench/start', {
        model: model('multi_dtype'),
        values: { mask: 1 },
        data: { dataset: 'rows', inputs: ['mask'] },
      }),
    ).rejects.toMatchObject({
      code: 'BAD_ARGUMENTS',
      message: expect.stringMatching(/mask has a constant --value and cannot also take dataset rows/),
    });
  });

  it('a cancelled run keeps nothing', async () => {
    const before = (await client.call('bench/list', {})).length;
    const controller = new AbortController();
    const pending = client.run(
      'bench/start',
      { model: model('tiny_mlp'), durationSec: 60 },
      {
        signal: controller.signal,
        onProgress: (p) => {
          if (typeof p.data?.iterations === 'number') controller.abort();
        },
      },
    );
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(await client.call('bench/list', {})).toHaveLength(before);
  });

  it('bad arguments and unknown models are clear errors', async () => {
    await expect(client.run('bench/start', { model: 'nope@3' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(client.run('bench/start', { model: 'tiny_mlp', slo: ['p99 under 20'] })).rejects.toMatchObject({
      code: 'BAD_ARGUMENTS',
    });
    await expect(
      client.run('bench/start', { model: 'tiny_mlp', iterations: 10, durationSec: 1 }),
    ).rejects.toMatchObject({ code: 'BAD_ARGUMENTS' });
  });
});

describe('comparison', () => {
  it('compares two stored points with CIs and a verdict; points that fed other shapes get no verdict', async () => {
    const a = await client.run('bench/start', { model: 'tiny_mlp', batchSizes: [1, 8], iterations: 300, warmup: 10 });
    const b = await client.run('bench/start', { model: 'tiny_mlp', batchSizes: [1], iterations: 300, warmup: 10 });
    const cmp = await client.call('bench/compare', {
      a: { runId: a.runId, point: 0 },
      b: { runId: b.runId, point: 0 },
    });
    expect(cmp.comparison.nA).toBe(300);
    expect(cmp.comparison.percentiles.map((p) => p.label)).toEqual(['p50', 'p90', 'p95', 'p99']);
    expect(cmp).toMatchObject({ comparable: true, reasons: [] });
    expect(cmp.comparison.verdict).toMatch(/B is (slower|faster)|no significant difference/);
    const other = await client.call('bench/compare', {
      a: { runId: a.runId, point: 0 },
      b: { runId: a.runId, point: 1 },
    });
    expect(other).toMatchObject({ comparable: false, reasons: ['input x is float32[1,4] in A but float32[8,4] in B'] });
    expect(other.comparison.verdict).toBe(
      'not comparable: input x is float32[1,4] in A but float32[8,4] in B — no significance verdict for this pair',
    );
    await expect(
      client.call('bench/compare', { a: { runId: a.runId, point: 9 }, b: { runId: a.runId } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('A/B interleaves two models in one process and stores the comparison', async () => {
    const run = await client.run('bench/ab', {
      a: { model: 'tiny_mlp' },
      b: { model: model('constant_weights') },
      blocks: 4,
      blockIterations: 50,
      warmup: 5,
    });
    expect(run.kind).toBe('ab');
    expect(run.results.map((r) => [r.label.slice(0, 2), r.iterations])).toEqual([
      ['A:', 200],
      ['B:', 200],
    ]);
    expect(run.comparison!.verdict).toBeTruthy();
  });
});
