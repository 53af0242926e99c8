import { PreflightError } from '../../../shared/contract/errors';
import {
  assumptionWarning,
  describeSource,
  planInputs,
  randomRange,
  type InputOverrides,
  type PlannedInput,
} from '../../../shared/bench/input-plan';
import type { BenchInput } from '../../../shared/types/bench';
import type { OnnxMetadata } from '../../../shared/types/models';
import type { CoreContext } from '../context';
import { datasetFeeds } from './dataset-inputs';
import { specsOf, synthesize, type FeedData, type InputSpec } from './inputs';

export interface PointInputs {
  specs: InputSpec[];
  /** Only when some inputs come from a dataset: every set holds every input. */
  feedSets?: FeedData[][];
  inputs: BenchInput[];
  inputSource: string;
  inputsAssumed: string | null;
  /** Appended to an inference error: what the user may need to set (random scalars, assumed dims). */
  failureNotes: string[];
}

export interface DataChoice {
  dataset: string;
  columns: string[] | null;
  inputs?: string[] | null;
}

/** Everything a point feeds, from the plan (shared/bench/input-plan.ts) and, optionally, a dataset. */
export function pointInputs(
  core: CoreContext,
  meta: Pick<OnnxMetadata, 'inputs' | 'metadataProps'>,
  batchSize: number,
  overrides: InputOverrides,
  seed: number,
  data: DataChoice | null,
): PointInputs {
  const planned = planInputs(meta.inputs, batchSize, overrides, { seed, metadataProps: meta.metadataProps });
  const specs = specsOf(planned);
  let feedSets: FeedData[][] | undefined;
  const constants = planned.flatMap((p) => (p.source.kind === 'constant' ? [`${p.name} = ${p.source.value}`] : []));
  let inputSource = `synthetic, seed ${seed}${constants.length ? `; constant ${constants.join(', ')}` : ''}`;
  if (data) {
    const names = data.inputs ?? planned.filter((p) => p.source.kind !== 'constant').map((p) => p.name);
    const unknown = names.filter((n) => !planned.some((p) => p.name === n));
    if (unknown.length)
      throw new PreflightError(
        'BAD_ARGUMENTS',
        `data inputs ${unknown.join(', ')}: the model has no such input (inputs: ${planned.map((p) => p.name).join(', ')})`,
      );
    const constant = names.filter((n) => planned.find((p) => p.name === n)!.source.kind === 'constant');
    if (constant.length)
      throw new PreflightError(
        'BAD_ARGUMENTS',
        `input ${constant.join(', ')} has a constant --value and cannot also take dataset rows`,
      );
    if (names.length) {
      const fromData = datasetFeeds(
        core,
        { dataset: data.dataset, columns: data.columns ?? undefined },
        specs.filter((s) => names.includes(s.name)),
        batchSize,
      );
      const others = specs.map((s, j) => (names.includes(s.name) ? null : synthesize(s, seed + j)));
      feedSets = fromData.feedSets.map((set) => specs.map((s, j) => others[j] ?? set.find((f) => f.name === s.name)!));
      inputSource = fromData.description;
      for (const p of planned) {
        if (!names.includes(p.name)) continue;
        p.source = { kind: 'dataset', description: fromData.perInput[p.name] };
        p.assumed = p.assumed.filter((a) => !a.startsWith(`${p.name} is a `)); // real rows are not random scalars
      }
    }
  }
  return {
    specs,
    feedSets,
    inputs: planned.map((p) => ({
      name: p.name,
      dtype: p.dtype,
      shape: p.shape,
      source: describeSource(p.source, p.dtype),
      declared: p.declared,
      assumed: p.assumed,
    })),
    inputSource,
    inputsAssumed: assumptionWarning(planned),
    failureNotes: failureNotes(planned),
  };
}

function failureNotes(planned: PlannedInput[]): string[] {
  const notes: string[] = [];
  for (const p of planned) {
    if (p.source.kind === 'random' && p.shape.length === 0 && !p.dtype.startsWith('float') && p.dtype !== 'string') {
      notes.push(
        `${p.name} (${p.dtype} scalar) held random ${randomRange(p.dtype)}: if the model needs a particular value, set it with --value ${p.name}=N`,
      );
    }
    const assumed = p.dims.filter((d) => d.origin === 'default' || d.origin === 'hint');
    if (assumed.length)
      notes.push(
        `${p.name} was fed ${p.dtype}[${p.shape.join(',')}] with ${assumed.length === 1 ? 'a dimension' : `${assumed.length} dimensions`} nobody set: give its real shape with --shape ${p.name}=${p.dims.map((d) => (d.origin === 'default' || d.origin === 'hint' ? '?' : d.value)).join('x')} (each ? replaced)`,
      );
  }
  return notes;
}
