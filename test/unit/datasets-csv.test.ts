// The hand-written CSV tokenizer agrees with csv-parse on valid input, reports bad input with line and
// column, and the value classifier never coerces ids, hex or codes with leading zeros into numbers.
import fc from 'fast-check';
import { parse as csvParse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  classify,
  decideKind,
  DATE,
  FLOAT,
  INT,
  MISSING,
  NAN,
  NEGINF,
  POSINF,
  TEXT,
  BOOL,
  TOKEN_CLASSES,
} from '../../electron/core/datasets/infer';
import { CsvSyntaxError, CsvTokenizer } from '../../electron/core/datasets/readers/csv-tokenizer';
import { protectBigIntegers } from '../../electron/core/datasets/readers/jsonl';
import { normalizeNames } from '../../electron/core/datasets/names';
import { scanned, scanNumber } from '../../electron/core/datasets/scan';
import { datetimeMillis } from '../../electron/core/datasets/values';

function tokenize(
  text: string,
  chunk = 7,
  delimiter = ',',
): { records: string[][]; lines: number[]; parsedChars: number } {
  const records: string[][] = [];
  const lines: number[] = [];
  const t: CsvTokenizer = new CsvTokenizer(delimiter.charCodeAt(0), (count, line) => {
    records.push(Array.from({ length: count }, (_, i) => t.value(i)));
    lines.push(line);
  });
  t.skipBlankLines = false;
  for (let i = 0; i < text.length; i += chunk) t.feed(text.slice(i, i + chunk));
  t.end();
  return { records, lines, parsedChars: t.parsedChars };
}

const field = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', 'b', ' ', 'é', '1', '.', '-') }),
  fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r\n', ' ', 'ü') }),
);

describe('CSV tokenizer', () => {
  it('agrees with csv-parse on any quoted CSV, whatever the chunk boundaries', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(field, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 13 }),
        fc.boolean(),
        (rows, chunk, crlf) => {
          const width = rows[0].length;
          const table = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
          const text =
            table.map((r) => r.map((v) => `"${v.replace(/"/g, '""')}"`).join(',')).join(crlf ? '\r\n' : '\n') +
            (crlf ? '\r\n' : '\n');
          const expected = csvParse(text, {
            relax_column_count: false,
            record_delimiter: crlf ? '\r\n' : '\n',
          }) as string[][];
          expect(tokenize(text, chunk).records).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads unquoted fields, a missing final newline and empty fields like csv-parse', () => {
    const text = 'a,b,c\n1,,3\n,x y,\n4,5,6';
    expect(tokenize(text).records).toEqual(csvParse(text));
  });

  it('numbers records by the line they start on, counting newlines inside quotes', () => {
    const { lines } = tokenize('h1,h2\n1,"two\nlines"\n3,4\n');
    expect(lines).toEqual([1, 2, 4]);
  });

  it('reports an unclosed quote with its line and column', () => {
    try {
      tokenize('a,b\n1,2\n3,"open\n4,5\n');
      throw new Error('expected an error');
    } catch (err) {
      expect(err).toBeInstanceOf(CsvSyntaxError);
      expect((err as CsvSyntaxError).message).toBe('line 3: the quoted field in column 2 is never closed');
    }
  });

  it('reports text after a closing quote', () => {
    expect(() => tokenize('a,b\n"x"y,2\n')).toThrow(/line 2: unexpected text after the closing quote in column 1/);
  });

  it('reads a quoted field far longer than a read, held back across reads, like csv-parse', () => {
    // 300 KiB of quoted text with doubled quotes and newlines, fed in 4 KiB reads: the tokenizer holds
    // reads back while the record is incomplete (so it does not re-parse it from its start each time).
    const long = Array.from({ length: 20_000 }, (_, i) => (i % 97 === 0 ? 'say ""hi""\n' : 'abcdefghijklmn')).join('');
    const text = `id,note,n\n1,"${long}",2\n3,short,4\n5,"${long}x",6`;
    const { records, lines, parsedChars } = tokenize(text, 4096);
    expect(parsedChars).toBeLessThan(4 * text.length); // parsing it again from its start on every read: ~70×
    expect(records).toEqual(csvParse(text));
    expect(records[1][1].length).toBe(long.length - 2 * 207); // 207 pieces with two doubled quotes each
    expect(lines).toEqual([1, 2, 210, 211]); // 207 newlines inside the first long field
  });

  it('refuses a record over the size limit instead of buffering the file', () => {
    const t = new CsvTokenizer(44, () => {}, 1000);
    t.feed('a,b\n1,"');
    expect(() => t.feed('x'.repeat(2000))).toThrow(/longer than .* never closed/);
    // Also when the record grows read by read past the hold-back threshold.
    const u = new CsvTokenizer(44, () => {}, 200_000);
    u.feed('a,b\n1,"');
    expect(() => {
      for (let i = 0; i < 100; i++) u.feed('y'.repeat(4096));
    }).toThrow(/longer than .* never closed/);
  });
});

describe('value classes', () => {
  it.each([
    ['', MISSING],
    ['0', INT],
    ['-12', INT],
    ['+5', INT],
    ['9007199254740991', INT],
    ['007', TEXT],
    ['0x1A', TEXT],
    ['12345678901234567890', TEXT],
    ['1 ', TEXT],
    ['1,5', TEXT],
    ['1.5', FLOAT],
    ['-0.25', FLOAT],
    ['.5', FLOAT],
    ['1e5', FLOAT],
    ['1.5E-3', FLOAT],
    ['0.0', FLOAT],
    ['1e', TEXT],
    ['00.5', TEXT],
    ['NaN', NAN],
    ['nan', NAN],
    ['inf', POSINF],
    ['+Infinity', POSINF],
    ['-inf', NEGINF],
    ['true', BOOL],
    ['FALSE', BOOL],
    ['yes', TEXT],
    ['2024-02-29', DATE],
    ['2024-02-29T10:20:30Z', DATE],
    ['2024-02-29 10:20:30.123+02:00', DATE],
    ['2024-13-01', TEXT],
    ['2024-1-1', TEXT],
    ['2023-02-29', TEXT],
    ['2024-01-01T10:00:00+02', DATE],
    ['2024-01-01T10:00:00,5', DATE],
  ])('%j is class %i', (s, tok) => expect(classify(s)).toBe(tok));

  const counts = (entries: [number, number][]) => {
    const c = new Float64Array(TOKEN_CLASSES);
    for (const [k, n] of entries) c[k] = n;
    return c;
  };
  it('decides kinds from counts, and one text value makes a column categorical', () => {
    expect(
      decideKind(
        counts([
          [INT, 5],
          [MISSING, 2],
        ]),
      ).kind,
    ).toBe('integer');
    expect(
      decideKind(
        counts([
          [INT, 5],
          [FLOAT, 1],
          [NAN, 1],
          [POSINF, 1],
        ]),
      ).kind,
    ).toBe('float');
    expect(
      decideKind(
        counts([
          [INT, 5],
          [TEXT, 1],
        ]),
      ).kind,
    ).toBe('categorical');
    expect(decideKind(counts([[NAN, 3]])).kind).toBe('categorical');
    expect(decideKind(counts([[BOOL, 3]])).kind).toBe('boolean');
    expect(
      decideKind(
        counts([
          [DATE, 3],
          [MISSING, 1],
        ]),
      ).kind,
    ).toBe('datetime');
    expect(decideKind(counts([[MISSING, 3]]))).toEqual({
      kind: 'categorical',
      note: 'every value is missing',
      wordsMissing: true,
    });
  });
});

describe('in-place number scan', () => {
  it('agrees with classify and Number wherever it answers, and "exact" means the text reads back', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('0', '1', '5', '9', '.', '-', '+', 'e', 'x'), maxLength: 18 }),
        (text) => {
          const buf = `,${text},`;
          const tok = scanNumber(buf, 1, 1 + text.length);
          if (tok < 0) return;
          expect(tok).toBe(classify(text));
          if (tok === INT || tok === FLOAT) {
            expect(scanned.x).toBe(Number(text));
            if (scanned.exact) expect(String(scanned.x)).toBe(text);
          }
        },
      ),
      { numRuns: 5000 },
    );
    expect(scanNumber('0.1', 0, 3)).toBe(FLOAT);
    expect(scanned).toEqual({ x: 0.1, exact: true });
    expect(scanNumber('123456.7891', 0, 11)).toBe(FLOAT);
    expect(scanned.x).toBe(123456.7891);
  });
});

describe('datetimes', () => {
  it.each([
    ['2024-01-01', Date.UTC(2024, 0, 1)],
    ['2024-01-01T10:00:00Z', Date.UTC(2024, 0, 1, 10)],
    ['2024-01-01 10:00:00', Date.UTC(2024, 0, 1, 10)],
    ['2024-01-01T10:00:00+02:00', Date.UTC(2024, 0, 1, 8)],
    ['2024-01-01T10:00:00+0200', Date.UTC(2024, 0, 1, 8)],
    ['2024-01-01T10:00:00+02', Date.UTC(2024, 0, 1, 8)],
    ['2024-01-01T10:00:00,5Z', Date.UTC(2024, 0, 1, 10, 0, 0, 500)],
    ['2024-02-30', undefined],
  ])('%s reads as %s', (s, ms) => expect(datetimeMillis(s)).toBe(ms));
});

describe('names and JSON integers', () => {
  it('keeps names verbatim, names empty ones and suffixes repeats with notes', () => {
    const { names, notes } = normalizeNames(['x', '', 'x', 'a"; DROP TABLE x;--', 'x_2']);
    expect(names).toEqual(['x', 'column_2', 'x_2', 'a"; DROP TABLE x;--', 'x_2_2']);
    expect(notes[1][0]).toMatch(/no name for column 2/);
    expect(notes[2][0]).toMatch(/appears more than once/);
  });

  it('quotes integers beyond 2^53 before JSON.parse, and leaves strings alone', () => {
    expect(
      JSON.parse(protectBigIntegers('{"a": 12345678901234567890, "b": "12345678901234567890", "c": 1.5}')),
    ).toEqual({ a: '12345678901234567890', b: '12345678901234567890', c: 1.5 });
    expect(JSON.parse(protectBigIntegers('{"a": 9007199254740991, "s": "x\\"12345678901234567890"}'))).toEqual({
      a: 9007199254740991,
      s: 'x"12345678901234567890',
    });
  });
});
