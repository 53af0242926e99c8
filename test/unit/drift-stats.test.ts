// Drift statistics checked against SciPy 1.10 golden numbers (and Evidently 0.7's stat tests
// re-stated on top of scipy). The numbers come from test/fixtures/golden/make_drift_golden.py;
// no Python runs at test time.
//
// Agreement rule:
//   - statistics, distances, effect sizes: |actual - expected| <= 1e-6 * |expected|
//     (with a 1e-15 absolute floor, for values that are 0 up to round-off);
//   - p-values: the same 1e-6 relative rule, except that when the expected p-value is below
//     1e-10 an absolute difference of 1e-12 is accepted instead;
//   - NaN must match NaN and infinities must match exactly.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as drift from '../../shared/math/drift';

type Num = number | string;
type Packed = { enc: 'i16' | 'i32'; scale: number; b64: string };
type Arr = number[] | Packed;

interface NumericCase {
  name: string;
  a: Arr;
  b: Arr;
  ks: { statistic: Num; pValue: Num; method: 'exact' | 'asymp' };
  wasserstein: Num;
  wassersteinNormed: Num;
  psiNumeric: Num;
}
interface CategoricalCase {
  name: string;
  reference: Record<string, number>;
  current: Record<string, number>;
  chiSquare: { statistic: Num; pValue: Num };
  cramersV: Num;
  zTest: { statistic: Num; pValue: Num; pValueEvidently: Num; cohensH: Num };
  jensenShannon: Num;
  psi: Num;
}
interface Golden {
  meta: { scipy: string; numpy: string; seed: number };
  numeric: NumericCase[];
  categorical: CategoricalCase[];
  jensenShannon: { p: number[]; q: number[]; value: Num }[];
  chiSquare: { observed: number[]; expected: number[]; statistic: Num; pValue: Num }[];
  quantiles: {
    values: number[];
    nBins: number;
    edges: number[];
    current: number[];
    histogram: number[];
    below: number;
    above: number;
  }[];
  special: Record<string, Num[][]>;
}

const golden: Golden = JSON.parse(
  readFileSync(new URL('../fixtures/golden/drift-golden.json', import.meta.url), 'utf8'),
);

function num(v: Num): number {
  if (typeof v === 'number') return v;
  return v === 'NaN' ? NaN : v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : Number(v);
}

/** Same doubles as the Python side: k / scale, one correctly rounded division each. */
function arr(a: Arr): Float64Array {
  if (Array.isArray(a)) return Float64Array.from(a);
  const bytes = Uint8Array.from(atob(a.b64), (c) => c.charCodeAt(0));
  const ints = a.enc === 'i16' ? new Int16Array(bytes.buffer) : new Int32Array(bytes.buffer);
  const out = new Float64Array(ints.length);
  for (let i = 0; i < ints.length; i++) out[i] = ints[i] / a.scale;
  return out;
}

function withinRule(actual: number, expected: number, kind: 'stat' | 'p'): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (!Number.isFinite(expected)) return actual === expected;
  const diff = Math.abs(actual - expected);
  if (kind === 'p' && expected < 1e-10) return diff <= 1e-12;
  return diff <= Math.max(1e-6 * Math.abs(expected), 1e-15);
}

function close(actual: number, expected: Num, kind: 'stat' | 'p', label: string): void {
  const e = num(expected);
  if (!withinRule(actual, e, kind)) {
    expect.fail(`${label}: got ${actual}, scipy ${e} (rel diff ${Math.abs(actual - e) / Math.abs(e)})`);
  }
}

const toMap = (o: Record<string, number>) => new Map(Object.entries(o));

describe('golden file', () => {
  it('was produced by the scipy the brief names', () => {
    expect(golden.meta.scipy.startsWith('1.10')).toBe(true);
    expect(golden.numeric.length).toBeGreaterThan(60);
  });
});

describe('ks2samp = scipy.stats.ks_2samp (two-sided, auto)', () => {
  for (const c of golden.numeric) {
    it(c.name, () => {
      const a = arr(c.a);
      const b = arr(c.b);
      const r = drift.ks2samp(a, b);
      expect(r.method, 'method').toBe(c.ks.method);
      close(r.statistic, c.ks.statistic, 'stat', 'statistic');
      close(r.pValue, c.ks.pValue, 'p', 'p-value');
      // Argument order must not matter for the two-sided test.
      const swapped = drift.ks2samp(b, a);
      close(swapped.pValue, c.ks.pValue, 'p', 'p-value (swapped)');
    });
  }
});

describe('Wasserstein (scipy) and Evidently normed Wasserstein, PSI on reference quantile bins', () => {
  for (const c of golden.numeric) {
    it(c.name, () => {
      const a = arr(c.a);
      const b = arr(c.b);
      close(drift.wassersteinDistance(a, b), c.wasserstein, 'stat', 'wasserstein');
      close(drift.wassersteinNormed(a, b), c.wassersteinNormed, 'stat', 'wassersteinNormed');
      close(drift.psiNumeric(a, b), c.psiNumeric, 'stat', 'psiNumeric');
    });
  }
});

describe('categorical tests (Evidently chi-square, z-test, JS, PSI) and effect sizes', () => {
  for (const c of golden.categorical) {
    it(c.name, () => {
      const ref = toMap(c.reference);
      const cur = toMap(c.current);
      const chi = drift.chiSquareDrift(ref, cur);
      close(chi.statistic, c.chiSquare.statistic, 'stat', 'chi-square statistic');
      close(chi.pValue, c.chiSquare.pValue, 'p', 'chi-square p');
      close(chi.cramersV, c.cramersV, 'stat', "Cramér's V");
      close(drift.cramersV(ref, cur), c.cramersV, 'stat', 'cramersV()');
      const z = drift.proportionsZTest(ref, cur);
      close(Math.abs(z.statistic), Math.abs(num(c.zTest.statistic)), 'stat', '|z|');
      close(z.pValue, c.zTest.pValue, 'p', 'z p (2 * sf)');
      close(z.pValue, c.zTest.pValueEvidently, 'p', "z p (Evidently's 2 * (1 - cdf))");
      close(Math.abs(z.cohensH), Math.abs(num(c.zTest.cohensH)), 'stat', "|Cohen's h|");
      close(drift.jensenShannonCategorical(ref, cur), c.jensenShannon, 'stat', 'Jensen-Shannon');
      close(drift.psiCategorical(ref, cur), c.psi, 'stat', 'PSI');
    });
  }

  it('a category never seen in reference: infinite statistic, p = 0, finite V, counted', () => {
    const r = drift.chiSquareDrift(
      new Map([
        ['a', 100],
        ['b', 50],
      ]),
      new Map([
        ['a', 80],
        ['b', 40],
        ['c', 5],
      ]),
    );
    expect(r.statistic).toBe(Infinity);
    expect(r.pValue).toBe(0);
    expect(r.unseenCategories).toBe(1);
    expect(r.cramersV).toBeGreaterThan(0);
    expect(r.cramersV).toBeLessThan(1);
  });
});

describe('direct functions', () => {
  it('jensenShannonDistance = scipy.spatial.distance.jensenshannon', () => {
    for (const c of golden.jensenShannon) close(drift.jensenShannonDistance(c.p, c.q), c.value, 'stat', `JS ${c.p}`);
  });

  it('chiSquareGoodnessOfFit = scipy.stats.chisquare', () => {
    for (const c of golden.chiSquare) {
      const r = drift.chiSquareGoodnessOfFit(c.observed, c.expected);
      close(r.statistic, c.statistic, 'stat', 'statistic');
      close(r.pValue, c.pValue, 'p', 'p-value');
    }
  });

  it('quantileEdges = unique(numpy.quantile(linspace)), histogramOnBins = numpy.histogram', () => {
    for (const c of golden.quantiles) {
      const edges = drift.quantileEdges(c.values, c.nBins);
      expect(Array.from(edges)).toEqual(c.edges);
      if (edges.length >= 2) {
        const h = drift.histogramOnBins(c.current, edges);
        expect(Array.from(h.counts)).toEqual(c.histogram);
        expect([h.below, h.above]).toEqual([c.below, c.above]);
      }
    }
  });
});

describe('special functions on grids covering every branch', () => {
  const s = golden.special;
  it('normalSf = scipy.stats.norm.sf', () => {
    for (const [x, v] of s.normSf) close(drift.normalSf(num(x)), v, 'p', `normSf(${x})`);
  });
  it('chi2Sf = scipy.stats.chi2.sf', () => {
    for (const [x, df, v] of s.chi2Sf) close(drift.chi2Sf(num(x), num(df)), v, 'p', `chi2Sf(${x}, ${df})`);
  });
  it('lgamma = scipy.special.gammaln (1e-12 absolute near its zeros)', () => {
    for (const [x, v] of s.gammaln) {
      const e = num(v);
      expect(Math.abs(drift.lgamma(num(x)) - e), `lgamma(${x})`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(e)));
    }
  });
  it('kolmogorovSf = scipy.special.kolmogorov', () => {
    for (const [x, v] of s.kolmogorov) close(drift.kolmogorovSf(num(x)), v, 'p', `kolmogorov(${x})`);
  });
  it('smirnovSf = scipy.special.smirnov', () => {
    for (const [n, x, v] of s.smirnov) close(drift.smirnovSf(num(n), num(x)), v, 'p', `smirnov(${n}, ${x})`);
  });
  it('kstwoSf = scipy.stats.kstwo.sf', () => {
    for (const [n, x, v] of s.kstwoSf) close(drift.kstwoSf(num(x), num(n)), v, 'p', `kstwo.sf(${x}, ${n})`);
  });
  it('exact two-sample kernels = scipy private helpers', () => {
    for (const [n, h, v] of s.outsideSquare) {
      close(drift.computeProbOutsideSquare(num(n), num(h)), v, 'p', `outsideSquare(${n}, ${h})`);
    }
    for (const [m, n, g, h, v] of s.insideMethod) {
      close(drift.computeOuterProbInsideMethod(num(m), num(n), num(g), num(h)), v, 'p', `inside(${m},${n},${h})`);
    }
  });
});

describe('robustness: empty input, NaN and infinities', () => {
  it('splitFinite separates finite values and counts NaN / +inf / -inf', () => {
    const r = drift.splitFinite([1, NaN, Infinity, -Infinity, 2, -0, NaN, Infinity]);
    expect(Array.from(r.values)).toEqual([1, 2, -0]);
    expect(r).toMatchObject({ total: 8, nan: 2, posInf: 2, negInf: 1 });
    expect(r.values).toBeInstanceOf(Float64Array);
    const empty = drift.splitFinite([]);
    expect(empty).toMatchObject({ total: 0, nan: 0, posInf: 0, negInf: 0 });
    expect(empty.values.length).toBe(0);
  });

  it('empty inputs give NaN, never throw', () => {
    const none = new Float64Array(0);
    const some = [1, 2, 3];
    expect(drift.ks2samp(none, some).pValue).toBeNaN();
    expect(drift.ks2samp(some, []).statistic).toBeNaN();
    expect(drift.wassersteinDistance(none, some)).toBeNaN();
    expect(drift.wassersteinNormed(some, none)).toBeNaN();
    expect(drift.jensenShannonDistance([], [])).toBeNaN();
    expect(drift.jensenShannonDistance([0, 0], [1, 2])).toBeNaN();
    expect(drift.chiSquareGoodnessOfFit([], []).pValue).toBeNaN();
    const empty = new Map<string, number>();
    expect(drift.chiSquareDrift(empty, new Map([['a', 1]])).pValue).toBeNaN();
    expect(drift.proportionsZTest(empty, empty).pValue).toBeNaN();
    expect(drift.jensenShannonCategorical(empty, empty)).toBeNaN();
    expect(drift.psiCategorical(empty, new Map([['a', 3]]))).toBeNaN();
    expect(drift.cramersV(empty, empty)).toBeNaN();
    expect(drift.psi([], [])).toBeNaN();
    expect(drift.psiFromCounts([0, 0], [1, 1])).toBeNaN();
    expect(drift.psiNumeric([], some)).toBeNaN();
    expect(drift.psiNumeric(some, [])).toBeNaN();
    expect(drift.quantileEdges([], 10).length).toBe(0);
    expect(Array.from(drift.histogramOnBins([], [0, 1, 2]).counts)).toEqual([0, 0]);
  });

  it('NaN inside a sample is dropped rather than hanging the merge loops', () => {
    const a = [0.1, NaN, 0.5, 0.9];
    const b = [0.2, 0.4, NaN, 1.3];
    expect(drift.ks2samp(a, b)).toEqual(drift.ks2samp([0.1, 0.5, 0.9], [0.2, 0.4, 1.3]));
    expect(drift.wassersteinDistance(a, b)).toBe(drift.wassersteinDistance([0.1, 0.5, 0.9], [0.2, 0.4, 1.3]));
  });

  it('±Infinity inside a sample is dropped like NaN (statistics of the finite values, as Evidently does)', () => {
    const a = [0.1, -Infinity, 0.5, Infinity, 0.9];
    const b = [Infinity, 0.2, 0.4, NaN, 1.3, -Infinity];
    const fa = [0.1, 0.5, 0.9];
    const fb = [0.2, 0.4, 1.3];
    expect(drift.ks2samp(a, b)).toEqual(drift.ks2samp(fa, fb));
    expect(drift.wassersteinDistance(a, b)).toBe(drift.wassersteinDistance(fa, fb));
    expect(drift.wassersteinNormed(a, b)).toBe(drift.wassersteinNormed(fa, fb));
    expect(drift.psiNumeric(a, b)).toBe(drift.psiNumeric(fa, fb));
  });

  it('plain arrays and typed arrays give identical results', () => {
    const a = [3, 1, 2, 2, 5];
    const b = [2, 4, 4, 6];
    expect(drift.ks2samp(a, b)).toEqual(drift.ks2samp(Float64Array.from(a), Float64Array.from(b)));
  });
});
