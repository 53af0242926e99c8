import type { ParsedArgsOf } from '../../../shared/contract/methods';
import { compareRuns, decodeLatencies } from '../../../shared/math/latency/index';
import type { BenchPointResult, BenchRun, BenchSettings } from '../../../shared/types/bench';
import type { CoreContext } from '../context';
import type { JobContext } from '../jobs/manager';
import { runInChild } from '../jobs/run-in-child';
import type { ArmSpec, MeasureResult } from './child/measure';
import { describeSpec, resolveInputs } from './inputs';
import { benchModel } from './model-ref';
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
  return oneAtATime(job, async () => {
    const startedAt = new Date().toISOString();
    // In order: B may name the model that A's path has just registered.
    const arms = [await prepareArm(core, 'A', args.a, batchSize, dims, job)];
    arms.push(await prepareArm(core, 'B', args.b, batchSize, dims, job));
    job.progress(null, 'probing execution providers');
    const providers = await probeProviders(core, arms[0].model.path, job.signal);
    const measured = await runInChild<MeasureResult>(
      core.launcher,
      'bench/measure',
      { arms: arms.map((a) => a.arm), warmup, mode: { kind: 'interleave', blocks, blockIterations }, seed },
      { signal: job.signal, onProgress: (fraction, message, data) => job.progress(fraction, message, { ...data, point: 0, points: 1, label: 'A/B' }) },
    );
    job.throwIfCancelled();
    const points = arms.map((a, i) =>
      toPoint(i, { label: armLabel(a, arms), ep: a.ep, batchSize, concurrency: 1, sessionOptions: a.arm.sessionOptions, inputs: Object.fromEntries(a.arm.inputs.map((s) => [s.name, describeSpec(s)])), inputSource: `synthetic, seed ${seed}`, warnings: a.warnings }, warmup, measured.arms[i], measured.peakRssBytes, null),
    );
    const results: BenchPointResult[] = points.map((p) => p.result);
    const [ea, eb] = points.map((p) => p.encoded);
    const settings: BenchSettings = { eps: [...new Set(arms.map((a) => a.ep))], batchSizes: [batchSize], concurrency: [1], warmup, iterations: blocks * blockIterations, durationSec: null, stability: null, ...arms[0].settings, seed, dims, data: null };
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
      warnings: [`A/B: ${blocks} blocks of ${blockIterations} iterations, interleaved ABBA in one process; B is compared against A`],
      comparison: ea && eb ? compareRuns(decodeLatencies(ea), decodeLatencies(eb)) : null,
    });
  });
}

type ArmArgs = ParsedArgsOf<'bench/ab'>['a'];

async function prepareArm(core: CoreContext, label: 'A' | 'B', spec: ArmArgs, batchSize: number, dims: Record<string, number>, job: JobContext) {
  const model = await benchModel(core, spec.model, job);
  const ep = spec.ep ?? 'cpu';
  const settings = { intraOpThreads: spec.intraOpThreads ?? null, interOpThreads: spec.interOpThreads ?? null, allowSpinning: spec.allowSpinning ?? null, graphOptimizationLevel: spec.graphOptimizationLevel ?? 'all' } as const;
  const { specs, warnings } = resolveInputs(model.version.metadata.inputs, batchSize, dims);
  const outputs = tensorOutputs(model.version.metadata.outputs);
  const arm: ArmSpec = { label, modelPath: model.path, sessionOptions: sessionOptionsFor(ep, settings), inputs: specs, outputNames: outputs.outputNames, concurrency: 1 };
  return { arm, model, ep, settings, warnings: [...outputs.warnings, ...warnings] };
}

type PreparedArm = Awaited<ReturnType<typeof prepareArm>>;

/** "A: tiny_mlp@1 cpu", plus the settings that differ from the other arm (e.g. "spinning off"). */
function armLabel(a: PreparedArm, arms: PreparedArm[]): string {
  const other = arms.find((x) => x !== a)!;
  const diffs: string[] = [];
  const s = a.settings;
  if (s.intraOpThreads !== other.settings.intraOpThreads) diffs.push(`intra-op ${s.intraOpThreads ?? 'default'}`);
  if (s.interOpThreads !== other.settings.interOpThreads) diffs.push(`inter-op ${s.interOpThreads ?? 'default'}`);
  if (s.allowSpinning !== other.settings.allowSpinning) diffs.push(`spinning ${s.allowSpinning === null ? 'default' : s.allowSpinning ? 'on' : 'off'}`);
  if (s.graphOptimizationLevel !== other.settings.graphOptimizationLevel) diffs.push(`opt ${s.graphOptimizationLevel}`);
  return [`${a.arm.label}: ${a.model.version.name}@${a.model.version.version} ${a.ep}`, ...diffs].join(', ');
}
