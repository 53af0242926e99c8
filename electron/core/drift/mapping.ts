// How dataset columns feed a model's inputs: a saved mapping, else one input per column by name
// ([N] / [N,1] inputs), else a single [N,K] input filled by the first K numerical columns in order.

import { PreflightError } from '../../../shared/contract/errors';
import type { ColumnInfo } from '../../../shared/types/datasets';
import type { InputMapping } from '../../../shared/types/drift';
import type { TensorInfo } from '../../../shared/types/models';

const NUMERIC_KINDS = new Set(['integer', 'float', 'boolean']);

/** Values per row of an input: 1 for [N] and [N,1], K for [N,K]; null when not a fixed size. */
export function rowWidth(input: TensorInfo): number | null {
  const shape = input.shape;
  if (!shape || shape.length === 0) return null;
  if (shape.length === 1) return 1;
  let w = 1;
  for (const d of shape.slice(1)) {
    if (!('value' in d)) return null;
    w *= d.value;
  }
  return w;
}

export function proposeMapping(
  inputs: TensorInfo[],
  columns: ColumnInfo[],
  saved: InputMapping['inputs'] | null,
): { mapping: InputMapping | null; problem: string | null } {
  const names = new Set(columns.map((c) => c.name));
  if (
    saved &&
    saved.every((m) => m.columns.every((c) => names.has(c))) &&
    inputs.every((i) => saved.some((m) => m.input === i.name))
  ) {
    return { mapping: { inputs: saved, how: 'saved' }, problem: null };
  }
  const tensors = inputs.filter((i) => i.kind === 'tensor');
  if (tensors.length !== inputs.length)
    return { mapping: null, problem: 'the model has non-tensor inputs; prediction drift needs tensor inputs' };
  if (tensors.every((i) => names.has(i.name) && rowWidth(i) === 1)) {
    return {
      mapping: { inputs: tensors.map((i) => ({ input: i.name, columns: [i.name] })), how: 'by-name' },
      problem: null,
    };
  }
  if (tensors.length === 1 && tensors[0].shape?.length === 2) {
    const numeric = columns.filter((c) => NUMERIC_KINDS.has(c.kind)).map((c) => c.name);
    const k = rowWidth(tensors[0]) ?? numeric.length;
    if (numeric.length < k)
      return {
        mapping: null,
        problem: `input ${tensors[0].name} takes ${k} values per row but the dataset has ${numeric.length} numerical columns`,
      };
    return {
      mapping: { inputs: [{ input: tensors[0].name, columns: numeric.slice(0, k) }], how: 'by-order' },
      problem: null,
    };
  }
  return {
    mapping: null,
    problem: `cannot map columns to inputs ${inputs.map((i) => `${i.name} ${i.type}`).join(', ')} automatically: give a mapping (input → columns)`,
  };
}

/** Checks a user-given mapping against the model and the dataset. */
export function checkMapping(inputs: TensorInfo[], columns: ColumnInfo[], mapping: InputMapping['inputs']): void {
  for (const i of inputs) {
    const m = mapping.find((x) => x.input === i.name);
    if (!m) throw new PreflightError('BAD_ARGUMENTS', `mapping: model input ${i.name} has no columns`);
    const w = rowWidth(i);
    if (w !== null && m.columns.length !== w)
      throw new PreflightError(
        'BAD_ARGUMENTS',
        `mapping: input ${i.name} takes ${w} value(s) per row, ${m.columns.length} column(s) given`,
      );
    for (const c of m.columns) {
      const info = columns.find((x) => x.name === c);
      if (!info) throw new PreflightError('BAD_ARGUMENTS', `mapping: no column "${c}" in the dataset`);
      if (!NUMERIC_KINDS.has(info.kind))
        throw new PreflightError('BAD_ARGUMENTS', `mapping: column "${c}" is ${info.kind}; model inputs take numbers`);
    }
  }
  for (const m of mapping)
    if (!inputs.some((i) => i.name === m.input))
      throw new PreflightError('BAD_ARGUMENTS', `mapping: the model has no input ${m.input}`);
}
