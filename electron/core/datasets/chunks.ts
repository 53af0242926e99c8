// Packed column chunks, built while rows stream in (see migrations/0007_column_chunks.sql): per column,
// the finite values of a run of rows as a Float64Array, with counts of what is not finite. A chunk holds
// exactly what reading the stored row values back as numbers gives (values.ts#toNumber: NULL and
// missing-value words are missing, NaN/inf spellings count apart; a REAL −0 reads back as 0). A column
// that meets a value that is not a number (text, a date, a boolean) stops being chunked; the import
// keeps the chunks of the columns whose kind ends up integer or float.
import { FLOAT, INT, MISSING, NA_WORD, NAN, NEGINF, POSINF } from './infer';

/** One sealed chunk, ready to be written beside the rows it covers. */
export interface PackedChunk {
  ordinal: number;
  chunk: number;
  rows: number;
  missing: number;
  nan: number;
  posInf: number;
  negInf: number;
  /** The finite values, in row order: a view of the column's array (its buffer goes to the insert thread, and comes back through `recycle`). */
  vals: Float64Array;
}

/** Values held per column before a chunk is sealed: 64k rows for narrow files, fewer when there are many columns (≈ 32 MB in all). */
export function chunkRowsFor(columns: number): number {
  return Math.max(1024, Math.min(65536, Math.floor(4_000_000 / Math.max(1, columns))));
}

class ColumnState {
  vals: Float64Array;
  n = 0;
  rows = 0;
  missing = 0;
  nan = 0;
  posInf = 0;
  negInf = 0;
  chunk = 0;
  ok = true;
  constructor(size: number) {
    this.vals = new Float64Array(size);
  }
}

export class ColumnChunker {
  private cols: ColumnState[] = [];
  private sealed: PackedChunk[] = [];
  private readonly size: number;
  /**
   * Arrays of written chunks, handed back by the insert target (`recycle`): a sealed chunk leaves in
   * its column's array and the column goes on in one of these. A fresh 512 KB array per chunk is fresh
   * pages, and page faults cost this VM ~20 µs each (26k per 1M-row import: 0.5 CPU-s in a harness).
   */
  private spare: Float64Array[] = [];

  constructor(expectedColumns: number) {
    this.size = chunkRowsFor(expectedColumns);
  }

  /** Columns added after `rows` rows (JSON Lines keys first seen late): those rows are missing. */
  addColumns(count: number, rows: number): void {
    for (let k = 0; k < count; k++) {
      const c = new ColumnState(this.size);
      this.cols.push(c);
      for (let r = 0; r < rows; r++) this.missingValue(this.cols.length - 1);
    }
  }

  /** Whether column i still holds only numbers (and missing / NaN / inf). */
  ok(i: number): boolean {
    return this.cols[i].ok;
  }

  /**
   * One value of column i: its class (infer.ts) and number. `storedNumber`: bound as a number (REAL or
   * INTEGER), whose −0 SQLite gives back as 0; text keeps its sign.
   */
  put(i: number, tok: number, x: number, storedNumber: boolean): void {
    const c = this.cols[i];
    if (!c.ok) return;
    if (tok === INT || tok === FLOAT) {
      if (x === Infinity) c.posInf++;
      else if (x === -Infinity) c.negInf++;
      else if (x !== x)
        c.missing++; // a NaN bound as a number is stored as NULL
      else c.vals[c.n++] = storedNumber ? x + 0 : x;
    } else if (tok === MISSING || tok === NA_WORD) c.missing++;
    else if (tok === NAN) c.nan++;
    else if (tok === POSINF) c.posInf++;
    else if (tok === NEGINF) c.negInf++;
    else {
      // Not a number: this column is read from its rows.
      c.ok = false;
      c.vals = new Float64Array(0);
      return;
    }
    if (++c.rows === this.size) this.seal(i);
  }

  /**
   * Rows [0, rows) of column i in a batch of scanned records, its field of row r at `base + r * stride`:
   * plain numbers (class INT or FLOAT, `| 32` when stored as a number) or missing only, as `put` takes them.
   */
  putScanned(i: number, toks: Uint8Array, xs: Float64Array, base: number, stride: number, rows: number): void {
    const c = this.cols[i];
    if (!c.ok) return;
    for (let r = 0, f = base; r < rows; r++, f += stride) {
      const t = toks[f];
      if ((t & 31) - 1 === MISSING) c.missing++;
      else c.vals[c.n++] = (t & 32) !== 0 ? xs[f] + 0 : xs[f];
      if (++c.rows === this.size) this.seal(i);
    }
  }

  missingValue(i: number): void {
    this.put(i, MISSING, NaN, false);
  }

  /** Chunks sealed since the last call (each is sent with the rows that complete it). */
  take(): PackedChunk[] {
    const out = this.sealed;
    this.sealed = [];
    return out;
  }

  /** Values arrays of chunks that are written: used again for the next chunks. */
  recycle(vals: Float64Array[]): void {
    for (const v of vals) {
      if (v.buffer.byteLength === this.size * 8 && this.spare.length < 2 * this.cols.length)
        this.spare.push(new Float64Array(v.buffer));
    }
  }

  /** Seals every partly filled chunk (after the last row). */
  finish(): void {
    this.cols.forEach((c, i) => {
      if (c.ok && c.rows > 0) this.seal(i, false);
    });
  }

  private seal(i: number, more = true): void {
    const c = this.cols[i];
    this.sealed.push({
      ordinal: i,
      chunk: c.chunk++,
      rows: c.rows,
      missing: c.missing,
      nan: c.nan,
      posInf: c.posInf,
      negInf: c.negInf,
      vals: c.vals.subarray(0, c.n),
    });
    c.vals = more ? (this.spare.pop() ?? new Float64Array(this.size)) : new Float64Array(0);
    c.n = c.rows = c.missing = c.nan = c.posInf = c.negInf = 0;
  }
}
