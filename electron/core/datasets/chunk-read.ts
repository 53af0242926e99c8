// Reading a numerical column from its packed chunks (chunks.ts, migrations/0007): a few large blob
// reads copied straight into one Float64Array — no value passes through a JS string or a row. Runs in
// the core or in a child process (a db handle is all it needs).
import os from 'node:os';
import type Database from 'better-sqlite3';
import { columnChunks } from '../workspace/queries/datasets';

export interface ChunkedColumn {
  /** Finite values in row order. */
  values: Float64Array;
  missing: number;
  nan: number;
  posInf: number;
  negInf: number;
}

/** The blobs hold little-endian doubles: a big-endian machine reads rows instead. */
export const CHUNKS_READABLE = os.endianness() === 'LE';

/**
 * Every value of the column whose chunks carry `importKey`; `rows` (the dataset's) sizes the array.
 * `into`: an array the caller is done with, reused when big enough (fresh memory is faulted in page by
 * page — on a small VM that costs more than the read).
 */
export function readChunkedColumn(
  db: Database.Database,
  importKey: string,
  ordinal: number,
  rows: number,
  into?: Float64Array,
): ChunkedColumn {
  let values = into && into.length >= rows ? into : new Float64Array(rows);
  let bytes = new Uint8Array(values.buffer, values.byteOffset, values.length * 8);
  let n = 0;
  const out = { missing: 0, nan: 0, posInf: 0, negInf: 0 };
  for (const c of columnChunks(db, importKey, ordinal)) {
    const k = c.vals.byteLength / 8;
    if (n + k > values.length) {
      const grown = new Float64Array(Math.max(n + k, values.length * 2));
      grown.set(values.subarray(0, n));
      values = grown;
      bytes = new Uint8Array(values.buffer, values.byteOffset, values.length * 8);
    }
    bytes.set(c.vals, n * 8);
    n += k;
    out.missing += c.missing;
    out.nan += c.nan;
    out.posInf += c.posInf;
    out.negInf += c.negInf;
  }
  return { values: values.subarray(0, n), ...out };
}
