import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JobProgress } from '../../shared/contract/events';
import { productionCsv, trainingCsv } from '../../electron/core/demo/data';
import { useInProcessCore } from '../helpers/core';

const ws = useInProcessCore();

describe('the first-run demo', () => {
  it('generates the same data every time (seeded)', () => {
    expect(trainingCsv(200)).toBe(trainingCsv(200));
    expect(productionCsv(200)).not.toBe(trainingCsv(200));
  });

  it('cancelled halfway, takes back what it made: the workspace is as it was and the demo can be tried again', async () => {
    const client = ws.client();
    const stop = new AbortController();
    const seen: string[] = [];
    const run = client.run(
      'demo/create',
      { benchmark: true },
      {
        signal: stop.signal,
        // Cancel as soon as the model is registered (the first word from a later step).
        onProgress: (p) => {
          seen.push(p.message);
          if (!p.message.startsWith('registering the demo model')) stop.abort();
        },
      },
    );
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(seen.some((m) => m.startsWith('registering the demo model'))).toBe(true);
    expect(await client.call('models/list', {})).toEqual([]);
    expect(await client.call('datasets/list', {})).toEqual([]);
    expect(fs.existsSync(path.join(ws.dir, 'demo'))).toBe(false);
    // The steps went through the contract: the audit trail has the model's registration and its removal.
    const audited = (await client.call('audit/list', {})).map((e) => `${e.method} ${e.outcome}`);
    expect(audited).toEqual(expect.arrayContaining(['models/add ok', 'models/remove ok', 'demo/create CANCELLED']));
  });

  it('builds a model, two datasets, a drift report in which drift builds up week by week, and a benchmark', async () => {
    const client = ws.client();
    const progress: JobProgress[] = [];
    const demo = await client.run('demo/create', { benchmark: true }, { onProgress: (p) => progress.push(p) });
    // Each step reports its own progress inside the demo's bar, which only moves forward.
    const fractions = progress.map((p) => p.fraction ?? 0);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    for (const label of [
      'importing production data: ',
      'comparing production with training: ',
      'benchmarking on CPU: ',
    ])
      expect(
        progress.some((p) => p.message.startsWith(label)),
        label,
      ).toBe(true);
    const audited = (await client.call('audit/list', { outcome: 'ok' })).map((e) => e.method);
    expect(audited.slice(0, 6).reverse()).toEqual([
      'models/add',
      'datasets/add',
      'datasets/add',
      'drift/run',
      'bench/start',
      'demo/create',
    ]);
    const model = await client.call('models/show', { ref: `${demo.model.name}@${demo.model.version}` });
    expect(model.loadCheck.loadable).toBe(true);
    expect(model.metadata.inputs[0]).toMatchObject({ name: 'features', shape: [{ param: 'batch' }, { value: 5 }] });

    const report = await client.call('drift/show', { id: demo.driftReportId });
    const drifted = new Set(report.features.filter((f) => f.drifted).map((f) => f.name));
    // Planted: utilization and income move, a new region appears, employment mix shifts; age and credit score do not.
    expect([...drifted]).toEqual(expect.arrayContaining(['utilization', 'income_k', 'region']));
    expect(drifted.has('age')).toBe(false);
    expect(drifted.has('credit_score')).toBe(false);
    expect(report.predictions).not.toBeNull();
    expect(report.windows).not.toBeNull();

    // The files the datasets came from stay in the workspace: their source paths can be opened.
    expect(demo.folder).toBe(path.join(ws.dir, 'demo'));
    for (const name of [demo.reference, demo.current]) {
      const d = await client.call('datasets/show', { ref: name });
      expect(d.sourcePath).toBe(path.join(demo.folder, `${name}.csv`));
      expect(fs.readFileSync(d.sourcePath, 'utf8').split('\n').length - 2).toBe(d.rows);
    }
    expect(fs.existsSync(path.join(demo.folder, `${demo.model.name}.onnx`))).toBe(true);

    const bench = await client.call('bench/show', { runId: demo.benchRunId! });
    expect(bench.results.map((r) => r.batchSize)).toEqual([1, 32]);
    expect(bench.results.every((r) => r.ep === 'cpu')).toBe(true);
  });

  it('refuses to build a second demo over the first', async () => {
    const client = ws.client();
    await expect(client.run('demo/create', { benchmark: false })).rejects.toThrow(/already here/);
  });
});
