// Prediction drift: the model scores the reference and the current rows (in a child process, in
// batches), and the output distributions are compared with the same metrics as features: the class
// mix (argmax of a [N,C] score output, or a label output) as a categorical feature, each score
// column as a numerical one.

import { PreflightError } from '../../../shared/contract/errors';
import type { ParsedArgsOf } from '../../../shared/contract/methods';
import {
  buildCategoricalProfile,
  buildNumericProfile,
  compareCategorical,
  compareNumeric,
  datasetDrift,
} from '../../../shared/math/drift-profile/index';
import type { FeatureDrift, InputMapping, PredictionDrift } from '../../../shared/types/drift';
import type { TensorInfo } from '../../../shared/types/models';
import type { CoreContext } from '../context';
import { readColumnValues, type StoredValue } from '../datasets/columns';
import { toNumber } from '../datasets/values';
import type { JobContext } from '../jobs/manager';
import { runInChild } from '../jobs/run-in-child';
import { modelFilePath } from '../models/add';
import { resolveModel } from '../models/show';
import { subJob } from './job-util';
import { checkMapping, proposeMapping, rowWidth } from './mapping';
import type { PredictInput, PredictOutput, PredictPayload } from './predict-child';
import type { DatasetSource } from './sources';

const ELEM: Record<string, PredictInput['type']> = {
  float: 'float32',
  double: 'float64',
  int64: 'int64',
  int32: 'int32',
};
const MAX_CLASSES = 10;

export async function predictionDrift(
  core: CoreContext,
  modelRef: string,
  ref: DatasetSource,
  cur: DatasetSource,
  args: ParsedArgsOf<'drift/run'>,
  job: JobContext,
): Promise<PredictionDrift> {
  const model = resolveModel(core, modelRef);
  const inputs = model.metadata.inputs;
  let mapping: InputMapping;
  if (args.mapping) {
    checkMapping(inputs, ref.columns, args.mapping);
    mapping = { inputs: args.mapping, how: 'given' };
    core.queries.drift.saveMapping(model.name, args.mapping, new Date().toISOString());
  } else {
    const proposed = proposeMapping(inputs, ref.columns, core.queries.drift.mapping(model.name));
    if (!proposed.mapping) throw new PreflightError('BAD_ARGUMENTS', `model ${model.name}: ${proposed.problem}`);
    mapping = proposed.mapping;
  }
  checkMapping(inputs, cur.columns, mapping.inputs);
  const outputs = model.metadata.outputs.filter((o) => o.kind === 'tensor').map((o) => o.name);
  if (outputs.length === 0)
    throw new PreflightError('BAD_ARGUMENTS', `model ${model.name} has no tensor outputs to compare`);
  const path = modelFilePath(core, model.contentDigest);
  const score = async (side: DatasetSource, from: number, to: number) => {
    const built = buildInputs(core, side, inputs, mapping);
    const payload: PredictPayload = {
      modelPath: path,
      rows: built.rows,
      inputs: built.inputs,
      outputs,
      batchSize: 4096,
    };
    const sub = subJob(job, from, to, `${side.name}: `);
    const result = built.rows
      ? await runInChild<PredictOutput[]>(core.launcher, 'drift/predict', payload, {
          signal: job.signal,
          onProgress: sub.progress,
        })
      : [];
    return { rows: built.rows, skipped: built.skipped, result };
  };
  const r = await score(ref, 0, 0.5);
  const c = await score(cur, 0.5, 0.95);
  const features: FeatureDrift[] = [];
  for (const name of outputs) {
    const ro = r.result.find((o) => o.name === name);
    const co = c.result.find((o) => o.name === name);
    if (!ro || !co) continue;
    features.push(...compareOutput(ro, co));
  }
  return {
    model: `${model.name}@${model.version}`,
    mapping,
    rows: { reference: r.rows, current: c.rows },
    skipped: { reference: r.skipped, current: c.skipped },
    outputs: features,
    dataset: datasetDrift(features, args.datasetDriftShare),
  };
}

/** Row-major input arrays; rows with a missing or non-finite input value are skipped (and counted; `keep` marks the rows used). */
export function buildInputs(
  core: CoreContext,
  side: DatasetSource,
  inputs: TensorInfo[],
  mapping: InputMapping,
): { rows: number; skipped: number; inputs: PredictInput[]; keep: Uint8Array } {
  const cols = new Map<string, Float64Array>();
  for (const m of mapping.inputs) {
    for (const name of m.columns) {
      if (cols.has(name)) continue;
      const info = side.columns.find((c) => c.name === name)!;
      cols.set(name, Float64Array.from(readColumnValues(core, side.id, info.ordinal), inputNumber));
    }
  }
  return inputsFromColumns(cols, side.rows, inputs, mapping);
}

/** A stored value as a model input number (booleans 1/0; anything unreadable NaN, so its row is skipped). */
export function inputNumber(v: StoredValue): number {
  const x = typeof v === 'number' ? v : v === 'true' ? 1 : v === 'false' ? 0 : toNumber(v);
  return typeof x === 'number' ? x : NaN;
}

/** buildInputs over columns already read (name → values of `n` rows). */
export function inputsFromColumns(
  cols: Map<string, Float64Array>,
  n: number,
  inputs: TensorInfo[],
  mapping: InputMapping,
): { rows: number; skipped: number; inputs: PredictInput[]; keep: Uint8Array } {
  const keep = new Uint8Array(n).fill(1);
  for (const a of cols.values()) for (let i = 0; i < n; i++) if (!Number.isFinite(a[i])) keep[i] = 0;
  let rows = 0;
  for (let i = 0; i < n; i++) rows += keep[i];
  const out: PredictInput[] = mapping.inputs.map((m) => {
    const info = inputs.find((i) => i.name === m.input)!;
    const type = ELEM[info.elemType ?? ''];
    if (!type)
      throw new PreflightError(
        'BAD_ARGUMENTS',
        `input ${info.name} is ${info.type}: prediction drift feeds float, double, int32 or int64 inputs`,
      );
    const width = m.columns.length;
    const data = new Float64Array(rows * width);
    const sources = m.columns.map((c) => cols.get(c)!);
    let k = 0;
    for (let i = 0; i < n; i++) {
      if (!keep[i]) continue;
      for (let j = 0; j < width; j++) data[k++] = sources[j][i];
    }
    const rowDims = info.shape && info.shape.length >= 2 ? [rowWidth(info) ?? width] : [];
    return { name: m.input, type, rowDims, data };
  });
  return { rows, skipped: n - rows, inputs: out, keep };
}

function compareOutput(r: PredictOutput, c: PredictOutput): FeatureDrift[] {
  const out: FeatureDrift[] = [];
  if (r.kind === 'label' || c.kind === 'label') {
    const count = (labels: string[] | null) => {
      const m = new Map<string, number>();
      for (const l of labels ?? []) m.set(l, (m.get(l) ?? 0) + 1);
      return m;
    };
    const res = compareCategorical(buildCategoricalProfile(count(r.labels), 0), {
      counts: count(c.labels),
      missing: 0,
    });
    out.push({ name: `${r.name} (label)`, columnType: 'label', ...res });
    return out;
  }
  const w = r.width;
  if (w > 1) {
    // Class mix: argmax per row.
    const argmax = (a: Float64Array) => {
      const m = new Map<string, number>();
      for (let i = 0; i + w <= a.length; i += w) {
        let best = 0;
        for (let j = 1; j < w; j++) if (a[i + j] > a[i + best]) best = j;
        m.set(String(best), (m.get(String(best)) ?? 0) + 1);
      }
      return m;
    };
    const res = compareCategorical(buildCategoricalProfile(argmax(r.numbers!), 0), {
      counts: argmax(c.numbers!),
      missing: 0,
    });
    out.push({ name: `${r.name} (class)`, columnType: 'class', ...res });
  }
  for (let j = 0; j < Math.min(w, MAX_CLASSES); j++) {
    const column = (a: Float64Array) => {
      const v = new Float64Array(Math.floor(a.length / w));
      for (let i = 0; i < v.length; i++) v[i] = a[i * w + j];
      return v.filter(Number.isFinite).sort();
    };
    const rs = column(r.numbers!);
    const cs = column(c.numbers!);
    const zero = { missing: 0, nan: 0, posInf: 0, negInf: 0 };
    const res = compareNumeric({ profile: buildNumericProfile(rs, zero), sorted: rs }, { sorted: cs, ...zero });
    out.push({ name: w > 1 ? `${r.name}[${j}]` : r.name, columnType: 'score', ...res });
  }
  return out;
}
