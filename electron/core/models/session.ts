// One way to open a model and build its input tensors in a child process (it loads onnxruntime):
// golden replay, drift scoring and the bundle's prediction profile share it.
import type * as OrtModule from 'onnxruntime-node';
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { PreflightError } from '../../../shared/contract/errors';

export type Ort = typeof OrtModule;

/** A CPU session over the model; onnxruntime's refusal becomes MODEL_LOAD_FAILED with its own words. */
export async function openCpuSession(modelPath: string): Promise<{ ort: Ort; session: InferenceSession }> {
  const ort = await import('onnxruntime-node');
  try {
    return { ort, session: await ort.InferenceSession.create(modelPath, { executionProviders: ['cpu'] }) };
  } catch (err) {
    throw new PreflightError('MODEL_LOAD_FAILED', (err as Error).message);
  }
}

export type FeedType = 'float32' | 'float64' | 'int32' | 'int64' | 'bool' | 'string';

/** A tensor of `type` from plain values (numbers, numeric strings for int64, anything for string). */
export function tensorOf(ort: Ort, type: FeedType, values: ArrayLike<unknown>, dims: readonly number[]): Tensor {
  switch (type) {
    case 'float32':
      return new ort.Tensor('float32', Float32Array.from(values as ArrayLike<number>), dims);
    case 'float64':
      return new ort.Tensor('float64', Float64Array.from(values as ArrayLike<number>), dims);
    case 'int32':
      return new ort.Tensor('int32', Int32Array.from(values as ArrayLike<number>), dims);
    case 'int64':
      return new ort.Tensor(
        'int64',
        BigInt64Array.from(values, (v) => (typeof v === 'number' ? BigInt(Math.round(v)) : BigInt(v as string))),
        dims,
      );
    case 'bool':
      return new ort.Tensor(
        'bool',
        Uint8Array.from(values, (v) => (v ? 1 : 0)),
        dims,
      );
    case 'string':
      return new ort.Tensor('string', Array.from(values, String), dims);
  }
}
