// The radix sort used for drift columns must order exactly like Float64Array#sort.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortFinite } from '../../shared/math/drift-profile/sort';
import { createRng, rngNormal } from '../../shared/math/latency/rng';

const bits = (a: Float64Array) => Array.from(new Uint32Array(a.buffer));

describe('sortFinite', () => {
  it('matches Float64Array#sort bit for bit on large mixed-sign, tied, subnormal and extreme data', () => {
    const r = createRng(5);
    const n = 200_000;
    const a = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const k = i % 7;
      a[i] =
        k === 0
          ? rngNormal(r)
          : k === 1
            ? -rngNormal(r) * 1e300
            : k === 2
              ? Math.round(rngNormal(r) * 3)
              : k === 3
                ? r() < 0.5
                  ? -0
                  : 0
                : k === 4
                  ? 5e-324 * Math.round(r() * 10 - 5)
                  : k === 5
                    ? Number.MAX_VALUE * (r() - 0.5)
                    : Math.exp(rngNormal(r) * 20);
    }
    expect(bits(sortFinite(a.slice()))).toEqual(bits(a.slice().sort()));
  });

  it('matches on arbitrary finite doubles (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 20_000, maxLength: 20_100 }),
        (xs) => {
          const a = Float64Array.from(xs);
          expect(bits(sortFinite(a.slice()))).toEqual(bits(a.slice().sort()));
        },
      ),
      { numRuns: 5 },
    );
  });

  it('sorts a subarray view in place', () => {
    const buf = new Float64Array(50_010).map((_, i) => (i * 7919) % 50_021);
    const view = buf.subarray(5, 50_005);
    const expected = view.slice().sort();
    sortFinite(view);
    expect(Array.from(view)).toEqual(Array.from(expected));
  });
});
