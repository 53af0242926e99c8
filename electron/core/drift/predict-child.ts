// Runs a model over rows in batches (child process only: it loads onnxruntime). Only tensor outputs
// are requested, so models with map/sequence outputs (sklearn-style) still score.

import { PreflightError } from '../../../shared/contract/errors';
import type { ChildTaskContext } from '../jobs/child-task';
import type { Tensor } from 'onnxruntime-node';
import { openCpuSession, tensorOf } from '../models/session';

export interface PredictInput {
  name: string;
  type: 'float32' | 'float64' | 'int64' | 'int32';
  /** Shape of one row after the batch dimension ([] for [N], [K] for [N,K]). */
  rowDims: number[];
  /** rows × width values, row-major (float64; converted here). */
  data: Float64Array;
}

export interface PredictPayload {
  modelPath: string;
  rows: number;
  inputs: PredictInput[];
  outputs: string[];
  batchSize: number;
}

export interface PredictOutput {
  name: string;
  /** Values per row. */
  width: number;
  /** 'number' outputs come back as float64; 'label' outputs (int / string / bool) as text. */
  kind: 'number' | 'label';
  numbers: Float64Array | null;
  labels: string[] | null;
}

export async function predict(payload: PredictPayload, ctx: ChildTaskContext): Promise<PredictOutput[]> {
  const { ort, session } = await openCpuSession(payload.modelPath);
  const results = new Map<
    string,
    { width: number; kind: 'number' | 'label'; numbers: number[] | Float64Array; labels: string[]; filled: number }
  >();
  const n = payload.rows;
  for (let start = 0; start < n; start += payload.batchSize) {
    if (ctx.signal.aborted) throw new PreflightError('CANCELLED', 'prediction was cancelled');
    const b = Math.min(payload.batchSize, n - start);
    const feeds: Record<string, Tensor> = {};
    for (const input of payload.inputs) {
      const width = input.rowDims.reduce((a, d) => a * d, 1);
      const slice = input.data.subarray(start * width, (start + b) * width);
      feeds[input.name] = tensorOf(ort, input.type, slice, [b, ...input.rowDims]);
    }
    let out: Record<string, Tensor>;
    try {
      out = await session.run(feeds, payload.outputs);
    } catch (err) {
      throw new PreflightError(
        'INVALID_INPUT',
        `the model refused a batch of rows ${start}–${start + b - 1}: ${(err as Error).message}`,
      );
    }
    for (const name of payload.outputs) {
      const t = out[name];
      const width = t.dims.length <= 1 ? 1 : t.dims.slice(1).reduce((a, d) => a * Number(d), 1);
      const numeric = t.type === 'float32' || t.type === 'float64' || t.type === 'float16';
      let r = results.get(name);
      if (!r) {
        r = {
          width,
          kind: numeric ? 'number' : 'label',
          numbers: numeric ? new Float64Array(n * width) : [],
          labels: [],
          filled: 0,
        };
        results.set(name, r);
      }
      const values = t.data as ArrayLike<number | bigint | string | boolean>;
      if (r.kind === 'number')
        (r.numbers as Float64Array).set(Float64Array.from(values as ArrayLike<number>), r.filled);
      else for (let i = 0; i < values.length; i++) r.labels.push(String(values[i]));
      r.filled += values.length;
    }
    ctx.progress((start + b) / n, `scored ${start + b} of ${n} rows`);
  }
  await session.release();
  return payload.outputs.map((name) => {
    const r = results.get(name);
    if (!r) return { name, width: 1, kind: 'number' as const, numbers: new Float64Array(0), labels: null };
    return {
      name,
      width: r.width,
      kind: r.kind,
      numbers: r.kind === 'number' ? (r.numbers as Float64Array) : null,
      labels: r.kind === 'label' ? r.labels : null,
    };
  });
}
