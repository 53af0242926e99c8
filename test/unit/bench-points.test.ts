import { describe, expect, it } from 'vitest';
import type { ArmOutcome } from '../../electron/core/bench/child/measure';
import { postHocWindows, toPoint, type PointPlan } from '../../electron/core/bench/points';
import { decodeLatencies, summarizeLatencies } from '../../shared/math/latency/index';

const plan: PointPlan = {
  label: 'cpu b4 c1',
  ep: 'cpu',
  batchSize: 4,
  concurrency: 1,
  sessionOptions: { executionProviders: ['cpu'] },
  inputs: [
    {
      name: 'x',
      dtype: 'float32',
      shape: [4, 4],
      source: 'random uniform [-1, 1), seed 1',
      declared: '[N,4]',
      assumed: [],
    },
  ],
  inputSource: 'synthetic, seed 1',
  inputsAssumed: null,
  warnings: [],
};
const outcome = (latencies: number[], over: Partial<ArmOutcome> = {}): ArmOutcome => ({
  label: plan.label,
  createMs: 12,
  firstRunMs: 3,
  error: null,
  latencies: Float64Array.from(latencies),
  wallMs: latencies.reduce((a, b) => a + b, 0),
  windowP50s: [],
  stoppedBy: 'count',
  ...over,
});

describe('a sweep point from raw latencies', () => {
  it('reports exactly the statistics of what is stored, with throughput in inferences and items', () => {
    const raw = Array.from({ length: 2000 }, (_, i) => 1 + ((i * 7919) % 1000) / 3333.33333);
    const { result, encoded } = toPoint(0, plan, 10, outcome(raw), 123_000_000, null);
    const { n, ...again } = summarizeLatencies(decodeLatencies(encoded!));
    expect(result.latencyMs).toEqual(again);
    expect(result.iterations).toBe(n);
    expect(result.throughput!.itemsPerSec).toBeCloseTo(result.throughput!.inferencesPerSec * 4, 6);
    expect(result).toMatchObject({
      sessionCreateMs: 12,
      firstRunMs: 3,
      warmup: 10,
      peakRssBytes: 123_000_000,
      error: null,
      percentileMethod: expect.stringMatching(/nearest-rank/),
    });
    expect(result.warnings.join('\n')).not.toMatch(/unstable/);
  });

  it('flags a run whose last windows disagree as unstable, and a stability rule that never held', () => {
    const drifting = Array.from({ length: 1000 }, (_, i) => 1 + Math.floor(i / 100) ** 2);
    expect(postHocWindows(Float64Array.from(drifting))).toHaveLength(10);
    expect(toPoint(0, plan, 0, outcome(drifting), null, null).result.warnings.join()).toMatch(
      /unstable: the p50 of the last 3 measurement windows/,
    );
    const capped = toPoint(
      0,
      plan,
      0,
      outcome([1, 1, 1], { stoppedBy: 'max-iterations', windowP50s: [1, 2, 3] }),
      null,
      null,
    ).result;
    expect(capped.warnings.join()).toMatch(/stability rule was not met/);
    expect(capped.warnings.join()).not.toMatch(/differ by more than 10%/);
  });

  it('a run stopped by the user’s own stability rule is not second-guessed by the fixed 10% check', () => {
    // Windows 20% apart: met under a 50% tolerance the user chose, so no "unstable" warning…
    const met = toPoint(
      0,
      plan,
      0,
      outcome([1, 1, 1], { stoppedBy: 'stable', windowP50s: [0.008, 0.01, 0.012] }),
      null,
      null,
    ).result;
    expect(met.warnings.join()).not.toMatch(/unstable/);
    // …while the same windows from a fixed-count run are flagged.
    const counted = toPoint(0, plan, 0, outcome([1, 1, 1], { windowP50s: [0.008, 0.01, 0.012] }), null, null).result;
    expect(counted.warnings.join()).toMatch(/unstable: the p50 of the last 3 measurement windows/);
  });

  it('a failed point keeps its reason and no numbers', () => {
    const { result, encoded } = toPoint(
      1,
      plan,
      0,
      outcome([], { error: 'session creation failed: boom', stoppedBy: 'error' }),
      null,
      null,
    );
    expect(encoded).toBeNull();
    expect(result).toMatchObject({
      error: 'session creation failed: boom',
      latencyMs: null,
      throughput: null,
      iterations: 0,
    });
    expect(toPoint(2, plan, 0, null, null, 'webgpu is unavailable: no adapter').result.error).toBe(
      'webgpu is unavailable: no adapter',
    );
  });
});
