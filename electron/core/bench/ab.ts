import type { ParsedArgsOf } from '../../../shared/contract/methods';
import { comparabilityReasons } from '../../../shared/bench/comparability';
import { checkOverrideNames, type InputOverrides } from '../../../shared/bench/input-plan';
import { compareRuns, decodeLatencies, withComparability } from '../../../shared/math/latency/index';
import type { BenchPointResult, BenchRun, BenchSettings } from '../../../shared/types/bench';
import type { CoreContext } from '../context';
import type { JobContext } from '../jobs/manager';
import { runInChild } from '../jobs/run-in-child';
import type { ArmSpec, MeasureResult } from './child/measure';
import { benchModel } from './model-ref';
import { pointInputs } from './point-inputs';
import { toPoint } from './points';
import { probeProviders } from './providers';
import { oneAtATime } from './queue';
import { sessionOptionsFor } from './session-options';
import { storeRun, tensorOutputs } from './store-run';

/**
 * bench/ab: A and B (two models, or one model with two EPs/settings) each get a session in the same
 * child and are measured in alternating blocks (ABBA…), so machine drift hits both alike.
 */
export async function abBench(core: CoreContext, args: ParsedArgsOf<'bench/ab'>, job: JobContext): Promise<BenchRun> {
  const batchSize = args.batchSize ?? 1;
  const warmup = args.warmup ?? 20;
  const blocks = args.blocks ?? 10;
  const blockIterations = args.blockIterations ?? 100;
  const seed = args.seed ?? 1;
  const dims = args.dims ?? {};
  const overrides: InputOverrides = { dims, shapes: args.shapes ?? {}, values: args.values ?? {} };
  return oneAtATime(job, async () => {
    const startedAt = new Date().toISOString();
    // In order: B may name the model that A's path has just registered.
    const arms = [await prepareArm(core, 'A', args.a, batchSize, overrides, seed, job)];
    arms.push(await prepareArm(core, 'B', args.b, batchSize, overrides, seed, job));
    job.progress(null, 'probing execution providers');
    const providers = await probeProviders(core, arms[0].model.path, job.signal);
    const measured = await runInChild<MeasureResult>(
      core.launcher,
      'bench/measure',
      { arms: arms.map((a) => a.arm), warmup, mode: { kind: 'interleave', blocks, blockIterations }, seed },
      {
        signal: job.signal,
        onProgress: (fraction, message, data) =>
          job.progress(fraction, message, { ...data, point: 0, points: 1, label: 'A/B' }),
      },
    );
    job.throwIfCancelled();
    const points = arms.map((a, i) =>
      toPoint(
        i,
        {
          label: armLabel(a, arms),
          ep: a.ep,
          batchSize,
          concurrency: 1,
          sessionOptions: a.arm.sessionOptions,
          inputs: a.fed.inputs,
          inputSource: a.fed.inputSource,
          inputsAssumed: a.fed.inputsAssumed,
          warnings: a.warnings,
        },
        warmup,
        measured.arms[i],
        measured.peakRssBytes,
        null,
      ),
    );
    const results: BenchPointResult[] = points.map((p) => p.result);
    const [ea, eb] = points.map((p) => p.encoded);
    const settings: BenchSettings = {
      eps: [...new Set(arms.map((a) => a.ep))],
      batchSizes: [batchSize],
      concurrency: [1],
      warmup,
      iterations: blocks * blockIterations,
      durationSec: null,
      stability: null,
      ...arms[0].settings,
      seed,
      dims,
      shapes: overrides.shapes,
      values: overrides.values,
      data: null,
    };
    // A/B varies the model or the settings on purpose; different inputs would make it apples to oranges.
    const reasons = comparabilityReasons(
      { sha256: arms[0].model.version.sha256, point: results[0] },
      { sha256: arms[1].model.version.sha256, point: results[1] },
      'ab',
    );
    return storeRun(core, {
      kind: 'ab',
      model: arms[0].model.version,
      startedAt,
      settings,
      providers,
      environment: measured.environment,
      results,
      latencies: [ea, eb],
      slo: [],
      sloVerdict: null,
      warnings: [
        ...new Set(results.flatMap((r) => (r.inputsAssumed ? [`${r.label.slice(0, 1)}: ${r.inputsAssumed}`] : []))),
        `A/B: ${blocks} blocks of ${blockIterations} iterations, interleaved ABBA in one process; B is compared against A`,
      ],
      comparison: ea && eb ? withComparability(compareRuns(decodeLatencies(ea), decodeLatencies(eb)), reasons) : null,
    });
  });
}

type ArmArgs = ParsedArgsOf<'bench/ab'>['a'];

async function prepareArm(
  core: CoreContext,
  label: 'A' | 'B',
  spec: ArmArgs,
  batchSize: number,
  overrides: InputOverrides,
  seed: number,
  job: JobContext,
) {
  const model = await benchModel(core, spec.model, job);
  const ep = spec.ep ?? 'cpu';
  const settings = {
    intraOpThreads: spec.intraOpThreads ?? null,
    interOpThreads: spec.interOpThreads ?? null,
    allowSpinning: spec.allowSpinning ?? null,
    graphOptimizationLevel: spec.graphOptimizationLevel ?? 'all',
  } as const;
  const meta = model.version.metadata;
  checkOverrideNames(meta.inputs, overrides);
  const fed = pointInputs(core, meta, batchSize, overrides, seed, null);
  const outputs = tensorOutputs(meta.outputs);
  const arm: ArmSpec = {
    label,
    modelPath: model.path,
    sessionOptions: sessionOptionsFor(ep, settings),
    inputs: fed.specs,
    outputNames: outputs.outputNames,
    concurrency: 1,
    failureNotes: fed.failureNotes,
  };
  return {
    arm,
    model,
    ep,
    settings,
    fed,
    warnings: [...(fed.inputsAssumed ? [fed.inputsAssumed] : []), ...outputs.warnings],
  };
}

type PreparedArm = Awaited<ReturnType<typeof prepareArm>>;

/** "A: tiny_mlp@1 cpu", plus the settings that differ from the other arm (e.g. "spinning off"). */
function armLabel(a: PreparedArm, arms: PreparedArm[]): string {
  const other = arms.find((x) => x !== a)!;
  const diffs: string[] = [];
  const s = a.settings;
  if (s.intraOpThreads !== other.settings.intraOpThreads) diffs.push(`intra-op ${s.intraOpThreads ?? 'default'}`);
  if (s.interOpThreads !== other.settings.interOpThreads) diffs.push(`inter-op ${s.interOpThreads ?? 'default'}`);
  if (s.allowSpinning !== other.settings.allowSpinning)
    diffs.push(`spinning ${s.allowSpinning === null ? 'default' : s.allowSpinning ? 'on' : 'off'}`);
  if (s.graphOptimizationLevel !== other.settings.graphOptimizationLevel) diffs.push(`opt ${s.graphOptimizationLevel}`);
  return [`${a.arm.label}: ${a.model.version.name}@${a.model.version.version} ${a.ep}`, ...diffs].join(', ');
}
