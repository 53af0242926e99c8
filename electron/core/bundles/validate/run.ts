// bundles/validate: a production batch against a bundle's contract, using only what the bundle holds.
// The batch is imported like any dataset (streamed, typed, profiled) and taken back out afterwards;
// drift goes through profile-mode `drift/run` with the bundle's reference profile and thresholds, so
// its numbers are exactly those of `preflight drift --mode profile` on the same data.

import fs from 'node:fs';
import { PreflightError } from '../../../../shared/contract/errors';
import type { ParsedArgsOf } from '../../../../shared/contract/methods';
import { decodeProfile } from '../../../../shared/math/drift-profile/index';
import { defaultDatasetName } from '../../../../shared/naming/index';
import type { ValidateCheck, ValidateResult } from '../../../../shared/types/bundles';
import type { DatasetDetail } from '../../../../shared/types/datasets';
import type { DatasetDriftProfile, DriftReport } from '../../../../shared/types/drift';
import type { CoreContext } from '../../context';
import { readColumnValues } from '../../datasets/columns';
import { toNumber } from '../../datasets/values';
import { subJob } from '../../drift/job-util';
import type { JobContext } from '../../jobs/manager';
import { readOnnxMetadata } from '../../models/onnx/index';
import { scoreSample } from '../score';
import { driftChecks } from './drift-checks';
import { comparePredictions, fallbackCheck, scoreSignals } from './prediction-checks';
import { readBundleForValidate, type ValidateBundle } from './read-bundle';
import { writeValidateReport } from './report';
import { schemaChecks, type Unreadable } from './schema-checks';

type Args = ParsedArgsOf<'bundles/validate'>;

export async function validateBatch(core: CoreContext, args: Args, job: JobContext): Promise<ValidateResult> {
  const started = performance.now();
  job.progress(0, 'reading the bundle');
  const bundle = await readBundleForValidate(args.bundle, !args.predictions, job.signal);
  try {
    const { contract } = bundle;
    let reference: DatasetDriftProfile;
    try {
      reference = decodeProfile(bundle.profileJson);
    } catch (err) {
      throw new PreflightError(
        'INVALID_INPUT',
        `${args.bundle}: reference/profile.json is not a readable profile: ${(err as Error).message}`,
      );
    }
    const { dataset, file } = await batchDataset(core, args, job);
    try {
      const checks: ValidateCheck[] = [];
      const schema = schemaChecks(contract.features, reference, dataset.columnInfo, dataset.rows, (c) =>
        unreadable(core, dataset, c.ordinal, c.name),
      );
      checks.push(...schema.checks);
      if (args.timeColumn && !dataset.columnInfo.some((c) => c.name === args.timeColumn)) {
        throw new PreflightError(
          'BAD_ARGUMENTS',
          `--time-column ${args.timeColumn}: the batch has no such column (columns: ${dataset.columnInfo.map((c) => c.name).join(', ')})`,
        );
      }

      job.progress(0.4, 'comparing with the reference profile');
      const refName = `${contract.reference.dataset}.bundle-${contract.reference.profileSha256.slice(0, 12)}`;
      await core.invoke('drift/profile-import', { name: refName, json: bundle.profileJson }, job);
      const driftable = schema.comparable.filter((f) => f.drift && f.name !== args.timeColumn);
      let drift: DriftReport | null = null;
      if (driftable.length) {
        drift = await core.invoke(
          'drift/run',
          {
            reference: refName,
            current: dataset.name,
            mode: 'profile',
            columns: driftable.map((f) => f.name),
            features: Object.fromEntries(
              driftable.map((f) => [f.name, { test: f.drift!.test, threshold: f.drift!.threshold }]),
            ),
            datasetDriftShare: contract.datasetDriftShare,
            timeColumn: args.timeColumn,
            window: args.window,
            store: false,
          },
          subJob(job, 0.4, 0.8, 'drift: '),
        );
        checks.push(...driftChecks(drift, schema.comparable));
      }

      job.progress(0.8, 'predictions and the fallback rate');
      const pred = await predictionChecks(core, args, bundle, dataset, subJob(job, 0.8, 0.95, 'predictions: '));
      checks.push(...pred.checks);

      const broken = checks.filter((c) => !c.ok).length;
      const result: ValidateResult = {
        bundle: { path: args.bundle, model: contract.model, reference: contract.reference.dataset },
        data: { name: dataset.name, rows: dataset.rows, file },
        ok: broken === 0,
        broken,
        checks,
        drift,
        predictions: pred.how,
        fallback: pred.fallback,
        report: null,
        seconds: 0,
      };
      result.seconds = (performance.now() - started) / 1000;
      if (args.report !== undefined) result.report = await writeValidateReport(core, result, args.report);
      job.progress(1, broken ? `${broken} rule(s) broken` : 'the batch honours the contract');
      return result;
    } finally {
      if (file && !args.keepData)
        await core.invoke('datasets/remove', { ref: dataset.name }, job).catch(() => undefined);
    }
  } finally {
    bundle.cleanup();
  }
}

/** The batch: a file imported now under a fresh name, or a dataset of this workspace. */
async function batchDataset(
  core: CoreContext,
  args: Args,
  job: JobContext,
): Promise<{ dataset: DatasetDetail; file: string | null }> {
  if (fs.existsSync(args.data)) {
    if (!fs.statSync(args.data).isFile())
      throw new PreflightError('INVALID_INPUT', `--data ${args.data} is a folder, not a data file`);
    const name = `${defaultDatasetName(args.data).slice(0, 80)}.validate-${Date.now().toString(36)}`;
    const dataset = await core.invoke(
      'datasets/add',
      { path: args.data, name },
      subJob(job, 0.05, 0.4, 'importing the batch: '),
    );
    return { dataset, file: args.data };
  }
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(args.data) || /\.(csv|tsv|parquet|jsonl|json|txt)$/i.test(args.data)) {
    throw new PreflightError('INVALID_INPUT', `--data ${args.data}: no such file`);
  }
  return { dataset: await core.invoke('datasets/show', { ref: args.data }, job), file: null };
}

/** Values of a column that cannot be read as a number (for a feature the contract says is numeric). */
function unreadable(core: CoreContext, dataset: DatasetDetail, ordinal: number, _name: string): Unreadable {
  const values = readColumnValues(core, dataset.id, ordinal);
  const out: Unreadable = { count: 0, rows: [], examples: [] };
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || typeof v === 'number' || typeof toNumber(v) === 'number') continue;
    out.count++;
    if (out.rows.length < 5) {
      out.rows.push(i + 1);
      out.examples.push(String(v).slice(0, 40));
    }
  }
  return out;
}

async function predictionChecks(
  core: CoreContext,
  args: Args,
  bundle: ValidateBundle,
  dataset: DatasetDetail,
  job: JobContext,
) {
  const none = (reason: string) => ({
    checks: [] as ValidateCheck[],
    how: { how: 'none' as const, columns: [], reason },
    fallback: null,
  });
  if (!bundle.predictionsJson) return none('the bundle has no reference outputs (reference/predictions.json)');
  const reference = decodeProfile(bundle.predictionsJson);
  if (args.predictions) return loggedPredictions(core, args.predictions, bundle, reference, dataset);
  const mapping = bundle.contract.mapping;
  if (!mapping || !bundle.modelPath)
    return none('no --predictions given, and the bundle has no column mapping to run its model');
  const missing = mapping.flatMap((m) => m.columns).filter((c) => !dataset.columnInfo.some((x) => x.name === c));
  if (missing.length)
    return none(`no --predictions given, and the model cannot run on the batch: it lacks ${missing.join(', ')}`);
  const meta = await readOnnxMetadata(bundle.modelPath);
  const source = {
    id: dataset.id,
    name: dataset.name,
    rows: dataset.rows,
    columns: dataset.columnInfo,
    importedFrom: null,
    importedNow: false,
  };
  const sample = await scoreSample(
    core,
    bundle.modelPath,
    source,
    meta.inputs,
    meta.outputs,
    { inputs: mapping, how: 'given' },
    null,
    job,
  );
  const checks = comparePredictions(reference, sample.outputs);
  const policy = bundle.fallback?.policy;
  const out = policy ? sample.outputs.find((o) => o.name === policy.output) : undefined;
  const fb = fallbackCheck(bundle.fallback, out?.numbers ?? null, out?.width ?? 1);
  if (fb.check) checks.push(fb.check);
  return {
    checks,
    how: {
      how: 'model' as const,
      columns: [],
      reason: `the bundle's model was run on ${sample.rowIndex.length} rows of the batch`,
    },
    fallback: fb.summary,
  };
}

/** Logged outputs: --predictions COL… map, in order, to the bundle's numeric output signals. */
async function loggedPredictions(
  core: CoreContext,
  columns: string[],
  bundle: ValidateBundle,
  reference: DatasetDriftProfile,
  dataset: DatasetDetail,
) {
  const signals = scoreSignals(bundle.predictionsJson);
  if (columns.length !== signals.length) {
    throw new PreflightError(
      'BAD_ARGUMENTS',
      `--predictions: give ${signals.length} column(s), one per output signal of the bundle, in this order: ${signals.join(', ')}`,
    );
  }
  const infos = columns.map((c) => {
    const info = dataset.columnInfo.find((x) => x.name === c);
    if (!info)
      throw new PreflightError(
        'BAD_ARGUMENTS',
        `--predictions: the batch has no column "${c}" (columns: ${dataset.columnInfo.map((x) => x.name).join(', ')})`,
      );
    return info;
  });
  const values = infos.map((info) =>
    Float64Array.from(readColumnValues(core, dataset.id, info.ordinal), (v) => (typeof v === 'number' ? v : NaN)),
  );
  // Rebuild the outputs as the model would have returned them (row-major per output), then compare.
  const byOutput = new Map<string, number[]>();
  signals.forEach((s, i) => {
    const base = s.replace(/\[\d+\]$/, '');
    byOutput.set(base, [...(byOutput.get(base) ?? []), i]);
  });
  const n = dataset.rows;
  const outputs = [...byOutput].map(([name, idx]) => {
    const numbers = new Float64Array(n * idx.length);
    let rows = 0;
    for (let r = 0; r < n; r++) {
      if (!idx.every((k) => Number.isFinite(values[k][r]))) continue;
      idx.forEach((k, j) => (numbers[rows * idx.length + j] = values[k][r]));
      rows++;
    }
    return {
      name,
      width: idx.length,
      kind: 'number' as const,
      numbers: numbers.subarray(0, rows * idx.length),
      labels: null,
    };
  });
  const checks = comparePredictions(reference, outputs);
  const policy = bundle.fallback?.policy;
  const out = policy ? outputs.find((o) => o.name === policy.output) : undefined;
  const fb = fallbackCheck(bundle.fallback, out?.numbers ?? null, out?.width ?? 1);
  if (fb.check) checks.push(fb.check);
  return { checks, how: { how: 'logged' as const, columns, reason: null }, fallback: fb.summary };
}
