import fs from 'node:fs';
import path from 'node:path';
import { PreflightError } from '../../../shared/contract/errors';
import { methods, type JobMethodName, type ParsedArgsOf, type ResultOf } from '../../../shared/contract/methods';
import type { DemoResult } from '../../../shared/types/demo';
import { benchHandlers } from '../bench/handlers';
import type { CoreContext } from '../context';
import { datasetHandlers } from '../datasets/handlers';
import { driftHandlers } from '../drift/handlers';
import type { JobContext } from '../jobs/manager';
import { modelHandlers } from '../models/handlers';
import { DEMO_FEATURES, productionCsv, trainingCsv } from './data';
import { demoModelBytes } from './model';

const MODEL = 'demo-credit-risk';
const REFERENCE = 'demo-training';
const CURRENT = 'demo-production';

/**
 * demo/create: the same steps a newcomer would take, through the same handlers — register a model,
 * import two datasets, run drift with time windows and prediction drift, run a short benchmark.
 */
export async function createDemo(
  core: CoreContext,
  args: ParsedArgsOf<'demo/create'>,
  job: JobContext,
): Promise<DemoResult> {
  const taken = [
    core.queries.models.get(MODEL) && `model ${MODEL}`,
    core.queries.datasets.byName(REFERENCE) && `dataset ${REFERENCE}`,
    core.queries.datasets.byName(CURRENT) && `dataset ${CURRENT}`,
  ].filter(Boolean);
  if (taken.length)
    throw new PreflightError(
      'BAD_ARGUMENTS',
      `the demo is already here (${taken.join(', ')}); open it from the Models, Datasets and Drift screens`,
    );

  const dir = fs.mkdtempSync(path.join(core.workspace.tmpDir, `demo-${process.pid}-`));
  try {
    const files = {
      model: path.join(dir, `${MODEL}.onnx`),
      reference: path.join(dir, `${REFERENCE}.csv`),
      current: path.join(dir, `${CURRENT}.csv`),
    };
    fs.writeFileSync(files.model, demoModelBytes());
    fs.writeFileSync(files.reference, trainingCsv());
    fs.writeFileSync(files.current, productionCsv());

    const steps = args.benchmark ? 5 : 4;
    let step = 0;
    const run = async <M extends JobMethodName>(
      method: M,
      raw: unknown,
      label: string,
      handler: (c: CoreContext, a: ParsedArgsOf<M>, j: JobContext) => unknown,
    ): Promise<ResultOf<M>> => {
      job.throwIfCancelled();
      const at = step++;
      job.progress(at / steps, label);
      const parsed = methods[method].args.parse(raw) as ParsedArgsOf<M>;
      const sub: JobContext = {
        signal: job.signal,
        throwIfCancelled: job.throwIfCancelled,
        progress: (fraction, message, data) =>
          job.progress((at + (fraction ?? 0)) / steps, `${label}: ${message}`, data),
      };
      return (await handler(core, parsed, sub)) as ResultOf<M>;
    };

    const model = await run(
      'models/add',
      { path: files.model, name: MODEL },
      'registering the demo model',
      modelHandlers['models/add'],
    );
    await run(
      'datasets/add',
      { path: files.reference, name: REFERENCE },
      'importing training data',
      datasetHandlers['datasets/add'],
    );
    await run(
      'datasets/add',
      { path: files.current, name: CURRENT },
      'importing production data',
      datasetHandlers['datasets/add'],
    );
    const report = await run(
      'drift/run',
      {
        reference: REFERENCE,
        current: CURRENT,
        timeColumn: 'event_time',
        window: 'week',
        model: `${MODEL}@${model.version}`,
        mapping: [{ input: 'features', columns: [...DEMO_FEATURES] }],
        columns: [...DEMO_FEATURES, 'region', 'employment', 'has_mortgage'],
      },
      'comparing production with training',
      driftHandlers['drift/run'],
    );
    let benchRunId: number | null = null;
    if (args.benchmark) {
      const bench = await run(
        'bench/start',
        { model: `${MODEL}@${model.version}`, eps: ['cpu'], batchSizes: [1, 32], iterations: 2000, warmup: 100 },
        'benchmarking on CPU',
        benchHandlers['bench/start'],
      );
      benchRunId = bench.runId;
    }
    job.progress(1, 'demo ready');
    return {
      model: { name: model.name, version: model.version },
      reference: REFERENCE,
      current: CURRENT,
      driftReportId: report.id,
      benchRunId,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
