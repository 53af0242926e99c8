// Which tensor a benchmark feeds to each model input: its dtype, concrete shape and value source.
// Isomorphic: the core plans the run with it and the UI shows the same plan (with the same
// suggestions) before anything runs. Nothing here is silent: every dimension that no fixed size,
// batch size, --shape, --dim or same-named dimension determined is reported in `assumed`.
import { PreflightError } from '../contract/errors';
import type { Dim, TensorInfo } from '../types/models';

export type OrtType =
  | 'float32'
  | 'float16'
  | 'float64'
  | 'int64'
  | 'int32'
  | 'int16'
  | 'int8'
  | 'uint64'
  | 'uint32'
  | 'uint16'
  | 'uint8'
  | 'bool'
  | 'string';

// ONNX element type names (as the registry stores them) → onnxruntime-node tensor types.
export const ORT_TYPES: Record<string, OrtType> = {
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

/** What the user set: whole shapes per input, named symbolic dims, constant values per input. */
export interface InputOverrides {
  shapes?: Record<string, number[]>;
  dims?: Record<string, number>;
  values?: Record<string, number>;
}

/** How one dimension got its size. Only 'hint' and 'default' are assumptions. */
export type DimOrigin = 'fixed' | 'batch' | 'shape' | 'dim' | 'same-name' | 'hint' | 'default';

export interface PlannedDim {
  value: number;
  origin: DimOrigin;
  /** The model's symbolic name ("" when unnamed or unknown). */
  name: string;
}

export type ValueSource =
  { kind: 'random'; seed: number } | { kind: 'constant'; value: number } | { kind: 'dataset'; description: string };

export interface PlannedInput {
  name: string;
  dtype: OrtType;
  /** The shape as the model declares it, e.g. "[?,3,48,p2o.DynamicDimension.1]" ("?" = unnamed). */
  declared: string;
  dims: PlannedDim[];
  shape: number[];
  source: ValueSource;
  /** One sentence per assumed dimension (and per random integer scalar) — empty when nothing was assumed. */
  assumed: string[];
}

export const dimLabel = (d: Dim): string => ('value' in d ? String(d.value) : 'param' in d && d.param ? d.param : '?');
export const declaredShape = (t: TensorInfo): string =>
  t.shape === null ? 'unknown rank' : `[${t.shape.map(dimLabel).join(',')}]`;
const isFree = (d: Dim) => !('value' in d);
const nameOf = (d: Dim) => ('param' in d ? d.param : '');

/** "1x512" / "2x1x128" / "" (scalar) → dims; BAD_ARGUMENTS with the flag's words otherwise. */
export function parseShape(text: string, what = '--shape'): number[] {
  const t = text.trim();
  if (t === '' || t === '[]' || t === 'scalar') return [];
  const parts = t.replace(/^\[|\]$/g, '').split(/[x×,*]/);
  if (!parts.every((p) => /^\s*[1-9][0-9]*\s*$/.test(p)))
    throw new PreflightError(
      'BAD_ARGUMENTS',
      `${what} "${text}": expected sizes like 1x3x48x320 (positive integers joined by x; empty for a scalar)`,
    );
  return parts.map((p) => Number(p));
}

/** Integer ranges synthetic values are drawn from (small, so ids, lengths and indices stay valid). */
export function randomRange(dtype: OrtType): string {
  if (dtype.startsWith('float')) return 'uniform [-1, 1)';
  if (dtype === 'bool') return 'false/true';
  if (dtype === 'uint8') return 'integers 0–255';
  if (dtype === 'string') return 'strings token0–token9';
  return 'integers 0–9';
}

export function describeSource(source: ValueSource, dtype: OrtType): string {
  if (source.kind === 'constant') return `constant ${source.value}`;
  if (source.kind === 'dataset') return source.description;
  return `random ${randomRange(dtype)}, seed ${source.seed}`;
}

/** A constant must be representable in the input's dtype: integers for integer types, 0/1 for bool. */
function checkConstant(input: string, dtype: OrtType, value: number) {
  if (dtype === 'string')
    throw new PreflightError(
      'BAD_ARGUMENTS',
      `--value ${input}=${value}: ${input} takes strings; only numeric and bool inputs can be set to a constant`,
    );
  if (!Number.isFinite(value))
    throw new PreflightError('BAD_ARGUMENTS', `--value ${input}: ${value} is not a finite number`);
  const integral = !dtype.startsWith('float');
  if (integral && !Number.isInteger(value))
    throw new PreflightError(
      'BAD_ARGUMENTS',
      `--value ${input}=${value}: ${input} is ${dtype}, which holds integers only`,
    );
  if (dtype === 'bool' && value !== 0 && value !== 1)
    throw new PreflightError('BAD_ARGUMENTS', `--value ${input}=${value}: ${input} is bool: give 0 or 1`);
  if (dtype.startsWith('uint') && value < 0)
    throw new PreflightError(
      'BAD_ARGUMENTS',
      `--value ${input}=${value}: ${input} is ${dtype}, which cannot hold negative numbers`,
    );
  const bits = /([0-9]+)$/.exec(dtype)?.[1];
  if (integral && dtype !== 'bool' && bits && Number(bits) <= 32) {
    const n = Number(bits);
    const [lo, hi] = dtype.startsWith('uint') ? [0, 2 ** n - 1] : [-(2 ** (n - 1)), 2 ** (n - 1) - 1];
    if (value < lo || value > hi)
      throw new PreflightError(
        'BAD_ARGUMENTS',
        `--value ${input}=${value}: outside the range of ${dtype} (${lo}…${hi})`,
      );
  }
}

/**
 * Every name given in --shape / --value must be an input and every --dim a named symbolic dimension:
 * a typo is an error (BAD_ARGUMENTS, exit 2) that lists the valid names, never a silent no-op.
 */
export function checkOverrideNames(inputs: TensorInfo[], o: InputOverrides): void {
  const inputNames = inputs.map((i) => i.name);
  const list = (xs: string[]) => (xs.length ? xs.join(', ') : 'none');
  for (const [flag, names] of [
    ['--shape', Object.keys(o.shapes ?? {})],
    ['--value', Object.keys(o.values ?? {})],
  ] as const) {
    const unknown = names.filter((n) => !inputNames.includes(n));
    if (unknown.length)
      throw new PreflightError(
        'BAD_ARGUMENTS',
        `${flag} ${unknown.join(', ')}: the model has no input named ${unknown.map((u) => `"${u}"`).join(', ')} (inputs: ${list(inputNames)})`,
        { unknown, valid: inputNames },
      );
  }
  const dimNames = [...new Set(inputs.flatMap((i) => (i.shape ?? []).map(nameOf).filter(Boolean)))];
  const unknownDims = Object.keys(o.dims ?? {}).filter((n) => !dimNames.includes(n));
  if (unknownDims.length) {
    const unnamed = inputs.filter((i) => (i.shape ?? []).some((d) => isFree(d) && !nameOf(d))).map((i) => i.name);
    throw new PreflightError(
      'BAD_ARGUMENTS',
      `--dim ${unknownDims.join(', ')}: no input has a dimension named ${unknownDims.map((u) => `"${u}"`).join(', ')} (named dimensions: ${list(dimNames)}${unnamed.length ? `; unnamed dimensions of ${unnamed.join(', ')} are set with --shape INPUT=AxBx…` : ''})`,
      { unknown: unknownDims, valid: dimNames },
    );
  }
}

/** A shape hint the model itself carries in its metadata, e.g. {"x.shape": "1x3x48x192"} or {"input_shape": "[1,3,224,224]"}. */
function metadataHint(
  input: TensorInfo,
  inputCount: number,
  props: Record<string, string>,
): { dims: number[]; key: string } | null {
  const rank = input.shape?.length ?? -1;
  for (const [key, value] of Object.entries(props)) {
    const k = key.toLowerCase();
    if (!k.includes('shape')) continue;
    if (!(k.includes(input.name.toLowerCase()) || (inputCount === 1 && /^(input_?)?shapes?$/.test(k)))) continue;
    const nums = (value.match(/-?[0-9]+/g) ?? []).map(Number);
    if (nums.length === rank) return { dims: nums, key };
  }
  return null;
}

/**
 * The plan for one batch size. Order of precedence per dimension: the model's fixed size, the
 * input's --shape, --dim by name, the batch size (first dimension when symbolic, and every
 * dimension sharing its name), a size another input's --shape gave the same name, then — assumed,
 * and reported — the model's metadata hint, else 1.
 */
export function planInputs(
  inputs: TensorInfo[],
  batchSize: number,
  o: InputOverrides,
  opts: { seed: number; metadataProps?: Record<string, string> },
): PlannedInput[] {
  if (inputs.length === 0) throw new PreflightError('INVALID_INPUT', 'the model has no inputs to feed');
  checkOverrideNames(inputs, o);
  const shapes = o.shapes ?? {};
  const dims = o.dims ?? {};
  const values = o.values ?? {};
  const hasBatchDim = inputs.some((t) => t.shape && t.shape.length > 0 && isFree(t.shape[0]) && !shapes[t.name]);
  if (batchSize !== 1 && !hasBatchDim) {
    throw new PreflightError(
      'INVALID_INPUT',
      `no input has a free first (batch) dimension left to set: batch size ${batchSize} cannot be fed to this model${Object.keys(shapes).length ? ' (--shape fixes the whole shape, batch included)' : ''}`,
    );
  }
  // Named dims fixed by the batch or by a --shape of one input apply to every input that shares the name.
  const known = new Map<string, { value: number; origin: DimOrigin }>();
  for (const [n, v] of Object.entries(dims)) known.set(n, { value: v, origin: 'dim' });
  for (const input of inputs) {
    const given = shapes[input.name];
    input.shape?.forEach((d, i) => {
      const n = nameOf(d);
      if (!n || known.has(n)) return;
      if (given && given.length === input.shape!.length) known.set(n, { value: given[i], origin: 'same-name' });
      else if (i === 0 && !given) known.set(n, { value: batchSize, origin: 'batch' });
    });
  }
  return inputs.map((input, j): PlannedInput => {
    const dtype = input.elemType ? ORT_TYPES[input.elemType] : undefined;
    if (input.kind !== 'tensor' || !dtype) {
      throw new PreflightError(
        'INVALID_INPUT',
        `input ${input.name} is ${input.type}: only tensor inputs of numeric, bool or string type can be synthesised`,
        { input: input.name },
      );
    }
    if (input.shape === null)
      throw new PreflightError(
        'INVALID_INPUT',
        `input ${input.name} has no shape in the model (unknown rank): cannot synthesise it`,
        { input: input.name },
      );
    const declared = declaredShape(input);
    const given = shapes[input.name];
    if (given && given.length !== input.shape.length) {
      throw new PreflightError(
        'BAD_ARGUMENTS',
        `--shape ${input.name}=${given.join('x') || '(scalar)'}: ${input.name} has rank ${input.shape.length} (${declared}), the shape given has ${given.length} dimension${given.length === 1 ? '' : 's'}`,
        { input: input.name },
      );
    }
    const hint = metadataHint(input, inputs.length, opts.metadataProps ?? {});
    const assumed: string[] = [];
    const planned = input.shape.map((d, i): PlannedDim => {
      const name = nameOf(d);
      if ('value' in d) {
        if (given && given[i] !== d.value) {
          throw new PreflightError(
            'BAD_ARGUMENTS',
            `--shape ${input.name}=${given.join('x')}: dimension ${i} of ${input.name} is fixed at ${d.value} in the model (${declared}), not ${given[i]}`,
            { input: input.name },
          );
        }
        return { value: d.value, origin: 'fixed', name };
      }
      if (given) return { value: given[i], origin: 'shape', name };
      const k = name ? known.get(name) : undefined;
      if (k) return { value: k.value, origin: k.origin, name };
      if (i === 0) return { value: batchSize, origin: 'batch', name };
      const label = `dimension ${i}${name ? ` (${name})` : ' (unnamed)'}`;
      if (hint && hint.dims[i] > 0) {
        assumed.push(
          `${input.name} ${declared}: ${label} = ${hint.dims[i]}, taken from the model's metadata "${hint.key}"`,
        );
        return { value: hint.dims[i], origin: 'hint', name };
      }
      assumed.push(`${input.name} ${declared}: ${label} = 1 — nothing sets it`);
      return { value: 1, origin: 'default', name };
    });
    const source: ValueSource =
      values[input.name] !== undefined
        ? { kind: 'constant', value: values[input.name] }
        : { kind: 'random', seed: opts.seed + j };
    if (source.kind === 'constant') checkConstant(input.name, dtype, source.value);
    const shape = planned.map((d) => d.value);
    if (source.kind === 'random' && shape.length === 0 && dtype !== 'string' && !dtype.startsWith('float')) {
      assumed.push(
        `${input.name} is ${/^[aeiou]/.test(dtype) ? 'an' : 'a'} ${dtype} scalar filled with random ${randomRange(dtype)}; if it must hold a particular value (a sample rate, a flag), set it with --value ${input.name}=N`,
      );
    }
    return { name: input.name, dtype, declared, dims: planned, shape, source, assumed };
  });
}

/** How to make every assumption explicit, as a command-line suffix: `--shape x=1x3x48x1`. */
export function explicitFlags(plan: PlannedInput[]): string {
  const shapes = plan
    .filter((p) => p.dims.some((d) => d.origin === 'hint' || d.origin === 'default'))
    .map(
      (p) =>
        `${p.name}=${p.dims.map((d) => (d.origin === 'hint' || d.origin === 'default' ? '?' : String(d.value))).join('x')}`,
    );
  return shapes.length ? `--shape ${shapes.join(',')}` : '';
}

/** The one prominent warning a run carries when any input dimension or scalar value was assumed. */
export function assumptionWarning(plan: PlannedInput[]): string | null {
  const all = plan.flatMap((p) => p.assumed);
  if (all.length === 0) return null;
  const dimsAssumed = plan.some((p) => p.dims.some((d) => d.origin === 'hint' || d.origin === 'default'));
  const fix = dimsAssumed
    ? ` Set the real sizes (${explicitFlags(plan)} with each ? replaced, or --dim NAME=N for a named one) — these numbers hold for the assumed shapes only.`
    : '';
  return `INPUTS ASSUMED: ${all.join('; ')}.${fix}`;
}
