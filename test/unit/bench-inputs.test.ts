import { describe, expect, it } from 'vitest';
import { resolveInputs, synthesize, toHalfBits } from '../../electron/core/bench/inputs';
import { checkSloBatches, parseSlos, evaluateSlos } from '../../electron/core/bench/slo';
import { sessionOptionsFor } from '../../electron/core/bench/session-options';
import type { TensorInfo } from '../../shared/types/models';
import type { BenchPointResult } from '../../shared/types/bench';

const tensor = (name: string, elemType: string, shape: TensorInfo['shape']): TensorInfo => ({
  name,
  kind: 'tensor',
  elemType,
  shape,
  type: '',
  docString: '',
});

describe('synthetic inputs from model metadata', () => {
  it('the batch size fills the first symbolic dimension; fixed dims stay', () => {
    const { specs, warnings } = resolveInputs([tensor('x', 'float', [{ param: 'N' }, { value: 4 }])], 8, {});
    expect(specs).toEqual([{ name: 'x', type: 'float32', dims: [8, 4] }]);
    expect(warnings).toEqual([]);
  });

  it('named symbolic dims take --dim overrides; other free dims become 1, reported as assumed', () => {
    const { specs, warnings } = resolveInputs(
      [tensor('ids', 'int64', [{ param: 'batch' }, { param: 'seq' }, { param: '' }])],
      2,
      { seq: 16 },
    );
    expect(specs[0]).toEqual({ name: 'ids', type: 'int64', dims: [2, 16, 1] });
    expect(warnings).toEqual(['ids [batch,seq,?]: dimension 2 (unnamed) = 1 — nothing sets it']);
  });

  it('a constant value fills every element in the dtype', () => {
    const { specs } = resolveInputs(
      [tensor('sr', 'int64', []), tensor('x', 'float', [{ value: 3 }])],
      1,
      {},
      { values: { sr: 16000, x: 0.25 } },
    );
    expect(synthesize(specs[0], 1).data).toEqual(BigInt64Array.from([16000n]));
    expect(synthesize(specs[1], 1).data).toEqual(Float32Array.from([0.25, 0.25, 0.25]));
  });

  it('a batch size a model cannot take is a clear INVALID_INPUT naming why', () => {
    expect(() => resolveInputs([tensor('img', 'float', [{ value: 1 }, { value: 3 }])], 8, {})).toThrow(
      /no input has a free first \(batch\) dimension left to set: batch size 8/,
    );
    expect(() =>
      resolveInputs([{ ...tensor('m', 'float', null), kind: 'map', type: 'map(int64,float)' }], 1, {}),
    ).toThrow(/input m is map\(int64,float\)/);
    expect(() => resolveInputs([tensor('u', 'float', null)], 1, {})).toThrow(/unknown rank/);
  });

  it('each dtype gets the typed array onnxruntime-node expects, and the same seed gives the same data', () => {
    const types: [string, string, unknown][] = [
      ['float', 'float32', Float32Array],
      ['float16', 'float16', Uint16Array],
      ['double', 'float64', Float64Array],
      ['int64', 'int64', BigInt64Array],
      ['int32', 'int32', Int32Array],
      ['bool', 'bool', Uint8Array],
      ['uint8', 'uint8', Uint8Array],
      ['int8', 'int8', Int8Array],
    ];
    for (const [onnx, ort, ctor] of types) {
      const { specs } = resolveInputs([tensor('t', onnx, [{ param: 'N' }, { value: 3 }])], 2, {});
      expect(specs[0].type).toBe(ort);
      const a = synthesize(specs[0], 7);
      expect(a.data).toBeInstanceOf(ctor as never);
      expect((a.data as ArrayLike<unknown>).length).toBe(6);
      expect(synthesize(specs[0], 7).data).toEqual(a.data);
    }
    const s = synthesize({ name: 's', type: 'string', dims: [2] }, 1);
    expect(s.data).toHaveLength(2);
    const scalar = synthesize({ name: 'k', type: 'int64', dims: [] }, 1);
    expect((scalar.data as BigInt64Array).length).toBe(1);
  });

  it('float16 bits are IEEE half precision', () => {
    expect(toHalfBits(1)).toBe(0x3c00);
    expect(toHalfBits(-2)).toBe(0xc000);
    expect(toHalfBits(0.5)).toBe(0x3800);
    expect(toHalfBits(0)).toBe(0);
    expect(toHalfBits(65504)).toBe(0x7bff);
  });
});

describe('session options', () => {
  it('name exactly one EP and pass spinning through the extra config key', () => {
    const o = sessionOptionsFor('cpu', {
      intraOpThreads: 1,
      interOpThreads: null,
      allowSpinning: false,
      graphOptimizationLevel: 'all',
    });
    expect(o).toEqual({
      executionProviders: ['cpu'],
      graphOptimizationLevel: 'all',
      intraOpNumThreads: 1,
      extra: { session: { intra_op: { allow_spinning: '0' } } },
    });
  });
});

describe('SLO gate', () => {
  const point = (batchSize: number, p99: number | null): BenchPointResult =>
    ({
      ep: 'cpu',
      batchSize,
      concurrency: 1,
      latencyMs: p99 === null ? null : { mean: 1, std: 0, min: 1, p50: 1, p90: 1, p95: 1, p99, p999: p99, max: p99 },
    }) as BenchPointResult;

  it('parses several objectives, per batch size and unit', () => {
    expect(parseSlos(['p99<=20ms, b8:p99.9<30ms', 'p50<=0.5s'])).toEqual([
      { text: 'p99<=20ms', percentile: 'p99', op: '<=', thresholdMs: 20, batchSize: null },
      { text: 'b8:p99.9<30ms', percentile: 'p999', op: '<', thresholdMs: 30, batchSize: 8 },
      { text: 'p50<=0.5s', percentile: 'p50', op: '<=', thresholdMs: 500, batchSize: null },
    ]);
  });

  it('a malformed objective is BAD_ARGUMENTS, never ignored', () => {
    expect(() => parseSlos(['p99=20'])).toThrow(expect.objectContaining({ code: 'BAD_ARGUMENTS' }));
    expect(() => parseSlos(['p42<=1ms'])).toThrow(/expected e.g. p99<=20ms/);
  });

  it('passes only when every applicable point meets every objective', () => {
    const slos = parseSlos(['p99<=20ms', 'b8:p99<=5ms']);
    expect(evaluateSlos(slos, [point(1, 10), point(8, 4)])!.passed).toBe(true);
    const breached = evaluateSlos(slos, [point(1, 10), point(8, 6)])!;
    expect(breached.passed).toBe(false);
    expect(breached.checks.filter((c) => !c.passed)).toEqual([
      expect.objectContaining({ slo: 'b8:p99<=5ms', batchSize: 8, valueMs: 6 }),
    ]);
    expect(evaluateSlos(slos, [point(1, null)])!.passed).toBe(false); // nothing measured: no evidence, no pass
    expect(evaluateSlos([], [point(1, 1)])).toBeNull();
  });

  it('a point that produced no numbers (an EP that could not run) fails the objectives that apply to it, saying why', () => {
    const verdict = evaluateSlos(parseSlos(['p99<=20ms']), [
      point(1, 10),
      { ...point(1, null), ep: 'cuda', error: 'cuda is unavailable: no library' },
    ])!;
    expect(verdict.passed).toBe(false);
    expect(verdict.checks.find((c) => c.ep === 'cuda')).toMatchObject({
      passed: false,
      reason: 'no numbers: cuda is unavailable: no library',
    });
  });

  it('an objective for a batch size outside the sweep is BAD_ARGUMENTS before anything runs', () => {
    expect(() => checkSloBatches(parseSlos(['b8:p99<=1ms']), [1])).toThrow(
      /batch 8 is not in the sweep \(batch sizes: 1\)/,
    );
    expect(() => checkSloBatches(parseSlos(['b8:p99<=1ms', 'p99<=2ms']), [1, 8])).not.toThrow();
  });
});
