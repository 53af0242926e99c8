// Column profiles: exact where the data fits the caps, honest estimates (flagged) beyond them.
import { describe, expect, it } from 'vitest';
import { HyperLogLog } from '../../electron/core/datasets/hll';
import { FLOAT, INT, MISSING, NAN, TEXT } from '../../electron/core/datasets/infer';
import { ColumnAccumulator } from '../../electron/core/datasets/profile';
import { createRng } from '../../shared/math/latency/rng';

describe('column profile', () => {
  it('is exact below the caps: moments, quantiles (numpy linear), histogram, top', () => {
    const a = new ColumnAccumulator({ sample: 1000, distinct: 1000 }, createRng(1));
    for (let v = 1; v <= 100; v++) a.observe(INT, v, v);
    a.observe(MISSING, '', NaN);
    a.observe(NAN, 'NaN', NaN);
    const p = a.finish(102, 'integer');
    expect(p).toMatchObject({ count: 102, missing: 1, nan: 1, distinct: 101, distinctExact: true });
    expect(p.numeric).toMatchObject({ count: 100, min: 1, max: 100, mean: 50.5, exact: true });
    expect(p.numeric!.std).toBeCloseTo(29.011491975882016, 12);
    expect(p.numeric!.quantiles).toMatchObject({ p1: 1.99, p25: 25.75, p50: 50.5, p99: 99.01 });
    expect(p.numeric!.histogram.edges).toHaveLength(31);
    expect(p.numeric!.histogram.counts.reduce((s, c) => s + c, 0)).toBe(100);
  });

  it('past the caps: distinct from a HyperLogLog within a few percent, quantiles from a sample, both flagged', () => {
    const a = new ColumnAccumulator({ sample: 2000, distinct: 500 }, createRng(2));
    const n = 200_000;
    const rnd = createRng(3);
    for (let i = 0; i < n; i++) {
      const v = Math.floor(rnd() * 50_000); // ≈ 49,093 distinct expected
      a.observe(INT, v, v);
    }
    const p = a.finish(n, 'integer');
    expect(p.distinctExact).toBe(false);
    expect(Math.abs(p.distinct - 49_093) / 49_093).toBeLessThan(0.05);
    expect(p.numeric!.exact).toBe(false);
    expect(p.numeric!.sampleSize).toBe(2000);
    expect(Math.abs(p.numeric!.quantiles.p50 - 25_000)).toBeLessThan(2_000);
    expect(p.numeric!.histogram.counts.reduce((s, c) => s + c, 0)).toBeCloseTo(n, -3);
  });

  it('the reservoir keeps numbers and texts of a mixed column as they came, whichever a slot held before', () => {
    // Reference: Algorithm L over the same random stream, in a plain array.
    const k = 50;
    const values = Array.from({ length: 5_000 }, (_, i) => (i % 7 === 3 ? `t${i}` : i % 5 === 0 ? -i / 3 : i));
    const a = new ColumnAccumulator({ sample: k, distinct: 10 }, createRng(9));
    for (const v of values) a.observe(typeof v === 'string' ? TEXT : FLOAT, v, typeof v === 'string' ? NaN : v);
    const random = createRng(9);
    const want: (string | number)[] = [];
    let w = 1;
    let next = 0;
    const advance = (seen: number) => {
      w *= Math.exp(Math.log(random()) / k);
      next = seen + Math.floor(Math.log(random()) / Math.log(1 - w)) + 1;
    };
    values.forEach((v, i) => {
      if (i < k) {
        want.push(v);
        if (i === k - 1) advance(k);
      } else if (i + 1 === next) {
        want[Math.floor(random() * k)] = v;
        advance(i + 1);
      }
    });
    const got = a.state().sample;
    expect(got).toEqual(want);
    expect(got.some((v) => typeof v === 'string') && got.some((v) => typeof v === 'number')).toBe(true);
    // A part's merged sample goes back into slots unchanged.
    expect(ColumnAccumulator.merge([a.state()], { sample: k, distinct: 10 }, createRng(1)).state().sample).toEqual(
      want,
    );
  });

  it('top categories count text values', () => {
    const a = new ColumnAccumulator({ sample: 100, distinct: 100 }, createRng(4));
    for (const v of ['b', 'a', 'b', 'c', 'b', 'a']) a.observe(TEXT, v, NaN);
    a.observe(FLOAT, '1.5', 1.5);
    expect(a.finish(7, 'categorical').top).toEqual([
      { value: 'b', count: 3 },
      { value: 'a', count: 2 },
      { value: '1.5', count: 1 },
      { value: 'c', count: 1 },
    ]);
  });

  it('past the distinct cap, top values come from the sample: numbers and texts counted apart, ties by text', () => {
    // Sample as large as the column, so its counts are the column's; distinct cap far below.
    const a = new ColumnAccumulator({ sample: 1000, distinct: 5 }, createRng(5));
    const values: [number, string | number, number][] = [
      ...Array.from({ length: 10 }, (): [number, number, number] => [INT, 7, 7]),
      ...Array.from({ length: 3 }, (): [number, number, number] => [FLOAT, -0, -0]),
      ...Array.from({ length: 2 }, (): [number, number, number] => [INT, 0, 0]),
      ...Array.from({ length: 4 }, (): [number, string, number] => [FLOAT, '7.0', 7]),
      ...Array.from({ length: 30 }, (_, i): [number, number, number] => [FLOAT, 100.5 + i, 100.5 + i]),
    ];
    for (const [tok, key, x] of shuffled(values)) a.observe(tok, key, x);
    const p = a.finish(values.length, 'float');
    expect(p.distinctExact).toBe(false);
    expect(p.topExact).toBe(false);
    expect(p.top.slice(0, 6)).toEqual([
      { value: '7', count: 10 },
      { value: '0', count: 5 },
      { value: '7.0', count: 4 },
      { value: '100.5', count: 1 },
      { value: '101.5', count: 1 },
      { value: '102.5', count: 1 },
    ]);
    expect(p.top).toHaveLength(20);
  });
});

/** A fixed permutation (the order values arrive in must not matter). */
function shuffled<T>(xs: T[]): T[] {
  const rnd = createRng(6);
  const out = xs.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('HyperLogLog', () => {
  it.each([1_000, 30_000, 300_000])('estimates %i distinct strings and numbers within 5%', (n) => {
    const s = new HyperLogLog();
    const x = new HyperLogLog();
    for (let i = 0; i < n; i++) {
      s.add(`id-${i}`);
      s.add(`id-${i}`);
      x.add(i * 0.37);
    }
    expect(Math.abs(s.estimate() - n) / n).toBeLessThan(0.05);
    expect(Math.abs(x.estimate() - n) / n).toBeLessThan(0.05);
  });
});
