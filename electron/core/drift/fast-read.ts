// Fast numerical column reads for drift (which wants all values, in any order, sorted): several
// columns per table scan, in row ranges (bounded string sizes), SQLite joining each column's values
// into one text that JS parses in place (no string per value). Parsing follows datasets/values.ts#toNumber exactly:
// the fast path computes plain decimals directly; anything else (NaN/inf spellings, hex-looking or
// padded text) goes through toNumber. REAL cells (typed doubles from Parquet/JSON) are rendered by
// SQLite with 17 significant digits, so they come back as the same double (-0 as 0).
// Runs in the core or in a child process (pure + a db handle).

import { sortFinite } from '../../../shared/math/drift-profile/sort';
import type { ChunkedColumn } from '../datasets/chunk-read';
import { toNumber } from '../datasets/values';

export interface SortedNumeric {
  sorted: Float64Array;
  missing: number;
  nan: number;
  posInf: number;
  negInf: number;
}

export type ColumnTextReader = (
  ordinals: number[],
  afterRowid: number,
  uptoRowid: number,
) => { count: number; texts: string[] };

/** Rows per scan: keeps each joined text well under SQLite's 1 GB string limit and memory bounded. */
const ROWS_PER_SCAN = 2_000_000;
const COLUMNS_PER_SCAN = 500;

export function readSortedNumeric(
  read: ColumnTextReader,
  ordinals: number[],
  maxRowid: number,
  rows: number,
): SortedNumeric[] {
  return readNumericText(read, ordinals, maxRowid, rows).map((o) => ({ ...o, sorted: sortFinite(o.values) }));
}

/** As readSortedNumeric, the finite values left in row order (unsorted). */
export function readNumericText(
  read: ColumnTextReader,
  ordinals: number[],
  maxRowid: number,
  rows: number,
): ChunkedColumn[] {
  const out = ordinals.map(() => ({ values: new Float64Array(rows), n: 0, missing: 0, nan: 0, posInf: 0, negInf: 0 }));
  for (let after = 0; after < maxRowid; after += ROWS_PER_SCAN) {
    // SQLite allows 2,000 result columns: wide datasets are read in slices of columns.
    for (let c = 0; c < ordinals.length; c += COLUMNS_PER_SCAN) {
      const { count, texts } = read(
        ordinals.slice(c, c + COLUMNS_PER_SCAN),
        after,
        Math.min(maxRowid, after + ROWS_PER_SCAN),
      );
      if (count > 0) texts.forEach((text, k) => parseInto(text, out[c + k]));
    }
  }
  return out.map((o) => ({
    values: o.values.subarray(0, o.n),
    missing: o.missing,
    nan: o.nan,
    posInf: o.posInf,
    negInf: o.negInf,
  }));
}

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i); // exact doubles up to 1e22
const MAX_MANTISSA = 2 ** 53;

type Acc = { values: Float64Array; n: number; missing: number; nan: number; posInf: number; negInf: number };

/**
 * Parses comma-separated fields without making a string per value. Plain decimals whose digits fit
 * in 2^53 with a power of ten up to 1e22 are computed as m × 10^e or m / 10^e — one correctly
 * rounded operation (Clinger's fast path, what strtod does first), so the double is exactly
 * Number(text). Everything else is handed to Number / toNumber on the substring.
 */
function parseInto(text: string, o: Acc): void {
  const len = text.length;
  let i = 0;
  for (;;) {
    let end = text.indexOf(',', i);
    if (end < 0) end = len;
    if (end === i) o.missing++;
    else {
      const x = fastDecimal(text, i, end);
      if (x === undefined) slow(text.slice(i, end), o);
      else push(o, x);
    }
    if (end >= len) return;
    i = end + 1;
  }
}

function fastDecimal(t: string, start: number, end: number): number | undefined {
  let i = start;
  let c = t.charCodeAt(i);
  let neg = false;
  if (c === 45 || c === 43) {
    neg = c === 45;
    i++;
  }
  let m = 0;
  let digits = 0;
  let scale = 0;
  let dot = false;
  for (; i < end; i++) {
    c = t.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      digits++;
      if (dot) scale--;
      if (m >= MAX_MANTISSA) return undefined;
    } else if (c === 46 && !dot) dot = true;
    else break;
  }
  if (digits === 0) return undefined;
  if (i < end) {
    if (c !== 101 && c !== 69) return undefined; // e / E
    i++;
    let eneg = false;
    c = t.charCodeAt(i);
    if (c === 45 || c === 43) {
      eneg = c === 45;
      i++;
    }
    let e = 0;
    let edigits = 0;
    for (; i < end; i++) {
      c = t.charCodeAt(i);
      if (c < 48 || c > 57 || e > 1000) return undefined;
      e = e * 10 + (c - 48);
      edigits++;
    }
    if (edigits === 0) return undefined;
    scale += eneg ? -e : e;
  }
  if (scale > 22 || scale < -22) return undefined;
  const v = scale >= 0 ? m * POW10[scale] : m / POW10[-scale];
  return neg ? -v : v;
}

function slow(s: string, o: Acc): void {
  const y = toNumber(s);
  if (y === null || y === undefined) o.missing++;
  else push(o, y);
}

function push(o: Acc, x: number): void {
  if (x === Infinity) o.posInf++;
  else if (x === -Infinity) o.negInf++;
  else if (x !== x) o.nan++;
  else {
    if (o.n === o.values.length) o.values = grow(o.values);
    o.values[o.n++] = x;
  }
}

function grow(a: Float64Array): Float64Array {
  const b = new Float64Array(Math.max(16, a.length * 2));
  b.set(a);
  return b;
}
