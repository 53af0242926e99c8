import { describe, expect, it } from 'vitest';
import { productionCsv, trainingCsv } from '../../electron/core/demo/data';
import { useInProcessCore } from '../helpers/core';

const ws = useInProcessCore();

describe('the first-run demo', () => {
  it('generates the same data every time (seeded)', () => {
    expect(trainingCsv(200)).toBe(trainingCsv(200));
    expect(productionCsv(200)).not.toBe(trainingCsv(200));
  });

  it('builds a model, two datasets, a drift report in which drift builds up week by week, and a benchmark', async () => {
    const client = ws.client();
    const demo = await client.run('demo/create', { benchmark: true });
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

    const bench = await client.call('bench/show', { runId: demo.benchRunId! });
    expect(bench.results.map((r) => r.batchSize)).toEqual([1, 32]);
    expect(bench.results.every((r) => r.ep === 'cpu')).toBe(true);
  });

  it('refuses to build a second demo over the first', async () => {
    const client = ws.client();
    await expect(client.run('demo/create', { benchmark: false })).rejects.toThrow(/already here/);
  });
});
