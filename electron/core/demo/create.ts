import fs from 'node:fs';
import path from 'node:path';
import { PreflightError } from '../../../shared/contract/errors';
import type { ArgsOf, JobMethodName, ParsedArgsOf, ResultOf } from '../../../shared/contract/methods';
import type { DemoResult } from '../../../shared/types/demo';
import type { CoreContext } from '../context';
import type { JobContext } from '../jobs/manager';
import { DEMO_FEATURES, productionCsv, trainingCsv } from './data';
import { demoModelBytes } from './model';

const MODEL = 'demo-credit-risk';
const REFERENCE = 'demo-training';
const CURRENT = 'demo-production';

/**
 * demo/create: the same steps a newcomer would take, through the core's own contract (`invoke`) —
 * register a model, import two datasets, run drift with time windows and prediction drift, run a
 * short benchmark — so each step's arguments are validated, its progress shows in the demo's bar,
 * a cancel stops it and the audit trail records it, exactly as if the user had called it.
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

  // The demo's files stay in the workspace's demo/ folder: the datasets' and the model's source paths
  // are files a newcomer can open, import again or validate against a bundle.
  const dir = path.join(core.workspace.dir, 'demo');
  const files = {
    model: path.join(dir, `${MODEL}.onnx`),
    reference: path.join(dir, `${REFERENCE}.csv`),
    current: path.join(dir, `${CURRENT}.csv`),
  };
  // What the demo has made so far, as the calls that take it away again: a failed or cancelled demo
  // leaves the workspace as it found it, so the next try is not refused as "already here".
  const made: Undo[] = [];
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(files.model, demoModelBytes());
    fs.writeFileSync(files.reference, trainingCsv());
    fs.writeFileSync(files.current, productionCsv());

    const steps = args.benchmark ? 5 : 4;
    let step = 0;
    /** One step of the demo: a contract call whose progress fills its share of the demo's bar. */
    const run = <M extends JobMethodName>(method: M, stepArgs: ArgsOf<M>, label: string): Promise<ResultOf<M>> => {
      const at = step++;
      job.progress(at / steps, label);
      return core.invoke(method, stepArgs, {
        signal: job.signal,
        throwIfCancelled: job.throwIfCancelled,
        progress: (fraction, message, data) =>
          job.progress((at + (fraction ?? 0)) / steps, `${label}: ${message}`, data),
      });
    };

    const model = await run('models/add', { path: files.model, name: MODEL }, 'registering the demo model');
    made.push((j) => core.invoke('models/remove', { ref: `${MODEL}@${model.version}`, force: true }, j));
    await run('datasets/add', { path: files.reference, name: REFERENCE }, 'importing training data');
    made.push((j) => core.invoke('datasets/remove', { ref: REFERENCE }, j));
    await run('datasets/add', { path: files.current, name: CURRENT }, 'importing production data');
    made.push((j) => core.invoke('datasets/remove', { ref: CURRENT }, j));
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
    );
    let benchRunId: number | null = null;
    if (args.benchmark) {
      const bench = await run(
        'bench/start',
        { model: `${MODEL}@${model.version}`, eps: ['cpu'], batchSizes: [1, 32], iterations: 2000, warmup: 100 },
        'benchmarking on CPU',
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
      folder: dir,
    };
  } catch (err) {
    await undo(made);
    for (const file of Object.values(files)) fs.rmSync(file, { force: true });
    try {
      fs.rmdirSync(dir);
    } catch {
      /* not empty: what else is there is the user's */
    }
    throw err;
  }
}

type Undo = (job: JobContext) => Promise<unknown>;

/**
 * Takes back what a failed demo made, newest first, through the contract (so the audit trail shows
 * it); best effort. The model's removal takes the demo's drift report and benchmark run with it.
 */
async function undo(made: Undo[]): Promise<void> {
  // The demo's own job may be the cancelled one: the removals run under a job of their own.
  const cleanup: JobContext = { signal: new AbortController().signal, progress: () => {}, throwIfCancelled: () => {} };
  for (const step of made.reverse()) await step(cleanup).catch(() => undefined);
}
