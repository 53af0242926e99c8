// Classifying values that arrive typed (Parquet, JSON): the file's own types are trusted — a string
// stays text even when it looks like a number — except that ISO dates, NaN/inf spellings and
// missing-value words ("NA", "null"…: missing in a typed column, see infer.ts decideKind) in strings
// are recognized. Integers beyond ±2^53 are kept exactly, as text.
import type { StoredValue } from '../../workspace/queries/datasets';
import { BOOL, classify, DATE, FLOAT, INT, MISSING, NAN, NEGINF, POSINF, TEXT } from '../infer';
import { datetimeMillis } from '../values';

/** Reusable per-row buffers handed to DatasetSink.pushTyped. */
export class TypedRow {
  toks: Uint8Array;
  stored: StoredValue[];
  xs: Float64Array;
  constructor(columns: number) {
    this.toks = new Uint8Array(columns);
    this.stored = new Array(columns).fill(null);
    this.xs = new Float64Array(columns);
  }
  grow(columns: number): void {
    if (columns <= this.toks.length) return;
    const t = new Uint8Array(columns * 2);
    t.set(this.toks);
    const x = new Float64Array(columns * 2);
    x.set(this.xs);
    this.toks = t;
    this.xs = x;
  }

  /** Sets column i from a JS value; `integral` says whether the file declares an integer type (undefined: judge by value). */
  set(i: number, v: unknown, integral?: boolean): void {
    typedCell(v, integral);
    this.toks[i] = cell.tok;
    this.stored[i] = cell.stored;
    this.xs[i] = cell.x;
  }

  /** A number literal beyond the double range (1e999, 1e-999): stored as written, read as ±inf or 0. */
  setOutOfRange(i: number, literal: string): void {
    const x = Number(literal);
    this.toks[i] = x === Infinity ? POSINF : x === -Infinity ? NEGINF : FLOAT;
    this.stored[i] = literal;
    this.xs[i] = x;
  }
}

/** The last value classified by typedCell (reused: no allocation per value). */
export const cell: { tok: number; stored: StoredValue; x: number } = { tok: TEXT, stored: null, x: NaN };

function put(tok: number, stored: StoredValue, x = NaN): void {
  cell.tok = tok;
  cell.stored = stored;
  cell.x = x;
}

/** Classifies one typed value into `cell`; `integral` says whether the file declares an integer type (undefined: judge by value). */
export function typedCell(v: unknown, integral?: boolean): void {
  switch (typeof v) {
    case 'number':
      if (Number.isNaN(v)) return put(NAN, 'NaN');
      if (v === Infinity) return put(POSINF, 'inf');
      if (v === -Infinity) return put(NEGINF, '-inf');
      if (Number.isSafeInteger(v) && (integral ?? true)) return put(INT, v, v);
      // A typed double has no text to preserve: REAL keeps it exactly.
      return put(FLOAT, v, v);
    case 'bigint':
      if (v >= -9007199254740991n && v <= 9007199254740991n) return put(INT, Number(v), Number(v));
      // Beyond ±2^53: exact digits as text; still an integer when the file declares the column one.
      return put(integral ? INT : TEXT, v.toString(), Number(v));
    case 'string': {
      // A typed empty string is a value (""), not a missing one: only null and absent keys are missing.
      if (v === '') return put(TEXT, '');
      const t = classify(v);
      const tok = t === INT || t === FLOAT || t === BOOL ? TEXT : t;
      return put(tok, tok === MISSING ? null : v, tok === DATE ? (datetimeMillis(v) ?? NaN) : NaN);
    }
    case 'boolean':
      return put(BOOL, v ? 'true' : 'false');
    case 'undefined':
      return put(MISSING, null);
    default:
      if (v === null) return put(MISSING, null);
      if (v instanceof Date) {
        const x = v.getTime();
        return Number.isNaN(x) ? put(TEXT, String(v), x) : put(DATE, v.toISOString(), x);
      }
      if (v instanceof Uint8Array) return put(TEXT, Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex'));
      return put(
        TEXT,
        JSON.stringify(v, (_k, y) => (typeof y === 'bigint' ? y.toString() : y)),
      );
  }
}
