// What the New benchmark and A/B forms send for the model's inputs, from the plan bench/inputs gave
// and what the user edited. Pure, so it is unit-tested. A suggested size the user did not touch is
// NOT sent: the core then fills the same suggestion and the run carries its INPUTS ASSUMED warning,
// exactly as on the command line — touching a field is what makes a size the user's own.
import type { PlannedDim, PlannedInput } from '../../shared/bench/input-plan';

export type SourceKind = 'random' | 'constant' | 'dataset';

export interface InputsState {
  /** Edited free dimensions by key (dimKey): the text typed. */
  dims: Record<string, string>;
  sources: Record<string, { kind: SourceKind; value: string; column: string }>;
}

export const EMPTY_INPUTS: InputsState = { dims: {}, sources: {} };

export interface InputsChoice {
  dims?: Record<string, number>;
  shapes?: Record<string, number[]>;
  values?: Record<string, number>;
  /** Inputs fed from the dataset, and their columns in input order (when every one was named). */
  data?: { inputs: string[]; columns?: string[] };
  /** Why Run is disabled (a size or value that is not a number); null when the shapes are determined. */
  problem: string | null;
}

/** Named dimensions are edited once for every input that shares the name; unnamed ones per input. */
export const dimKey = (input: string, index: number, d: PlannedDim) => (d.name ? `@${d.name}` : `${input}#${index}`);
export const isEditable = (d: PlannedDim) => d.origin === 'default' || d.origin === 'hint';

export function sourceOf(state: InputsState, name: string, datasetChosen: boolean) {
  return (
    state.sources[name] ?? { kind: datasetChosen ? ('dataset' as const) : ('random' as const), value: '', column: '' }
  );
}

export function inputArgs(
  plan: PlannedInput[],
  state: InputsState,
  batchSizes: number[],
  datasetChosen: boolean,
): InputsChoice {
  const dims: Record<string, number> = {};
  const shapes: Record<string, number[]> = {};
  const values: Record<string, number> = {};
  const dataInputs: string[] = [];
  const columns: string[] = [];
  const problems: string[] = [];
  for (const input of plan) {
    let touched = false;
    const shape = input.dims.map((d, i) => {
      if (d.origin === 'batch') return batchSizes[0] ?? 1;
      if (!isEditable(d)) return d.value;
      const text = state.dims[dimKey(input.name, i, d)];
      if (text === undefined) return d.value;
      if (!/^\s*[1-9][0-9]*\s*$/.test(text)) {
        problems.push(`${input.name}: dimension ${i}${d.name ? ` (${d.name})` : ''} needs a positive whole number`);
        return d.value;
      }
      if (d.name) dims[d.name] = Number(text);
      else touched = true;
      return Number(text);
    });
    if (touched) {
      if (batchSizes.length > 1 && input.dims.some((d) => d.origin === 'batch'))
        problems.push(`${input.name} has unnamed free dimensions: run one batch size at a time`);
      shapes[input.name] = shape;
    }
    const source = sourceOf(state, input.name, datasetChosen);
    if (source.kind === 'constant') {
      const v = Number(source.value);
      if (source.value.trim() === '' || !Number.isFinite(v))
        problems.push(`${input.name}: the constant value must be a number`);
      else values[input.name] = v;
    } else if (source.kind === 'dataset') {
      if (!datasetChosen) problems.push(`${input.name}: choose a dataset for its column`);
      dataInputs.push(input.name);
      if (source.column.trim())
        columns.push(
          ...source.column
            .split(',')
            .map((c) => c.trim())
            .filter(Boolean),
        );
    }
  }
  const named = dataInputs.every((n) => sourceOf(state, n, datasetChosen).column.trim());
  return {
    dims: Object.keys(dims).length ? dims : undefined,
    shapes: Object.keys(shapes).length ? shapes : undefined,
    values: Object.keys(values).length ? values : undefined,
    data: dataInputs.length
      ? { inputs: dataInputs, columns: named && columns.length ? columns : undefined }
      : undefined,
    problem: problems.length ? problems.join('; ') : null,
  };
}
