// The model run over reference rows, in a child process: the golden rows (the first N complete rows,
// inputs exactly as fed, outputs exactly as onnxruntime returned them) and the confidence
// distribution of the fallback policy (a seeded sample of up to 50,000 rows, so a 1M-row reference
// costs seconds, not minutes).

import type { GoldenSet, GoldenTensor } from '../../../shared/types/bundles';
import type { InputMapping } from '../../../shared/types/drift';
import type { TensorInfo } from '../../../shared/types/models';
import type { CoreContext } from '../context';
import { PreflightError } from '../../../shared/contract/errors';
import { readSampledRows, type StoredValue } from '../datasets/columns';
import { inputNumber, inputsFromColumns } from '../drift/predictions';
import type { PredictInput, PredictOutput, PredictPayload } from '../drift/predict-child';
import type { DatasetSource } from '../drift/sources';
import type { JobContext } from '../jobs/manager';
import { runInChild } from '../jobs/run-in-child';

export const GOLDEN_TOLERANCE = { rtol: 1e-4, atol: 1e-5 };
export const FALLBACK_SAMPLE = 50_000;

export interface Scored {
  golden: GoldenSet;
  /** Outputs of the sampled rows, the dataset row index of each, and their labels when a label column was named. */
  sample: { outputs: PredictOutput[]; rowIndex: Int32Array; labels: StoredValue[] | null };
}

export async function scoreReference(
  core: CoreContext,
  modelPath: string,
  source: DatasetSource,
  inputs: TensorInfo[],
  outputs: TensorInfo[],
  mapping: InputMapping,
  goldenRows: number,
  labelColumn: string | null,
  job: JobContext,
): Promise<Scored | null> {
  const tensorOutputs = outputs.filter((o) => o.kind === 'tensor').map((o) => o.name);
  // Golden: the first complete rows, values rounded to the input's dtype so replay feeds the same bits.
  const head = readInputs(core, source, inputs, mapping, 1, Math.max(1000, goldenRows * 20), null);
  if (head.built.rows === 0) return null;
  const g = Math.min(goldenRows, head.built.rows);
  const goldenInputs = head.built.inputs.map((i) =>
    slice(
      i,
      Array.from({ length: g }, (_, k) => k),
    ),
  );
  const goldenOut = await predict(core, modelPath, goldenInputs, g, tensorOutputs, job);
  const golden: GoldenSet = {
    rows: g,
    tolerance: GOLDEN_TOLERANCE,
    inputs: Object.fromEntries(goldenInputs.map((i) => [i.name, tensorOf(i, g)])),
    outputs: Object.fromEntries(
      goldenOut.map((o) => [
        o.name,
        outputTensor(
          o,
          g,
          outputs.find((x) => x.name === o.name),
        ),
      ]),
    ),
  };

  return { golden, sample: await scoreSample(core, modelPath, source, inputs, outputs, mapping, labelColumn, job) };
}

/** The model's outputs on every k-th row of the dataset (deterministic, spread over all of it), up to FALLBACK_SAMPLE rows. */
export async function scoreSample(
  core: CoreContext,
  modelPath: string,
  source: DatasetSource,
  inputs: TensorInfo[],
  outputs: TensorInfo[],
  mapping: InputMapping,
  labelColumn: string | null,
  job: JobContext,
): Promise<Scored['sample']> {
  const tensorOutputs = outputs.filter((o) => o.kind === 'tensor').map((o) => o.name);
  const sample = readInputs(
    core,
    source,
    inputs,
    mapping,
    Math.ceil(source.rows / FALLBACK_SAMPLE),
    FALLBACK_SAMPLE,
    labelColumn,
  );
  const kept = sample.index.filter((_, k) => sample.built.keep[k]);
  const sampleOut = sample.built.rows
    ? await predict(core, modelPath, sample.built.inputs, sample.built.rows, tensorOutputs, job)
    : [];
  const labels = sample.labels ? sample.labels.filter((_, k) => sample.built.keep[k]) : null;
  return { outputs: sampleOut, rowIndex: Int32Array.from(kept), labels };
}

/** Sampled rows as model inputs (one read of the mapped columns, and of the label column if any). */
function readInputs(
  core: CoreContext,
  source: DatasetSource,
  inputs: TensorInfo[],
  mapping: InputMapping,
  step: number,
  limit: number,
  labelColumn: string | null,
) {
  const names = [...new Set(mapping.inputs.flatMap((m) => m.columns))];
  const ordinal = (name: string) => {
    const info = source.columns.find((c) => c.name === name);
    if (!info)
      throw new PreflightError(
        'BAD_ARGUMENTS',
        `${source.name} has no column "${name}" (columns: ${source.columns.map((c) => c.name).join(', ')})`,
      );
    return info.ordinal;
  };
  const ordinals = names.map(ordinal);
  if (labelColumn) ordinals.push(ordinal(labelColumn));
  const { index, rows } = readSampledRows(core, source.id, ordinals, step, limit);
  const cols = new Map(names.map((name, j) => [name, Float64Array.from(rows, (r) => inputNumber(r[j]))]));
  const built = inputsFromColumns(cols, rows.length, inputs, mapping);
  return { index, built, labels: labelColumn ? rows.map((r) => r[names.length]) : null };
}

function predict(
  core: CoreContext,
  modelPath: string,
  inputs: PredictInput[],
  rows: number,
  outputs: string[],
  job: JobContext,
) {
  const payload: PredictPayload = { modelPath, rows, inputs, outputs, batchSize: 4096 };
  return runInChild<PredictOutput[]>(core.launcher, 'drift/predict', payload, {
    signal: job.signal,
    onProgress: (f, m) => job.progress(f, m),
  });
}

function slice(input: PredictInput, rows: number[]): PredictInput {
  const width = input.rowDims.reduce((a, d) => a * d, 1);
  const data = new Float64Array(rows.length * width);
  rows.forEach((r, k) => data.set(input.data.subarray(r * width, (r + 1) * width), k * width));
  if (input.type === 'float32') for (let i = 0; i < data.length; i++) data[i] = Math.fround(data[i]);
  if (input.type === 'int32' || input.type === 'int64')
    for (let i = 0; i < data.length; i++) data[i] = Math.round(data[i]);
  return { ...input, data };
}

function tensorOf(input: PredictInput, rows: number): GoldenTensor {
  return { dtype: input.type, shape: [rows, ...input.rowDims], values: Array.from(input.data) };
}

function outputTensor(o: PredictOutput, rows: number, info: TensorInfo | undefined): GoldenTensor {
  const rank = info?.shape?.length ?? 2;
  const shape = rank <= 1 && o.width === 1 ? [rows] : [rows, o.width];
  if (o.kind === 'number') return { dtype: elemName(info), shape, values: Array.from(o.numbers ?? []) };
  return { dtype: elemName(info), shape, values: o.labels ?? [] };
}

const ELEM_NAMES: Record<string, string> = {
  float: 'float32',
  double: 'float64',
  float16: 'float16',
  int64: 'int64',
  int32: 'int32',
  string: 'string',
  bool: 'bool',
};
function elemName(info: TensorInfo | undefined): string {
  return ELEM_NAMES[info?.elemType ?? ''] ?? info?.elemType ?? 'float32';
}
