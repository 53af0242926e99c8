import { planInputs, type InputOverrides, type OrtType, type PlannedInput } from '../../../shared/bench/input-plan';
import { createRng } from '../../../shared/math/latency/index';
import type { TensorInfo } from '../../../shared/types/models';

/** One input to synthesise: onnxruntime's tensor type name, concrete dims and, when set, a constant value. */
export interface InputSpec {
  name: string;
  type: OrtType;
  dims: number[];
  /** --value NAME=V: every element holds V (otherwise seeded random values in the dtype's range). */
  constant?: number;
}

export type { OrtType };

/** A synthesised input as it crosses to a worker (typed arrays clone cheaply). */
export interface FeedData {
  name: string;
  type: OrtType;
  dims: number[];
  data: ArrayBufferView | string[];
}

/** The plan (see shared/bench/input-plan.ts) as the specs a worker synthesises. */
export function specsOf(plan: PlannedInput[]): InputSpec[] {
  return plan.map((p) =>
    p.source.kind === 'constant'
      ? { name: p.name, type: p.dtype, dims: p.shape, constant: p.source.value }
      : { name: p.name, type: p.dtype, dims: p.shape },
  );
}

/**
 * Concrete input shapes for one batch size (shared/bench/input-plan.ts decides; this keeps the
 * older call shape). `warnings` are the assumptions, one per assumed dimension.
 */
export function resolveInputs(
  inputs: TensorInfo[],
  batchSize: number,
  dims: Record<string, number>,
  overrides: Omit<InputOverrides, 'dims'> = {},
): { specs: InputSpec[]; warnings: string[]; plan: PlannedInput[] } {
  const plan = planInputs(inputs, batchSize, { ...overrides, dims }, { seed: 1 });
  return { specs: specsOf(plan), warnings: plan.flatMap((p) => p.assumed), plan };
}

export function describeSpec(s: InputSpec): string {
  return `${s.type}[${s.dims.join(',')}]`;
}

/** Seeded synthetic data of the right dtype: same seed, same bytes, on every machine. */
export function synthesize(spec: InputSpec, seed: number): FeedData {
  const n = spec.dims.reduce((a, b) => a * b, 1);
  if (spec.constant !== undefined)
    return { name: spec.name, type: spec.type, dims: spec.dims, data: constantData(spec.type, n, spec.constant) };
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

function constantData(type: OrtType, n: number, v: number): ArrayBufferView | string[] {
  switch (type) {
    case 'float32':
      return new Float32Array(n).fill(v);
    case 'float64':
      return new Float64Array(n).fill(v);
    case 'float16':
      return new Uint16Array(n).fill(toHalfBits(v));
    case 'int64':
      return new BigInt64Array(n).fill(BigInt(v));
    case 'uint64':
      return new BigUint64Array(n).fill(BigInt(v));
    case 'int32':
      return new Int32Array(n).fill(v);
    case 'int16':
      return new Int16Array(n).fill(v);
    case 'int8':
      return new Int8Array(n).fill(v);
    case 'uint32':
      return new Uint32Array(n).fill(v);
    case 'uint16':
      return new Uint16Array(n).fill(v);
    case 'string':
      return Array.from({ length: n }, () => String(v));
    default: // uint8, bool
      return new Uint8Array(n).fill(v);
  }
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
