import { PreflightError } from '../../../shared/contract/errors';
import type { ParsedArgsOf } from '../../../shared/contract/methods';
import type { BenchPointResult, BenchProvider, BenchRun, BenchSettings, EpName } from '../../../shared/types/bench';
import type { CoreContext } from '../context';
import type { JobContext } from '../jobs/manager';
import { runInChild } from '../jobs/run-in-child';
import type { MeasureMode, MeasurePayload, MeasureResult } from './child/measure';
import { checkOverrideNames } from '../../../shared/bench/input-plan';
import { summarizeProviderError } from '../../../shared/bench/provider-summary';
import type { OnnxMetadata } from '../../../shared/types/models';
import type { FeedData, InputSpec } from './inputs';
import { pointInputs } from './point-inputs';
import { benchModel } from './model-ref';
import { toPoint, type PointPlan } from './points';
import { probeProviders } from './providers';
import { oneAtATime } from './queue';
import { checkSloBatches, evaluateSlos, parseSlos } from './slo';
import { resolveDataset } from '../datasets/resolve';
import { sessionOptionsFor } from './session-options';
import { storeRun, tensorOutputs } from './store-run';

export const DEFAULT_ITERATIONS = 1000;

export function normalizeSettings(args: ParsedArgsOf<'bench/start'>): BenchSettings {
  const stability = args.stability
    ? {
        windowIterations: args.stability.windowIterations ?? 200,
        tolerance: args.stability.tolerance ?? 0.1,
        maxIterations: args.stability.maxIterations ?? 50_000,
      }
    : null;
  return {
    eps: [...new Set<EpName>(args.eps ?? ['cpu'])],
    batchSizes: [...new Set(args.batchSizes ?? [1])],
    concurrency: [...new Set(args.concurrency ?? [1])],
    warmup: args.warmup ?? 20,
    iterations:
      args.durationSec !== undefined || stability ? (args.iterations ?? null) : (args.iterations ?? DEFAULT_ITERATIONS),
    durationSec: args.durationSec ?? null,
    stability,
    intraOpThreads: args.intraOpThreads ?? null,
    interOpThreads: args.interOpThreads ?? null,
    allowSpinning: args.allowSpinning ?? null,
    graphOptimizationLevel: args.graphOptimizationLevel ?? 'all',
    seed: args.seed ?? 1,
    dims: args.dims ?? {},
    shapes: args.shapes ?? {},
    values: args.values ?? {},
    data: args.data
      ? { dataset: args.data.dataset, columns: args.data.columns ?? null, inputs: args.data.inputs ?? null }
      : null,
  };
}

function modeOf(s: BenchSettings): MeasureMode {
  if (s.stability) return { kind: 'stable', ...s.stability, maxIterations: s.iterations ?? s.stability.maxIterations };
  if (s.durationSec !== null) return { kind: 'duration', seconds: s.durationSec };
  return { kind: 'iterations', iterations: s.iterations ?? DEFAULT_ITERATIONS };
}

/** bench/start: probe EPs, run every sweep point in its own child process, store the run only when complete. */
export async function startBench(
  core: CoreContext,
  args: ParsedArgsOf<'bench/start'>,
  job: JobContext,
): Promise<BenchRun> {
  const slo = parseSlos(args.slo ?? []); // before any work: a typo in --slo is exit 2 at once
  const settings = normalizeSettings(args);
  checkSloBatches(slo, settings.batchSizes);
  // A dataset that does not exist is found out before a model file is registered.
  if (settings.data) resolveDataset(core, settings.data.dataset);
  return oneAtATime(job, async () => {
    const startedAt = new Date().toISOString();
    const model = await benchModel(core, args.model, job);
    job.progress(null, 'probing execution providers');
    const providers = withRequested(await probeProviders(core, model.path, job.signal), settings);
    const { outputNames, warnings } = tensorOutputs(model.version.metadata.outputs);
    const meta = model.version.metadata;
    // A name that matches no input or dimension is a usage error before any point runs (exit 2).
    checkOverrideNames(meta.inputs, { shapes: settings.shapes, dims: settings.dims, values: settings.values });
    const plans = planPoints(core, settings, providers, meta);
    const results: BenchPointResult[] = [];
    const latencies: (Uint8Array | null)[] = [];
    let environment: MeasureResult['environment'] | null = null;
    for (const [index, { plan, specs, feedSets, error, failureNotes }] of plans.entries()) {
      job.throwIfCancelled();
      let measured: MeasureResult | null = null;
      if (!error) {
        const payload: MeasurePayload = {
          arms: [
            {
              label: plan.label,
              modelPath: model.path,
              sessionOptions: plan.sessionOptions,
              inputs: specs,
              feedSets,
              outputNames,
              concurrency: plan.concurrency,
              failureNotes,
            },
          ],
          warmup: settings.warmup,
          mode: modeOf(settings),
          seed: settings.seed,
        };
        measured = await runInChild<MeasureResult>(core.launcher, 'bench/measure', payload, {
          signal: job.signal,
          onProgress: (fraction, message, data) =>
            job.progress(
              fraction === null ? null : (index + fraction) / plans.length,
              `[${index + 1}/${plans.length}] ${message}`,
              { ...data, point: index, points: plans.length, label: plan.label },
            ),
        });
        environment ??= measured.environment;
      }
      const { result, encoded } = toPoint(
        index,
        {
          ...plan,
          warnings: [
            ...plan.warnings.slice(0, plan.inputsAssumed ? 1 : 0),
            ...warnings,
            ...plan.warnings.slice(plan.inputsAssumed ? 1 : 0),
          ],
        },
        settings.warmup,
        measured?.arms[0] ?? null,
        measured?.peakRssBytes ?? null,
        error,
      );
      results.push(result);
      latencies.push(encoded);
      job.progress(
        (index + 1) / plans.length,
        `[${index + 1}/${plans.length}] ${plan.label}: ${result.error ? 'failed' : `p50 ${result.latencyMs!.p50.toFixed(3)} ms`}`,
      );
    }
    environment ??= (
      await runInChild<MeasureResult>(
        core.launcher,
        'bench/measure',
        { arms: [], warmup: 0, mode: { kind: 'iterations', iterations: 0 }, seed: 0 },
        { signal: job.signal },
      )
    ).environment;
    job.throwIfCancelled();
    return storeRun(core, {
      kind: 'sweep',
      model: model.version,
      startedAt,
      settings,
      providers,
      environment,
      results,
      latencies,
      slo,
      sloVerdict: evaluateSlos(slo, results),
      warnings: [...new Set(results.flatMap((r) => (r.inputsAssumed ? [r.inputsAssumed] : [])))],
      comparison: null,
    });
  });
}

/** EPs asked for that this OS does not offer are reported too, never silently dropped. */
function withRequested(providers: BenchProvider[], settings: BenchSettings): BenchProvider[] {
  const extra = settings.eps.filter((ep) => !providers.some((p) => p.name === ep));
  return [
    ...providers,
    ...extra.map((name) => ({
      name,
      available: false,
      reason: `onnxruntime-node does not offer ${name} on ${process.platform}`,
      summary: summarizeProviderError(name, 'does not offer'),
    })),
  ];
}

function planPoints(core: CoreContext, settings: BenchSettings, providers: BenchProvider[], meta: OnnxMetadata) {
  const out: {
    plan: PointPlan;
    specs: InputSpec[];
    feedSets?: FeedData[][];
    error: string | null;
    failureNotes: string[];
  }[] = [];
  for (const ep of settings.eps) {
    const provider = providers.find((p) => p.name === ep)!;
    for (const batchSize of settings.batchSizes) {
      for (const concurrency of settings.concurrency) {
        const plan: PointPlan = {
          label: `${ep} b${batchSize} c${concurrency}`,
          ep,
          batchSize,
          concurrency,
          sessionOptions: sessionOptionsFor(ep, settings),
          inputs: [],
          inputSource: `synthetic, seed ${settings.seed}`,
          inputsAssumed: null,
          warnings: [],
        };
        let feedSets: FeedData[][] | undefined;
        let specs: InputSpec[] = [];
        let failureNotes: string[] = [];
        let error: string | null = provider.available ? null : `${ep} is unavailable: ${provider.reason}`;
        try {
          // Planned even for an unavailable EP, so every point says what it would have fed.
          const fed = pointInputs(
            core,
            meta,
            batchSize,
            { shapes: settings.shapes, dims: settings.dims, values: settings.values },
            settings.seed,
            error ? null : settings.data,
          );
          ({ specs, feedSets, failureNotes } = fed);
          plan.inputs = fed.inputs;
          plan.inputSource = fed.inputSource;
          plan.inputsAssumed = fed.inputsAssumed;
          if (fed.inputsAssumed) plan.warnings.push(fed.inputsAssumed);
        } catch (err) {
          // A dataset that is missing altogether, or a usage mistake, is the run's error, not one point's.
          if (!(err instanceof PreflightError) || err.code === 'NOT_FOUND' || err.code === 'BAD_ARGUMENTS') throw err;
          error ??= err.message;
        }
        if (concurrency > 1 && settings.intraOpThreads === null) {
          // Each session's intra-op pool defaults to one thread per core: N sessions oversubscribe the CPU.
          plan.warnings.push(
            `${concurrency} sessions each use onnxruntime's default intra-op thread pool (one thread per core); set intra-op threads (e.g. 1) to avoid oversubscribing the CPU`,
          );
        }
        out.push({ plan, specs, feedSets, error, failureNotes });
      }
    }
  }
  return out;
}
