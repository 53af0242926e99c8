// Pure chart options of the Benchmarks screen: what the axes say and which numbers they plot.
import { describe, expect, it } from 'vitest';
import {
  histogramOption,
  percentilesLabel,
  percentilesOption,
  samplingNote,
  timelineLabel,
  timelineOption,
} from '../../shared/bench-view/charts';
import type { BenchPointResult } from '../../shared/types/bench';

function point(
  label: string,
  latency: Partial<Record<'p50' | 'p90' | 'p95' | 'p99' | 'p999', number>> | null,
): BenchPointResult {
  const l = latency && {
    mean: 0.02,
    std: 0.1,
    min: 0.008,
    max: 9,
    p50: 0.01,
    p90: 0.011,
    p95: 0.012,
    p99: 0.013,
    p999: 7.9,
    ...latency,
  };
  return {
    index: 0,
    label,
    ep: 'cpu',
    batchSize: 1,
    concurrency: 1,
    warmup: 0,
    iterations: 1000,
    sessionCreateMs: 1,
    firstRunMs: 1,
    latencyMs: l,
    percentileMethod: '',
    throughput: null,
    peakRssBytes: null,
    warnings: [],
    error: l ? null : 'failed',
    sessionOptions: {},
    inputs: [],
    inputShapes: {},
    inputSource: '',
    inputsAssumed: null,
    windowP50s: [],
  } as BenchPointResult;
}

describe('bench charts', () => {
  it('plots percentiles on a log axis as marks, so a 0.01 ms p50 stays visible next to a 7.9 ms p99.9', () => {
    const o = percentilesOption([point('cpu b1 c1', {}), point('cpu b8 c1', null)]);
    expect(o.yAxis.type).toBe('log');
    expect(o.xAxis.data).toEqual(['cpu b1 c1']);
    expect(o.series.map((s) => s.type)).toEqual(['scatter', 'scatter', 'scatter', 'scatter', 'scatter']);
    expect(o.series.map((s) => s.data[0])).toEqual([0.01, 0.011, 0.012, 0.013, 7.9]);
  });

  it('leaves out a 0 ms mark a log axis cannot place, and states every number in the label', () => {
    const o = percentilesOption([point('a', { p50: 0 })]);
    expect(o.series[0].data).toEqual([null]);
    expect(percentilesLabel([point('cpu b1 c1', {})])).toBe(
      'Latency percentiles per point, ms on a log scale: cpu b1 c1: p50 0.0100, p90 0.0110, p95 0.0120, p99 0.0130, p99.9 7.90',
    );
  });

  it('plots the timeline against the real iteration number when only every k-th sample was fetched', () => {
    const latencies = Array.from({ length: 40_000 }, (_, i) => (i === 39_999 ? 5 : 0.01));
    const s = { point: point('cpu b1 c1', {}), latencies, stride: 3, total: 120_000 };
    const o = timelineOption([s]);
    const data = o.series[0].data;
    expect(o.xAxis.max).toBe(120_000);
    expect(data[0]).toEqual([1, 0.01]);
    expect(data[1][0]).toBe(10 * 3 + 1); // groups of 10 samples, 3 iterations apart
    expect(data.at(-1)).toEqual([39_990 * 3 + 1, 5]); // the last group keeps its spike
    expect(samplingNote(s)).toBe('every 3rd of 120,000 iterations');
    expect(timelineLabel(s)).toBe(
      'Latency of each iteration over time for cpu b1 c1: iterations 1 to 119,998, every 3rd of 120,000 iterations; each drawn point is the slowest of 30 iterations',
    );
  });

  it('calls histogram counts of a sample "sampled iterations", and all of them "iterations"', () => {
    const latencies = [0.01, 0.02, 0.03];
    expect(histogramOption([{ point: point('a', {}), latencies, stride: 3, total: 9 }])).toMatchObject({
      yAxis: { name: 'sampled iterations' },
    });
    expect(histogramOption([{ point: point('a', {}), latencies, stride: 1, total: 3 }])).toMatchObject({
      yAxis: { name: 'iterations' },
    });
    expect(samplingNote({ point: point('a', {}), latencies })).toBe('all 3 iterations');
  });
});
