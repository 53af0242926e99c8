import { PreflightError } from '../../../shared/contract/errors';
import type { ColumnInfo } from '../../../shared/types/datasets';
import type { CoreContext } from '../context';
import { datasetColumns, datasetIdOf, iterateRows } from '../datasets/columns';
import { isMissingWord, toNumber } from '../datasets/values';
import { toHalfBits, type FeedData, type InputSpec } from './inputs';

/** How many distinct batches of real rows a point cycles through (more only costs memory). */
export const MAX_DATASET_BATCHES = 32;

export interface DatasetChoice {
  dataset: string;
  /** Columns feeding the inputs, in order; default: every numeric or boolean column in file order. */
  columns?: string[];
}

/**
 * Feeds built from a dataset's rows instead of synthetic values. Each input takes its batch from
 * consecutive rows: an input named like a column takes that column; the others take the next
 * columns in order, as many as the input's per-row width ([N, F] → F columns, [N] → 1).
 */
export function datasetFeeds(
  core: CoreContext,
  choice: DatasetChoice,
  specs: InputSpec[],
  batchSize: number,
): { feedSets: FeedData[][]; description: string; perInput: Record<string, string> } {
  const id = datasetIdOf(core, choice.dataset);
  const columns = datasetColumns(core, choice.dataset);
  const plan = assignColumns(specs, columns, choice.columns, batchSize);
  const ordinals = plan.flatMap((p) => p.columns.map((c) => c.ordinal));
  const wanted = batchSize * MAX_DATASET_BATCHES;
  const rows: (number | string | null)[][] = [];
  for (const page of iterateRows(core, id, ordinals, Math.min(wanted, 10_000))) {
    rows.push(...page);
    if (rows.length >= wanted) break;
  }
  const batches = Math.min(MAX_DATASET_BATCHES, Math.floor(rows.length / batchSize));
  if (batches === 0)
    throw new PreflightError(
      'INVALID_INPUT',
      `dataset ${choice.dataset} has ${rows.length} rows, fewer than the batch size ${batchSize}`,
    );
  const feedSets: FeedData[][] = [];
  for (let b = 0; b < batches; b++) {
    let offset = 0;
    feedSets.push(
      plan.map(({ spec, columns: cols }) => {
        const values: number[] = [];
        for (let r = b * batchSize; r < (b + 1) * batchSize; r++) {
          for (let c = 0; c < cols.length; c++) values.push(numberOf(rows[r][offset + c], spec, cols[c], r));
        }
        offset += cols.length;
        return { name: spec.name, type: spec.type, dims: spec.dims, data: typed(spec, values) };
      }),
    );
  }
  const used = plan.map((p) => `${p.spec.name} ← ${p.columns.map((c) => c.name).join(', ')}`).join('; ');
  const perInput = Object.fromEntries(
    plan.map((p) => [
      p.spec.name,
      `dataset ${choice.dataset}, column${p.columns.length === 1 ? '' : 's'} ${p.columns.map((c) => c.name).join(', ')} (${batches} batch${batches === 1 ? '' : 'es'} cycled)`,
    ]),
  );
  return {
    feedSets,
    description: `dataset ${choice.dataset}: ${batches} batch${batches === 1 ? '' : 'es'} of ${batchSize} rows cycled; ${used}`,
    perInput,
  };
}

function assignColumns(specs: InputSpec[], columns: ColumnInfo[], chosen: string[] | undefined, batchSize: number) {
  const byName = new Map(columns.map((c) => [c.name, c]));
  const pool = chosen
    ? chosen.map((name) => {
        const c = byName.get(name);
        if (!c)
          throw new PreflightError(
            'NOT_FOUND',
            `the dataset has no column "${name}" (columns: ${columns.map((x) => x.name).join(', ')})`,
          );
        return c;
      })
    : columns.filter((c) => c.kind === 'integer' || c.kind === 'float' || c.kind === 'boolean');
  const taken = new Set<number>();
  const plan = specs.map((spec) => {
    if (spec.type === 'string')
      throw new PreflightError(
        'INVALID_INPUT',
        `input ${spec.name} takes strings: feeding it from a dataset is not supported; run without --data`,
      );
    if (spec.dims[0] !== batchSize || spec.dims.length > 2) {
      throw new PreflightError(
        'INVALID_INPUT',
        `input ${spec.name} is ${spec.type}[${spec.dims.join(',')}]: only [batch] and [batch, features] inputs can be fed from dataset rows`,
      );
    }
    const width = spec.dims[1] ?? 1;
    const named = width === 1 ? pool.find((c) => c.name === spec.name && !taken.has(c.ordinal)) : undefined;
    if (named) taken.add(named.ordinal);
    return { spec, width, columns: named ? [named] : ([] as ColumnInfo[]) };
  });
  for (const p of plan) {
    while (p.columns.length < p.width) {
      const next = pool.find((c) => !taken.has(c.ordinal));
      if (!next) {
        const need = plan.reduce((s, x) => s + x.width, 0);
        throw new PreflightError(
          'INVALID_INPUT',
          `the model's inputs take ${need} values per row but only ${pool.length} usable columns were given (${pool.map((c) => c.name).join(', ') || 'none'})`,
        );
      }
      taken.add(next.ordinal);
      p.columns.push(next);
    }
  }
  if (chosen && taken.size < pool.length)
    throw new PreflightError(
      'BAD_ARGUMENTS',
      `${pool.length - taken.size} of the given columns are not needed: the inputs take ${taken.size} values per row`,
    );
  return plan;
}

function numberOf(v: number | string | null, spec: InputSpec, column: ColumnInfo, row: number): number {
  const n =
    typeof v === 'string' && column.kind === 'boolean'
      ? /^true$/i.test(v)
        ? 1
        : /^false$/i.test(v)
          ? 0
          : isMissingWord(v)
            ? null
            : undefined
      : toNumber(v);
  const float = spec.type === 'float32' || spec.type === 'float64' || spec.type === 'float16';
  if (n === null && float) return NaN; // a missing value reaches the model as NaN, as pandas would pass it
  if (n === null || n === undefined || (!float && !Number.isInteger(n))) {
    throw new PreflightError(
      'INVALID_INPUT',
      `row ${row + 1}, column ${column.name}: ${v === null ? 'missing' : JSON.stringify(v)} cannot feed ${spec.type} input ${spec.name}`,
    );
  }
  return n;
}

function typed(spec: InputSpec, values: number[]): FeedData['data'] {
  switch (spec.type) {
    case 'float32':
      return Float32Array.from(values);
    case 'float64':
      return Float64Array.from(values);
    case 'float16':
      return Uint16Array.from(values, toHalfBits);
    case 'int64':
      return BigInt64Array.from(values, (x) => BigInt(x));
    case 'uint64':
      return BigUint64Array.from(values, (x) => BigInt(x));
    case 'int32':
      return Int32Array.from(values);
    case 'int16':
      return Int16Array.from(values);
    case 'int8':
      return Int8Array.from(values);
    case 'uint32':
      return Uint32Array.from(values);
    case 'uint16':
      return Uint16Array.from(values);
    default: // uint8, bool
      return Uint8Array.from(values);
  }
}
