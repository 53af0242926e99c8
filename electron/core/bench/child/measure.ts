import { isStable, percentileNearestRank, sortedCopy } from '../../../../shared/math/latency/index';
import type { BenchEnvironment } from '../../../../shared/types/bench';
import type { ChildTaskContext } from '../../jobs/child-task';
import { synthesize, type FeedData, type InputSpec } from '../inputs';
import { collectEnvironment } from './environment';
import { ArmError, ArmPool, splitCount } from './pool';

export interface ArmSpec {
  label: string;
  modelPath: string;
  sessionOptions: Record<string, unknown>;
  inputs: InputSpec[];
  /** Real rows (from a dataset), cycled; synthetic seeded inputs when absent. */
  feedSets?: FeedData[][];
  outputNames: string[];
  concurrency: number;
  /** Appended to an inference error: inputs that were random scalars or had assumed dimensions. */
  failureNotes?: string[];
}

export type MeasureMode =
  | { kind: 'iterations'; iterations: number }
  | { kind: 'duration'; seconds: number }
  | { kind: 'stable'; windowIterations: number; tolerance: number; maxIterations: number }
  | { kind: 'interleave'; blocks: number; blockIterations: number };

/** Most iterations a duration run keeps per point. */
export const DURATION_SAMPLE_CAP = 10_000_000;

export interface MeasurePayload {
  arms: ArmSpec[];
  warmup: number;
  mode: MeasureMode;
  seed: number;
}

export interface ArmOutcome {
  label: string;
  createMs: number | null;
  firstRunMs: number | null;
  error: string | null;
  latencies: Float64Array;
  wallMs: number;
  /** p50 per measured window (stable mode) — empty otherwise; the core derives windows then. */
  windowP50s: number[];
  stoppedBy: 'count' | 'duration' | 'stable' | 'max-iterations' | 'sample-cap' | 'error';
}

export interface MeasureResult {
  arms: ArmOutcome[];
  peakRssBytes: number;
  environment: BenchEnvironment;
}

/** Child task `bench/measure`: opens each arm's workers, warms them up, measures, reports raw latencies. */
export async function measure(payload: MeasurePayload, ctx: ChildTaskContext): Promise<MeasureResult> {
  const environment = await collectEnvironment();
  const pools: (ArmPool | null)[] = [];
  const outcomes: ArmOutcome[] = payload.arms.map((a) => ({
    label: a.label,
    createMs: null,
    firstRunMs: null,
    error: null,
    latencies: new Float64Array(0),
    wallMs: 0,
    windowP50s: [],
    stoppedBy: 'count',
  }));
  const live = new LiveStats(ctx, payload);
  try {
    for (const [i, arm] of payload.arms.entries()) {
      // Inputs are built here, once, outside any timed region.
      const feedSets = arm.feedSets ?? [arm.inputs.map((spec, j) => synthesize(spec, payload.seed + j))];
      try {
        const pool = await ArmPool.open(
          { modelPath: arm.modelPath, sessionOptions: arm.sessionOptions, feedSets, outputNames: arm.outputNames },
          arm.concurrency,
        );
        outcomes[i].createMs = pool.createMs;
        outcomes[i].firstRunMs = pool.firstRunMs;
        pools.push(pool);
      } catch (err) {
        outcomes[i].error = describe(err, arm);
        outcomes[i].stoppedBy = 'error';
        pools.push(null);
      }
    }
    for (const [i, pool] of pools.entries()) {
      if (pool && payload.warmup > 0)
        await guarded(outcomes[i], payload.arms[i], () => pool.run(Array(pool.size).fill(payload.warmup), null, false));
    }
    live.markStart();
    await runMode(payload, pools, outcomes, live);
  } finally {
    await Promise.all(pools.map((p) => p?.close()));
  }
  return { arms: outcomes, peakRssBytes: process.resourceUsage().maxRSS * 1024, environment };
}

async function runMode(
  payload: MeasurePayload,
  pools: (ArmPool | null)[],
  outcomes: ArmOutcome[],
  live: LiveStats,
): Promise<void> {
  const { mode } = payload;
  const all: number[][] = outcomes.map(() => []);
  const phase = async (i: number, counts: (number | null)[], until: number | null) => {
    const r = await guarded(outcomes[i], payload.arms[i], () =>
      pools[i]!.run(counts, until, true, (c) => live.add(i, c)),
    );
    if (!r) return null;
    for (const v of r.latencies) all[i].push(v);
    outcomes[i].wallMs += r.wallMs;
    return r;
  };
  for (const [i, pool] of pools.entries()) {
    if (!pool || outcomes[i].error || mode.kind === 'interleave') continue;
    if (mode.kind === 'iterations') await phase(i, splitCount(mode.iterations, pool.size), null);
    else if (mode.kind === 'duration') {
      // Capped so an hour of microsecond inferences cannot exhaust memory (8 bytes per sample here).
      const r = await phase(i, splitCount(DURATION_SAMPLE_CAP, pool.size), Date.now() + mode.seconds * 1000);
      outcomes[i].stoppedBy = r && r.count >= DURATION_SAMPLE_CAP ? 'sample-cap' : 'duration';
    } else {
      outcomes[i].stoppedBy = 'max-iterations';
      while (all[i].length < mode.maxIterations) {
        const r = await phase(
          i,
          splitCount(Math.min(mode.windowIterations, mode.maxIterations - all[i].length), pool.size),
          null,
        );
        if (!r) break;
        outcomes[i].windowP50s.push(percentileNearestRank(sortedCopy(r.latencies), 0.5));
        if (isStable(outcomes[i].windowP50s, mode.tolerance, 3)) {
          outcomes[i].stoppedBy = 'stable';
          break;
        }
      }
    }
  }
  if (mode.kind === 'interleave') {
    // ABBA order: each arm goes first equally often, so warming and drift hit both alike.
    for (let b = 0; b < mode.blocks; b++) {
      const order = b % 2 === 0 ? pools.map((_, i) => i) : pools.map((_, i) => pools.length - 1 - i);
      for (const i of order)
        if (pools[i] && !outcomes[i].error) await phase(i, splitCount(mode.blockIterations, pools[i]!.size), null);
    }
  }
  outcomes.forEach((o, i) => (o.latencies = Float64Array.from(all[i])));
}

async function guarded<T>(outcome: ArmOutcome, arm: ArmSpec, fn: () => Promise<T>): Promise<T | null> {
  try {
    return await fn();
  } catch (err) {
    outcome.error = describe(err, arm);
    outcome.stoppedBy = 'error';
    return null;
  }
}

/** onnxruntime's words, verbatim, with what was being done and which inputs were fed. */
function describe(err: unknown, arm: ArmSpec): string {
  const message = (err as Error).message ?? String(err);
  if (!(err instanceof ArmError)) return message;
  if (err.stage === 'create') return `session creation failed: ${message}`;
  const fed = arm.inputs.map((s) => `${s.name}: ${s.type}[${s.dims.join(',')}]`).join(', ');
  const notes = arm.failureNotes?.length ? ` — check: ${arm.failureNotes.join('; ')}` : '';
  return `${err.stage === 'first-run' ? 'first inference' : 'inference'} failed with inputs {${fed}}: ${message.trim()}${notes}`;
}

/** Running iteration count and p50/p99 for the progress bar, recomputed at most twice a second. */
class LiveStats {
  private recent: number[][];
  private counts: number[];
  private last = 0;
  private start = Date.now();
  constructor(
    private ctx: ChildTaskContext,
    private payload: MeasurePayload,
  ) {
    this.recent = payload.arms.map(() => []);
    this.counts = payload.arms.map(() => 0);
  }
  markStart() {
    this.start = Date.now();
  }
  add(arm: number, chunk: Float64Array) {
    const r = this.recent[arm];
    for (const v of chunk) r.push(v);
    if (r.length > 5000) r.splice(0, r.length - 5000);
    this.counts[arm] += chunk.length;
    const now = Date.now();
    if (now - this.last < 500) return;
    this.last = now;
    const sorted = sortedCopy(r);
    const total = this.counts.reduce((a, b) => a + b, 0);
    this.ctx.progress(this.fraction(total), `${this.payload.arms[arm].label}: ${total} iterations`, {
      arm,
      iterations: total,
      p50Ms: percentileNearestRank(sorted, 0.5),
      p99Ms: percentileNearestRank(sorted, 0.99),
    });
  }
  private fraction(total: number): number | null {
    const m = this.payload.mode;
    const arms = this.payload.arms.length;
    if (m.kind === 'iterations') return Math.min(1, total / (m.iterations * arms));
    if (m.kind === 'interleave') return Math.min(1, total / (m.blocks * m.blockIterations * arms));
    if (m.kind === 'stable') return Math.min(1, total / (m.maxIterations * arms));
    return Math.min(1, (Date.now() - this.start) / (m.seconds * 1000 * arms));
  }
}
