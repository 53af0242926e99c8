// Latency statistics (shared/math/latency): golden agreement with numpy/scipy (numbers produced by
// test/fixtures/golden/make_latency_golden.py, no Python at test time) plus behavioural checks of
// the parts without a reference implementation (bootstrap, warnings, stability, codec).

import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  PERCENTILE_METHOD,
  createRng,
  decodeLatencies,
  ecdfPoints,
  encodeLatencies,
  histogram,
  isStable,
  LATENCY_CODEC_MAX_ERROR_MS,
  mannWhitneyU,
  minSamplesForPercentile,
  mlperfMinQueries,
  nearestRankIndex,
  normalSf,
  percentileNearestRank,
  percentileSupport,
  percentileWarnings,
  rngNormal,
  sortedCopy,
  summarizeLatencies,
} from '../../shared/math/latency';
import { lognormalRun } from '../helpers/latency';

const here = dirname(fileURLToPath(import.meta.url));
const LIB_DIR = join(here, '../../shared/math/latency');

interface GoldenSample {
  values: number[];
  n: number;
  mean: number;
  std: number | null;
  min: number;
  max: number;
  percentiles: number[];
}
interface Golden {
  scipy: string;
  ps: number[];
  samples: Record<string, GoldenSample>;
  mannwhitneyu: { a: string; b: string; u: number; p: number }[];
  norm_sf: { z: number; sf: number }[];
  histograms: { sample: string; bins: number; range: [number, number] | null; counts: number[]; edges: number[] }[];
}
const golden: Golden = JSON.parse(readFileSync(join(here, '../fixtures/golden/latency-golden.json'), 'utf8'));
const sample = (name: string) => Float64Array.from(golden.samples[name].values);

/** |a − b| ≤ rel·max(|a|, |b|): exact zeros must match exactly. */
function expectRel(actual: number, expected: number, rel = 1e-9): void {
  const tol = rel * Math.max(Math.abs(actual), Math.abs(expected));
  if (!(Math.abs(actual - expected) <= tol)) {
    throw new Error(
      `expected ${expected}, got ${actual} (rel err ${Math.abs(actual - expected) / Math.abs(expected)})`,
    );
  }
}

describe('golden: numpy nearest-rank percentiles, mean, std(ddof=1)', () => {
  for (const [name, g] of Object.entries(golden.samples)) {
    it(`${name} (n=${g.n})`, () => {
      const x = Float64Array.from(g.values);
      const sorted = sortedCopy(x);
      golden.ps.forEach((p, i) => expect(percentileNearestRank(sorted, p), `p=${p}`).toBe(g.percentiles[i]));
      const s = summarizeLatencies(x);
      expect(s.n).toBe(g.n);
      expectRel(s.mean, g.mean);
      if (g.std === null) expect(s.std).toBeNaN();
      else expectRel(s.std, g.std);
      expect(s.min).toBe(g.min);
      expect(s.max).toBe(g.max);
      const at = (p: number) => g.percentiles[golden.ps.indexOf(p)];
      expect([s.p50, s.p90, s.p95, s.p99, s.p999]).toEqual([at(0.5), at(0.9), at(0.95), at(0.99), at(0.999)]);
    });
  }
});

describe(`golden: scipy ${golden.scipy} mannwhitneyu(two-sided, asymptotic, continuity)`, () => {
  for (const g of golden.mannwhitneyu) {
    it(`${g.a} vs ${g.b}: U=${g.u}, p=${g.p.toPrecision(4)}`, () => {
      const r = mannWhitneyU(sample(g.a), sample(g.b));
      expectRel(r.u, g.u);
      expectRel(r.pValue, g.p);
      expectRel(r.effectSize, g.u / (golden.samples[g.a].n * golden.samples[g.b].n));
    });
  }

  it('normalSf matches scipy.stats.norm.sf from the centre to underflow', () => {
    for (const { z, sf } of golden.norm_sf) expectRel(normalSf(z), sf);
    expect(normalSf(Infinity)).toBe(0);
    expect(normalSf(-Infinity)).toBe(1);
    expect(normalSf(NaN)).toBeNaN();
  });

  // Not a performance target (bench/ has those): a pairwise, quadratic U would take minutes here, so a
  // generous bound still tells the two apart on a loaded CI machine.
  it('runs 100,000 vs 100,000 in sort-based time, not pairwise', () => {
    const a = sample('lognormal_100k');
    const b = sample('lognormal_100k_b');
    const t0 = performance.now();
    mannWhitneyU(a, b);
    const ms = performance.now() - t0;
    expect(ms).toBeLessThan(10_000);
  });

  it('U1 is for the first sample: U(a,b) + U(b,a) = n1·n2; empty or NaN input gives NaN', () => {
    const a = sample('n10');
    const b = sample('lognormal_2000');
    expect(mannWhitneyU(a, b).u + mannWhitneyU(b, a).u).toBe(10 * 2000);
    expect(mannWhitneyU(a, b).rankBiserial).toBeCloseTo(2 * mannWhitneyU(a, b).effectSize - 1, 15);
    expect(mannWhitneyU([], b).pValue).toBeNaN();
    expect(mannWhitneyU([1, NaN], b).u).toBeNaN();
  });
});

describe('golden: numpy.histogram', () => {
  for (const g of golden.histograms) {
    it(`${g.sample}, ${g.bins} bins${g.range ? `, range ${g.range.join('–')}` : ''}`, () => {
      const h = histogram(sample(g.sample), g.bins, g.range ?? undefined);
      expect(Array.from(h.counts)).toEqual(g.counts);
      expect(Array.from(h.edges)).toEqual(g.edges);
    });
  }
});

describe('nearest-rank percentile definition', () => {
  it('names its method', () => {
    expect(PERCENTILE_METHOD).toBe('nearest-rank: sorted[floor(n·p)], as onnxruntime_perf_test');
  });

  it('indexes sorted[min(n−1, floor(n·p))] with the IEEE product', () => {
    const sorted = Float64Array.from({ length: 100 }, (_, i) => i);
    expect(percentileNearestRank(sorted, 0.29)).toBe(28); // 100 × 0.29 = 28.999999999999996
    expect(percentileNearestRank(sorted, 0)).toBe(0);
    expect(percentileNearestRank(sorted, 1)).toBe(99); // clamped
    expect(percentileNearestRank(sorted, 0.5)).toBe(50);
    expect(nearestRankIndex(1000, 0.999)).toBe(999); // p99.9 of 1,000 samples is the maximum
    expect(percentileNearestRank(new Float64Array(0), 0.5)).toBeNaN();
    expect(() => percentileNearestRank(sorted, 1.01)).toThrow(RangeError);
    expect(() => percentileNearestRank(sorted, NaN)).toThrow(RangeError);
  });

  it('summaries use a sorted copy, refuse NaN/negative latencies, and degrade for n = 0/1', () => {
    const x = [3, 1, 2];
    expect(summarizeLatencies(x).p50).toBe(2);
    expect(x).toEqual([3, 1, 2]);
    expect(() => summarizeLatencies([1, NaN])).toThrow(RangeError);
    expect(() => summarizeLatencies([1, -0.5])).toThrow(RangeError);
    const empty = summarizeLatencies([]);
    expect(empty.n).toBe(0);
    expect(empty.mean).toBeNaN();
    expect(empty.p99).toBeNaN();
    const one = summarizeLatencies([4.2]);
    expect([one.mean, one.min, one.p50, one.p999, one.max]).toEqual([4.2, 4.2, 4.2, 4.2, 4.2]);
    expect(one.std).toBeNaN();
  });

  it('std keeps its digits when the spread is tiny next to the mean', () => {
    const x = Float64Array.from({ length: 1000 }, (_, i) => 1e6 + (i % 2 ? 1e-3 : -1e-3));
    expectRel(summarizeLatencies(x).std, Math.sqrt((1000 * 1e-6) / 999), 1e-6);
  });
});

describe('percentile warnings (sample-count support)', () => {
  it("reproduces MLPerf LoadGen's published minimum query counts", () => {
    expect(mlperfMinQueries(0.9)).toBe(24_576);
    expect(mlperfMinQueries(0.99)).toBe(270_336);
    expect(mlperfMinQueries(0.95)).toBe(57_344);
    expect(mlperfMinQueries(0.999)).toBe(2_654_208);
  });

  it('existence floor is exactly where the nearest-rank index stops being the last one', () => {
    const expected: [number, number][] = [
      [0.5, 3],
      [0.9, 11],
      [0.95, 21],
      [0.99, 101],
      [0.999, 1001],
    ];
    for (const [p, min] of expected) {
      expect(minSamplesForPercentile(p), `p=${p}`).toBe(min);
      expect(nearestRankIndex(min - 1, p)).toBe(min - 2); // one fewer: it is the maximum
      expect(nearestRankIndex(min, p)).toBeLessThan(min - 1);
    }
  });

  it('words the two kinds of warning', () => {
    expect(percentileWarnings(500)).toContain(
      'p99.9 from 500 samples is the maximum, not a percentile (needs ≥ 1,001)',
    );
    expect(percentileWarnings(5000)).toContain(
      "p99 from 5,000 samples is below MLPerf's 270,336 for 99% confidence: treat as indicative",
    );
    expect(percentileWarnings(1)[0]).toBe('p50 from 1 sample is the maximum, not a percentile (needs ≥ 3)');
    expect(percentileWarnings(0)).toHaveLength(5);
    expect(percentileWarnings(3_000_000)).toEqual([]);
  });

  it('one warning per percentile, the most severe; p50 has no MLPerf rule', () => {
    const s = percentileSupport(50);
    expect(s.map((x) => x.level)).toEqual(['supported', 'indicative', 'indicative', 'maximum', 'maximum']);
    expect(s[0].mlperfMinQueries).toBeNull();
    expect(percentileWarnings(50)).toHaveLength(4);
    expect(percentileSupport(300_000).map((x) => x.level)).toEqual([
      'supported',
      'supported',
      'supported',
      'supported',
      'indicative',
    ]);
  });
});

describe("stability (Triton perf_analyzer's rule)", () => {
  it('last `count` windows within ±tolerance of their mean', () => {
    expect(isStable([100, 105, 95])).toBe(true);
    expect(isStable([100, 100, 120])).toBe(false); // mean 106.7: 120 is 12.5% above
    expect(isStable([100, 110, 120])).toBe(true); // each within 10% of 110, though 20% apart
    expect(isStable([10, 100, 101, 99])).toBe(true); // only the last three count
    expect(isStable([100, 101])).toBe(false); // not enough windows yet
    expect(isStable([100, NaN, 100])).toBe(false);
    expect(isStable([0, 0, 0])).toBe(true);
    expect(isStable([100, 104, 96], 0.03)).toBe(false);
    expect(isStable([50, 100, 100, 100, 100], 0.1, 5)).toBe(false);
  });
});

describe('seeded RNG', () => {
  it('is deterministic per seed and uniform-ish in [0, 1)', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xa = Array.from({ length: 1000 }, a);
    expect(Array.from({ length: 1000 }, b)).toEqual(xa);
    expect(Array.from({ length: 1000 }, c)).not.toEqual(xa);
    expect(xa.every((v) => v >= 0 && v < 1)).toBe(true);
    const rng = createRng(7);
    const u = Array.from({ length: 100_000 }, rng);
    expect(u.reduce((s, v) => s + v, 0) / u.length).toBeCloseTo(0.5, 2);
  });

  it('rngNormal has mean 0 and sd 1', () => {
    const rng = createRng(9);
    const z = Float64Array.from({ length: 200_000 }, () => rngNormal(rng));
    const mean = z.reduce((s, v) => s + v, 0) / z.length;
    const sd = Math.sqrt(z.reduce((s, v) => s + (v - mean) ** 2, 0) / (z.length - 1));
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(Math.abs(sd - 1)).toBeLessThan(0.01);
  });
});

describe('chart helpers', () => {
  it('histogram counts every in-range value once, drops the rest', () => {
    const x = sample('lognormal_2000');
    const h = histogram(x, 25);
    expect(h.counts.reduce((s, v) => s + v, 0)).toBe(x.length);
    const clipped = histogram(x, 10, [4, 6]);
    expect(clipped.counts.reduce((s, v) => s + v, 0)).toBe(x.filter((v) => v >= 4 && v <= 6).length);
    expect(histogram([], 4).counts).toEqual(new Uint32Array(4));
  });

  it('ecdfPoints keeps min, max and the tail within maxPoints', () => {
    const sorted = sortedCopy(sample('lognormal_100k'));
    const e = ecdfPoints(sorted, 400);
    expect(e.x.length).toBeLessThanOrEqual(400);
    expect(e.x[0]).toBe(sorted[0]);
    expect(e.x[e.x.length - 1]).toBe(sorted[sorted.length - 1]);
    expect(e.y[e.y.length - 1]).toBe(1);
    for (let i = 1; i < e.x.length; i++) {
      expect(e.x[i]).toBeGreaterThanOrEqual(e.x[i - 1]);
      expect(e.y[i]).toBeGreaterThan(e.y[i - 1]);
    }
    const beyondP99 = Array.from(e.y).filter((y) => y > 0.99).length;
    const beyondP999 = Array.from(e.y).filter((y) => y > 0.999).length;
    expect(beyondP99).toBeGreaterThan(50);
    expect(beyondP999).toBeGreaterThan(25);
    const few = ecdfPoints(Float64Array.of(1, 2, 3), 10);
    expect(Array.from(few.y)).toEqual([1 / 3, 2 / 3, 1]);
    expect(ecdfPoints(sorted, 2).x).toEqual(Float64Array.of(sorted[0], sorted[sorted.length - 1]));
  });
});

describe('latency codec', () => {
  const big = sample('lognormal_100k');
  const encoded = encodeLatencies(big);
  const bytesPerSample = encoded.length / big.length;

  it(`round-trips 0.1 µs-grid data exactly at ${bytesPerSample.toFixed(3)} bytes/sample (100k × ~5 ms)`, () => {
    expect(decodeLatencies(encoded)).toEqual(big);
    expect(bytesPerSample).toBeLessThanOrEqual(3.0); // vs 8 for Float64, 4 for (inexact) Float32
    for (const name of Object.keys(golden.samples))
      expect(decodeLatencies(encodeLatencies(sample(name)))).toEqual(sample(name));
  });

  it('bounds the error of arbitrary doubles by 0.05 µs, percentiles included', () => {
    const raw = lognormalRun(77, 20_000, 3, 0.8);
    const dec = decodeLatencies(encodeLatencies(raw));
    let worst = 0;
    for (let i = 0; i < raw.length; i++) worst = Math.max(worst, Math.abs(dec[i] - raw[i]));
    expect(worst).toBeLessThanOrEqual(LATENCY_CODEC_MAX_ERROR_MS * (1 + 1e-9));
    const sr = summarizeLatencies(raw);
    const sd = summarizeLatencies(dec);
    for (const k of ['min', 'p50', 'p90', 'p95', 'p99', 'p999', 'max'] as const) {
      expect(Math.abs(sd[k] - sr[k]), k).toBeLessThanOrEqual(LATENCY_CODEC_MAX_ERROR_MS * (1 + 1e-9));
      expect(sd[k], k).toBe(Math.round(sr[k] * 10_000) / 10_000); // the quantised raw percentile
    }
  });

  it('handles empty, large and invalid input', () => {
    expect(decodeLatencies(encodeLatencies([]))).toEqual(new Float64Array(0));
    const large = [0, 1e-4, 123456.7891, 5e8];
    expect(Array.from(decodeLatencies(encodeLatencies(large)))).toEqual(large);
    expect(() => encodeLatencies([1, -1])).toThrow(RangeError);
    expect(() => encodeLatencies([NaN])).toThrow(RangeError);
    const bytes = encodeLatencies([1.5, 2.5]);
    expect(() => decodeLatencies(bytes.subarray(0, bytes.length - 1))).toThrow(/truncated/);
    expect(() => decodeLatencies(Uint8Array.of(...bytes, 0))).toThrow(/trailing/);
    expect(() => decodeLatencies(Uint8Array.of(1, 2, 3, 4, 5, 6))).toThrow(/magic/);
  });
});

describe('isomorphic library', () => {
  it('imports nothing but relative modules of shared/ (no node:*, no packages)', () => {
    const shared = resolve(LIB_DIR, '../..');
    for (const file of readdirSync(LIB_DIR).filter((f) => f.endsWith('.ts'))) {
      const src = readFileSync(join(LIB_DIR, file), 'utf8');
      const specs = [...src.matchAll(/\b(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
      for (const s of specs) {
        expect(s, `${file} imports ${s}`).toMatch(/^\.\.?\//);
        expect(relative(shared, resolve(LIB_DIR, s)), `${file} imports ${s}`).not.toMatch(/^\.\./);
      }
      expect(src.split('\n').length, `${file} length`).toBeLessThanOrEqual(300);
      expect(src).not.toMatch(/\bBuffer\.|\bprocess\.|\brequire\(/);
    }
  });
});
