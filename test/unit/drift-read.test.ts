// The fast column parser must give exactly what the datasets' own reader gives (datasets/values.ts):
// the same doubles bit for bit, and the same missing / NaN / ±inf counts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readSortedNumeric } from '../../electron/core/drift/fast-read';
import { toNumber } from '../../electron/core/datasets/values';
import Database from 'better-sqlite3';
import { numericColumnText } from '../../electron/core/workspace/queries/drift';

function viaFast(fields: string[]) {
  const text = fields.join(',');
  return readSortedNumeric(() => ({ count: fields.length, texts: [text] }), [0], fields.length, fields.length)[0];
}

function viaReference(fields: string[]) {
  const values: number[] = [];
  let missing = 0;
  let nan = 0;
  let posInf = 0;
  let negInf = 0;
  for (const f of fields) {
    const x = f === '' ? null : toNumber(f);
    if (x === null || x === undefined) missing++;
    else if (Number.isNaN(x)) nan++;
    else if (x === Infinity) posInf++;
    else if (x === -Infinity) negInf++;
    else values.push(x);
  }
  return { sorted: Float64Array.from(values).sort(), missing, nan, posInf, negInf };
}

describe('fast numeric column parsing', () => {
  it('agrees with toNumber on awkward spellings', () => {
    const fields = [
      '1',
      '-0',
      '+3.5',
      '.5',
      '5.',
      '1e5',
      '1E-5',
      '2.5e+3',
      '007',
      '0x1A',
      ' 1',
      '1 ',
      'NaN',
      'nan',
      'inf',
      '-Infinity',
      '+inf',
      '',
      'abc',
      '1e',
      '.',
      '-',
      '123456789012345678901',
      '0.1000000000000000055511151231257827',
      '9007199254740993',
      '1e400',
      '-1e-400',
      '4.9e-324',
    ];
    const a = viaFast(fields);
    const b = viaReference(fields);
    expect(Array.from(a.sorted).map(String)).toEqual(Array.from(b.sorted).map(String));
    expect([a.missing, a.nan, a.posInf, a.negInf]).toEqual([b.missing, b.nan, b.posInf, b.negInf]);
  });

  it('gives the same doubles as Number() for any double written by JS, toFixed or toPrecision', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.double({ noNaN: true }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 17 })),
          { maxLength: 60 },
        ),
        (xs) => {
          const fields = xs.map(([x, how, p]) =>
            how === 0
              ? String(x)
              : how === 1 && Math.abs(x) < 1e21
                ? x.toFixed(Math.min(p, 12))
                : how === 2
                  ? x.toPrecision(p)
                  : x.toExponential(p - 1),
          );
          const a = viaFast(fields);
          const b = viaReference(fields);
          expect(Array.from(a.sorted).map((v) => (Object.is(v, -0) ? '-0' : String(v)))).toEqual(
            Array.from(b.sorted).map((v) => (Object.is(v, -0) ? '-0' : String(v))),
          );
          expect([a.missing, a.nan, a.posInf, a.negInf]).toEqual([b.missing, b.nan, b.posInf, b.negInf]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('counts a lone empty field as one missing value', () => {
    expect(viaFast(['']).missing).toBe(1);
  });

  it('reads REAL, INTEGER, TEXT and NULL cells back exactly through SQLite (typed Parquet/JSON doubles are stored as REAL)', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE ds_1 (c0, c1)');
    const insert = db.prepare('INSERT INTO ds_1 VALUES (?, ?)');
    const values: number[] = [];
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        values.push(x);
        insert.run(x, Number.isSafeInteger(Math.trunc(x)) ? Math.trunc(x) : null);
      }),
      { numRuns: 2000 },
    );
    insert.run(null, '2.5');
    insert.run(0.1 + 0.2, 'NaN');
    values.push(0.1 + 0.2);
    const max = db.prepare('SELECT max(rowid) FROM ds_1').pluck().get() as number;
    const [c0, c1] = readSortedNumeric((ords, a, b) => numericColumnText(db, 'ds_1', ords, a, b), [0, 1], max, max);
    // Exact doubles (SQLite renders REAL with 17 significant digits); only -0 comes back as 0 (SQLite writes "0.0"), which no statistic can tell apart.
    const text = (a: ArrayLike<number>) => Array.from(a, (v) => String(v));
    expect(text(c0.sorted)).toEqual(text(Float64Array.from(values, (v) => (v === 0 ? 0 : v)).sort()));
    expect(c0.missing).toBe(1);
    expect(c1.nan).toBe(1);
    expect(c1.sorted).toContain(2.5);
    db.close();
  });

  it('reads datasets wider than one SQL statement can return (slices of 500 columns, order kept)', () => {
    const db = new Database(':memory:');
    const n = 1300;
    db.exec(`CREATE TABLE ds_2 (${Array.from({ length: n }, (_, i) => `c${i}`).join(', ')})`);
    const insert = db.prepare(`INSERT INTO ds_2 VALUES (${Array(n).fill('?').join(', ')})`);
    for (let r = 0; r < 3; r++) insert.run(...Array.from({ length: n }, (_, i) => i * 10 + r));
    const ordinals = Array.from({ length: n }, (_, i) => n - 1 - i);
    const cols = readSortedNumeric((ords, a, b) => numericColumnText(db, 'ds_2', ords, a, b), ordinals, 3, 3);
    expect(cols.map((c) => Array.from(c.sorted))).toEqual(ordinals.map((i) => [i * 10, i * 10 + 1, i * 10 + 2]));
    db.close();
  });
});
