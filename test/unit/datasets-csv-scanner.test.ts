// The native CSV scanner (native/preflight_csv.c) splits plain records and classifies plain decimals;
// the JavaScript tokenizer takes every record it leaves. Together they must give exactly what the
// JavaScript tokenizer gives alone — records, values, lines, blank lines, number classes and values,
// errors, and the words.ts hash of every text short enough to be a word — on any text, cut into reads
// anywhere.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvScanner, csvScannerWhy } from '../../electron/core/datasets/native';
import { CsvTokenizer } from '../../electron/core/datasets/readers/csv-tokenizer';
import { scanned, scanNumber } from '../../electron/core/datasets/scan';
import { MAX_WORD_CHARS, wordHash } from '../../electron/core/datasets/words';

const scanner = csvScanner();
if (!scanner)
  console.log(
    `skipped: the native CSV scanner is not loaded (${csvScannerWhy}); CSV imports use the JavaScript tokenizer`,
  );

interface Outcome {
  records: { line: number; fields: [string, number, number, boolean][] }[];
  blankLines: number;
  error: string | null;
  native: number;
}

/** Every record with its line, and each field's value and number scan, through one tokenizer. */
function run(text: string, reads: number[], skipBlankLines: boolean, withScanner: boolean, delimiter = 44): Outcome {
  const out: Outcome = { records: [], blankLines: 0, error: null, native: 0 };
  const t: CsvTokenizer = new CsvTokenizer(
    delimiter,
    (count, line) => {
      const pre = t.scannedToks;
      if (pre) out.native++;
      const fields = Array.from({ length: count }, (_, i): [string, number, number, boolean] => {
        const a = t.starts[i];
        if (a < 0) return [t.value(i), -1, NaN, false];
        let tok: number;
        if (pre) {
          const k = pre[t.scanBase + i];
          tok = (k & 31) - 1;
          scanned.x = t.scannedXs![t.scanBase + i];
          scanned.exact = (k & 32) !== 0;
        } else tok = scanNumber(t.buffer, a, t.ends[i]);
        const number = tok === 1 || tok === 2; // INT, FLOAT: x and exact mean something
        // Not a number, and short enough to be a word: the scanner gives words.ts's hash of it.
        if (tok < 0 && t.ends[i] - a <= MAX_WORD_CHARS)
          return [t.value(i), tok, pre ? t.scannedXs![t.scanBase + i] : wordHash(t.buffer, a, t.ends[i]), false];
        return [t.value(i), tok, number ? scanned.x : NaN, number && scanned.exact];
      });
      out.records.push({ line, fields });
    },
    1 << 20,
    withScanner ? scanner : null,
  );
  t.skipBlankLines = skipBlankLines;
  try {
    let at = 0;
    for (const n of reads) {
      if (at >= text.length) break;
      t.feed(text.slice(at, at + n));
      at += n;
    }
    if (at < text.length) t.feed(text.slice(at));
    t.end();
  } catch (err) {
    out.error = String((err as Error).message);
  }
  out.blankLines = t.blankLines;
  return out;
}

const piece = fc.constantFrom(
  ',',
  '\n',
  '\r\n',
  '\r',
  '"',
  '""',
  'a',
  'é',
  '😀',
  ' ',
  '12',
  '-3',
  '+4',
  '0.50',
  '1.25',
  '007',
  '.',
  '0',
  '1e5',
  '123456789012345678',
  '-0',
  '0.0000001',
);
const quotedField = fc
  .array(fc.constantFrom('x', ',', '\n', '\r\n', '""', '3.5', '42', ' '), { maxLength: 4 })
  .map((p) => `"${p.join('')}"`);
const text = fc.array(fc.oneof(piece, piece, quotedField), { maxLength: 60 }).map((p) => p.join(''));

describe.skipIf(!scanner)('native CSV scanner', () => {
  it('gives what the JavaScript tokenizer gives, on any text cut into any reads', () => {
    fc.assert(
      fc.property(
        text,
        fc.array(fc.integer({ min: 1, max: 17 }), { minLength: 1, maxLength: 20 }),
        fc.boolean(),
        (t, reads, skip) => {
          const native = run(t, reads, skip, true);
          const js = run(t, reads, skip, false);
          expect(js.native).toBe(0);
          expect({ ...native, native: 0 }).toEqual(js);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('takes the plain records itself, and leaves doubled quotes, blank lines and errors to JavaScript', () => {
    const t = 'a,b,c\n1,2.50,"x"\n\n"say ""hi""",-0,7\r\n8,"multi\nline",9.125\n';
    const native = run(t, [t.length], true, true);
    expect(native.native).toBe(3); // the header and the two plain records
    expect(native.records.map((r) => r.line)).toEqual([1, 2, 4, 5]);
    expect(native.records[1].fields).toEqual([
      ['1', 1, 1, true],
      ['2.50', 2, 2.5, false],
      ['x', -1, wordHash('x', 0, 1), false],
    ]);
    expect(native.records[3].fields[2]).toEqual(['9.125', 2, 9.125, true]);
    expect(native.blankLines).toBe(1);
    expect({ ...native, native: 0 }).toEqual(run(t, [t.length], true, false));
    for (const bad of ['a,b\n1,"open\n2,3\n', 'a,b\n"x"y,2\n']) {
      const n = run(bad, [5, 5, 100], true, true);
      expect(n.error).toMatch(/^line 2: /);
      expect(n.error).toBe(run(bad, [5, 5, 100], true, false).error);
    }
  });

  it('splits tab-separated text and gives every field of a wide record', () => {
    const wide = Array.from({ length: 3000 }, (_, i) => String(i * 1.5)).join('\t');
    const t = `${wide}\n${wide}\n`;
    const native = run(t, [4096, 4096, 100_000], true, true, 9);
    expect(native.native).toBe(2);
    expect(native.records[1].fields).toHaveLength(3000);
    expect(native.records[1].fields[3]).toEqual(['4.5', 2, 4.5, true]);
    expect({ ...native, native: 0 }).toEqual(run(t, [4096, 4096, 100_000], true, false, 9));
    // A record wider than the scanner's arrays (65,536 fields) is left to JavaScript, the rest is not.
    const wider = `${Array.from({ length: 70_000 }, (_, i) => i % 10).join(',')}\n1,2\n`;
    const w = run(wider, [1 << 20], true, true);
    expect(w.records.map((r) => r.fields.length)).toEqual([70_000, 2]);
    expect(w.native).toBe(1);
    expect({ ...w, native: 0 }).toEqual(run(wider, [1 << 20], true, false));
  });
});
