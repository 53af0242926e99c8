import { PreflightError } from '../../../shared/contract/errors';
import { createRng } from '../../../shared/math/latency/index';
import type { TensorInfo } from '../../../shared/types/models';

/** One input to synthesise: onnxruntime's tensor type name and concrete dims. */
export interface InputSpec {
  name: string;
  type: OrtType;
  dims: number[];
}

export type OrtType = 'float32' | 'float16' | 'float64' | 'int64' | 'int32' | 'int16' | 'int8' | 'uint64' | 'uint32' | 'uint16' | 'uint8' | 'bool' | 'string';

/** A synthesised input as it crosses to a worker (typed arrays clone cheaply). */
export interface FeedData {
  name: string;
  type: OrtType;
  dims: number[];
  data: ArrayBufferView | string[];
}

// ONNX element type names (as the registry stores them) → onnxruntime-node tensor types.
const ORT_TYPES: Record<string, OrtType> = {
  float: 'float32',
  float16: 'float16',
  double: 'float64',
  int64: 'int64',
  int32: 'int32',
  int16: 'int16',
  int8: 'int8',
  uint64: 'uint64',
  uint32: 'uint32',
  uint16: 'uint16',
  uint8: 'uint8',
  bool: 'bool',
  string: 'string',
};

/**
 * Concrete input shapes for one batch size. Fixed dims stay; a symbolic dim named in `dims` takes that
 * value; the first dim of an input, when symbolic, is the batch; other free dims default to 1 with a
 * warning. A fixed first dim that differs from the batch size is an error for this point.
 */
export function resolveInputs(inputs: TensorInfo[], batchSize: number, overrides: Record<string, number>): { specs: InputSpec[]; warnings: string[] } {
  const warnings = new Set<string>();
  if (inputs.length === 0) throw new PreflightError('INVALID_INPUT', 'the model has no inputs to feed');
  const hasBatchDim = inputs.some((t) => t.shape && t.shape.length > 0 && !('value' in t.shape[0]));
  if (batchSize !== 1 && !hasBatchDim) {
    throw new PreflightError('INVALID_INPUT', `no input has a symbolic first (batch) dimension: batch size ${batchSize} cannot be fed to this model`);
  }
  const specs = inputs.map((input): InputSpec => {
    const type = input.elemType ? ORT_TYPES[input.elemType] : undefined;
    if (input.kind !== 'tensor' || !type) {
      throw new PreflightError('INVALID_INPUT', `input ${input.name} is ${input.type}: only tensor inputs of numeric, bool or string type can be synthesised`, { input: input.name });
    }
    if (input.shape === null) throw new PreflightError('INVALID_INPUT', `input ${input.name} has no shape in the model (unknown rank): cannot synthesise it`, { input: input.name });
    const dims = input.shape.map((d, i) => {
      if ('value' in d) return d.value;
      const name = 'param' in d ? d.param : '';
      if (name && overrides[name] !== undefined) return overrides[name];
      if (i === 0) return batchSize;
      warnings.add(`input ${input.name}: free dimension ${i}${name ? ` (${name})` : ''} set to 1; override it with --dim ${name || 'NAME'}=N`);
      return 1;
    });
    return { name: input.name, type, dims };
  });
  return { specs, warnings: [...warnings] };
}

export function describeSpec(s: InputSpec): string {
  return `${s.type}[${s.dims.join(',')}]`;
}

/** Seeded synthetic data of the right dtype: same seed, same bytes, on every machine. */
export function synthesize(spec: InputSpec, seed: number): FeedData {
  const n = spec.dims.reduce((a, b) => a * b, 1);
  const rng = createRng(seed);
  const fill = <T extends { length: number; [i: number]: number | bigint }>(arr: T, f: () => number | bigint): T => {
    for (let i = 0; i < arr.length; i++) arr[i] = f();
    return arr;
  };
  const small = () => Math.floor(rng() * 10);
  let data: ArrayBufferView | string[];
  switch (spec.type) {
    case 'float32':
      data = fill(new Float32Array(n), () => rng() * 2 - 1);
      break;
    case 'float64':
      data = fill(new Float64Array(n), () => rng() * 2 - 1);
      break;
    case 'float16': // onnxruntime-node takes IEEE half bits in a Uint16Array
      data = fill(new Uint16Array(n), () => toHalfBits(rng() * 2 - 1));
      break;
    case 'int64':
      data = fill(new BigInt64Array(n), () => BigInt(small()));
      break;
    case 'uint64':
      data = fill(new BigUint64Array(n), () => BigInt(small()));
      break;
    case 'int32':
      data = fill(new Int32Array(n), small);
      break;
    case 'int16':
      data = fill(new Int16Array(n), small);
      break;
    case 'int8':
      data = fill(new Int8Array(n), small);
      break;
    case 'uint32':
      data = fill(new Uint32Array(n), small);
      break;
    case 'uint16':
      data = fill(new Uint16Array(n), small);
      break;
    case 'uint8':
      data = fill(new Uint8Array(n), () => Math.floor(rng() * 256));
      break;
    case 'bool':
      data = fill(new Uint8Array(n), () => (rng() < 0.5 ? 0 : 1));
      break;
    case 'string':
      data = Array.from({ length: n }, () => `token${small()}`);
      break;
  }
  return { name: spec.name, type: spec.type, dims: spec.dims, data };
}

/** float → IEEE 754 binary16 bits (round to nearest even), enough for synthetic values in [-1, 1]. */
export function toHalfBits(value: number): number {
  if (Number.isNaN(value)) return 0x7e00;
  const f32 = new Float32Array([value]);
  const x = new Uint32Array(f32.buffer)[0];
  const sign = (x >>> 16) & 0x8000;
  const exp = ((x >>> 23) & 0xff) - 127 + 15;
  const mant = x & 0x7fffff;
  if (exp <= 0) {
    if (exp < -10) return sign;
    const m = (mant | 0x800000) >>> (1 - exp);
    return sign | ((m + 0x1000 + ((m >>> 13) & 1) - 1) >>> 13);
  }
  if (exp >= 31) return sign | 0x7c00;
  const rounded = (exp << 10) + ((mant + 0xfff + ((mant >>> 13) & 1)) >>> 13);
  return sign | rounded;
}
